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
      ? vscode.l10n.t('Candor telemetry is on. Run "Candor: Show Telemetry Payloads" to see exactly what is recorded.')
      : vscode.l10n.t('Candor telemetry is off. Nothing more will be recorded.'),
  );
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
          { label: 'JSON', format: 'json' as const, description: vscode.l10n.t('everything, structured') },
          { label: 'CSV', format: 'csv' as const, description: vscode.l10n.t('counters, one row each') },
        ],
        { title: vscode.l10n.t('Export Candor telemetry data'), placeHolder: vscode.l10n.t('Choose a format') },
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
      title: vscode.l10n.t('Export Candor telemetry data'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: chosen === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
    }));
  if (!uri) {
    return undefined;
  }
  const text = await target.exportText(chosen);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Candor exported {0} bytes of telemetry data to the file you chose.', Buffer.byteLength(text)),
  );
  return uri;
}

/** Says exactly how much will go, asks, then deletes everything. */
export async function deleteAllData(target: CommandTarget): Promise<boolean> {
  const stats = await target.stats();
  const events =
    stats.events === 1 ? vscode.l10n.t('1 recorded event') : vscode.l10n.t('{0} recorded events', stats.events);
  const counters = stats.counters === 1 ? vscode.l10n.t('1 counter') : vscode.l10n.t('{0} counters', stats.counters);
  const days = stats.days === 1 ? vscode.l10n.t('1 day') : vscode.l10n.t('{0} days', stats.days);
  const reports =
    stats.pendingReports === 1
      ? vscode.l10n.t('1 pending report')
      : vscode.l10n.t('{0} pending reports', stats.pendingReports);
  const detail = vscode.l10n.t(
    'This deletes {0} in {1} over {2}, and {3}, from this machine. It cannot be undone.',
    events,
    counters,
    days,
    reports,
  );
  const deleteAll = vscode.l10n.t('Delete All');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete all Candor telemetry data?'),
    { modal: true, detail },
    deleteAll,
  );
  if (choice !== deleteAll) {
    return false;
  }
  await target.deleteAllData();
  void vscode.window.showInformationMessage(vscode.l10n.t('Candor deleted all its telemetry data from this machine.'));
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
        void vscode.window.showErrorMessage(vscode.l10n.t('Candor: {0}', describeError(error)));
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
