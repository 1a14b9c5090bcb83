// The uploader's ReportQueue (src/core/upload/ports.ts) backed by the store.
// Leases, attempts and receipts live in the shared database, so several windows
// share one queue and only the window holding a report's lease can settle it.

import type { ClaimRequest, QueuedReport, ReportQueue, UploadReceipt } from '../upload/ports';
import type { CandorStore } from './candorStore';
import { claimDueReport, readStoredReport, settleReport } from './reports';

interface Claimed {
  readonly queued: QueuedReport | undefined;
  /** Days whose stored report no longer parsed and was dropped on the way. */
  readonly dropped: readonly string[];
}

export class StoreReportQueue implements ReportQueue {
  constructor(
    private readonly store: CandorStore,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** One transaction: claims, and drops any unreadable report met on the way to a readable one. */
  async claimDueReport(request: ClaimRequest): Promise<QueuedReport | undefined> {
    const claimed = await this.store.write(({ db, nowMs }): Claimed => {
      const dropped: string[] = [];
      for (;;) {
        const record = claimDueReport(db, request);
        if (record === undefined) {
          return { queued: undefined, dropped };
        }
        const report = readStoredReport(record);
        if (report !== undefined) {
          return {
            queued: {
              day: record.day,
              report,
              attempts: record.attempts,
              approved: record.approved,
              slotMs: record.nextAttemptMs,
            },
            dropped,
          };
        }
        // A body that no longer parses cannot be sent as shown: drop it and look at the next one.
        settleReport(db, request.owner, record.day, { status: 'dropped' }, nowMs);
        dropped.push(record.day);
      }
    });
    for (const day of claimed.dropped) {
      this.log(`Candor: the stored report for ${day} is unreadable and was dropped`);
    }
    return claimed.queued;
  }

  async markSent(owner: string, day: string, receipt: UploadReceipt): Promise<void> {
    await this.store.settleReport(owner, day, { status: 'sent', receipt });
  }

  async markDropped(owner: string, day: string, receipt: UploadReceipt): Promise<void> {
    await this.store.settleReport(owner, day, { status: 'dropped', receipt });
  }

  async reschedule(owner: string, day: string, nextAttemptMs: number, receipt: UploadReceipt): Promise<void> {
    await this.store.settleReport(owner, day, { status: 'pending', nextAttemptMs, countAttempt: true, receipt });
  }

  async defer(owner: string, day: string, nextAttemptMs: number): Promise<void> {
    await this.store.settleReport(owner, day, { status: 'pending', nextAttemptMs });
  }

  bytesSentOnDay(utcDay: string): Promise<number> {
    return this.store.bytesSentOnDay(utcDay);
  }

  lastRequestMs(): Promise<number | undefined> {
    return this.store.lastRequestMs();
  }
}
