// `npm run bench:storm`, run inside the real extension host (as
// `extensionTestsPath`, by scripts/bench-storm.mjs): the diagnostic storm of
// test/integration/diagnosticStorm.test.ts with Candor on and off, measuring
// the extension host's event-loop utilisation and its longest pause. Figures,
// not assertions: it prints one CANDOR_BENCH_STORM line of JSON.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { DIAGNOSTIC_DEBOUNCE_MS } from '../../src/ide/diagnosticHooks';
import { candor, configure, enableAll, resetData, workspaceDir } from '../../test/integration/support';
import { heapAfterGc, STORM_ROUNDS, stormEntries, workbenchRoundTrip } from '../../test/integration/stormFixture';

/** Each change gets the same window in both modes: Candor's debounce plus time to handle it. */
const WINDOW_MS = DIAGNOSTIC_DEBOUNCE_MS + 1_000;
const REPEATS = 2;

interface StormFigures {
  readonly mode: 'on' | 'off';
  /** Share of the storm's wall time the event loop was busy (0–1). */
  readonly elu: number;
  readonly longestPauseMs: number;
  readonly p99PauseMs: number;
  readonly heapBeforeMB: number;
  readonly heapAfterMB: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function storm(mode: 'on' | 'off'): Promise<StormFigures> {
  if (mode === 'on') {
    await enableAll();
  } else {
    await configure({ 'candor.enabled': false });
  }
  const root = vscode.Uri.file(workspaceDir());
  const collection = vscode.languages.createDiagnosticCollection('candor-storm-bench');
  const heapBefore = heapAfterGc();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.eventLoopUtilization();
  try {
    for (let round = 0; round < STORM_ROUNDS; round++) {
      collection.set(stormEntries(root));
      await workbenchRoundTrip(round);
      await pause(WINDOW_MS);
      collection.clear();
      await workbenchRoundTrip(round);
      await pause(WINDOW_MS);
    }
  } finally {
    collection.dispose();
  }
  const elu = performance.eventLoopUtilization(start).utilization;
  delay.disable();
  return {
    mode,
    elu: Math.round(elu * 1000) / 1000,
    longestPauseMs: Math.round(delay.max / 1e6),
    p99PauseMs: Math.round(delay.percentile(99) / 1e6),
    heapBeforeMB: mb(heapBefore),
    heapAfterMB: mb(heapAfterGc()),
  };
}

export async function run(): Promise<void> {
  await candor();
  await resetData();
  const runs: StormFigures[] = [];
  // Alternated, so drift of a loaded machine hits both modes alike.
  for (let i = 0; i < REPEATS; i++) {
    runs.push(await storm('off'));
    runs.push(await storm('on'));
  }
  await configure({ 'candor.enabled': false });
  await resetData();
  console.log(
    `CANDOR_BENCH_STORM ${JSON.stringify({ files: 2000, diagnostics: 50_000, rounds: STORM_ROUNDS, windowMs: WINDOW_MS, runs })}`,
  );
}
