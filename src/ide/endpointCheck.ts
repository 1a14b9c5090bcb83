// Says clearly when `candor.endpoint` holds something Candor will not upload to
// (src/core/upload/endpoint.ts decides), at start and whenever it changes, once
// per value. Reports then stay on this machine. The words name the problem,
// never the value.
import * as vscode from 'vscode';
import { parseEndpoint } from '../core/upload/endpoint';
import { readSettings } from './consentInputs';

/** The warning for an endpoint Candor refuses; undefined when it is empty or usable. */
export function endpointWarning(endpoint: string): string | undefined {
  const parsed = parseEndpoint(endpoint);
  if (parsed.ok || parsed.problem === 'not-configured') {
    return undefined;
  }
  return vscode.l10n.t(
    'Candor will not upload to the endpoint in candor.endpoint: {0} Reports stay on this machine.',
    parsed.reason,
  );
}

export function watchEndpointSetting(log: vscode.LogOutputChannel): vscode.Disposable {
  let told: string | undefined;
  const check = (): void => {
    const endpoint = readSettings().endpoint;
    const warning = endpointWarning(endpoint);
    if (warning === undefined || endpoint === told) {
      told = warning === undefined ? undefined : told;
      return;
    }
    told = endpoint;
    log.warn(warning);
    void vscode.window.showWarningMessage(warning, vscode.l10n.t('Open Setting')).then((choice) => {
      if (choice !== undefined) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'candor.endpoint');
      }
    });
  };
  check();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('candor.endpoint')) {
      check();
    }
  });
}
