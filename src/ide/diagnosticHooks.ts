// Turns diagnostics into `ide.error` events. What counts (a problem appearing
// in a document, not staying there) is decided in
// src/core/hooks/diagnosticAppearances.ts; this debounces VS Code's changes and
// only looks again at the documents that changed.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { DiagnosticAppearances, type ChangedDocument } from '../core/hooks/diagnosticAppearances';
import type { HookSink } from './hookSink';

export const DIAGNOSTIC_DEBOUNCE_MS = 500;

export class DiagnosticHooks extends Disposable {
  private readonly appearances = new DiagnosticAppearances();
  private readonly changed = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: HookSink,
    private readonly debounceMs = DIAGNOSTIC_DEBOUNCE_MS,
  ) {
    super();
    vscode.languages.onDidChangeDiagnostics((e) => this.onChange(e), this, this._disposables);
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  private onChange(event: vscode.DiagnosticChangeEvent): void {
    for (const uri of event.uris) {
      this.changed.set(uri.toString(), uri);
    }
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
    for (const event of this.appearances.changed(currentDiagnostics(batch))) {
      this.sink.record(event.name, event.props);
    }
  }
}

/** Each changed document's diagnostics, read only when the pass reaches it. */
function* currentDiagnostics(batch: readonly (readonly [string, vscode.Uri])[]): Iterable<ChangedDocument> {
  for (const [key, uri] of batch) {
    yield [key, vscode.languages.getDiagnostics(uri)];
  }
}
