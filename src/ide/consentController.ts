// Holds the live consent decision. When any input changes it decides again,
// and tells its listeners what changed (so pending data above the new level is
// purged, the indicator updates and uploads stop) within the same tick.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { decideConsent, extensionsDropped, levelDropped } from '../core/consent';
import type { Category, ConsentDecision, ConsentInputs } from '../core/types';
import type { ConsentInputsReader } from './consentInputs';

export interface ConsentChange {
  readonly before: ConsentDecision;
  readonly after: ConsentDecision;
  readonly inputs: ConsentInputs;
  /** Categories no longer allowed: their pending data must be purged. */
  readonly dropped: readonly Category[];
  /** Extensions just switched off (lowercased ids): their pending data must be purged. */
  readonly droppedExtensions: readonly string[];
}

function sameDecision(a: ConsentDecision, b: ConsentDecision): boolean {
  return (
    a.level === b.level &&
    a.state === b.state &&
    a.reason === b.reason &&
    a.categories.usage === b.categories.usage &&
    a.categories.errors === b.categories.errors &&
    (a.extensionsOff ?? []).join(',') === (b.extensionsOff ?? []).join(',')
  );
}

export class ConsentController extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<ConsentChange>());
  readonly onDidChange = this.emitter.event;
  private current: ConsentDecision;
  private currentInputs: ConsentInputs;

  constructor(private readonly reader: ConsentInputsReader) {
    super();
    this.currentInputs = reader.read();
    this.current = decideConsent(this.currentInputs);
    reader.onDidChange(() => this.reevaluate(), this, this._disposables);
  }

  get decision(): ConsentDecision {
    return this.current;
  }

  get inputs(): ConsentInputs {
    return this.currentInputs;
  }

  reevaluate(): void {
    const inputs = this.reader.read();
    const after = decideConsent(inputs);
    const before = this.current;
    this.currentInputs = inputs;
    if (sameDecision(before, after)) {
      return;
    }
    this.current = after;
    this.emitter.fire({
      before,
      after,
      inputs,
      dropped: levelDropped(before, after),
      droppedExtensions: extensionsDropped(before, after),
    });
  }
}
