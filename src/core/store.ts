// Candor's local store: one sql.js database file per user, shared by every VS
// Code window (every extension-host process) of that user.
//
// sql.js keeps a database in memory, so persisting means writing the whole
// file. To keep flushing cheap and multi-process safe:
//  - new events are appended as journal segments (journal.ts): O(new events),
//    no lock, no database access;
//  - everything that touches the database runs under a cross-process file lock
//    and first "compacts": loads the file, folds in every journal segment not
//    yet applied (their ids are recorded in the database, so replay is
//    idempotent), enforces retention and the size cap, and — if anything
//    changed — writes the file to a temp name, fsyncs it and renames it over
//    the old one. Only then are the applied segments deleted. A crash or kill
//    at any moment leaves the previous good file plus the segments, and the
//    next compaction finishes the job without duplicating anything.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { errCode, withFileLock } from './fileLock';
import { Journal, type SegmentFile, type StoredEvent, syncDirectory, writeFileDurably } from './journal';
import { migrate, SchemaTooNewError } from './migrations';
import { canonicalPropsKey } from './report';
import { DAY_MS, utcDay } from './utcDay';
import { loadSqlJs, type SqlDatabase, type SqlJs } from './sqlite';
import type { Category, ConsentDecision, Counter, EffectiveLevel, PrivacyState, PropValue, UploadFormat } from './types';
import type { UploadReceipt } from './upload/uploader';
import { describeError } from './describeError';
import { RETENTION_DAYS } from './settingsDefaults';

export type { StoredEvent } from './journal';
export { SchemaTooNewError } from './migrations';

const DB_FILE = 'candor.sqlite';
const LOCK_FILE = 'candor.lock';
const JOURNAL_DIR = 'journal';
const KEEP_CORRUPT_COPIES = 3;
/** Receipts and consent-log rows kept at most (besides retention), so history stays bounded. */
const MAX_LOG_ROWS = 1000;

export interface StoreOptions {
  /** Directory holding the database, its journal and its lock (e.g. globalStorageUri). */
  readonly dir: string;
  /** Path of sql-wasm.wasm; defaults to the one in node_modules. */
  readonly wasmPath?: string;
  /** Days of data kept, today included (default 90). */
  readonly retentionDays?: number;
  /** Size cap of the database file; oldest days are dropped first (default 5 MB). */
  readonly maxDbBytes?: number;
  /** How many recent events the live view keeps (default 200). */
  readonly recentLimit?: number;
  readonly now?: () => number;
  /** How long to wait for another window's lock before failing (default 10 s). */
  readonly lockTimeoutMs?: number;
  /** Told whenever a damaged database or journal segment was moved aside. */
  readonly onRecovered?: (notice: RecoveryNotice) => void;
}

export interface RecoveryNotice {
  readonly kind: 'database' | 'segment';
  /** Where the damaged file now is. */
  readonly movedTo: string;
  readonly reason: string;
}

export interface StoredCounter extends Counter {
  readonly category: Category;
}

export interface DayCounters {
  readonly day: string;
  readonly counters: readonly StoredCounter[];
}

export interface RecentEvent {
  readonly ts: number;
  readonly day: string;
  readonly name: string;
  readonly category: Category;
  readonly props: Readonly<Record<string, PropValue>>;
}

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

/** The record of one upload attempt, as the uploader makes it, with an optional note. */
export interface NewReceipt extends UploadReceipt {
  readonly note?: string;
}

export interface StoredReceipt extends NewReceipt {
  readonly id: number;
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

export interface ConsentLogEntry {
  readonly atMs: number;
  readonly level: EffectiveLevel;
  readonly state: PrivacyState;
  readonly reason: string;
  readonly enabled: boolean;
  readonly usage: boolean;
  readonly errors: boolean;
  readonly dnt: boolean;
}

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

function readStats(db: SqlDatabase, pendingSegments: number): Omit<StoreStats, 'dbBytes'> {
  return {
    counters: scalar(db, `SELECT COUNT(*) FROM counters`),
    events: scalar(db, `SELECT COALESCE(SUM(count), 0) FROM counters`),
    recentEvents: scalar(db, `SELECT COUNT(*) FROM recent_events`),
    days: scalar(db, `SELECT COUNT(DISTINCT day) FROM counters`),
    pendingReports: scalar(db, `SELECT COUNT(*) FROM reports WHERE status = 'pending'`),
    pendingSegments,
  };
}

export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('The Candor store is closed');
  }
}

/** Raised while loading when the bytes are not a usable SQLite database. */
class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
}

interface TxContext {
  readonly db: SqlDatabase;
  readonly nowMs: number;
  /** Segments found in the journal when the transaction started. */
  readonly pendingSegments: number;
}

export class CandorStore {
  readonly dbPath: string;
  /** Set when `open()` found a damaged database and moved it here. */
  recoveredFrom: string | undefined;

  private readonly journal: Journal;
  private readonly lockPath: string;
  private readonly now: () => number;
  private retentionDays: number;
  private readonly maxDbBytes: number;
  private readonly recentLimit: number;
  private readonly lockTimeoutMs: number;
  /** Serialises this process's own database work before it competes for the file lock. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly sql: SqlJs,
    readonly dir: string,
    private readonly options: StoreOptions,
  ) {
    this.dbPath = path.join(dir, DB_FILE);
    this.lockPath = path.join(dir, LOCK_FILE);
    this.journal = new Journal(path.join(dir, JOURNAL_DIR));
    this.now = options.now ?? Date.now;
    this.retentionDays = options.retentionDays ?? RETENTION_DAYS.default;
    this.maxDbBytes = options.maxDbBytes ?? 5 * 1024 * 1024;
    this.recentLimit = options.recentLimit ?? 200;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  /** Open (creating, migrating or recovering as needed) the store in `opts.dir`. */
  static async open(opts: StoreOptions): Promise<CandorStore> {
    const sql = await loadSqlJs(opts.wasmPath);
    await fsp.mkdir(opts.dir, { recursive: true, mode: 0o700 });
    const store = new CandorStore(sql, opts.dir, opts);
    await store.compact();
    return store;
  }

  // ---- writing events -------------------------------------------------------------------

  /** Durably append new events; costs time proportional to `events`, not to the database. */
  /** A changed retention setting applies from the next compaction on. */
  setRetentionDays(days: number): void {
    if (Number.isInteger(days) && days >= 1) this.retentionDays = days;
  }

  async appendEvents(events: readonly StoredEvent[]): Promise<void> {
    this.assertOpen();
    if (events.length === 0) return;
    await this.journal.append(events, this.now());
  }

  /** Fold pending journal segments into the database and enforce retention and the size cap. */
  async compact(): Promise<void> {
    await this.transact(() => undefined);
  }

  // ---- reading --------------------------------------------------------------------------

  /** Counters per UTC day (oldest day first), optionally of one day only. */
  async counters(day?: string): Promise<DayCounters[]> {
    return this.transact(({ db }) => readCounters(db, day));
  }

  /** The UTC days that hold counters, oldest first. */
  async days(): Promise<string[]> {
    return this.transact(({ db }) => query(db, `SELECT DISTINCT day FROM counters ORDER BY day`).map((r) => String(r.day)));
  }

  /** The newest recorded events, newest first. */
  async recentEvents(limit: number = this.recentLimit): Promise<RecentEvent[]> {
    return this.transact(({ db }) => readRecentEvents(db, limit));
  }

  async stats(): Promise<StoreStats> {
    const partial = await this.transact(({ db, pendingSegments }) => readStats(db, pendingSegments));
    return { ...partial, dbBytes: await this.dbFileBytes() };
  }

  /**
   * Run `fn` on the database in one transaction (one lock, one load of the file).
   * For readers that bring their own SQL, such as src/core/insights/insightsQuery.ts.
   */
  async read<T>(fn: (tx: { db: SqlDatabase; nowMs: number; pendingSegments: number }) => T): Promise<T> {
    return this.transact(fn);
  }

  /** Everything the payload view shows, read in one transaction (one lock, one load of the file). */
  async snapshot(receiptLimit = 50): Promise<StoreSnapshot> {
    const read = await this.transact(({ db, pendingSegments }) => ({
      counters: readCounters(db, undefined),
      pendingReports: readReports(db).filter((r) => r.status === 'pending'),
      receipts: readReceipts(db, receiptLimit),
      stats: readStats(db, pendingSegments),
    }));
    return { ...read, stats: { ...read.stats, dbBytes: await this.dbFileBytes() } };
  }

  private dbFileBytes(): Promise<number> {
    return fsp.stat(this.dbPath).then((s) => s.size, () => 0);
  }

  // ---- deleting -------------------------------------------------------------------------

  /**
   * Delete one counter. The day's pending report (which still contains it) is
   * deleted too, so that it is rebuilt without it. Returns whether a counter was deleted.
   */
  async deleteCounter(day: string, event: string, props: Readonly<Record<string, PropValue>>): Promise<boolean> {
    return this.transact(({ db }) => {
      db.run(`DELETE FROM counters WHERE day = ? AND event = ? AND props = ?`, [day, event, canonicalPropsKey(props)]);
      const deleted = db.getRowsModified() > 0;
      if (deleted) db.run(`DELETE FROM reports WHERE day = ? AND status = 'pending'`, [day]);
      return deleted;
    });
  }

  /** Delete a day's counters and recent events; its pending report is marked discarded (and emptied). */
  async deleteDay(day: string): Promise<void> {
    await this.transact(({ db }) => {
      db.run(`DELETE FROM counters WHERE day = ?`, [day]);
      db.run(`DELETE FROM recent_events WHERE day = ?`, [day]);
      db.run(`UPDATE reports SET status = 'discarded', body = '', lease_owner = NULL, lease_until_ms = NULL
              WHERE day = ? AND status = 'pending'`, [day]);
    });
  }

  /**
   * Consent for these categories was withdrawn: purge what has not been sent —
   * their counters, their recent events — and every pending report (a report
   * mixes categories; it is rebuilt from what remains).
   */
  async purgeCategories(categories: readonly Category[]): Promise<void> {
    if (categories.length === 0) return;
    await this.transact(({ db }) => {
      for (const category of categories) {
        db.run(`DELETE FROM counters WHERE category = ?`, [category]);
        db.run(`DELETE FROM recent_events WHERE category = ?`, [category]);
      }
      db.run(`DELETE FROM reports WHERE status = 'pending'`);
    });
  }

  /** Delete everything: the database, the journal and any damaged copies set aside. */
  async deleteAll(): Promise<void> {
    this.assertOpen();
    await this.serial(() =>
      withFileLock(
        this.lockPath,
        async () => {
          await this.journal.removeAll();
          for (const name of await fsp.readdir(this.dir)) {
            if (name === DB_FILE || name.startsWith(`${DB_FILE}.`)) {
              await fsp.rm(path.join(this.dir, name), { force: true });
            }
          }
          await syncDirectory(this.dir);
        },
        { timeoutMs: this.lockTimeoutMs },
      ),
    );
  }

  // ---- consent log ----------------------------------------------------------------------

  async logConsent(entry: ConsentLogEntry): Promise<void> {
    await this.transact(({ db }) => {
      db.run(
        `INSERT INTO consent_log (at_ms, level, state, reason, enabled, usage, errors, dnt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [entry.atMs, entry.level, entry.state, entry.reason, +entry.enabled, +entry.usage, +entry.errors, +entry.dnt],
      );
    });
  }

  /** Convenience: log a consent decision with the inputs that led to it. */
  async logConsentDecision(
    decision: ConsentDecision,
    inputs: { enabled: boolean; usage: boolean; errors: boolean; doNotTrack: boolean },
  ): Promise<void> {
    await this.logConsent({
      atMs: this.now(),
      level: decision.level,
      state: decision.state,
      reason: decision.reason,
      enabled: inputs.enabled,
      usage: inputs.usage,
      errors: inputs.errors,
      dnt: inputs.doNotTrack,
    });
  }

  /** The consent log, oldest first. */
  async consentLog(): Promise<ConsentLogEntry[]> {
    return this.transact(({ db }) => readConsentLog(db));
  }

  // ---- report queue ---------------------------------------------------------------------

  /**
   * Store `body` as the pending report of `day` (replacing an older pending one).
   * A report already sent, dropped or discarded is left alone; returns whether it was stored.
   */
  async upsertPendingReport(day: string, body: string): Promise<boolean> {
    return this.transact(({ db, nowMs }) => {
      db.run(
        `INSERT INTO reports (day, status, body, created_ms, attempts, next_attempt_ms)
         VALUES (?, 'pending', ?, ?, 0, 0)
         ON CONFLICT (day) DO UPDATE SET body = excluded.body, created_ms = excluded.created_ms
         WHERE reports.status = 'pending'`,
        [day, body, nowMs],
      );
      return db.getRowsModified() > 0;
    });
  }

  /** Every report, oldest day first. */
  async reports(): Promise<ReportRecord[]> {
    return this.transact(({ db }) => readReports(db));
  }

  async pendingReports(): Promise<ReportRecord[]> {
    return this.transact(({ db }) => readReports(db).filter((r) => r.status === 'pending'));
  }

  /**
   * Lease the oldest pending report that is due to `owner` until `nowMs + leaseMs`,
   * unless another owner holds an unexpired lease on ANY report: one window
   * uploads at a time, so its budget check (bytesSentOnDay) and its send cannot
   * interleave with another window's. Atomic across processes: it runs under
   * the store lock, so two windows never hold the same report.
   */
  async claimDueReport(request: ClaimDueReportRequest): Promise<ReportRecord | undefined> {
    const { owner, nowMs, leaseMs } = request;
    return this.transact(({ db }) => {
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
      if (row === undefined) return undefined;
      const day = String(row.day);
      db.run(`UPDATE reports SET lease_owner = ?, lease_until_ms = ? WHERE day = ?`, [owner, nowMs + leaseMs, day]);
      return readReports(db, day)[0];
    });
  }

  /**
   * Settle a leased report: `sent`/`dropped` end it, `pending` makes it due again
   * at `nextAttemptMs` (counting an attempt if `countAttempt`). The receipt, if
   * any, is stored in the same transaction. Ignored (returns false) unless
   * `owner` still holds the lease.
   */
  async settleReport(owner: string, day: string, settlement: ReportSettlement): Promise<boolean> {
    return this.transact(({ db, nowMs }) => {
      const holds = query(db, `SELECT 1 AS held FROM reports WHERE day = ? AND status = 'pending' AND lease_owner = ?`, [
        day,
        owner,
      ]);
      if (holds.length === 0) return false;
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
      if (settlement.receipt !== undefined) insertReceipt(db, settlement.receipt);
      return true;
    });
  }

  /** The user's decision about a report, whoever holds it: discard it (its body is emptied) or approve it for sending. */
  async markReport(day: string, decision: 'discarded' | 'approved'): Promise<boolean> {
    return this.transact(({ db }) => {
      if (decision === 'approved') {
        db.run(`UPDATE reports SET approved = 1 WHERE day = ? AND status = 'pending'`, [day]);
      } else {
        db.run(
          `UPDATE reports SET status = 'discarded', body = '', lease_owner = NULL, lease_until_ms = NULL
           WHERE day = ? AND status = 'pending'`,
          [day],
        );
      }
      return db.getRowsModified() > 0;
    });
  }

  async addReceipt(receipt: NewReceipt): Promise<number> {
    return this.transact(({ db }) => insertReceipt(db, receipt));
  }

  /** Receipts, newest first. */
  async receipts(limit = MAX_LOG_ROWS): Promise<StoredReceipt[]> {
    return this.transact(({ db }) => readReceipts(db, limit));
  }

  /** Bytes on the wire (receipt `bytes`) of the attempts made on the UTC day `day`. */
  async bytesSentOnDay(day: string): Promise<number> {
    const startMs = Date.parse(`${day}T00:00:00.000Z`);
    if (Number.isNaN(startMs)) return 0;
    return this.transact(({ db }) => {
      const rows = query(db, `SELECT COALESCE(SUM(bytes), 0) AS total FROM receipts WHERE at_ms >= ? AND at_ms < ?`, [
        startMs,
        startMs + DAY_MS,
      ]);
      return Number(rows[0]?.total ?? 0);
    });
  }

  // ---- export ---------------------------------------------------------------------------

  /** Everything the store holds, as pretty-printed JSON. */
  async exportJson(): Promise<string> {
    // One transaction, so the export is a consistent snapshot.
    const { dayCounters, recent, reports, receipts, consent } = await this.transact(({ db }) => ({
      dayCounters: readCounters(db),
      recent: readRecentEvents(db, this.recentLimit),
      reports: readReports(db),
      receipts: readReceipts(db, MAX_LOG_ROWS),
      consent: readConsentLog(db),
    }));
    const document = {
      format: 'candor.export/1',
      counters: dayCounters.flatMap((d) =>
        d.counters.map((c) => ({ day: d.day, event: c.event, category: c.category, props: c.props, count: c.count })),
      ),
      recentEvents: recent.map((e) => ({
        time: new Date(e.ts).toISOString(),
        day: e.day,
        event: e.name,
        category: e.category,
        props: e.props,
      })),
      reports: reports.map((r) => ({
        day: r.day,
        status: r.status,
        attempts: r.attempts,
        sentAt: r.sentMs === undefined ? null : new Date(r.sentMs).toISOString(),
        body: r.body,
      })),
      receipts: receipts.map((r) => ({
        day: r.day,
        at: new Date(r.atMs).toISOString(),
        endpointHost: r.endpointHost,
        format: r.format,
        status: r.status,
        outcome: r.outcome,
        bytes: r.bytes,
        bodyBytes: r.bodyBytes,
        sha256: r.sha256,
        note: r.note ?? null,
      })),
      consentLog: consent.map((c) => ({ ...c, at: new Date(c.atMs).toISOString() })),
    };
    return JSON.stringify(document, null, 2) + '\n';
  }

  /**
   * The recorded data as CSV (RFC 4180): one row per daily counter and one per
   * recent event, properties as canonical JSON in one column.
   */
  async exportCsv(): Promise<string> {
    const { dayCounters, recent } = await this.transact(({ db }) => ({
      dayCounters: readCounters(db),
      recent: readRecentEvents(db, this.recentLimit),
    }));
    const lines = [['record', 'day', 'time', 'event', 'category', 'count', 'props']];
    for (const d of dayCounters) {
      for (const c of d.counters) {
        lines.push(['counter', d.day, '', c.event, c.category, String(c.count), canonicalPropsKey(c.props)]);
      }
    }
    for (const e of recent) {
      lines.push(['event', e.day, new Date(e.ts).toISOString(), e.name, e.category, '1', canonicalPropsKey(e.props)]);
    }
    return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
  }

  /** Wait for this process's pending work, then refuse further calls. Nothing stays open between calls. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
  }

  // ---- internals ------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Run `fn` on the current database under the cross-process lock, after
   * compaction, inside a SQL transaction (rolled back if `fn` throws), and
   * write the file back if anything changed.
   */
  private async transact<T>(fn: (ctx: TxContext) => T): Promise<T> {
    this.assertOpen();
    return this.serial(() =>
      withFileLock(this.lockPath, () => this.compactLocked(fn), { timeoutMs: this.lockTimeoutMs }),
    );
  }

  private async compactLocked<T>(fn: (ctx: TxContext) => T): Promise<T> {
    const nowMs = this.now();
    const db = await this.loadDatabase(nowMs);
    try {
      const segments = await this.journal.list();
      const applied = await this.applySegments(db, segments, nowMs);
      this.enforceLimits(db, nowMs);
      let result: T;
      let failure: { error: unknown } | undefined;
      db.run('BEGIN');
      try {
        result = fn({ db, nowMs, pendingSegments: segments.length });
        db.run('COMMIT');
      } catch (error) {
        db.run('ROLLBACK');
        failure = { error };
      }
      if (scalar(db, `SELECT total_changes()`) > 0) await this.persist(db, nowMs);
      // Only now, with the file safely replaced, are the applied segments redundant.
      for (const segment of applied) await this.journal.remove(segment);
      await this.journal.sweep(nowMs, 10 * 60_000, KEEP_CORRUPT_COPIES);
      if (failure !== undefined) throw failure.error;
      return result!;
    } finally {
      db.close();
    }
  }

  /** Load the database file (or start an empty one), moving a damaged file aside. */
  private async loadDatabase(nowMs: number): Promise<SqlDatabase> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await fsp.readFile(this.dbPath);
    } catch (err) {
      if (errCode(err) !== 'ENOENT') throw err;
    }
    let db: SqlDatabase;
    if (bytes === undefined) {
      db = new this.sql.Database();
    } else {
      try {
        db = this.openValidated(bytes);
      } catch (err) {
        if (!(err instanceof CorruptDatabaseError)) throw err;
        const movedTo = await this.moveAside(nowMs);
        this.recoveredFrom = movedTo;
        this.notify({ kind: 'database', movedTo, reason: err.message });
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
      if (verdict !== 'ok') throw new CorruptDatabaseError(`integrity check failed: ${String(verdict)}`);
      return db;
    } catch (err) {
      db.close();
      if (err instanceof CorruptDatabaseError || err instanceof SchemaTooNewError) throw err;
      throw new CorruptDatabaseError(`unreadable: ${describeError(err)}`);
    }
  }

  private async moveAside(nowMs: number): Promise<string> {
    const movedTo = `${this.dbPath}.corrupt-${nowMs}`;
    await fsp.rename(this.dbPath, movedTo);
    // Keep only the newest few damaged copies: disk use stays bounded.
    const copies = (await fsp.readdir(this.dir)).filter((n) => n.startsWith(`${DB_FILE}.corrupt-`)).sort();
    for (const name of copies.slice(0, Math.max(0, copies.length - KEEP_CORRUPT_COPIES))) {
      await fsp.rm(path.join(this.dir, name), { force: true });
    }
    return movedTo;
  }

  private notify(notice: RecoveryNotice): void {
    try {
      this.options.onRecovered?.(notice);
    } catch {
      // A failing listener must not break the store.
    }
  }

  /** Fold segments into `db` (one transaction); returns the segments that may now be deleted. */
  private async applySegments(db: SqlDatabase, segments: readonly SegmentFile[], nowMs: number): Promise<SegmentFile[]> {
    const alreadyApplied = new Set(query(db, `SELECT id FROM applied_segments`).map((r) => String(r.id)));
    const onDisk = new Set(segments.map((s) => s.id));
    const removable: SegmentFile[] = [];
    const cutoffDay = this.cutoffDay(nowMs);
    db.run('BEGIN');
    try {
      // Ids whose files are gone can never be seen again (names are unique): forget them.
      for (const id of alreadyApplied) {
        if (!onDisk.has(id)) db.run(`DELETE FROM applied_segments WHERE id = ?`, [id]);
      }
      const upsert = db.prepare(
        `INSERT INTO counters (day, event, props, category, count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (day, event, props) DO UPDATE SET count = count + excluded.count`,
      );
      const insertRecent = db.prepare(
        `INSERT INTO recent_events (ts, day, event, props, category) VALUES (?, ?, ?, ?, ?)`,
      );
      try {
        for (const segment of segments) {
          if (alreadyApplied.has(segment.id)) {
            removable.push(segment);
            continue;
          }
          const read = await this.journal.read(segment);
          if (read.kind === 'missing' || read.kind === 'unsupported') continue;
          if (read.kind === 'corrupt') {
            const movedTo = await this.journal.quarantine(segment, nowMs);
            this.notify({ kind: 'segment', movedTo, reason: read.reason });
            continue;
          }
          const aggregated = new Map<string, { day: string; event: string; props: string; category: Category; count: number }>();
          for (const event of read.events) {
            const day = utcDay(event.ts);
            if (day < cutoffDay) continue;
            const props = canonicalPropsKey(event.props);
            const key = `${day}\u0000${event.name}\u0000${props}`;
            const entry = aggregated.get(key);
            if (entry === undefined) aggregated.set(key, { day, event: event.name, props, category: event.category, count: 1 });
            else entry.count++;
          }
          for (const c of aggregated.values()) upsert.run([c.day, c.event, c.props, c.category, c.count]);
          for (const event of read.events.slice(-this.recentLimit)) {
            const day = utcDay(event.ts);
            if (day < cutoffDay) continue;
            insertRecent.run([event.ts, day, event.name, canonicalPropsKey(event.props), event.category]);
          }
          db.run(`INSERT INTO applied_segments (id, applied_ms) VALUES (?, ?)`, [segment.id, nowMs]);
          removable.push(segment);
        }
      } finally {
        upsert.free();
        insertRecent.free();
      }
      db.run(
        `DELETE FROM recent_events WHERE id IN (SELECT id FROM recent_events ORDER BY ts DESC, id DESC LIMIT -1 OFFSET ?)`,
        [this.recentLimit],
      );
      db.run('COMMIT');
    } catch (err) {
      db.run('ROLLBACK');
      throw err;
    }
    return removable;
  }

  private cutoffDay(nowMs: number): string {
    return utcDay(nowMs - (this.retentionDays - 1) * DAY_MS);
  }

  /** Retention, bounded logs, and the size cap (oldest days dropped first). */
  private enforceLimits(db: SqlDatabase, nowMs: number): void {
    const cutoffDay = this.cutoffDay(nowMs);
    const cutoffMs = nowMs - this.retentionDays * DAY_MS;
    db.run('BEGIN');
    try {
      db.run(`DELETE FROM counters WHERE day < ?`, [cutoffDay]);
      db.run(`DELETE FROM recent_events WHERE day < ?`, [cutoffDay]);
      db.run(`DELETE FROM reports WHERE day < ?`, [cutoffDay]);
      db.run(`DELETE FROM receipts WHERE at_ms < ?`, [cutoffMs]);
      db.run(`DELETE FROM consent_log WHERE at_ms < ?`, [cutoffMs]);
      for (const table of ['receipts', 'consent_log']) {
        db.run(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ORDER BY id DESC LIMIT -1 OFFSET ?)`, [
          MAX_LOG_ROWS,
        ]);
      }
      while (usedBytes(db) > this.maxDbBytes) {
        const oldest = query(
          db,
          `SELECT MIN(day) AS day FROM (SELECT day FROM counters UNION SELECT day FROM reports UNION SELECT day FROM recent_events)`,
        )[0]?.day;
        if (typeof oldest !== 'string') break;
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
    if (free * pageSize > 256 * 1024 && free * 4 > pages) db.run('VACUUM');
  }

  /** Replace the database file atomically: temp file, fsync, rename, fsync the directory. */
  private async persist(db: SqlDatabase, nowMs: number): Promise<void> {
    const bytes = db.export();
    const tempPath = `${this.dbPath}.tmp-${process.pid}-${nowMs}-${randomBytes(4).toString('hex')}`;
    // Under the lock, any other temp file is a leftover of a writer that died.
    for (const name of await fsp.readdir(this.dir)) {
      if (name.startsWith(`${DB_FILE}.tmp-`)) await fsp.rm(path.join(this.dir, name), { force: true });
    }
    await writeFileDurably(tempPath, bytes);
    try {
      await renameWithRetry(tempPath, this.dbPath);
    } catch (err) {
      await fsp.rm(tempPath, { force: true });
      throw err;
    }
    await syncDirectory(this.dir);
  }
}

// ---- helpers ----------------------------------------------------------------------------

type Row = Record<string, string | number | Uint8Array | null>;

function readCounters(db: SqlDatabase, day?: string): DayCounters[] {
  const rows =
    day === undefined
      ? query(db, `SELECT day, event, props, category, count FROM counters ORDER BY day, event, props`)
      : query(db, `SELECT day, event, props, category, count FROM counters WHERE day = ? ORDER BY event, props`, [day]);
  const byDay = new Map<string, StoredCounter[]>();
  for (const row of rows) {
    const d = String(row.day);
    let list = byDay.get(d);
    if (list === undefined) byDay.set(d, (list = []));
    list.push({
      event: String(row.event),
      props: parseProps(row.props),
      category: asCategory(row.category),
      count: Number(row.count),
    });
  }
  return [...byDay].map(([d, counters]) => ({ day: d, counters }));
}

function readRecentEvents(db: SqlDatabase, limit: number): RecentEvent[] {
  return query(db, `SELECT ts, day, event, props, category FROM recent_events ORDER BY ts DESC, id DESC LIMIT ?`, [
    Math.max(0, Math.floor(limit)),
  ]).map(toRecentEvent);
}

function readReports(db: SqlDatabase, day?: string): ReportRecord[] {
  return (
    day === undefined
      ? query(db, `SELECT * FROM reports ORDER BY day`)
      : query(db, `SELECT * FROM reports WHERE day = ?`, [day])
  ).map(toReport);
}

function insertReceipt(db: SqlDatabase, r: NewReceipt): number {
  db.run(
    `INSERT INTO receipts (day, format, bytes, body_bytes, sha256, endpoint_host, status, at_ms, outcome, next_attempt_ms, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.day,
      r.format,
      r.bytes,
      r.bodyBytes,
      r.sha256,
      r.endpointHost,
      r.status,
      r.atMs,
      r.outcome,
      r.nextAttemptMs ?? null,
      r.note ?? null,
    ],
  );
  return scalar(db, `SELECT last_insert_rowid()`);
}

function readReceipts(db: SqlDatabase, limit: number): StoredReceipt[] {
  return query(db, `SELECT * FROM receipts ORDER BY at_ms DESC, id DESC LIMIT ?`, [limit]).map((r) => {
    const receipt: StoredReceipt = {
      id: Number(r.id),
      day: String(r.day),
      format: String(r.format) as UploadFormat,
      bytes: Number(r.bytes),
      bodyBytes: Number(r.body_bytes),
      sha256: String(r.sha256),
      endpointHost: String(r.endpoint_host),
      status: String(r.status),
      atMs: Number(r.at_ms),
      outcome: String(r.outcome) as NewReceipt['outcome'],
      ...(r.next_attempt_ms === null || r.next_attempt_ms === undefined ? {} : { nextAttemptMs: Number(r.next_attempt_ms) }),
      ...(r.note === null || r.note === undefined ? {} : { note: String(r.note) }),
    };
    return receipt;
  });
}

function readConsentLog(db: SqlDatabase): ConsentLogEntry[] {
  return query(
    db,
    `SELECT at_ms, level, state, reason, enabled, usage, errors, dnt FROM consent_log ORDER BY at_ms, id`,
  ).map((r) => ({
    atMs: Number(r.at_ms),
    level: String(r.level) as EffectiveLevel,
    state: String(r.state) as PrivacyState,
    reason: String(r.reason),
    enabled: r.enabled === 1,
    usage: r.usage === 1,
    errors: r.errors === 1,
    dnt: r.dnt === 1,
  }));
}

function query(db: SqlDatabase, sql: string, params: (string | number | null)[] = []): Row[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

function scalar(db: SqlDatabase, sql: string): number {
  const value = db.exec(sql)[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

function usedBytes(db: SqlDatabase): number {
  return (scalar(db, 'PRAGMA page_count') - scalar(db, 'PRAGMA freelist_count')) * scalar(db, 'PRAGMA page_size');
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Cheap structural checks that catch foreign and truncated files before SQLite sees them. */
function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < 100) throw new CorruptDatabaseError(`file too short (${bytes.length} bytes)`);
  const magic = String.fromCharCode(...bytes.subarray(0, 16));
  if (magic !== SQLITE_MAGIC) throw new CorruptDatabaseError('not an SQLite database');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw new CorruptDatabaseError('bad page size');
  if (bytes.length % pageSize !== 0) throw new CorruptDatabaseError('file is not a whole number of pages (truncated?)');
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
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10 + attempt * 10));
    }
  }
}

function parseProps(value: unknown): Record<string, PropValue> {
  const parsed: unknown = JSON.parse(String(value));
  const props: Record<string, PropValue> = {};
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [key, v] of Object.entries(parsed)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[key] = v;
    }
  }
  return props;
}

function asCategory(value: unknown): Category {
  return value === 'errors' ? 'errors' : 'usage';
}

function toRecentEvent(r: Row): RecentEvent {
  return {
    ts: Number(r.ts),
    day: String(r.day),
    name: String(r.event),
    category: asCategory(r.category),
    props: parseProps(r.props),
  };
}

function toReport(r: Row): ReportRecord {
  const optionalNumber = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
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

/** RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

