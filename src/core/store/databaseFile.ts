// The database file on disk: the one place where its durability lives.
//  - a cross-process lock (fileLock.ts) around every use, so several windows
//    (several OS processes) never interleave;
//  - loading validates the bytes before SQLite sees them and moves a damaged
//    file aside (keeping a few copies) instead of failing for good;
//  - persisting writes a temp file, fsyncs it, renames it over the old file and
//    fsyncs the directory: a crash at any moment leaves the old or the new file,
//    never a mix.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../describeError';
import { errCode, withFileLock } from './fileLock';
import { migrate, SchemaTooNewError } from './migrations';
import type { SqlDatabase, SqlJs } from './sqlite';

export const DB_FILE = 'candor.sqlite';
const LOCK_FILE = 'candor.lock';
/** Damaged databases (and journal segments) kept for inspection; older ones are deleted. */
export const KEEP_CORRUPT_COPIES = 3;

export interface RecoveryNotice {
  readonly kind: 'database' | 'segment';
  /** Where the damaged file now is. */
  readonly movedTo: string;
  readonly reason: string;
}

/** The moments where a crash would hurt if the order of writes were wrong. */
export type CriticalStep = 'segment-rename' | 'database-rename';

/** Test-only: called (and awaited) just before each critical step, so a test can show a crash landed there. */
export type BeforeCriticalStep = (step: CriticalStep) => void | Promise<void>;

export interface DatabaseFileOptions {
  readonly lockTimeoutMs: number;
  readonly notify: (notice: RecoveryNotice) => void;
  readonly beforeCriticalStep?: BeforeCriticalStep;
}

/** Raised while loading when the bytes are not a usable SQLite database. */
class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
  /** Candor's own words for what is wrong, never text from the file or a path. */
  constructor(readonly reason: string) {
    super(reason);
  }
}

export class DatabaseFile {
  readonly path: string;
  private readonly lockPath: string;

  constructor(
    private readonly sql: SqlJs,
    readonly dir: string,
    private readonly options: DatabaseFileOptions,
  ) {
    this.path = path.join(dir, DB_FILE);
    this.lockPath = path.join(dir, LOCK_FILE);
  }

  /** Run `fn` holding the store's cross-process lock. */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    // The folder may have been deleted while Candor runs: re-create it rather than fail for good.
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    return withFileLock(this.lockPath, fn, { timeoutMs: this.options.lockTimeoutMs });
  }

  /** Load the database file (or start an empty one), moving a damaged file aside, and migrate it. Under the lock. */
  async load(nowMs: number): Promise<SqlDatabase> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await fsp.readFile(this.path);
    } catch (err) {
      if (errCode(err) !== 'ENOENT') {
        throw err;
      }
    }
    let db: SqlDatabase;
    if (bytes === undefined) {
      db = new this.sql.Database();
    } else {
      try {
        db = this.openValidated(bytes);
      } catch (err) {
        if (!(err instanceof CorruptDatabaseError)) {
          throw err;
        }
        const movedTo = await this.moveAside(nowMs);
        this.options.notify({ kind: 'database', movedTo, reason: err.reason });
        db = new this.sql.Database();
      }
    }
    try {
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  }

  /** Replace the database file atomically: temp file, fsync, rename, fsync the directory. Under the lock. */
  async persist(db: SqlDatabase, nowMs: number): Promise<void> {
    const bytes = db.export();
    const tempPath = `${this.path}.tmp-${process.pid}-${nowMs}-${randomBytes(4).toString('hex')}`;
    // Under the lock, any other temp file is a leftover of a writer that died.
    for (const name of await fsp.readdir(this.dir)) {
      if (name.startsWith(`${DB_FILE}.tmp-`)) {
        await fsp.rm(path.join(this.dir, name), { force: true });
      }
    }
    try {
      // A failed write (a full disk) must not leave a partial temp file taking the space.
      await writeFileDurably(tempPath, bytes);
      await this.options.beforeCriticalStep?.('database-rename');
      await renameWithRetry(tempPath, this.path);
    } catch (err) {
      await fsp.rm(tempPath, { force: true });
      throw err;
    }
    await syncDirectory(this.dir);
  }

  /** Size of the file on disk; 0 when there is none. */
  sizeBytes(): Promise<number> {
    return fsp.stat(this.path).then(
      (s) => s.size,
      () => 0,
    );
  }

  /** Delete the database, its temp files and its damaged copies. Under the lock. */
  async removeAll(): Promise<void> {
    for (const name of await fsp.readdir(this.dir)) {
      if (name === DB_FILE || name.startsWith(`${DB_FILE}.`)) {
        await fsp.rm(path.join(this.dir, name), { force: true });
      }
    }
    await syncDirectory(this.dir);
  }

  private openValidated(bytes: Uint8Array): SqlDatabase {
    checkHeader(bytes);
    let db: SqlDatabase;
    try {
      db = new this.sql.Database(bytes);
    } catch (err) {
      throw new CorruptDatabaseError(`cannot open: ${describeError(err)}`);
    }
    try {
      const check = db.exec('PRAGMA quick_check');
      const verdict = check[0]?.values[0]?.[0];
      if (verdict !== 'ok') {
        throw new CorruptDatabaseError('integrity check failed');
      }
      return db;
    } catch (err) {
      db.close();
      if (err instanceof CorruptDatabaseError || err instanceof SchemaTooNewError) {
        throw err;
      }
      throw new CorruptDatabaseError(`unreadable: ${describeError(err)}`);
    }
  }

  private async moveAside(nowMs: number): Promise<string> {
    const movedTo = `${this.path}.corrupt-${nowMs}`;
    await fsp.rename(this.path, movedTo);
    // Keep only the newest few damaged copies: disk use stays bounded.
    const copies = (await fsp.readdir(this.dir)).filter((n) => n.startsWith(`${DB_FILE}.corrupt-`)).sort();
    for (const name of copies.slice(0, Math.max(0, copies.length - KEEP_CORRUPT_COPIES))) {
      await fsp.rm(path.join(this.dir, name), { force: true });
    }
    return movedTo;
  }
}

/** Write a new file with mode 0600 and fsync it before closing. */
export async function writeFileDurably(filePath: string, data: string | Uint8Array): Promise<void> {
  const handle = await fsp.open(filePath, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make a rename in `dir` durable (POSIX); Windows cannot open directories, and needs no such step. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some file systems refuse to fsync a directory.
  } finally {
    await handle?.close();
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Cheap structural checks that catch foreign and truncated files before SQLite sees them. */
function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < 100) {
    throw new CorruptDatabaseError(`file too short (${bytes.length} bytes)`);
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 16));
  if (magic !== SQLITE_MAGIC) {
    throw new CorruptDatabaseError('not an SQLite database');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new CorruptDatabaseError('bad page size');
  }
  if (bytes.length % pageSize !== 0) {
    throw new CorruptDatabaseError('file is not a whole number of pages (truncated?)');
  }
  const changeCounter = view.getUint32(24);
  const pageCount = view.getUint32(28);
  const validFor = view.getUint32(92);
  if (validFor === changeCounter && pageCount * pageSize > bytes.length) {
    throw new CorruptDatabaseError(`truncated: ${bytes.length} of ${pageCount * pageSize} bytes`);
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows refuses to replace a file another process is reading at that instant; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (err) {
      const code = errCode(err);
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) {
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + attempt * 10));
    }
  }
}
