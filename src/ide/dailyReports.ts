// Turns each closed UTC day's counters into its pending report, serialised
// once: that stored text is what the view shows and what an upload sends.
import { buildDailyReport, serializeReport } from '../core/report';
import { utcDay } from '../core/utcDay';
import type { CandorStore } from '../core/store';
import type { ClientInfo } from '../core/types';

const CLOSE_GRACE_MS = 10 * 60_000;

export class DailyReports {
  constructor(
    private readonly store: CandorStore,
    private readonly client: ClientInfo,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates or refreshes the pending report of every closed day that has counters. Returns how many changed. */
  async closeDays(): Promise<number> {
    // A grace period after midnight lets other windows flush the day's last events first.
    const today = utcDay(this.now() - CLOSE_GRACE_MS);
    const existing = new Map((await this.store.reports()).map((r) => [r.day, r]));
    let changed = 0;
    for (const { day, counters } of await this.store.counters()) {
      if (day >= today || counters.length === 0) continue;
      // An existing report stays as built: deleting a counter removes it so it is rebuilt here.
      if (existing.has(day)) continue;
      const body = serializeReport(buildDailyReport(day, this.client, counters));
      if (await this.store.upsertPendingReport(day, body)) changed++;
    }
    return changed;
  }
}
