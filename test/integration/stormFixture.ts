// A diagnostic storm published through the real diagnostics API of the
// extension host: 2,000 files with 25 diagnostics each (50,000) in one change,
// then cleared. Shared by the storm test and the storm benchmark.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

export const STORM_FILES = 2_000;
export const STORM_PER_FILE = 25;
export const STORM_ROUNDS = 10;
// Codes of a listed tool, so the closed vocabularies keep them: TS7000-TS7024, which no
// test document in the workspace produces.
export const STORM_SOURCE = 'ts';
export const stormCode = (i: number): string => `TS${7000 + i}`;

/** The storm's entries: one change of 50,000 diagnostics over 2,000 files under `root`. */
export function stormEntries(root: vscode.Uri): Array<[vscode.Uri, vscode.Diagnostic[]]> {
  const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
  for (let file = 0; file < STORM_FILES; file++) {
    const diagnostics: vscode.Diagnostic[] = [];
    for (let i = 0; i < STORM_PER_FILE; i++) {
      const d = new vscode.Diagnostic(new vscode.Range(i, 0, i, 4), `storm ${i}`, vscode.DiagnosticSeverity.Error);
      d.source = STORM_SOURCE;
      d.code = stormCode(i);
      diagnostics.push(d);
    }
    entries.push([vscode.Uri.joinPath(root, 'storm', `file${file}.ts`), diagnostics]);
  }
  return entries;
}

/** A round trip through the workbench (renderer) and back: answered only if the host's event loop runs. */
export async function workbenchRoundTrip(round: number): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'candor.stormRound', round);
}

/** Heap used after a full garbage collection (the extension host does not expose gc; it is enabled here). */
export function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Counts event-loop turns of a 10 ms timer: grows only while the loop is free to run timers. */
export class Heartbeat implements vscode.Disposable {
  beats = 0;
  private readonly timer = setInterval(() => {
    this.beats++;
  }, 10);

  dispose(): void {
    clearInterval(this.timer);
  }
}
