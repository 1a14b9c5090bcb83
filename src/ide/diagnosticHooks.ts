// Turns diagnostics into `ide.error` events. Diagnostics change on every
// keystroke, so: a (source, code, severity) counts when it *appears* in a
// document, not again while it stays; changes are debounced; each pass only
// looks at the documents that changed; and a code that appears in many
// documents in one pass (a rebuild of the whole project) counts once for that
// pass, so a storm of diagnostics costs a handful of events, not one per file.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { mapDiagnostic, mapSeverity } from '../core/errorCodes';
import type { HookSink } from './hookSink';

export const DIAGNOSTIC_DEBOUNCE_MS = 500;
/** Upper bound on documents remembered, so memory stays bounded in huge workspaces. */
const MAX_DOCUMENTS = 5000;
/** Information and hints are advice, not failures. */
const RECORDED_SEVERITIES = new Set([vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning]);

export class DiagnosticHooks extends Disposable {
  /** Document → the mapped keys present in it at the last pass (in memory only). */
  private readonly present = new Map<string, Set<string>>();
  private readonly changed = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sink: HookSink, private readonly debounceMs = DIAGNOSTIC_DEBOUNCE_MS) {
    super();
    vscode.languages.onDidChangeDiagnostics((e) => this.onChange(e), this, this._disposables);
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  private onChange(event: vscode.DiagnosticChangeEvent): void {
    for (const uri of event.uris) this.changed.set(uri.toString(), uri);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.processChanged();
        } catch {
          // Telemetry never throws into the editor; the next change is looked at afresh.
        }
      }, this.debounceMs);
    }
  }

  private processChanged(): void {
    const batch = [...this.changed];
    this.changed.clear();
    const appeared = new Set<string>();
    for (const [key, uri] of batch) {
      const now = this.keysOf(vscode.languages.getDiagnostics(uri));
      const before = this.present.get(key);
      for (const entry of now) {
        if (!before?.has(entry)) appeared.add(entry);
      }
      this.present.delete(key);
      if (now.size > 0) this.present.set(key, now);
    }
    for (const entry of appeared) this.emit(entry);
    while (this.present.size > MAX_DOCUMENTS) {
      const oldest = this.present.keys().next().value;
      if (oldest === undefined) break;
      this.present.delete(oldest);
    }
  }

  private keysOf(diagnostics: readonly vscode.Diagnostic[]): Set<string> {
    const keys = new Set<string>();
    for (const d of diagnostics) {
      if (!RECORDED_SEVERITIES.has(d.severity)) continue;
      // mapDiagnostic keeps only the value of a `{ value, target }` code.
      const mapped = mapDiagnostic(d.source, d.code);
      keys.add(JSON.stringify([mapped.source, mapped.code, mapSeverity(d.severity)]));
    }
    return keys;
  }

  private emit(entry: string): void {
    const [source, code, severity] = JSON.parse(entry) as [string, string, string];
    this.sink.record('ide.error', { origin: 'diagnostic', source, code, severity });
  }
}
