// What callers pay per store call: every call takes the lock and loads (and
// compacts) the whole file, so the number of calls a caller makes is its cost.
// Measured over 90 days of history (5,000 events a day):
//  (d) DailyReports.closeDays building the 89 closed days' reports;
//  (e) closeDays when every report already exists (what each view refresh and
//      the 10-minute timer pay);
//  (f) the payload view's refresh: closeDays, then the view's snapshot;
//  (g) the view's snapshot alone.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CandorStore, type StoredEvent } from '../src/core/store';
import { DailyReports } from '../src/ide/dailyReports';
import { CLIENT, DAY_MS } from '../test/support/fixtures';
import { TEST_GATE } from '../test/support/gate';

const DB_FILE = 'candor.sqlite';

export interface TransactionFigures {
  readonly closeBuildMs: number;
  readonly closeSteadyMs: number;
  readonly refreshMs: number;
  readonly snapshotMs: number;
  readonly reportsBuilt: number;
}

interface BenchInputs {
  readonly now: number;
  readonly days: number;
  readonly eventsPerDay: number;
  readonly runs: number;
  readonly dayOfEvents: (dayStartMs: number, count: number, seed: number) => StoredEvent[];
  readonly median: (values: readonly number[]) => number;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function measureTransactions(inputs: BenchInputs): Promise<TransactionFigures> {
  const { now, days, runs, median } = inputs;
  const template = mkdtempSync(path.join(tmpdir(), 'candor-bench-tx-template-'));
  const dirs: string[] = [template];
  try {
    const seed = await CandorStore.open({ dir: template, now: () => now });
    const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
    for (let d = days - 1; d >= 0; d--) {
      await seed.appendEvents(inputs.dayOfEvents(todayStart - d * DAY_MS, inputs.eventsPerDay, d * 131));
    }
    await seed.compact();
    await seed.close();

    const build: number[] = [];
    const steady: number[] = [];
    const refresh: number[] = [];
    const snapshot: number[] = [];
    let reportsBuilt = 0;
    for (let run = 0; run < runs; run++) {
      // A fresh copy of the history each run, so every run has all its reports to build.
      const dir = mkdtempSync(path.join(tmpdir(), 'candor-bench-tx-'));
      dirs.push(dir);
      copyFileSync(path.join(template, DB_FILE), path.join(dir, DB_FILE));
      const store = await CandorStore.open({ dir, now: () => now });
      try {
        const reports = new DailyReports(
          store,
          CLIENT,
          TEST_GATE,
          () => undefined,
          () => now,
        );
        let start = process.hrtime.bigint();
        reportsBuilt = await reports.closeDays();
        build.push(ms(start));
        start = process.hrtime.bigint();
        await reports.closeDays();
        steady.push(ms(start));
        start = process.hrtime.bigint();
        await reports.closeDays();
        await store.snapshot(50);
        refresh.push(ms(start));
        start = process.hrtime.bigint();
        await store.snapshot(50);
        snapshot.push(ms(start));
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return {
      closeBuildMs: median(build),
      closeSteadyMs: median(steady),
      refreshMs: median(refresh),
      snapshotMs: median(snapshot),
      reportsBuilt,
    };
  } finally {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
