// The uploader's ReportQueue (src/core/upload/ports.ts) backed by the store.
// Leases, attempts and receipts live in the shared database, so several windows
// share one queue and only the window holding a report's lease can settle it.

import type { ClaimRequest, QueuedReport, ReportQueue, UploadReceipt } from '../upload/ports';
import type { CandorStore } from './candorStore';
import { claimDueReport } from './reports';

export class StoreReportQueue implements ReportQueue {
  constructor(private readonly store: CandorStore) {}

  /**
   * One transaction. The stored text is handed out as it is: whether it may
   * leave is the outbound gate's decision, made by the uploader just before it sends.
   */
  async claimDueReport(request: ClaimRequest): Promise<QueuedReport | undefined> {
    const record = await this.store.write(({ db }) => claimDueReport(db, request));
    return record === undefined
      ? undefined
      : {
          day: record.day,
          body: record.body,
          attempts: record.attempts,
          approved: record.approved,
          slotMs: record.nextAttemptMs,
        };
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
