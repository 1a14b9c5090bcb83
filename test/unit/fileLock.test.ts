import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LockTimeoutError, withFileLock } from '../../src/core/store/fileLock';
import { makeTempDir, removeDir } from './storeSupport';

function deadPid(): number {
  // A process that has exited: its pid is (for now) not alive.
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
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
        if (process.platform !== 'win32') assert.equal(statSync(lockPath).mode & 0o777, 0o600);
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
    await assert.rejects(withFileLock(lockPath, () => Promise.resolve(1), { timeoutMs: 100 }), LockTimeoutError);
    assert.equal((JSON.parse(readFileSync(lockPath, 'utf8')) as { token: string }).token, 'live');
  });

  it('judges an unreadable (empty) lock file by its age', async () => {
    writeFileSync(lockPath, '');
    await assert.rejects(withFileLock(lockPath, () => Promise.resolve(1), { timeoutMs: 100, staleMs: 5000 }), LockTimeoutError);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPath, old, old);
    assert.equal(await withFileLock(lockPath, () => Promise.resolve(2), { timeoutMs: 2000, staleMs: 5000 }), 2);
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

  it('recovers from a holder killed with SIGKILL while holding the lock', async function () {
    if (process.platform === 'win32') this.skip();
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
