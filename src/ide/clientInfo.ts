import * as vscode from 'vscode';
import type { ClientInfo } from '../core/types';

/** The coarse facts a report carries about the client: never more precise than needed. */
export function readClientInfo(extensionVersion: string): ClientInfo {
  // major.minor only: the patch level adds nothing for maintainers and narrows the crowd.
  const [major, minor] = vscode.version.split('.');
  // Digits and dots only: a pre-release tag could carry a name, and the outbound gate withholds it.
  const extension = /^\d{1,6}(?:\.\d{1,6}){0,3}/.exec(extensionVersion)?.[0] ?? '0';
  return {
    extension,
    vscode: `${major}.${minor}`,
    os: process.platform,
    arch: process.arch,
    ui: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
  };
}
