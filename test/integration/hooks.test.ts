// The IDE hooks against real debug sessions, real TypeScript diagnostics and
// real tasks, read back from the real sql.js database file.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  assertNoSecrets, candor, candorLogText, configure, countOf, counters, debugSessionEnded, enableAll, rawStorageText, resetData, runTask, waitFor, workspaceDir,
} from './support';

// Planted in demo/src/throws.js and demo/src/typeError.ts; none may ever be stored.
const SECRETS = ['secretDatabasePassword', 'alice@example.com', 'ghp_demoSecretToken', 'undefinedSecretIdentifier', 'readSecretSetting', 'throws.js', 'typeError.ts'];

describe('IDE hooks in a real VS Code', function () {
  this.timeout(180_000);

  before(async () => {
    await enableAll();
    await resetData();
  });

  afterEach(async () => {
    await vscode.debug.stopDebugging();
  });

  it('a debug session of a program that throws TypeError yields ide.run and ide.error, and no secret', async () => {
    const name = 'Candor test: throws';
    const ended = debugSessionEnded(name);
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      name, type: 'node', request: 'launch', program: path.join(workspaceDir(), 'src', 'throws.js'), console: 'internalConsole',
    });
    assert.equal(started, true, 'the debug session did not start');
    await ended;
    const runs = await waitFor('ide.run to be counted', async () => {
      const list = await counters('ide.run');
      return countOf(list, { kind: 'debug', runtime: 'node' }) > 0 ? list : undefined;
    });
    assert.equal(countOf(runs, { kind: 'debug', runtime: 'node' }), 1);
    const errors = await waitFor('the TypeError to be counted', async () => {
      const list = await counters('ide.error');
      return countOf(list, { origin: 'exception', code: 'TypeError' }) > 0 ? list : undefined;
    });
    assert.equal(countOf(errors, { origin: 'exception', code: 'TypeError' }), 1, 'the uncaught TypeError is counted once');
    assert.equal(countOf(errors, { origin: 'exit', code: 'exit:1' }), 1, 'the non-zero exit is counted once');
    assertNoSecrets(await rawStorageText(), SECRETS, 'the database files');
    const { t } = await candor();
    assertNoSecrets(JSON.stringify(await t.source.getState()), SECRETS, 'the payload view state');
    const log = await candorLogText();
    assert.match(log, /Recorded ide\.error|Candor started/, 'the log file is not Candor\'s');
    assertNoSecrets(log, SECRETS, 'Candor\'s log');
  });

  it('a TypeScript file with an undefined identifier yields TS2304 once while the error stays', async () => {
    const file = vscode.Uri.file(path.join(workspaceDir(), 'src', 'typeError.ts'));
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('TypeScript to report TS2304', () => vscode.languages.getDiagnostics(file).some((d) => d.code === 2304), 120_000);
    const first = await waitFor('TS2304 to be counted', async () => {
      const n = countOf(await counters('ide.error'), { origin: 'diagnostic', source: 'ts', code: 'TS2304' });
      return n > 0 ? n : undefined;
    });
    assert.equal(first, 1);
    // Typing elsewhere re-publishes the diagnostics; the error stays, so it is not counted again.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// still broken\n'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.ok(vscode.languages.getDiagnostics(file).some((d) => d.code === 2304));
    assert.equal(countOf(await counters('ide.error'), { origin: 'diagnostic', source: 'ts', code: 'TS2304' }), 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assertNoSecrets(await rawStorageText(), SECRETS, 'the database files');
  });

  it('a failing task yields ide.run (task) and ide.error exit:1', async () => {
    assert.equal(await runTask('failing build'), 1);
    const errors = await waitFor('exit:1 to be counted', async () => {
      const list = await counters('ide.error');
      return countOf(list, { origin: 'exit', code: 'exit:1' }) > 0 ? list : undefined;
    });
    assert.ok(countOf(errors, { origin: 'exit', code: 'exit:1' }) >= 1);
    assert.equal(countOf(await counters('ide.run'), { kind: 'task', runtime: 'shell' }), 1);
  });

  it('restarting a debug session yields ide.reset', async () => {
    const name = 'Candor test: loop';
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      name, type: 'node', request: 'launch', program: path.join(workspaceDir(), 'src', 'loop.js'), console: 'internalConsole',
    });
    assert.equal(started, true);
    await waitFor('the session to be active', () => vscode.debug.activeDebugSession?.name === name);
    const before = countOf(await counters('ide.reset'), { kind: 'debug' });
    await vscode.commands.executeCommand('workbench.action.debug.restart');
    const after = await waitFor('ide.reset to be counted', async () => {
      const n = countOf(await counters('ide.reset'), { kind: 'debug' });
      return n > before ? n : undefined;
    });
    assert.equal(after, before + 1);
    await vscode.debug.stopDebugging();
  });

  it('follows telemetry.telemetryLevel live: error keeps errors only, off records nothing and purges', async () => {
    const { api, t } = await candor();
    await resetData();
    await configure({ 'telemetry.telemetryLevel': 'error' });
    await waitFor('level error', () => t.consent.decision.level === 'error');
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'not_consented');
    assert.match(t.indicator.shown.text, /Local only/);
    assert.match(t.indicator.shown.tooltip, /errors only/);
    assert.equal(await runTask('failing build'), 1);
    await waitFor('exit:1 at level error', async () => countOf(await counters('ide.error'), { origin: 'exit' }) > 0);
    assert.equal((await counters('ide.run')).length, 0, 'runs are usage: not recorded at level error');
    assert.equal((await counters('example.loaded')).length, 0);

    await configure({ 'telemetry.telemetryLevel': 'off' });
    await waitFor('level off', () => t.consent.decision.level === 'off');
    assert.match(t.indicator.shown.text, /Off/);
    assert.match(t.indicator.shown.tooltip, /VS Code telemetry level is 'off'/);
    await waitFor('pending errors to be purged', async () => (await counters('ide.error')).length === 0);
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'not_consented');
    await enableAll();
  });

  it('follows the category toggles and candor.enabled live, purging what is no longer allowed', async () => {
    const { api, t } = await candor();
    await enableAll();
    await resetData();
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'recorded');
    assert.equal(await runTask('failing build'), 1);
    await waitFor('exit:1', async () => countOf(await counters('ide.error'), { origin: 'exit' }) > 0);

    await configure({ 'candor.categories.errors': false });
    await waitFor('errors to be switched off', () => !t.consent.decision.categories.errors);
    await waitFor('pending errors to be purged', async () => (await counters('ide.error')).length === 0);
    assert.equal(countOf(await counters('example.loaded'), {}), 1, 'usage data is kept');
    assert.match(t.indicator.shown.tooltip, /usage only/);

    await configure({ 'candor.categories.errors': true, 'candor.categories.usage': false });
    await waitFor('usage to be switched off', () => !t.consent.decision.categories.usage);
    await waitFor('pending usage to be purged', async () => (await counters('example.loaded')).length === 0);
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'not_consented');

    await configure({ 'candor.enabled': false });
    await waitFor('Candor to be off', () => t.consent.decision.state === 'off');
    assert.match(t.indicator.shown.tooltip, /candor\.enabled is false/);
    await enableAll();
  });
});
