// Opens the per-user sql.js store in the extension's global storage. A damaged
// file is moved aside by the store; the user is told once. If storage cannot be
// opened at all, Candor keeps running (nothing is recorded) and says why.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CandorStore, type RecoveryNotice } from '../core/store';
import { describeError } from '../core/describeError';
import { readSettings } from './consentInputs';

export interface StoreHostOptions {
  readonly dir: string;
  readonly wasmPath: string;
  readonly retentionDays: number;
  readonly log: vscode.LogOutputChannel;
  readonly now?: () => number;
}

export async function openStore(options: StoreHostOptions): Promise<CandorStore | undefined> {
  const onRecovered = (notice: RecoveryNotice): void => {
    // Never the path it was moved to: the folder can name the user.
    options.log.warn(
      `Damaged ${notice.kind} moved aside in Candor's storage folder (${notice.kind === 'database' ? 'database-damaged' : 'segment-damaged'}: ${notice.reason}); a fresh one was started.`,
    );
    if (notice.kind === 'database') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Candor could not read its telemetry database, so it moved the damaged file aside and started a fresh one. No action is needed.',
        ),
      );
    }
  };
  try {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    return await CandorStore.open({
      dir: options.dir,
      wasmPath: options.wasmPath,
      retentionDays: options.retentionDays,
      onRecovered,
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    options.log.error(`Telemetry storage is unavailable: ${describeError(error)}`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Candor cannot open its local storage, so nothing will be recorded in this window. See the Candor output for details.',
      ),
    );
    return undefined;
  }
}

/** Fires with the number of days to keep whenever `candor.retentionDays` changes. */
export const onDidChangeRetentionDays: vscode.Event<number> = (
  listener,
  thisArgs?: unknown,
  disposables?: vscode.Disposable[],
) =>
  vscode.workspace.onDidChangeConfiguration(
    (e) => {
      if (e.affectsConfiguration('candor.retentionDays')) {
        listener.call(thisArgs, readSettings().retentionDays);
      }
    },
    undefined,
    disposables,
  );
