// A cross-process mutual-exclusion lock built on an O_EXCL lock file.
// Several VS Code windows (several OS processes) share one store directory; the
// store's compaction and the upload scheduler ("one window uploads at a time")
// each run under such a lock. The lock file holds the holder's pid, the time it
// was taken and a random token, so that a lock left behind by a crashed or
// killed process can be recognised and broken without breaking a live one.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';

export interface FileLockOptions {
  /** Give up waiting after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** A lock older than this is considered abandoned even if its pid looks alive (default 60 s). */
  readonly staleMs?: number;
  /** Told when this call broke a lock left by a dead (or stale) holder; tests count the winners of a breaking race. */
  readonly onBrokeStaleLock?: () => void;
}

/** Thrown when the lock could not be taken within `timeoutMs`. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly lockPath: string,
    readonly timeoutMs: number,
    readonly holderPid: number | undefined,
  ) {
    super(
      `Could not take the lock ${lockPath} within ${timeoutMs} ms` +
        (holderPid === undefined ? '' : ` (held by process ${holderPid})`),
    );
  }
}

interface LockContent {
  readonly pid: number;
  readonly atMs: number;
  readonly token: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 60_000;
/** The breaker lock is held for a few file operations only; older means its holder died. */
const BREAKER_STALE_MS = 5_000;
/** Likewise for a lock file that is still empty (its holder died between creating and writing it). */
const UNWRITTEN_STALE_MS = 5_000;

/**
 * Run `fn` while holding the lock at `lockPath`; the lock is released when `fn` settles.
 * Waits with a small randomized backoff, breaks stale locks, and throws
 * `LockTimeoutError` after `timeoutMs`.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const token = await acquire(
    lockPath,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    opts.staleMs ?? DEFAULT_STALE_MS,
    opts.onBrokeStaleLock,
  );
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number, onBroke?: () => void): Promise<string> {
  const token = randomBytes(12).toString('hex');
  const body = JSON.stringify({ pid: process.pid, atMs: Date.now(), token } satisfies LockContent);
  const deadline = Date.now() + timeoutMs;
  let delayMs = 2;
  let lastHolder: number | undefined;
  for (;;) {
    if (await tryCreate(lockPath, body)) {
      return token;
    }
    const holder = await readLock(lockPath);
    if (holder === 'missing') {
      continue;
    } // released between our attempt and the read
    lastHolder = holder?.pid;
    if (holder !== undefined && isStale(holder, staleMs)) {
      if (await breakStaleLock(lockPath, holder, staleMs)) {
        onBroke?.();
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockTimeoutError(lockPath, timeoutMs, lastHolder);
    }
    // Randomized, growing backoff so that waiting processes do not retry in lockstep.
    await sleep(delayMs / 2 + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 100);
  }
}

async function tryCreate(path: string, body: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, 'wx', 0o600);
  } catch (err) {
    if (errCode(err) === 'EEXIST') {
      return false;
    }
    throw err;
  }
  try {
    await handle.writeFile(body);
  } catch (err) {
    // A full disk can create the file but not fill it: an empty lock left behind would stall every window.
    await handle.close();
    await fsp.unlink(path).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return true;
}

/** The lock's content; `undefined` when it exists but is unreadable (being written, or garbage). */
async function readLock(path: string): Promise<LockContent | undefined | 'missing'> {
  let text: string;
  let mtimeMs: number;
  try {
    text = await fsp.readFile(path, 'utf8');
    mtimeMs = (await fsp.stat(path)).mtimeMs;
  } catch (err) {
    if (errCode(err) === 'ENOENT') {
      return 'missing';
    }
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.atMs === 'number' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, atMs: parsed.atMs, token: parsed.token };
    }
  } catch {
    // fall through: treat as unreadable
  }
  // A holder that died between creating and writing leaves an empty file; judge it by its age.
  return { pid: 0, atMs: mtimeMs, token: `unreadable:${text.length}:${mtimeMs}` };
}

function isStale(holder: LockContent | undefined, staleMs: number): boolean {
  if (holder === undefined) {
    return false;
  }
  // A holder writes its lock's content right after creating it; a lock still empty
  // after a few seconds belongs to a holder killed in between, so it is not
  // waited on for the full staleMs.
  const limit = holder.pid === 0 ? Math.min(staleMs, UNWRITTEN_STALE_MS) : staleMs;
  if (Date.now() - holder.atMs > limit) {
    return true;
  }
  return holder.pid > 0 && !isProcessAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errCode(err) === 'EPERM';
  }
}

/**
 * Remove a stale lock without removing a fresh one that replaced it. Breakers
 * serialise on a second, short-lived lock; inside it the lock file is re-read
 * and moved away atomically, and put back if it turns out not to be the stale one.
 */
async function breakStaleLock(lockPath: string, stale: LockContent, staleMs: number): Promise<boolean> {
  const breakerPath = `${lockPath}.break`;
  const breakerBody = JSON.stringify({ pid: process.pid, atMs: Date.now(), token: 'breaker' });
  if (!(await tryCreate(breakerPath, breakerBody))) {
    const breaker = await readLock(breakerPath);
    if (breaker !== 'missing' && breaker !== undefined && isStale(breaker, BREAKER_STALE_MS)) {
      await unlinkQuiet(breakerPath);
    } else {
      await sleep(1 + Math.random() * 5);
    }
    return false;
  }
  try {
    const current = await readLock(lockPath);
    if (current === 'missing' || current === undefined || current.token !== stale.token) {
      return false;
    }
    if (!isStale(current, staleMs)) {
      return false;
    }
    const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await fsp.rename(lockPath, aside);
    } catch (err) {
      if (errCode(err) === 'ENOENT') {
        return false;
      }
      throw err;
    }
    const moved = await readLock(aside);
    const brokeIt = moved === 'missing' || moved === undefined || moved.token === stale.token;
    if (!brokeIt) {
      // The holder released and someone else took the lock in between: put theirs back.
      await fsp.link(aside, lockPath).catch(() => undefined);
    }
    await unlinkQuiet(aside);
    return brokeIt;
  } finally {
    await unlinkQuiet(breakerPath);
  }
}

async function release(lockPath: string, token: string): Promise<void> {
  // Only remove the lock if it is still ours (it may have been broken as stale).
  const current = await readLock(lockPath).catch(() => undefined);
  if (current !== 'missing' && current !== undefined && current.token === token) {
    await unlinkQuiet(lockPath);
  }
}

async function unlinkQuiet(path: string): Promise<void> {
  try {
    await fsp.unlink(path);
  } catch (err) {
    if (errCode(err) !== 'ENOENT') {
      throw err;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = err.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
