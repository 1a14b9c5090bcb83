// Candor's palette commands: enable, disable, export, delete all, show the
// policy and the payload view. Each one tells the user what happened.
import * as vscode from 'vscode';
import type { StoreStats } from '../core/store';
import { describeError } from '../core/describeError';

export interface CommandTarget {
  showPayloads(): void;
  showPolicy(): Promise<void>;
  stats(): Promise<StoreStats>;
  exportText(format: 'json' | 'csv'): Promise<string>;
  deleteAllData(): Promise<void>;
}

async function setEnabled(value: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('candor').update('enabled', value, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(
    value
      ? 'Candor telemetry is on. Run "Candor: Show Telemetry Payloads" to see exactly what is recorded.'
      : 'Candor telemetry is off. Nothing more will be recorded.',
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Asks where to save (unless told), then writes every stored byte as JSON or CSV. */
export async function exportAllData(
  target: CommandTarget,
  format?: 'json' | 'csv',
  destination?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const chosen =
    format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'JSON', format: 'json' as const, description: 'everything, structured' },
          { label: 'CSV', format: 'csv' as const, description: 'counters, one row each' },
        ],
        { title: 'Export Candor telemetry data', placeHolder: 'Choose a format' },
      )
    )?.format;
  if (!chosen) {
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `candor-telemetry-${new Date().toISOString().slice(0, 10)}.${chosen}`;
  const uri =
    destination ??
    (await vscode.window.showSaveDialog({
      title: 'Export Candor telemetry data',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: chosen === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      saveLabel: 'Export',
    }));
  if (!uri) {
    return undefined;
  }
  const text = await target.exportText(chosen);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(
    `Candor exported ${Buffer.byteLength(text)} bytes of telemetry data to the file you chose.`,
  );
  return uri;
}

/** Says exactly how much will go, asks, then deletes everything. */
export async function deleteAllData(target: CommandTarget): Promise<boolean> {
  const stats = await target.stats();
  const detail = `This deletes ${plural(stats.events, 'recorded event', 'recorded events')} in ${plural(stats.counters, 'counter', 'counters')} over ${plural(stats.days, 'day', 'days')}, and ${plural(stats.pendingReports, 'pending report', 'pending reports')}, from this machine. It cannot be undone.`;
  const choice = await vscode.window.showWarningMessage(
    'Delete all Candor telemetry data?',
    { modal: true, detail },
    'Delete All',
  );
  if (choice !== 'Delete All') {
    return false;
  }
  await target.deleteAllData();
  void vscode.window.showInformationMessage('Candor deleted all its telemetry data from this machine.');
  return true;
}

export function registerCommands(target: CommandTarget, report: (error: unknown) => void): vscode.Disposable[] {
  // A command never throws into VS Code: failures are logged and shown once.
  const safe =
    (run: (...args: unknown[]) => unknown) =>
    async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        report(error);
        void vscode.window.showErrorMessage(`Candor: ${describeError(error)}`);
        return undefined;
      }
    };
  return [
    vscode.commands.registerCommand(
      'candor.showPayloads',
      safe(() => target.showPayloads()),
    ),
    vscode.commands.registerCommand(
      'candor.enable',
      safe(() => setEnabled(true)),
    ),
    vscode.commands.registerCommand(
      'candor.disable',
      safe(() => setEnabled(false)),
    ),
    vscode.commands.registerCommand(
      'candor.exportData',
      // Scripts (and tests) may pass the format and the file: executeCommand('candor.exportData', 'json', uri).
      safe((format, destination) =>
        exportAllData(
          target,
          format === 'json' || format === 'csv' ? format : undefined,
          destination instanceof vscode.Uri ? destination : undefined,
        ),
      ),
    ),
    vscode.commands.registerCommand(
      'candor.deleteAllData',
      safe(() => deleteAllData(target)),
    ),
    vscode.commands.registerCommand(
      'candor.showPolicy',
      safe(() => target.showPolicy()),
    ),
  ];
}
