// `npm start` as someone trying Candor would use it: run it, open the URL it
// prints, see Candor and the demo extension installed in VS Code, turn Candor
// on, use a demo command and find its event recorded, press Ctrl+C, and
// nothing is left.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CandorStore } from '../../src/core/store';
import { openDemoDocumentation } from './installedExtensions';
import { candorStatusItem, e2e, runCommand } from './workbench';

/** The demo's documentation event, as Candor stores it (namespaced by the demo extension's id). */
const DEMO_DOCS_EVENT = 'candor.candor-demo:docs.link_clicked';

/** Counters of the demo's documentation event in the database file of `stateDir`, as another window reads them. */
async function demoDocsCounters(stateDir: string): Promise<string[]> {
  const dir = path.join(stateDir, 'user-data', 'User', 'globalStorage', 'candor.candor');
  fs.mkdirSync(dir, { recursive: true });
  const store = await CandorStore.open({ dir });
  try {
    return (await store.counters())
      .flatMap((day) => day.counters)
      .filter((counter) => counter.event === DEMO_DOCS_EVENT)
      .map((counter) => `${JSON.stringify(counter.props)} ×${counter.count}`);
  } finally {
    await store.close();
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', function () {
  // Builds, packages and installs two extensions before the URL appears.
  this.timeout(360_000);
  let child: ChildProcess | undefined;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-start-'));

  after(() => {
    if (child?.pid !== undefined && groupAlive(child.pid)) {
      process.kill(-child.pid, 'SIGKILL');
    }
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('prints a URL that shows VS Code with Candor and the demo extension, whose events Candor records, and Ctrl+C ends everything', async () => {
    const started = spawn('npm', ['start'], {
      cwd: e2e().repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CANDOR_START_STATE_DIR: stateDir },
    });
    child = started;
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed; output so far:\n${output}`)), 240_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output}`));
      });
    });
    assert.ok(
      fs.existsSync(path.join(stateDir, 'extensions', 'candor.candor-0.1.0', 'dist', 'sql-wasm.wasm')),
      'Candor was not installed from its package',
    );
    assert.ok(
      fs.existsSync(path.join(stateDir, 'extensions', 'candor.candor-demo-0.1.0', 'dist', 'extension.js')),
      'the demo extension was not installed from its package',
    );

    const page = await e2e().page.context().newPage();
    try {
      await page.goto(url);
      await candorStatusItem(page).waitFor({ timeout: 90_000 });
      assert.match(
        (await candorStatusItem(page).textContent()) ?? '',
        /Candor: Off/,
        'a fresh install is off until the user says yes',
      );
      await runCommand(page, 'Candor: Enable Telemetry');
      await candorStatusItem(page)
        .filter({ hasText: /Candor: Local only/ })
        .waitFor({ timeout: 30_000 });
      assert.deepEqual(await demoDocsCounters(stateDir), [], 'nothing of the demo is recorded before it is used');
      await openDemoDocumentation(page, 'Loops');
      const deadline = Date.now() + 30_000;
      let found = await demoDocsCounters(stateDir);
      while (found.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        found = await demoDocsCounters(stateDir);
      }
      assert.deepEqual(found, ['{"topic":"loops"} ×1'], "the demo's documentation event is not in Candor's database");
    } finally {
      await page.close();
    }

    const pid = started.pid;
    assert.ok(pid !== undefined);
    process.kill(-pid, 'SIGINT'); // what Ctrl+C sends to the foreground group
    const deadline = Date.now() + 20_000;
    while (groupAlive(pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(groupAlive(pid), false, 'npm start left processes running after Ctrl+C');
    const servers = fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(stateDir);
        } catch {
          return false;
        }
      });
    assert.deepEqual(servers, [], 'a VS Code server started by npm start is still running');
  });
});
