import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ActivationResult } from '../../../src/extension';
import { configure, EXTENSION_ID, waitFor } from '../support';

describe('Candor in Restricted Mode (an untrusted folder)', () => {
  it('runs: the indicator shows, turning consent on opens the store, and the view works', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this host was meant to open the folder untrusted');
    const extension = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
    assert.ok(extension);
    const t = (await extension.activate()).__test;
    assert.ok(t);
    assert.equal(extension.isActive, true);
    // (Not through ../support's candor(): that opens the store itself.)
    await waitFor('the indicator', () => /Candor: Off/.test(t.indicator.shown.text));
    assert.equal(t.storeOpenRequested, false, 'the store opened while Candor is off');

    // Turning consent on is one of the reasons the store opens.
    await configure({ 'telemetry.telemetryLevel': 'all', 'candor.enabled': true });
    await waitFor('consent to turn on', () => t.consent.decision.state === 'local');
    await waitFor('the store to open after consent turned on', () =>
      fs.existsSync(t.storeDir) ? fs.readdirSync(t.storeDir).includes('candor.sqlite') : undefined,
    );
    assert.equal(t.sqlJsLoaded(), true);
    assert.equal(t.hooksActive, true);
    await waitFor('the indicator to follow', () => /Candor: Local only/.test(t.indicator.shown.text));
    assert.equal(t.recorder.record('ide.run', { kind: 'task', runtime: 'node' }).status, 'recorded');

    await vscode.commands.executeCommand('candor.showPayloads');
    await waitFor('the payload view to open', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .some((tab) => tab.label === 'Candor: Telemetry Payloads' && tab.input instanceof vscode.TabInputWebview),
    );
    const state = await t.viewSource.getState();
    const today = state.today.counters.find((c) => c.event === 'ide.run');
    assert.equal(today?.count, 1, JSON.stringify(state.today));
  });
});
