// Candor's local store: one sql.js database file per user, shared by every VS
// Code window (every extension-host process) of that user.
//
// sql.js keeps a database in memory, so persisting means writing the whole
// file. To keep flushing cheap and multi-process safe:
//  - new events are appended as journal segments (journal.ts): O(new events),
//    no lock, no database access;
//  - everything that touches the database is one transaction (transaction.ts):
//    under a cross-process file lock it loads the file, folds in the journal,
//    enforces the limits, runs the caller's work and writes the file back
//    atomically (databaseFile.ts).
//
// This class is a thin facade: each method is one transaction over the table
// functions (counters.ts, reports.ts, receipts.ts, consentLogTable.ts,
// export.ts). A caller that needs several of them uses `read` or `write` to
// pay for one lock and one load instead of several.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { RETENTION_DAYS } from '../settingsDefaults';
import type { Category, ConsentDecision, PropValue } from '../types';
import { insertConsentLogEntry, readConsentLog, type ConsentLogEntry } from './consentLogTable';
import * as counters from './counters';
import type { DayCounters, RecentEvent } from './counters';
import { DatabaseFile, type BeforeCriticalStep, type RecoveryNotice } from './databaseFile';
import { errCode } from './fileLock';
import { gateExportData, gateRecordedData } from '../exportGate';
import type { OutboundGate } from '../outboundGate';
import { readExportData, readRecordedData, renderCsvExport, renderJsonExport } from './export';
import { Journal, type StoredEvent } from './journal';
import { MAX_LOG_ROWS, type StoreLimits } from './limits';
import {
  bytesSentOnDay,
  insertReceipt,
  lastRequestMs,
  readReceipts,
  type NewReceipt,
  type StoredReceipt,
} from './receipts';
import * as reports from './reports';
import type { ClaimDueReportRequest, ReportRecord, ReportSettlement } from './reports';
import { loadSqlJs, type SqlJs } from './sqlite';
import { readSnapshot, readStats, type StoreSnapshot, type StoreStats } from './stats';
import { runTransaction, type StoreTx } from './transaction';

const JOURNAL_DIR = 'journal';
/** Codes meaning the storage cannot be written at all just now. */
const UNWRITABLE_STORAGE: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

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
  /** Test-only: awaited just before a journal segment or the database file is renamed into place. */
  readonly beforeCriticalStep?: BeforeCriticalStep;
}

export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('The Candor store is closed');
  }
}

export class CandorStore {
  readonly dbPath: string;

  private readonly file: DatabaseFile;
  private readonly journal: Journal;
  private readonly now: () => number;
  private limits: StoreLimits;
  /** Serialises this process's own database work before it competes for the file lock. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    sql: SqlJs,
    readonly dir: string,
    private readonly options: StoreOptions,
  ) {
    this.file = new DatabaseFile(sql, dir, {
      lockTimeoutMs: options.lockTimeoutMs ?? 10_000,
      notify: (notice) => this.notify(notice),
      ...(options.beforeCriticalStep ? { beforeCriticalStep: options.beforeCriticalStep } : {}),
    });
    this.dbPath = this.file.path;
    this.journal = new Journal(path.join(dir, JOURNAL_DIR), options.beforeCriticalStep);
    this.now = options.now ?? Date.now;
    this.limits = {
      retentionDays: options.retentionDays ?? RETENTION_DAYS.default,
      maxDbBytes: options.maxDbBytes ?? 5 * 1024 * 1024,
      recentLimit: options.recentLimit ?? 200,
    };
  }

  /** Open (creating, migrating or recovering as needed) the store in `opts.dir`. */
  static async open(opts: StoreOptions): Promise<CandorStore> {
    const sql = await loadSqlJs(opts.wasmPath);
    await fsp.mkdir(opts.dir, { recursive: true, mode: 0o700 });
    const store = new CandorStore(sql, opts.dir, opts);
    await store.compact();
    return store;
  }

  /** A changed retention setting applies from the next compaction on. */
  setRetentionDays(days: number): void {
    if (Number.isInteger(days) && days >= 1) {
      this.limits = { ...this.limits, retentionDays: days };
    }
  }

  // ---- transactions ---------------------------------------------------------------------

  /** Run `fn` on the current data: one lock, one load. What `fn` changes is rolled back. */
  read<T>(fn: (tx: StoreTx) => T): Promise<T> {
    return this.transact('read', fn);
  }

  /** Run `fn` on the current data and keep what it changes (all or nothing): one lock, one load, one write. */
  write<T>(fn: (tx: StoreTx) => T): Promise<T> {
    return this.transact('write', fn);
  }

  // ---- writing events -------------------------------------------------------------------

  /** Durably append new events; costs time proportional to `events`, not to the database. */
  async appendEvents(events: readonly StoredEvent[]): Promise<void> {
    this.assertOpen();
    if (events.length === 0) {
      return;
    }
    await this.journal.append(events, this.now());
  }

  /** Fold pending journal segments into the database and enforce retention and the size cap. */
  async compact(): Promise<void> {
    await this.read(() => undefined);
  }

  // ---- reading --------------------------------------------------------------------------

  /** Counters per UTC day (oldest day first), optionally of one day only. */
  counters(day?: string): Promise<DayCounters[]> {
    return this.read(({ db }) => counters.readCounters(db, day));
  }

  /** The UTC days that hold counters, oldest first. */
  days(): Promise<string[]> {
    return this.read(({ db }) => counters.readCounterDays(db));
  }

  /** The newest recorded events, newest first. */
  recentEvents(limit: number = this.limits.recentLimit): Promise<RecentEvent[]> {
    return this.read(({ db }) => counters.readRecentEvents(db, limit));
  }

  async stats(): Promise<StoreStats> {
    const partial = await this.read(({ db, pendingSegments }) => readStats(db, pendingSegments));
    return { ...partial, dbBytes: await this.file.sizeBytes() };
  }

  /** Everything the payload view shows, read in one transaction (one lock, one load of the file). */
  async snapshot(receiptLimit = 50): Promise<StoreSnapshot> {
    const read = await this.read(({ db, pendingSegments }) => readSnapshot(db, pendingSegments, receiptLimit));
    return { ...read, stats: { ...read.stats, dbBytes: await this.file.sizeBytes() } };
  }

  // ---- deleting -------------------------------------------------------------------------

  /** Delete one counter and the day's pending report that contains it; returns whether a counter was deleted. */
  deleteCounter(day: string, event: string, props: Readonly<Record<string, PropValue>>): Promise<boolean> {
    return this.write(({ db }) => counters.deleteCounter(db, day, event, props));
  }

  /** Delete a day's counters and recent events; its pending report is marked discarded (and emptied). */
  async deleteDay(day: string): Promise<void> {
    await this.write(({ db }) => counters.deleteDay(db, day));
  }

  /** Consent for these categories was withdrawn: purge their unsent data and every pending report. */
  async purgeCategories(categories: readonly Category[]): Promise<void> {
    if (categories.length === 0) {
      return;
    }
    await this.write(({ db }) => counters.purgeCategories(db, categories));
  }

  /** These extensions were switched off: purge their unsent data and every pending report that could hold it. */
  async purgeExtensions(extensionIds: readonly string[]): Promise<void> {
    if (extensionIds.length === 0) {
      return;
    }
    await this.write(({ db }) => counters.purgeExtensions(db, extensionIds));
  }

  /** Purges the unsent data of every extension that is not installed; returns the rows removed. */
  purgeUninstalledExtensions(installed: readonly string[]): Promise<number> {
    return this.write(({ db }) => counters.purgeExtensionsExcept(db, installed));
  }

  /** Delete everything: the database, the journal and any damaged copies set aside. */
  async deleteAll(): Promise<void> {
    this.assertOpen();
    await this.serial(() =>
      this.file.withLock(async () => {
        await this.journal.removeAll();
        await this.file.removeAll();
      }),
    );
  }

  // ---- consent log ----------------------------------------------------------------------

  async logConsent(entry: ConsentLogEntry): Promise<void> {
    await this.write(({ db }) => insertConsentLogEntry(db, entry));
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
  consentLog(): Promise<ConsentLogEntry[]> {
    return this.read(({ db }) => readConsentLog(db));
  }

  // ---- report queue ---------------------------------------------------------------------

  /** Store `body` as the pending report of `day`, unless it was already sent, dropped or discarded. */
  upsertPendingReport(day: string, body: string): Promise<boolean> {
    return this.write(({ db, nowMs }) => reports.upsertPendingReport(db, day, body, nowMs));
  }

  /** Every report, oldest day first. */
  reports(): Promise<ReportRecord[]> {
    return this.read(({ db }) => reports.readReports(db));
  }

  pendingReports(): Promise<ReportRecord[]> {
    return this.read(({ db }) => reports.readPendingReports(db));
  }

  /** Lease the oldest due pending report to `request.owner` (see reports.ts). */
  claimDueReport(request: ClaimDueReportRequest): Promise<ReportRecord | undefined> {
    return this.write(({ db }) => reports.claimDueReport(db, request));
  }

  /** Settle a leased report and store its receipt; ignored (false) unless `owner` still holds the lease. */
  settleReport(owner: string, day: string, settlement: ReportSettlement): Promise<boolean> {
    return this.write(({ db, nowMs }) => reports.settleReport(db, owner, day, settlement, nowMs));
  }

  /** The user's decision about a report, whoever holds it: discard it (its body is emptied) or approve it for sending. */
  markReport(day: string, decision: 'discarded' | 'approved'): Promise<boolean> {
    return this.write(({ db }) => reports.markReport(db, day, decision));
  }

  addReceipt(receipt: NewReceipt): Promise<number> {
    return this.write(({ db }) => insertReceipt(db, receipt));
  }

  /** Receipts, newest first. */
  receipts(limit = MAX_LOG_ROWS): Promise<StoredReceipt[]> {
    return this.read(({ db }) => readReceipts(db, limit));
  }

  /** Bytes on the wire (receipt `bytes`) of the attempts made on the UTC day `day`. */
  bytesSentOnDay(day: string): Promise<number> {
    return this.read(({ db }) => bytesSentOnDay(db, day));
  }

  /** When this install last made an upload request (any window); undefined if never. */
  lastRequestMs(): Promise<number | undefined> {
    return this.read(({ db }) => lastRequestMs(db));
  }

  // ---- export ---------------------------------------------------------------------------

  /**
   * Everything the store holds that passes the outbound gate, as pretty-printed JSON, read in one
   * transaction (a consistent snapshot); what the gate leaves out is counted (src/core/exportGate.ts).
   */
  async exportJson(gate: OutboundGate): Promise<string> {
    const gated = gateExportData(await this.read(({ db }) => readExportData(db, this.limits.recentLimit)), gate);
    return renderJsonExport(gated.data, gated.withheld);
  }

  /** The recorded data that passes the outbound gate as CSV: one row per daily counter and one per recent event. */
  async exportCsv(gate: OutboundGate): Promise<string> {
    return renderCsvExport(
      gateRecordedData(await this.read(({ db }) => readRecordedData(db, this.limits.recentLimit)), gate).data,
    );
  }

  /** Wait for this process's pending work, then refuse further calls. Nothing stays open between calls. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.queue.catch(() => undefined);
  }

  // ---- internals ------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) {
      throw new StoreClosedError();
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(mode: 'read' | 'write', fn: (tx: StoreTx) => T): Promise<T> {
    this.assertOpen();
    const parts = {
      file: this.file,
      journal: this.journal,
      limits: this.limits,
      notify: (n: RecoveryNotice) => this.notify(n),
    };
    return this.serial(async () => {
      let locked = false;
      try {
        return await this.file.withLock(() => {
          locked = true;
          return runTransaction(parts, this.now(), mode, fn);
        });
      } catch (error) {
        // On a full or read-only disk even the lock file cannot be created. A read
        // needs no lock to be consistent (the database and every segment are
        // replaced atomically), so it answers from the files as they are and writes nothing.
        if (locked || mode === 'write' || !UNWRITABLE_STORAGE.has(errCode(error) ?? '')) {
          throw error;
        }
        return runTransaction(parts, this.now(), 'unlocked-read', fn);
      }
    });
  }

  private notify(notice: RecoveryNotice): void {
    try {
      this.options.onRecovered?.(notice);
    } catch {
      // A failing listener must not break the store.
    }
  }
}
