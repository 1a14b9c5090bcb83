// An in-memory ReportQueue with the contract the uploader relies on (due
// times, leases per owner, attempts, receipts). A stand-in for the sql.js
// store in the uploader's pure-logic tests; the store has its own tests.

import { serializeReport } from '../../../src/core/report';
import type { DailyReport } from '../../../src/core/types';
import type { ClaimRequest, QueuedReport, ReportQueue, UploadReceipt } from '../../../src/core/upload/uploader';
import { utcDay } from '../../../src/core/utcDay';

interface Entry {
  /** The report as stored: serialised, or any text a test plants. */
  body: string;
  attempts: number;
  approved: boolean;
  nextAttemptMs: number;
  lease?: { owner: string; untilMs: number };
}

export class MemoryReportQueue implements ReportQueue {
  readonly pending = new Map<string, Entry>();
  readonly sent: string[] = [];
  readonly dropped: string[] = [];
  readonly receipts: UploadReceipt[] = [];
  /** Calls that came from an owner without the lease (must stay empty). */
  readonly staleSettles: string[] = [];

  add(report: DailyReport, options: { approved?: boolean; nextAttemptMs?: number } = {}): void {
    this.addText(report.day, serializeReport(report), options);
  }

  /** Stores `body` as the pending report of `day`, as an older or broken version might have. */
  addText(day: string, body: string, options: { approved?: boolean; nextAttemptMs?: number } = {}): void {
    this.pending.set(day, {
      body,
      attempts: 0,
      approved: options.approved ?? true,
      nextAttemptMs: options.nextAttemptMs ?? 0,
    });
  }

  entry(day: string): Entry | undefined {
    return this.pending.get(day);
  }

  claimDueReport(request: ClaimRequest): Promise<QueuedReport | undefined> {
    const days = [...this.pending.keys()].sort();
    for (const day of days) {
      const entry = this.pending.get(day);
      if (entry === undefined || entry.nextAttemptMs > request.nowMs || (request.approvedOnly && !entry.approved)) {
        continue;
      }
      if (entry.lease !== undefined && entry.lease.untilMs > request.nowMs) {
        continue;
      }
      entry.lease = { owner: request.owner, untilMs: request.nowMs + request.leaseMs };
      return Promise.resolve({
        day,
        body: entry.body,
        attempts: entry.attempts,
        approved: entry.approved,
        slotMs: entry.nextAttemptMs,
      });
    }
    return Promise.resolve(undefined);
  }

  markSent(owner: string, day: string, receipt: UploadReceipt): Promise<void> {
    if (this.holds(owner, day)) {
      this.pending.delete(day);
      this.sent.push(day);
      this.receipts.push(receipt);
    }
    return Promise.resolve();
  }

  markDropped(owner: string, day: string, receipt: UploadReceipt): Promise<void> {
    if (this.holds(owner, day)) {
      this.pending.delete(day);
      this.dropped.push(day);
      this.receipts.push(receipt);
    }
    return Promise.resolve();
  }

  reschedule(owner: string, day: string, nextAttemptMs: number, receipt: UploadReceipt): Promise<void> {
    const entry = this.pending.get(day);
    if (entry !== undefined && this.holds(owner, day)) {
      entry.attempts += 1;
      entry.nextAttemptMs = nextAttemptMs;
      delete entry.lease;
      this.receipts.push(receipt);
    }
    return Promise.resolve();
  }

  defer(owner: string, day: string, nextAttemptMs: number): Promise<void> {
    const entry = this.pending.get(day);
    if (entry !== undefined && this.holds(owner, day)) {
      entry.nextAttemptMs = nextAttemptMs;
      delete entry.lease;
    }
    return Promise.resolve();
  }

  bytesSentOnDay(day: string): Promise<number> {
    return Promise.resolve(this.receipts.filter((r) => utcDay(r.atMs) === day).reduce((sum, r) => sum + r.bytes, 0));
  }

  lastRequestMs(): Promise<number | undefined> {
    const made = this.receipts.filter((r) => r.bytes > 0).map((r) => r.atMs);
    return Promise.resolve(made.length === 0 ? undefined : Math.max(...made));
  }

  private holds(owner: string, day: string): boolean {
    const lease = this.pending.get(day)?.lease;
    if (lease?.owner === owner) {
      return true;
    }
    this.staleSettles.push(`${owner}:${day}`);
    return false;
  }
}
