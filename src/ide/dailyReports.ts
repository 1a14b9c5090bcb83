// Turns each closed UTC day's counters into its pending report, serialised
// once: that stored text is what the view shows and what an upload sends.
import { buildDailyReport, reportableCounters, serializeReport } from '../core/report';
import { utcDay } from '../core/utcDay';
import { readCounters, readDaysWithoutReport, upsertPendingReport, type CandorStore } from '../core/store';
import type { ClientInfo } from '../core/types';

const CLOSE_GRACE_MS = 10 * 60_000;

export class DailyReports {
  constructor(
    private readonly store: CandorStore,
    private readonly client: ClientInfo,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates the pending report of every closed day that has counters and no report yet. Returns how many. */
  async closeDays(): Promise<number> {
    // A grace period after midnight lets other windows flush the day's last events first.
    const today = utcDay(this.now() - CLOSE_GRACE_MS);
    // One transaction for all days. A day whose report cannot be built keeps the
    // days before it and fails the call, as it would have day by day.
    const { changed, failure } = await this.store.write(({ db, nowMs }) => {
      let built = 0;
      // An existing report stays as built: deleting a counter removes it so it is rebuilt here.
      for (const day of readDaysWithoutReport(db, today)) {
        // Counters outside today's published lists (an earlier version's values) are left out.
        const counters = reportableCounters(readCounters(db, day)[0]?.counters ?? []).kept;
        if (counters.length === 0) {
          continue;
        }
        try {
          const body = serializeReport(buildDailyReport(day, this.client, counters));
          if (upsertPendingReport(db, day, body, nowMs)) {
            built++;
          }
        } catch (error) {
          return { changed: built, failure: { error } };
        }
      }
      return { changed: built, failure: undefined };
    });
    if (failure !== undefined) {
      throw failure.error;
    }
    return changed;
  }
}
