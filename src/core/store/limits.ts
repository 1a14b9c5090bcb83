// What compaction does to an open database, as functions with no I/O: fold a
// journal segment's events into the counters and the recent-events list, and
// enforce retention, the bounded logs and the size cap.
import { canonicalPropsKey } from '../report';
import type { Category } from '../types';
import { DAY_MS, utcDay } from '../utcDay';
import type { StoredEvent } from './journal';
import type { SqlDatabase } from './sqlite';
import { query, scalar } from './sqlRows';

/** Receipts and consent-log rows kept at most (besides retention), so history stays bounded. */
export const MAX_LOG_ROWS = 1000;

export interface StoreLimits {
  /** Days of data kept, today included. */
  readonly retentionDays: number;
  /** Size cap of the database; oldest days are dropped first. */
  readonly maxDbBytes: number;
  /** How many recent events the live view keeps. */
  readonly recentLimit: number;
}

/** The oldest UTC day still kept at `nowMs`. */
export function cutoffDay(nowMs: number, retentionDays: number): string {
  return utcDay(nowMs - (retentionDays - 1) * DAY_MS);
}

/** Add one segment's events (those inside retention) to the counters and the recent-events list. */
export function foldEvents(db: SqlDatabase, events: readonly StoredEvent[], nowMs: number, limits: StoreLimits): void {
  const cutoff = cutoffDay(nowMs, limits.retentionDays);
  const aggregated = new Map<
    string,
    { day: string; event: string; props: string; category: Category; count: number }
  >();
  for (const event of events) {
    const day = utcDay(event.ts);
    if (day < cutoff) {
      continue;
    }
    const props = canonicalPropsKey(event.props);
    const key = `${day}\u0000${event.name}\u0000${props}`;
    const entry = aggregated.get(key);
    if (entry === undefined) {
      aggregated.set(key, { day, event: event.name, props, category: event.category, count: 1 });
    } else {
      entry.count++;
    }
  }
  const upsert = db.prepare(
    `INSERT INTO counters (day, event, props, category, count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, event, props) DO UPDATE SET count = count + excluded.count`,
  );
  const insertRecent = db.prepare(`INSERT INTO recent_events (ts, day, event, props, category) VALUES (?, ?, ?, ?, ?)`);
  try {
    for (const c of aggregated.values()) {
      upsert.run([c.day, c.event, c.props, c.category, c.count]);
    }
    for (const event of events.slice(-limits.recentLimit)) {
      const day = utcDay(event.ts);
      if (day < cutoff) {
        continue;
      }
      insertRecent.run([event.ts, day, event.name, canonicalPropsKey(event.props), event.category]);
    }
  } finally {
    upsert.free();
    insertRecent.free();
  }
}

/** Keep only the newest `recentLimit` recent events. */
export function trimRecentEvents(db: SqlDatabase, recentLimit: number): void {
  db.run(
    `DELETE FROM recent_events WHERE id IN (SELECT id FROM recent_events ORDER BY ts DESC, id DESC LIMIT -1 OFFSET ?)`,
    [recentLimit],
  );
}

/** Retention, bounded logs, and the size cap (oldest days dropped first), in one SQL transaction. */
export function enforceLimits(db: SqlDatabase, nowMs: number, limits: StoreLimits): void {
  const cutoff = cutoffDay(nowMs, limits.retentionDays);
  const cutoffMs = nowMs - limits.retentionDays * DAY_MS;
  db.run('BEGIN');
  try {
    db.run(`DELETE FROM counters WHERE day < ?`, [cutoff]);
    db.run(`DELETE FROM recent_events WHERE day < ?`, [cutoff]);
    db.run(`DELETE FROM reports WHERE day < ?`, [cutoff]);
    db.run(`DELETE FROM receipts WHERE at_ms < ?`, [cutoffMs]);
    db.run(`DELETE FROM consent_log WHERE at_ms < ?`, [cutoffMs]);
    for (const table of ['receipts', 'consent_log']) {
      db.run(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ORDER BY id DESC LIMIT -1 OFFSET ?)`, [
        MAX_LOG_ROWS,
      ]);
    }
    while (usedBytes(db) > limits.maxDbBytes) {
      const oldest = query(
        db,
        `SELECT MIN(day) AS day FROM (SELECT day FROM counters UNION SELECT day FROM reports UNION SELECT day FROM recent_events)`,
      )[0]?.day;
      if (typeof oldest !== 'string') {
        break;
      }
      db.run(`DELETE FROM counters WHERE day = ?`, [oldest]);
      db.run(`DELETE FROM recent_events WHERE day = ?`, [oldest]);
      db.run(`DELETE FROM reports WHERE day = ?`, [oldest]);
    }
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
  // Deleted rows leave free pages behind; give them back when they are a large share of the file.
  const pageSize = scalar(db, 'PRAGMA page_size');
  const free = scalar(db, 'PRAGMA freelist_count');
  const pages = scalar(db, 'PRAGMA page_count');
  if (free * pageSize > 256 * 1024 && free * 4 > pages) {
    db.run('VACUUM');
  }
}

function usedBytes(db: SqlDatabase): number {
  return (scalar(db, 'PRAGMA page_count') - scalar(db, 'PRAGMA freelist_count')) * scalar(db, 'PRAGMA page_size');
}
