// One store transaction, run under the database file's lock: load the file,
// compact (fold every journal segment not yet applied, enforce the limits), run
// the caller's function inside an SQL transaction, write the file back if
// anything changed, and only then delete the segments it now holds.
//
// Applied segment ids are recorded in the database in the same write, so a crash
// or kill at any moment leaves the previous good file plus the segments, and the
// next transaction finishes the job without counting anything twice.

import type { DatabaseFile, RecoveryNotice } from './databaseFile';
import { KEEP_CORRUPT_COPIES } from './databaseFile';
import type { Journal, SegmentFile } from './journal';
import { enforceLimits, foldEvents, trimRecentEvents, type StoreLimits } from './limits';
import type { SqlDatabase } from './sqlite';
import { query, scalar } from './sqlRows';

/** What a caller's function sees inside `CandorStore.read`/`write`. */
export interface StoreTx {
  readonly db: SqlDatabase;
  readonly nowMs: number;
  /** Segments found in the journal when the transaction started. */
  readonly pendingSegments: number;
}

export interface TransactionParts {
  readonly file: DatabaseFile;
  readonly journal: Journal;
  readonly limits: StoreLimits;
  readonly notify: (notice: RecoveryNotice) => void;
}

/** Temp segment files older than this belong to a writer that died mid-write. */
const SEGMENT_TEMP_MAX_AGE_MS = 10 * 60_000;

/**
 * Run `fn` on the compacted database. `write` commits what `fn` changes;
 * `read` rolls it back, so a read can never change the data. Call under the lock,
 * except `unlocked-read`, for storage that cannot be written: it folds the
 * journal in memory only and never writes or deletes a file.
 */
export async function runTransaction<T>(
  parts: TransactionParts,
  nowMs: number,
  mode: 'read' | 'write' | 'unlocked-read',
  fn: (tx: StoreTx) => T,
): Promise<T> {
  const db = await parts.file.load(nowMs);
  try {
    if (mode === 'unlocked-read') {
      return await readWithoutWriting(db, parts, nowMs, fn);
    }
    const segments = await parts.journal.list();
    const applied = await applySegments(db, parts, segments, nowMs);
    enforceLimits(db, nowMs, parts.limits);
    const compactionChanged = totalChanges(db) > 0;
    let result: T;
    let failure: { error: unknown } | undefined;
    db.run('BEGIN');
    try {
      result = fn({ db, nowMs, pendingSegments: segments.length });
      db.run(mode === 'write' ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      db.run('ROLLBACK');
      failure = { error };
    }
    const changed = mode === 'write' && failure === undefined ? totalChanges(db) > 0 : compactionChanged;
    if (changed) {
      try {
        await parts.file.persist(db, nowMs);
      } catch (error) {
        // A read whose only change is compaction still answers from the folded
        // data when the file cannot be written (a full or read-only disk): the
        // old file and every segment stay as they were, for the next transaction.
        if (mode === 'write' || failure !== undefined) {
          throw error;
        }
        return result!;
      }
    }
    // Only now, with the file safely replaced, are the applied segments redundant.
    for (const segment of applied) {
      await parts.journal.remove(segment);
    }
    await parts.journal.sweep(nowMs, SEGMENT_TEMP_MAX_AGE_MS, KEEP_CORRUPT_COPIES);
    if (failure !== undefined) {
      throw failure.error;
    }
    return result!;
  } finally {
    db.close();
  }
}

async function readWithoutWriting<T>(
  db: SqlDatabase,
  parts: TransactionParts,
  nowMs: number,
  fn: (tx: StoreTx) => T,
): Promise<T> {
  const segments = await parts.journal.list();
  for (const segment of segments) {
    const read = await parts.journal.read(segment);
    if (read.kind === 'ok' && !isApplied(db, segment.id)) {
      foldEvents(db, read.events, nowMs, parts.limits);
    }
  }
  trimRecentEvents(db, parts.limits.recentLimit);
  enforceLimits(db, nowMs, parts.limits);
  return fn({ db, nowMs, pendingSegments: segments.length });
}

function isApplied(db: SqlDatabase, id: string): boolean {
  return query(db, `SELECT 1 FROM applied_segments WHERE id = ?`, [id]).length > 0;
}

function totalChanges(db: SqlDatabase): number {
  return scalar(db, `SELECT total_changes()`);
}

/** Fold segments into `db` (one SQL transaction); returns the segments that may be deleted once it is persisted. */
async function applySegments(
  db: SqlDatabase,
  parts: TransactionParts,
  segments: readonly SegmentFile[],
  nowMs: number,
): Promise<SegmentFile[]> {
  const { journal, limits } = parts;
  const alreadyApplied = new Set(query(db, `SELECT id FROM applied_segments`).map((r) => String(r.id)));
  const onDisk = new Set(segments.map((s) => s.id));
  const removable: SegmentFile[] = [];
  db.run('BEGIN');
  try {
    // Ids whose files are gone can never be seen again (names are unique): forget them.
    for (const id of alreadyApplied) {
      if (!onDisk.has(id)) {
        db.run(`DELETE FROM applied_segments WHERE id = ?`, [id]);
      }
    }
    for (const segment of segments) {
      if (alreadyApplied.has(segment.id)) {
        removable.push(segment);
        continue;
      }
      const read = await journal.read(segment);
      if (read.kind === 'missing' || read.kind === 'unsupported') {
        continue;
      }
      if (read.kind === 'corrupt') {
        const movedTo = await journal.quarantine(segment, nowMs);
        parts.notify({ kind: 'segment', movedTo, reason: read.reason });
        continue;
      }
      foldEvents(db, read.events, nowMs, limits);
      db.run(`INSERT INTO applied_segments (id, applied_ms) VALUES (?, ?)`, [segment.id, nowMs]);
      removable.push(segment);
    }
    trimRecentEvents(db, limits.recentLimit);
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
  return removable;
}
