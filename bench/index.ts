// `npm run bench`: the store's cost as history grows, as medians over repeated runs.
//  (a) flushing 100 new events into a store holding 1 day vs 90 days of heavy
//      use (5,000 events a day) — must differ by less than 2×;
//  (b) the cost of one Recorder.record() call on the hot path;
//  (c) compaction (folding one flush into the database) for reference;
//  (d)–(g) what callers pay per store transaction (bench/storeTransactions.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateEvent } from '../src/core/catalog';
import { decideConsent } from '../src/core/consent';
import { createPrivacyGuard } from '../src/core/privacyGuard';
import { Recorder } from '../src/core/recorder';
import { CandorStore } from '../src/core/store';
import { measureTransactions } from './storeTransactions';
import { DAY_MS } from '../test/support/fixtures';
import { dayOfEvents, shapeAt } from './eventMix';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const RUNS = 15;
const EVENTS_PER_DAY = 5000;
/** Each closeDays run starts from a fresh copy of 90 days of history, so fewer runs. */
const TX_RUNS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface StoreFigures {
  readonly days: number;
  readonly events: number;
  readonly dbBytes: number;
  readonly flushMs: number;
  readonly compactMs: number;
}

async function measureStore(historyDays: number): Promise<StoreFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), `candor-bench-${historyDays}d-`));
  try {
    const store = await CandorStore.open({ dir, now: () => NOW });
    try {
      const todayStart = Math.floor(NOW / DAY_MS) * DAY_MS;
      // Build the history as one journal segment per day, folded in by a single compaction.
      for (let d = historyDays - 1; d >= 0; d--) {
        await store.appendEvents(dayOfEvents(todayStart - d * DAY_MS, EVENTS_PER_DAY, d * 131));
      }
      await store.compact();
      const flushes: number[] = [];
      const compactions: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const batch = dayOfEvents(todayStart, 100, run * 100).map((e) => ({ ...e, ts: NOW + run }));
        let start = process.hrtime.bigint();
        await store.appendEvents(batch);
        flushes.push(ms(start));
        start = process.hrtime.bigint();
        await store.compact();
        compactions.push(ms(start));
      }
      const stats = await store.stats();
      return {
        days: stats.days,
        events: stats.events,
        dbBytes: stats.dbBytes,
        flushMs: median(flushes),
        compactMs: median(compactions),
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureRecord(): number {
  const sink = { appendEvents: () => Promise.resolve() };
  const recorder = new Recorder({
    sink,
    guard: createPrivacyGuard({ userName: 'benchuser', homeDir: '/home/benchuser', hostName: 'bench-host' }),
    getConsent: () =>
      decideConsent({
        vscodeLevel: 'all',
        enabled: true,
        usage: true,
        errors: true,
        doNotTrack: false,
        endpointConfigured: false,
      }),
    flushIntervalMs: 0,
    maxBuffered: 1_000_000,
  });
  const inputs = Array.from({ length: 1000 }, (_, i) => shapeAt(i));
  const perEvent: number[] = [];
  const calls = 20_000;
  for (let run = 0; run < RUNS + 2; run++) {
    recorder.clearBuffer();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      const e = inputs[i % inputs.length];
      if (recorder.record(e.name, e.props).status !== 'recorded') {
        throw new Error(`bench event refused: ${e.name}`);
      }
    }
    const ns = Number(process.hrtime.bigint() - start) / calls;
    if (run >= 2) {
      perEvent.push(ns);
    } // the first runs warm the JIT
  }
  recorder.clearBuffer();
  void recorder.dispose();
  return median(perEvent);
}

/** Where the record() time goes: the catalog check and the guard, each alone. */
function measureParts(): { validateNs: number; guardNs: number } {
  const guard = createPrivacyGuard({ userName: 'benchuser', homeDir: '/home/benchuser', hostName: 'bench-host' });
  const inputs = Array.from({ length: 1000 }, (_, i) => shapeAt(i));
  const validated = inputs.map((e) => validateEvent(e.name, e.props));
  const calls = 20_000;
  const validate: number[] = [];
  const check: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      validateEvent(inputs[i % 1000].name, inputs[i % 1000].props);
    }
    const v = Number(process.hrtime.bigint() - start) / calls;
    start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      guard.checkEvent(validated[i % 1000]);
    }
    const g = Number(process.hrtime.bigint() - start) / calls;
    if (run >= 2) {
      validate.push(v);
      check.push(g);
    }
  }
  return { validateNs: median(validate), guardNs: median(check) };
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `Candor bench — medians over ${RUNS} runs (node ${process.version}, ${process.platform}/${process.arch})\n`,
  );

  const one = await measureStore(1);
  const ninety = await measureStore(90);
  const widths = [34, 12, 12];
  console.log(row(['Store (5,000 events/day)', '1 day', '90 days'], widths));
  console.log(row(['-'.repeat(34), '-'.repeat(12), '-'.repeat(12)], widths));
  console.log(row(['days held', String(one.days), String(ninety.days)], widths));
  console.log(row(['events counted', one.events.toLocaleString('en'), ninety.events.toLocaleString('en')], widths));
  console.log(
    row(
      ['database size', `${(one.dbBytes / 1024).toFixed(0)} KiB`, `${(ninety.dbBytes / 1024).toFixed(0)} KiB`],
      widths,
    ),
  );
  console.log(
    row(['(a) flush 100 new events', `${one.flushMs.toFixed(2)} ms`, `${ninety.flushMs.toFixed(2)} ms`], widths),
  );
  console.log(
    row(
      ['(c) compaction (fold one flush in)', `${one.compactMs.toFixed(1)} ms`, `${ninety.compactMs.toFixed(1)} ms`],
      widths,
    ),
  );
  const ratio = ninety.flushMs / one.flushMs;
  console.log(`\nflush ratio 90 days / 1 day: ${ratio.toFixed(2)}× (must be < 2×) — ${ratio < 2 ? 'OK' : 'FAIL'}`);

  const tx = await measureTransactions({
    now: NOW,
    days: 90,
    eventsPerDay: EVENTS_PER_DAY,
    runs: TX_RUNS,
    dayOfEvents,
    median,
  });
  console.log(`\nStore transactions, 90 days of history (medians over ${TX_RUNS} runs)`);
  console.log(`(d) closeDays, building ${tx.reportsBuilt} closed days' reports: ${tx.closeBuildMs.toFixed(1)} ms`);
  console.log(`(e) closeDays, every report already built:  ${tx.closeSteadyMs.toFixed(1)} ms`);
  console.log(`(f) payload view refresh (closeDays + snapshot): ${tx.refreshMs.toFixed(1)} ms`);
  console.log(`(g) payload view snapshot alone:              ${tx.snapshotMs.toFixed(1)} ms\n`);

  const recordNs = measureRecord();
  const parts = measureParts();
  console.log(
    `(b) Recorder.record(): ${recordNs.toFixed(0)} ns per event (validate + guard + consent + buffer, no I/O)`,
  );
  console.log(
    `    of which catalog validation alone ${parts.validateNs.toFixed(0)} ns, privacy guard alone ${parts.guardNs.toFixed(0)} ns`,
  );
  console.log(`\ntotal bench time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (ratio >= 2) {
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
