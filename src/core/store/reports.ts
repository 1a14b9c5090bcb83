// The queue of daily reports (pending, sent, dropped, discarded) with the
// leases that keep two windows from sending the same report, as plain
// functions over an open database.
import { parseReport } from '../report';
import type { DailyReport } from '../types';
import type { NewReceipt } from './receipts';
import { insertReceipt } from './receipts';
import type { SqlDatabase } from './sqlite';
import { optionalNumber, query, type Row } from './sqlRows';

export type ReportStatus = 'pending' | 'sent' | 'dropped' | 'discarded';

export interface ReportRecord {
  readonly day: string;
  readonly status: ReportStatus;
  /** The exact serialised report; what is shown is what is sent. Empty once discarded. */
  readonly body: string;
  readonly createdMs: number;
  readonly attempts: number;
  readonly nextAttemptMs: number;
  readonly sentMs: number | undefined;
  readonly leaseOwner: string | undefined;
  readonly leaseUntilMs: number | undefined;
  /** Review mode: the user pressed "Send" for this report. */
  readonly approved: boolean;
}

export interface ClaimDueReportRequest {
  readonly owner: string;
  readonly nowMs: number;
  readonly leaseMs: number;
  /** Hand out only reports the user approved (review mode). */
  readonly approvedOnly?: boolean;
}

export interface ReportSettlement {
  readonly status: 'sent' | 'dropped' | 'pending';
  /** For `pending`: when the report is due again. */
  readonly nextAttemptMs?: number;
  /** For `pending` after a failed attempt: attempts + 1. */
  readonly countAttempt?: boolean;
  readonly receipt?: NewReceipt;
}

/**
 * Store `body` as the pending report of `day` (replacing an older pending one).
 * A report already sent, dropped or discarded is left alone; returns whether it was stored.
 */
export function upsertPendingReport(db: SqlDatabase, day: string, body: string, nowMs: number): boolean {
  db.run(
    `INSERT INTO reports (day, status, body, created_ms, attempts, next_attempt_ms)
     VALUES (?, 'pending', ?, ?, 0, 0)
     ON CONFLICT (day) DO UPDATE SET body = excluded.body, created_ms = excluded.created_ms
     WHERE reports.status = 'pending'`,
    [day, body, nowMs],
  );
  return db.getRowsModified() > 0;
}

/** Every report (or the one of `day`), oldest day first. */
export function readReports(db: SqlDatabase, day?: string): ReportRecord[] {
  return (
    day === undefined
      ? query(db, `SELECT * FROM reports ORDER BY day`)
      : query(db, `SELECT * FROM reports WHERE day = ?`, [day])
  ).map(toReport);
}

export function readPendingReports(db: SqlDatabase): ReportRecord[] {
  return readReports(db).filter((r) => r.status === 'pending');
}

/**
 * Lease the oldest pending report that is due to `owner` until `nowMs + leaseMs`,
 * unless another owner holds an unexpired lease on ANY report: one window
 * uploads at a time, so its budget check (bytesSentOnDay) and its send cannot
 * interleave with another window's. Atomic across processes when run inside
 * one store transaction, so two windows never hold the same report.
 */
export function claimDueReport(db: SqlDatabase, request: ClaimDueReportRequest): ReportRecord | undefined {
  const { owner, nowMs, leaseMs } = request;
  const row = query(
    db,
    `SELECT day FROM reports
     WHERE status = 'pending' AND next_attempt_ms <= ? AND (? = 0 OR approved = 1)
       AND (lease_owner IS NULL OR lease_owner = ? OR lease_until_ms IS NULL OR lease_until_ms <= ?)
       AND NOT EXISTS (SELECT 1 FROM reports AS other WHERE other.status = 'pending' AND other.lease_owner <> ?
                         AND other.lease_until_ms > ?)
     ORDER BY day LIMIT 1`,
    [nowMs, request.approvedOnly === true ? 1 : 0, owner, nowMs, owner, nowMs],
  )[0];
  if (row === undefined) {
    return undefined;
  }
  const day = String(row.day);
  db.run(`UPDATE reports SET lease_owner = ?, lease_until_ms = ? WHERE day = ?`, [owner, nowMs + leaseMs, day]);
  return readReports(db, day)[0];
}

/**
 * Settle a leased report: `sent`/`dropped` end it, `pending` makes it due again
 * at `nextAttemptMs` (counting an attempt if `countAttempt`). The receipt, if
 * any, is stored in the same transaction. Ignored (returns false) unless
 * `owner` still holds the lease.
 */
export function settleReport(
  db: SqlDatabase,
  owner: string,
  day: string,
  settlement: ReportSettlement,
  nowMs: number,
): boolean {
  const holds = query(db, `SELECT 1 AS held FROM reports WHERE day = ? AND status = 'pending' AND lease_owner = ?`, [
    day,
    owner,
  ]);
  if (holds.length === 0) {
    return false;
  }
  db.run(
    `UPDATE reports SET status = ?, lease_owner = NULL, lease_until_ms = NULL,
       next_attempt_ms = COALESCE(?, next_attempt_ms),
       attempts = attempts + ?,
       sent_ms = CASE WHEN ? = 'sent' THEN ? ELSE sent_ms END
     WHERE day = ?`,
    [
      settlement.status,
      settlement.nextAttemptMs ?? null,
      settlement.countAttempt === true ? 1 : 0,
      settlement.status,
      settlement.receipt?.atMs ?? nowMs,
      day,
    ],
  );
  if (settlement.receipt !== undefined) {
    insertReceipt(db, settlement.receipt);
  }
  return true;
}

/** The user's decision about a report, whoever holds it: discard it (its body is emptied) or approve it for sending. */
export function markReport(db: SqlDatabase, day: string, decision: 'discarded' | 'approved'): boolean {
  if (decision === 'approved') {
    // "Send" means now: the send time chosen for automatic mode no longer applies.
    db.run(`UPDATE reports SET approved = 1, next_attempt_ms = 0 WHERE day = ? AND status = 'pending'`, [day]);
  } else {
    db.run(
      `UPDATE reports SET status = 'discarded', body = '', lease_owner = NULL, lease_until_ms = NULL
       WHERE day = ? AND status = 'pending'`,
      [day],
    );
  }
  return db.getRowsModified() > 0;
}

/**
 * The report a stored record holds, validated against the report schema; undefined
 * when it no longer parses or is not that day's. The view and the upload both read
 * stored reports through this, so they always see the same report.
 */
export function readStoredReport(record: ReportRecord): DailyReport | undefined {
  try {
    const report = parseReport(record.body);
    return report.day === record.day ? report : undefined;
  } catch {
    return undefined;
  }
}

function toReport(r: Row): ReportRecord {
  return {
    day: String(r.day),
    status: String(r.status) as ReportStatus,
    body: String(r.body),
    createdMs: Number(r.created_ms),
    attempts: Number(r.attempts),
    nextAttemptMs: Number(r.next_attempt_ms),
    sentMs: optionalNumber(r.sent_ms),
    leaseOwner: r.lease_owner === null || r.lease_owner === undefined ? undefined : String(r.lease_owner),
    leaseUntilMs: optionalNumber(r.lease_until_ms),
    approved: r.approved === 1,
  };
}
