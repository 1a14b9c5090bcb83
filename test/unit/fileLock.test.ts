import * as assert from 'node:assert/strict';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LockTimeoutError, withFileLock } from '../../src/core/store/fileLock';
import type { RaceMessage } from './fixtures/lockWorker';
import { makeTempDir, removeDir } from './storeSupport';

function deadPid(): number {
  // A process that has exited: its pid is (for now) not alive.
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A forked race worker: resolves `ready` when it waits for "go", `result` when it exits. */
function raceWorker(
  worker: string,
  lockPath: string,
  logPath: string,
): {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<{ broke: number | undefined; code: number | null }>;
} {
  const child = fork(worker, ['race', lockPath, logPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let broke: number | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: RaceMessage) => {
      if (m.type === 'ready') {
        resolve();
      } else {
        broke = m.broke;
      }
    });
    child.once('exit', () => reject(new Error('race worker exited before it was ready')));
  });
  const result = new Promise<{ broke: number | undefined; code: number | null }>((resolve) => {
    child.once('exit', (code) => resolve({ broke, code }));
  });
  return { child, ready, result };
}

describe('withFileLock', () => {
  let dir: string;
  let lockPath: string;

  beforeEach(() => {
    dir = makeTempDir('lock');
    lockPath = path.join(dir, 'test.lock');
  });
  afterEach(() => removeDir(dir));

  it('runs one holder at a time and returns what fn returns', async () => {
    let active = 0;
    let maxActive = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withFileLock(lockPath, async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active--;
          return i * 10;
        }),
      ),
    );
    assert.equal(maxActive, 1);
    assert.deepEqual(results, [0, 10, 20, 30, 40, 50, 60, 70]);
    assert.equal(existsSync(lockPath), false);
  });

  it('holds a 0600 lock file naming its pid while fn runs, and removes it even when fn throws', async () => {
    await assert.rejects(
      withFileLock(lockPath, () => {
        const content = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };
        assert.equal(content.pid, process.pid);
        if (process.platform !== 'win32') {
          assert.equal(statSync(lockPath).mode & 0o777, 0o600);
        }
        return Promise.reject(new Error('boom'));
      }),
      /boom/,
    );
    assert.equal(existsSync(lockPath), false);
  });

  it('gives up after timeoutMs with an error naming the holder', async () => {
    await withFileLock(lockPath, async () => {
      const error = await withFileLock(lockPath, () => Promise.resolve('never'), { timeoutMs: 150 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof LockTimeoutError);
      assert.equal(error.holderPid, process.pid);
      assert.match(error.message, /test\.lock.*150 ms.*process \d+/);
    });
  });

  it('breaks a lock whose holder process is dead', async () => {
    writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), atMs: Date.now(), token: 'dead' }));
    assert.equal(await withFileLock(lockPath, () => Promise.resolve('got it'), { timeoutMs: 2000 }), 'got it');
    assert.equal(existsSync(lockPath), false);
  });

  it('breaks a lock older than staleMs even if its pid looks alive', async () => {
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, atMs: Date.now() - 10_000, token: 'old' }));
    assert.equal(await withFileLock(lockPath, () => Promise.resolve(1), { staleMs: 5000, timeoutMs: 2000 }), 1);
  });

  it('respects a fresh lock held by a live process', async () => {
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, atMs: Date.now(), token: 'live' }));
    await assert.rejects(
      withFileLock(lockPath, () => Promise.resolve(1), { timeoutMs: 100 }),
      LockTimeoutError,
    );
    assert.equal((JSON.parse(readFileSync(lockPath, 'utf8')) as { token: string }).token, 'live');
  });

  it('judges an unreadable (empty) lock file by its age', async () => {
    writeFileSync(lockPath, '');
    await assert.rejects(
      withFileLock(lockPath, () => Promise.resolve(1), { timeoutMs: 100, staleMs: 5000 }),
      LockTimeoutError,
    );
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPath, old, old);
    assert.equal(await withFileLock(lockPath, () => Promise.resolve(2), { timeoutMs: 2000, staleMs: 5000 }), 2);
  });

  it('breaks an empty lock a few seconds old (its holder died between creating and writing it) without waiting staleMs', async () => {
    writeFileSync(lockPath, '');
    const fewSecondsAgo = (Date.now() - 6_000) / 1000;
    utimesSync(lockPath, fewSecondsAgo, fewSecondsAgo);
    assert.equal(
      await withFileLock(lockPath, () => Promise.resolve('taken'), { timeoutMs: 2000, staleMs: 60_000 }),
      'taken',
    );
  });

  it('excludes other OS processes: concurrent read-modify-write loses no update', async function () {
    this.timeout(60_000);
    const counterPath = path.join(dir, 'counter');
    writeFileSync(counterPath, '0');
    const worker = path.join(__dirname, 'fixtures', 'lockWorker.js');
    const codes = await Promise.all(
      Array.from(
        { length: 3 },
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [worker, lockPath, counterPath, '40'], { stdio: 'inherit' });
            child.on('exit', resolve);
          }),
      ),
    );
    assert.deepEqual(codes, [0, 0, 0]);
    assert.equal(readFileSync(counterPath, 'utf8'), '120');
  });

  it("several live processes race to break a dead holder's lock: exactly one breaks it, and holds never overlap", async function () {
    this.timeout(120_000);
    const worker = path.join(__dirname, 'fixtures', 'lockWorker.js');
    for (let round = 0; round < 5; round++) {
      const logPath = path.join(dir, `holds-${round}.log`);
      writeFileSync(logPath, '');
      const dead = deadPid();
      const racers = Array.from({ length: 6 }, () => raceWorker(worker, lockPath, logPath));
      await Promise.all(racers.map((r) => r.ready));
      // Every racer is waiting; the lock is now held by a process that no longer exists.
      writeFileSync(lockPath, JSON.stringify({ pid: dead, atMs: Date.now(), token: 'dead' }));
      for (const r of racers) {
        r.child.send('go');
      }
      const results = await Promise.all(racers.map((r) => r.result));
      assert.deepEqual(
        results.map((r) => r.code),
        racers.map(() => 0),
        `round ${round}: every racer took the lock`,
      );
      const breakers = results.reduce((sum, r) => sum + (r.broke ?? 0), 0);
      assert.equal(breakers, 1, `round ${round}: ${breakers} processes broke the dead holder's lock`);
      const lines = readFileSync(logPath, 'utf8').trim().split('\n');
      const pids = racers.map((r) => r.child.pid);
      assert.equal(lines.length, 2 * pids.length, `round ${round}: one hold per racer`);
      for (let i = 0; i < lines.length; i += 2) {
        const holder = lines[i]?.split(' ')[1];
        assert.deepEqual(
          [lines[i], lines[i + 1]],
          [`enter ${holder}`, `exit ${holder}`],
          `round ${round}: two holds overlapped`,
        );
      }
      assert.deepEqual(
        lines
          .filter((l) => l.startsWith('enter'))
          .map((l) => Number(l.split(' ')[1]))
          .sort(),
        [...pids].sort(),
      );
      assert.equal(existsSync(lockPath), false);
    }
  });

  it('recovers from a holder killed with SIGKILL while holding the lock', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const script = `
      const { withFileLock } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'core', 'store', 'fileLock.js'))});
      withFileLock(${JSON.stringify(lockPath)}, () => { process.stdout.write('held\\n'); return new Promise(() => {}); });
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.equal(existsSync(lockPath), true, 'the killed holder left its lock behind');
    assert.equal(await withFileLock(lockPath, () => Promise.resolve('taken over'), { timeoutMs: 5000 }), 'taken over');
  });
});
