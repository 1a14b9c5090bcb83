import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivationResult } from '../../src/extension';
import { waitFor } from './support';

const EXTENSION_ID = 'candor.candor';

/** Files this extension host holds open under `dir`, read from /proc. */
function openFilesUnder(dir: string): string[] {
  return fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(path.join('/proc/self/fd', fd));
      } catch {
        return ''; // closed meanwhile
      }
    })
    .filter((target) => target.startsWith(dir));
}

function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('Candor in a real VS Code extension host', () => {
  // First in this host (files run in name order): nothing has asked for the store yet.
  it('with consent off, activation loads no wasm and creates or opens no file; opening the view opens the store', async () => {
    const extension = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
    const t = (await extension.activate()).__test;
    assert.ok(t);
    assert.equal(t.consent.decision.state, 'off', 'this host starts with Candor off (the default)');
    assert.deepEqual(filesIn(t.storeDir), [], 'a file was created in the store folder');
    assert.deepEqual(openFilesUnder(t.storeDir), []);
    assert.equal(t.sqlJsLoaded(), false, 'the sql.js wasm was loaded');
    assert.equal(t.storeOpenRequested, false);
    assert.equal(t.hooksActive, false, 'the debug, task and diagnostics hooks listen while Candor is off');

    await vscode.commands.executeCommand('candor.showPayloads');
    await waitFor('the view to open the store', () => filesIn(t.storeDir).includes('candor.sqlite'));
    assert.equal(t.sqlJsLoaded(), true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (
      extension.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    assert.ok(contributed.includes('candor.showPayloads'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
