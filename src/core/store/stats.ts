// Figures about what the store holds, and the payload view's snapshot: every
// table it shows, read in one transaction.
import { readCounters, type DayCounters } from './counters';
import { readReceipts, type StoredReceipt } from './receipts';
import { readPendingReports, type ReportRecord } from './reports';
import type { SqlDatabase } from './sqlite';
import { scalar } from './sqlRows';

export interface StoreStats {
  /** Counter rows (one per day, event and property set). */
  readonly counters: number;
  /** Events counted (sum of all counters). */
  readonly events: number;
  readonly recentEvents: number;
  readonly days: number;
  readonly pendingReports: number;
  /** Size of the database file after compaction. */
  readonly dbBytes: number;
  /** Journal segments that were waiting when the call started. */
  readonly pendingSegments: number;
}

export interface StoreSnapshot {
  readonly counters: readonly DayCounters[];
  readonly pendingReports: readonly ReportRecord[];
  readonly receipts: readonly StoredReceipt[];
  readonly stats: StoreStats;
}

/** Everything but the file size, which is known only once the transaction has written the file. */
export function readStats(db: SqlDatabase, pendingSegments: number): Omit<StoreStats, 'dbBytes'> {
  return {
    counters: scalar(db, `SELECT COUNT(*) FROM counters`),
    events: scalar(db, `SELECT COALESCE(SUM(count), 0) FROM counters`),
    recentEvents: scalar(db, `SELECT COUNT(*) FROM recent_events`),
    days: scalar(db, `SELECT COUNT(DISTINCT day) FROM counters`),
    pendingReports: scalar(db, `SELECT COUNT(*) FROM reports WHERE status = 'pending'`),
    pendingSegments,
  };
}

export type SnapshotWithoutSize = Omit<StoreSnapshot, 'stats'> & { readonly stats: Omit<StoreStats, 'dbBytes'> };

export function readSnapshot(db: SqlDatabase, pendingSegments: number, receiptLimit: number): SnapshotWithoutSize {
  return {
    counters: readCounters(db),
    pendingReports: readPendingReports(db),
    receipts: readReceipts(db, receiptLimit),
    stats: readStats(db, pendingSegments),
  };
}
