// The uploader's ReportQueue backed by the sql.js store. Leases, attempts and
// receipts live in the shared database, so several windows share one queue and
// only the window holding a report's lease can settle it.

import { parseReport } from './report';
import type { CandorStore, ReportRecord } from './store';
import type { DailyReport } from './types';
import type { ClaimRequest, QueuedReport, ReportQueue, UploadReceipt } from './upload/uploader';

export class StoreReportQueue implements ReportQueue {
  constructor(
    private readonly store: CandorStore,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async claimDueReport(request: ClaimRequest): Promise<QueuedReport | undefined> {
    // A body that no longer parses cannot be sent as shown: drop it and look at the next one.
    for (;;) {
      const record = await this.store.claimDueReport(request);
      if (record === undefined) return undefined;
      const report = readStoredReport(record);
      if (report !== undefined) {
        return { day: record.day, report, attempts: record.attempts, approved: record.approved };
      }
      this.log(`Candor: the stored report for ${record.day} is unreadable and was dropped`);
      await this.store.settleReport(request.owner, record.day, { status: 'dropped' });
    }
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
