// The privacy guard in the running extension knows the real workspace folder's
// name (and, in a remote window, the remote host), and drops a value carrying
// it in any case, inside a longer token.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { remoteAuthorityParts } from '../../src/core/guardIdentity';
import { candor } from './support';

describe('the privacy guard knows the real workspace (real extension host)', () => {
  it('the workspace folder name is part of the identity the guard checks', async () => {
    const { t } = await candor();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folders.length > 0, 'no workspace folder is open');
    const name = folders[0]?.name ?? '';
    assert.deepEqual(
      t.identity().workspaceFolderNames,
      folders.map((f) => f.name),
    );

    for (const value of [name, `${name.toUpperCase()}notes`, `my_${name}_2`]) {
      assert.equal(t.guard.findSensitive(value), 'identity', value);
      assert.deepEqual(t.guard.checkEvent({ name: 'docs.link_clicked', props: { topic: value } }), {
        ok: false,
        kind: 'identity',
        property: 'topic',
      });
    }
    assert.equal(t.guard.findSensitive('hello_world'), undefined);
  });

  it("in a remote window, the remote authority's host is part of it too", async function () {
    const { t } = await candor();
    const remoteName = vscode.env.remoteName;
    // A browser-served VS Code (this harness) names the authority itself ("127.0.0.1:8080"); a desktop one names the kind ("ssh-remote").
    const authority =
      (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'vscode-remote')?.uri.authority ??
      (remoteName !== undefined && /[.:+]/.test(remoteName) ? remoteName : undefined);
    if (remoteName === undefined || authority === undefined) {
      console.log(`      skipped: not a remote window (remoteName ${String(vscode.env.remoteName)})`);
      this.skip();
    }
    const host = remoteAuthorityParts(authority).host;
    assert.ok(host !== undefined && host !== '', authority);
    assert.equal(t.identity().remoteHost, host);
  });
});
