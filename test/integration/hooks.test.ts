// The IDE hooks against real debug sessions, real TypeScript diagnostics and
// real tasks, read back from the real sql.js database file.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  assertNoSecrets,
  candor,
  candorLogText,
  configure,
  consentReacted,
  countOf,
  counters,
  debugSessionEnded,
  enableAll,
  indicatorShows,
  rawStorageText,
  resetData,
  runTask,
  shiftClock,
  waitFor,
  waitForCount,
  workspaceDir,
} from './support';
import { TASK_RERUN_WINDOW_MS } from '../../src/core/hooks/taskRerunWindow';
import { DAY_MS } from '../support/fixtures';

/** Resolves with the first publication of `uri`'s diagnostics that satisfies `accept`. */
function diagnosticsPublished(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 120_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && accept(vscode.languages.getDiagnostics(uri))) {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  });
}

// Planted in demo/src/throws.js and demo/src/typeError.ts; none may ever be stored.
const SECRETS = [
  'secretDatabasePassword',
  'alice@example.com',
  'ghp_demoSecretToken',
  'undefinedSecretIdentifier',
  'readSecretSetting',
  'throws.js',
  'typeError.ts',
];

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
      name,
      type: 'node',
      request: 'launch',
      program: path.join(workspaceDir(), 'src', 'throws.js'),
      console: 'internalConsole',
    });
    assert.equal(started, true, 'the debug session did not start');
    await ended;
    await waitForCount(
      'ide.run (debug, node)',
      async () => countOf(await counters('ide.run'), { kind: 'debug', runtime: 'node' }),
      1,
    );
    await waitForCount(
      'the uncaught TypeError',
      async () => countOf(await counters('ide.error'), { origin: 'exception', code: 'TypeError' }),
      1,
    );
    // js-debug reports the exit only as stderr text, which a program can print too: no exit is taken from it.
    assert.equal(countOf(await counters('ide.error'), { origin: 'exit' }), 0, 'no exit code from output text');
    assertNoSecrets(await rawStorageText(), SECRETS, 'the database files');
    const { t } = await candor();
    assertNoSecrets(JSON.stringify(await t.source.getState()), SECRETS, 'the payload view state');
    const log = await candorLogText();
    assert.match(log, /Recorded ide\.error|Candor started/, "the log file is not Candor's");
    assertNoSecrets(log, SECRETS, "Candor's log");
  });

  it('a TypeScript file with an undefined identifier yields TS2304 once while the error stays', async () => {
    await resetData();
    const file = vscode.Uri.file(path.join(workspaceDir(), 'src', 'typeError.ts'));
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    const ts2304 = async (): Promise<number> =>
      countOf(await counters('ide.error'), { origin: 'diagnostic', source: 'ts', code: 'TS2304' });
    await waitFor(
      'TypeScript to report TS2304',
      () => vscode.languages.getDiagnostics(file).some((d) => d.code === 2304),
      120_000,
    );
    await waitForCount('TS2304 after the file opened', ts2304, 1);
    // The edit keeps TS2304 and adds a second error (TS2322) to the same document. The
    // diagnostics are published again with both; the hook handles a document's
    // publication in one pass, so once TS2322 is counted that pass is done, and a
    // second TS2304 from it would already be in the store.
    const republished = diagnosticsPublished(
      file,
      'TS2304 and TS2322 to be published together',
      (list) => list.some((d) => d.code === 2304) && list.some((d) => d.code === 2322),
    );
    assert.equal(
      await editor.edit((edit) =>
        edit.insert(new vscode.Position(0, 0), "export const candorProbe: number = 'still broken';\n"),
      ),
      true,
    );
    await republished;
    await waitForCount(
      'TS2322, counted by the pass that saw TS2304 again',
      async () => countOf(await counters('ide.error'), { origin: 'diagnostic', source: 'ts', code: 'TS2322' }),
      1,
    );
    assert.ok(
      vscode.languages.getDiagnostics(file).some((d) => d.code === 2304),
      'TS2304 is still reported',
    );
    assert.equal(await ts2304(), 1, 'TS2304 stayed in the document and must not be counted again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assertNoSecrets(await rawStorageText(), SECRETS, 'the database files');
  });

  it('a failing task yields ide.run (task) and ide.error exit:1', async () => {
    await resetData();
    assert.equal(await runTask('failing build'), 1);
    await waitForCount(
      'exit:1 of the task',
      async () => countOf(await counters('ide.error'), { origin: 'exit', code: 'exit:1' }),
      1,
    );
    await waitForCount(
      'ide.run (task, shell)',
      async () => countOf(await counters('ide.run'), { kind: 'task', runtime: 'shell' }),
      1,
    );
    assert.equal(
      (await counters('ide.error')).reduce((n, c) => n + c.count, 0),
      1,
      'nothing else was counted as an error',
    );
  });

  it('a task started again more than 10 s after its end is a run, even when the wall clock went back in between', async function () {
    this.timeout(120_000);
    const taskCount = async (event: string): Promise<number> => countOf(await counters(event), { kind: 'task' });
    await resetData();
    try {
      // The first run ends while the wall clock says "two days from now"; then the clock is put right.
      await shiftClock(2 * DAY_MS);
      assert.equal(await runTask('failing build'), 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the task's end event follows its process's
    } finally {
      await shiftClock(0);
    }
    await new Promise((resolve) => setTimeout(resolve, TASK_RERUN_WINDOW_MS + 1_000)); // real time passes the window
    const runsBefore = await taskCount('ide.run');
    const resetsBefore = await taskCount('ide.reset');
    assert.equal(await runTask('failing build'), 1);
    await waitForCount('the second start, as a run', () => taskCount('ide.run'), runsBefore + 1);
    assert.equal(await taskCount('ide.reset'), resetsBefore, 'the second start was counted as a re-run');
  });

  it('restarting a debug session yields ide.reset', async () => {
    const name = 'Candor test: loop';
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      name,
      type: 'node',
      request: 'launch',
      program: path.join(workspaceDir(), 'src', 'loop.js'),
      console: 'internalConsole',
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
    const { t } = await candor();
    await resetData();
    await configure({ 'telemetry.telemetryLevel': 'error' });
    await consentReacted('level error', (d) => d.level === 'error');
    await indicatorShows(/Local only/, /errors only/);
    assert.equal(t.recorder.record('ide.reset', { kind: 'task' }).status, 'not_consented');
    assert.equal(await runTask('failing build'), 1);
    await waitForCount(
      'exit:1 at level error',
      async () => countOf(await counters('ide.error'), { origin: 'exit', code: 'exit:1' }),
      1,
    );
    assert.equal((await counters('ide.run')).length, 0, 'runs are usage: not recorded at level error');

    await configure({ 'telemetry.telemetryLevel': 'off' });
    await consentReacted('level off', (d) => d.level === 'off' && /VS Code telemetry level is 'off'/.test(d.reason));
    await indicatorShows(/Off/, /VS Code telemetry level is 'off'/);
    await waitFor('pending errors to be purged', async () => (await counters('ide.error')).length === 0);
    assert.equal(t.recorder.record('ide.reset', { kind: 'task' }).status, 'not_consented');
    await enableAll();
  });

  it('follows the category toggles and candor.enabled live, purging what is no longer allowed', async () => {
    const { t } = await candor();
    await enableAll();
    await resetData();
    assert.equal(t.recorder.record('ide.run', { kind: 'debug', runtime: 'node' }).status, 'recorded');
    assert.equal(await runTask('failing build'), 1);
    await waitForCount(
      'exit:1',
      async () => countOf(await counters('ide.error'), { origin: 'exit', code: 'exit:1' }),
      1,
    );

    await configure({ 'candor.categories.errors': false });
    await consentReacted('errors switched off', (d) => !d.categories.errors && d.categories.usage);
    await waitFor('pending errors to be purged', async () => (await counters('ide.error')).length === 0);
    assert.equal(countOf(await counters('ide.run'), { kind: 'debug', runtime: 'node' }), 1, 'usage data is kept');
    await indicatorShows(/Local only/, /usage only/);

    await configure({ 'candor.categories.errors': true, 'candor.categories.usage': false });
    await consentReacted('usage switched off', (d) => !d.categories.usage && d.categories.errors);
    await waitFor('pending usage to be purged', async () => (await counters('ide.run')).length === 0);
    assert.equal(t.recorder.record('ide.reset', { kind: 'task' }).status, 'not_consented');

    await configure({ 'candor.enabled': false });
    await consentReacted('Candor off', (d) => d.state === 'off');
    await indicatorShows(/Off/, /candor\.enabled is false/);
    await enableAll();
  });
});
