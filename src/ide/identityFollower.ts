// Keeps the privacy guard's idea of who the user is current: the machine's
// account, home and host (read once, never throwing), plus the names of the
// open workspace folders and, in a remote window, the remote host, re-read
// whenever folders are added or removed. Only vscode *types* are used, so this
// runs and is tested in plain Node; src/extension.ts passes the real workspace.

import type * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { remoteAuthorityParts, type Identity } from '../core/guardIdentity';
import type { LivePrivacyGuard } from '../core/privacyGuard';

/** The part of a `vscode.WorkspaceFolder` the identity needs. */
export interface FolderLike {
  readonly name: string;
  readonly uri: { readonly scheme: string; readonly authority: string };
}

export interface WorkspaceLike {
  /** `vscode.workspace.workspaceFolders`. */
  folders(): readonly FolderLike[] | undefined;
  /** `vscode.env.remoteName`: set in a remote window (ssh-remote, wsl, dev-container, …). */
  readonly remoteName: string | undefined;
  readonly onDidChangeFolders: vscode.Event<unknown>;
}

/** The machine's identity together with what the workspace adds to it. */
export function workspaceIdentity(
  machine: Identity,
  workspace: Pick<WorkspaceLike, 'folders' | 'remoteName'>,
): Identity {
  const folders = workspace.folders() ?? [];
  const identity: Identity = { ...machine, workspaceFolderNames: folders.map((folder) => folder.name) };
  if (workspace.remoteName === undefined) {
    return identity;
  }
  // The authority of a remote folder ("ssh-remote+build07.acme.ch") names the remote machine. Where the
  // folders are local to the extension host (a browser-served VS Code), the remote name is the authority.
  const authority =
    folders.find((folder) => folder.uri.scheme === 'vscode-remote')?.uri.authority ??
    (/[.:+]/.test(workspace.remoteName) ? workspace.remoteName : undefined);
  const remote = authority === undefined ? {} : remoteAuthorityParts(authority);
  return {
    ...identity,
    ...(remote.host === undefined ? {} : { remoteHost: remote.host }),
    ...(remote.user === undefined ? {} : { remoteUser: remote.user }),
  };
}

export class IdentityFollower extends Disposable {
  constructor(
    private readonly guard: Pick<LivePrivacyGuard, 'setIdentity'>,
    private readonly machine: Identity,
    private readonly workspace: WorkspaceLike,
  ) {
    super();
    this.refresh();
    workspace.onDidChangeFolders(() => this.refresh(), undefined, this._disposables);
  }

  /** The identity the guard checks now. */
  get identity(): Identity {
    return workspaceIdentity(this.machine, this.workspace);
  }

  private refresh(): void {
    this.guard.setIdentity(this.identity);
  }
}
