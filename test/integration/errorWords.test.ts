// Candor's own words carry nothing from the user's machine. The test VS Code keeps
// its state under the home folder, in a folder named after the user
// (scripts/run-integration.mjs), as a real install does; so every failing store
// operation below fails with an error whose text holds the home path and the user
// name. Each is then read back from Candor's log file and from the payload view
// (its banner and its view model): the error is named by its code, never by its text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LoopbackReceiver, reply } from '../support/loopbackReceiver';
import { DAY_MS } from '../support/fixtures';
import {
  candor,
  candorLogText,
  closeViews,
  configure,
  consentReacted,
  enableAll,
  logSharingSince,
  plantPendingRuns,
  resetData,
  waitFor,
} from './support';

const home = os.homedir();
const user = os.userInfo().username;
const yesterday = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS).toISOString().slice(0, 10);

/** The log written since `from` (its length before), once it holds a line matching `line`. */
async function logShows(from: number, line: RegExp): Promise<string> {
  return waitFor(`Candor's log to show ${String(line)}`, async () => {
    const text = (await candorLogText()).slice(from);
    return line.test(text) ? text : undefined;
  });
}

function assertNothingOfTheMachine(text: string, where: string, paths: readonly string[]): void {
  for (const secret of [home, ...paths]) {
    assert.ok(!text.includes(secret), `the path "${secret}" reached ${where}:\n${text}`);
  }
  // The bare user name, as a word (it is also a segment of every path above).
  assert.ok(!new RegExp(`\\b${user}\\b`).test(text), `the user name "${user}" reached ${where}:\n${text}`);
}

describe("errors in Candor's own words: codes, never the machine's paths or names (real extension host)", function () {
  this.timeout(180_000);
  let scratch: string;

  before(async () => {
    const { t } = await candor();
    // Without this the test could not fail: the errors below must really hold the home path and the user name.
    assert.ok(
      t.storeDir.startsWith(home) && t.storeDir.includes(user),
      `Candor's storage ${t.storeDir} is not under ${home} in a folder naming ${user}`,
    );
    scratch = fs.mkdtempSync(path.join(home, `.candor-errwords-${user}-`));
  });

  after(async () => {
    const { t } = await candor();
    await closeViews();
    fs.rmSync(path.join(t.storeDir, 'candor.lock'), { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
    await configure({ 'candor.endpoint': '', 'candor.upload.mode': 'review' });
    await consentReacted('local only again', (d) => d.state !== 'sharing');
  });

  it('a lock held too long: the view, export and delete fail with lock-timeout', async () => {
    const { t } = await candor();
    await enableAll();
    await resetData();
    const panel = t.showPayloadView(() => Promise.resolve(true));
    const from = (await candorLogText()).length;
    // A live holder (this very process) that never lets go: every window would wait, then give up.
    const lock = path.join(t.storeDir, 'candor.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, atMs: Date.now(), token: 'held-by-the-test' }));
    try {
      await Promise.all([
        panel.receive({ type: 'deleteReport', day: yesterday }),
        vscode.commands.executeCommand('candor.exportData', 'json', vscode.Uri.file(path.join(scratch, 'a.json'))),
        vscode.commands.executeCommand('candor.deleteAllData'),
      ]);
    } finally {
      fs.rmSync(lock, { force: true });
    }
    assert.equal(panel.lastFlash?.level, 'error');
    assert.match(panel.lastFlash?.text ?? '', /\(lock-timeout\)\.$/);
    assertNothingOfTheMachine(panel.lastFlash?.text ?? '', 'the view banner', [t.storeDir, lock]);

    const log = await logShows(from, /A command failed: .*\(lock-timeout\)[\s\S]*A command failed: .*\(lock-timeout\)/);
    assert.match(log, /Payload view: "deleteReport" failed: .*\(lock-timeout\)/);
    assertNothingOfTheMachine(log, "Candor's log", [t.storeDir, lock]);
    assert.ok(!fs.existsSync(path.join(scratch, 'a.json')), 'nothing was exported');
  });

  it('a damaged database file is moved aside and said so by its code; an unreadable one by EISDIR', async () => {
    const { t } = await candor();
    const panel = t.showPayloadView(() => Promise.resolve(true));
    const from = (await candorLogText()).length;
    const database = path.join(t.storeDir, 'candor.sqlite');
    await t.store.compact();
    fs.writeFileSync(database, Buffer.alloc(4096, `${home}/${user} is not a database `));
    await t.store.stats();
    const damaged = await logShows(from, /Damaged database moved aside .*\(database-damaged: not an SQLite database\)/);
    assertNothingOfTheMachine(damaged, "Candor's log", [t.storeDir, database]);
    assert.ok(
      fs.readdirSync(t.storeDir).some((name) => name.startsWith('candor.sqlite.corrupt-')),
      'the damaged file was kept aside',
    );

    // A folder where the database file belongs: every read fails with EISDIR.
    fs.rmSync(database, { force: true });
    fs.mkdirSync(database);
    try {
      await panel.receive({ type: 'refresh' });
      await vscode.commands.executeCommand('candor.exportData', 'csv', vscode.Uri.file(path.join(scratch, 'b.csv')));
    } finally {
      fs.rmdirSync(database);
    }
    assert.equal(panel.lastFlash?.level, 'error');
    assert.equal(panel.lastFlash?.text, 'Candor could not load the telemetry data. See the Candor output for details.');
    const log = await logShows(from, /A command failed: .*\(EISDIR\)/);
    assert.match(log, /Payload view: could not load its state: .*\(EISDIR\)/);
    assertNothingOfTheMachine(log, "Candor's log", [t.storeDir, database]);
  });

  it('an export to a place that cannot hold it names the code, not the place', async () => {
    const { t } = await candor();
    const from = (await candorLogText()).length;
    const notAFolder = path.join(scratch, `${user}-notes`);
    fs.writeFileSync(notAFolder, 'a file, not a folder');
    const target = path.join(notAFolder, 'export.json');
    await vscode.commands.executeCommand('candor.exportData', 'json', vscode.Uri.file(target));
    const log = await logShows(from, /A command failed: /);
    assert.match(log, /A command failed: .*\((ENOTDIR|EEXIST|ENOENT)\)/);
    assertNothingOfTheMachine(log, "Candor's log", [scratch, target, t.storeDir]);
  });

  it("a failed upload shows the status, never the server's text naming the user", async () => {
    const { t } = await candor();
    await enableAll();
    await resetData();
    const serverText = `No space on ${home}/uploads for ${user}`;
    const receiver = await LoopbackReceiver.start({
      script: [reply.status(503, { 'Content-Type': 'text/plain' }, serverText)],
    });
    try {
      await logSharingSince(Date.now() - 3 * DAY_MS);
      await plantPendingRuns(yesterday, 2);
      await configure({ 'candor.upload.mode': 'review', 'candor.upload.format': 'candor-json' });
      await configure({ 'candor.endpoint': receiver.baseUrl });
      await consentReacted('sharing', (d) => d.state === 'sharing');
      const panel = t.showPayloadView(() => Promise.resolve(true));
      const from = (await candorLogText()).length;

      await panel.receive({ type: 'sendReport', day: yesterday });
      assert.equal(receiver.requests.length, 1, 'the report was really sent');
      assert.equal(panel.lastFlash?.text, `Report of ${yesterday}: retry (503).`);
      const log = await logShows(from, new RegExp(`upload: report ${yesterday} kept for retry \\(503\\)`));
      assertNothingOfTheMachine(log, "Candor's log", [serverText]);
      const state = JSON.stringify(await t.source.getState());
      assert.match(state, /"status":503,"outcome":"will retry \(503\)"/);
      assertNothingOfTheMachine(state, 'the view model', [serverText, t.storeDir]);
    } finally {
      await configure({ 'candor.endpoint': '' });
      await receiver.close();
    }
  });
});
