// The uploader's ReportQueue backed by the sql.js store. Leases, attempts and
// receipts live in the shared database, so several windows share one queue and
// only the window holding a report's lease can settle it.

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
      const report = parseReport(record);
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

function parseReport(record: ReportRecord): DailyReport | undefined {
  try {
    const parsed = JSON.parse(record.body) as Partial<DailyReport> | null;
    if (parsed === null || typeof parsed !== 'object' || parsed.day !== record.day || !Array.isArray(parsed.counters)) {
      return undefined;
    }
    return parsed as DailyReport;
  } catch {
    return undefined;
  }
}
