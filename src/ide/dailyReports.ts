// Turns each closed UTC day's counters into its pending report, serialised
// once: that stored text is what the view shows and what an upload sends.
import { buildPassingReport, withheldWords, type OutboundGate } from '../core/outboundGate';
import { serializeReport } from '../core/report';
import { utcDay } from '../core/utcDay';
import { readCounters, readDaysWithoutReport, upsertPendingReport, type CandorStore } from '../core/store';
import type { ClientInfo } from '../core/types';

const CLOSE_GRACE_MS = 10 * 60_000;

export class DailyReports {
  constructor(
    private readonly store: CandorStore,
    private readonly client: ClientInfo,
    private readonly gate: OutboundGate,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates the pending report of every closed day that has counters and no report yet. Returns how many. */
  async closeDays(): Promise<number> {
    // A grace period after midnight lets other windows flush the day's last events first.
    const today = utcDay(this.now() - CLOSE_GRACE_MS);
    // One transaction for all days. A day whose report cannot be built keeps the
    // days before it and fails the call, as it would have day by day.
    const leftOut: string[] = [];
    const { changed, failure } = await this.store.write(({ db, nowMs }) => {
      let built = 0;
      // An existing report stays as built: deleting a counter removes it so it is rebuilt here.
      for (const day of readDaysWithoutReport(db, today)) {
        // Counters that would not pass the outbound gate (an earlier version's values, or
        // values planted in the file) are left out; the log names day, event and property.
        const counters = readCounters(db, day)[0]?.counters ?? [];
        if (counters.length === 0) {
          continue;
        }
        try {
          const passing = buildPassingReport(this.gate, day, this.client, counters);
          leftOut.push(...passing.leftOut.map((w) => `${day}: ${withheldWords(w)}`));
          if (passing.report.counters.length === 0) {
            continue;
          }
          const body = serializeReport(passing.report);
          if (upsertPendingReport(db, day, body, nowMs)) {
            built++;
          }
        } catch (error) {
          return { changed: built, failure: { error } };
        }
      }
      return { changed: built, failure: undefined };
    });
    for (const line of new Set(leftOut)) {
      this.log(`Left a counter out of the report of ${line}`);
    }
    if (failure !== undefined) {
      throw failure.error;
    }
    return changed;
  }
}
