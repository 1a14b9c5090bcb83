// Says clearly when `candor.endpoint` holds something Candor will not upload to
// (src/core/upload/endpoint.ts decides), at start and whenever it changes, once
// per value. Reports then stay on this machine. The words name the problem,
// never the value.
import * as vscode from 'vscode';
import { parseEndpoint, type EndpointProblem } from '../core/upload/endpoint';
import { readSettings } from './consentInputs';

/** The warning for an endpoint Candor refuses; undefined when it is empty or usable. */
export function endpointWarning(endpoint: string): string | undefined {
  const parsed = parseEndpoint(endpoint);
  if (parsed.ok || parsed.problem === 'not-configured') {
    return undefined;
  }
  return vscode.l10n.t(
    'Candor will not upload to the endpoint in candor.endpoint: {0} Reports stay on this machine.',
    problemWords(parsed.problem),
  );
}

/** The problem in the display language; the core's English reason stays for the upload log. */
function problemWords(problem: Exclude<EndpointProblem, 'not-configured'>): string {
  switch (problem) {
    case 'invalid-url':
      return vscode.l10n.t('The endpoint is not a valid URL.');
    case 'unsupported-scheme':
      return vscode.l10n.t('The endpoint must use https://.');
    case 'plain-http':
      return vscode.l10n.t(
        'Plain http:// is refused: reports are only sent over https:// (http:// is allowed to loopback addresses only).',
      );
    case 'credentials':
      return vscode.l10n.t('The endpoint must not contain a user name or password.');
    case 'query-or-fragment':
      return vscode.l10n.t('The endpoint must not contain a query (?…) or a fragment (#…).');
  }
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
