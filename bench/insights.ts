// `npm run bench`, Insights: the cost of building the Insights view's data —
// one read of the real store (lock, load of the sql.js file, grouped query)
// plus the pure aggregation — for 90 days of heavy use (5,000 events a day).
// Target: under 50 ms. Medians over repeated runs.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildInsights, loadInsights, periodWindow, readInsightsRows } from '../src/core/insights';
import { CandorStore } from '../src/core/store';
import { utcDay } from '../src/core/utcDay';
import { DAY_MS } from '../test/support/fixtures';
import { dayOfEvents } from './eventMix';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const RUNS = 15;
const DAYS = 90;
const EVENTS_PER_DAY = 5000;
const TARGET_MS = 50;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'candor-bench-insights-'));
  try {
    const store = await CandorStore.open({ dir, now: () => NOW, retentionDays: DAYS });
    try {
      const todayStart = Math.floor(NOW / DAY_MS) * DAY_MS;
      for (let d = DAYS - 1; d >= 0; d--) {
        await store.appendEvents(dayOfEvents(todayStart - d * DAY_MS, EVENTS_PER_DAY, d * 131));
      }
      await store.compact();
      await store.compact(); // settle the store's own bookkeeping so every measured read is a pure read
      const stats = await store.stats();
      console.log(
        `\nInsights — ${stats.days} days, ${stats.events.toLocaleString('en')} events in ${stats.counters.toLocaleString('en')} counters, database ${(statSync(path.join(dir, 'candor.sqlite')).size / 1024).toFixed(0)} KiB; medians over ${RUNS} runs`,
      );
      const today = utcDay(NOW);
      for (const period of [7, 30, 90]) {
        const whole: number[] = [];
        const reads: number[] = [];
        const aggregations: number[] = [];
        let rowCount = 0;
        for (let run = 0; run < RUNS + 2; run++) {
          let start = process.hrtime.bigint();
          const insights = await loadInsights(store, period, DAYS);
          const wholeMs = since(start);
          if (insights.empty) {
            throw new Error('the bench built empty insights');
          }
          const window = periodWindow(today, period, DAYS);
          const from = window.previous.from > window.cutoffDay ? window.previous.from : window.cutoffDay;
          start = process.hrtime.bigint();
          const rows = await store.read(({ db }) => readInsightsRows(db, from, today));
          const readMs = since(start);
          start = process.hrtime.bigint();
          buildInsights(rows, { today, periodDays: period, retentionDays: DAYS });
          const aggregateMs = since(start);
          rowCount = rows.length;
          if (run < 2) {
            continue;
          } // warm-up
          whole.push(wholeMs);
          reads.push(readMs);
          aggregations.push(aggregateMs);
        }
        const ms = median(whole);
        console.log(
          `  ${String(period).padStart(2)} days: ${ms.toFixed(1)} ms (store read ${median(reads).toFixed(1)} ms, ${rowCount.toLocaleString('en')} counter rows; aggregation ${median(aggregations).toFixed(2)} ms)` +
            (period === DAYS ? ` — target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'OK' : 'OVER'}` : ''),
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
