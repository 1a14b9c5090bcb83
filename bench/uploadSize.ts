// Bytes per day of a heavy day of use, in both upload formats. A heavy day is
// about 5,000 events spread over ~60 distinct counters with a long-tail
// (Zipf-like) distribution: a few runs and common diagnostics dominate, many
// codes appear a handful of times. Run: node .cache/out-<x>/bench/uploadSize.js

import { buildDailyReport } from '../src/core/report';
import type { Counter, DailyReport, PropValue, UploadFormat } from '../src/core/types';
import { encodeReportBody, gzipBody } from '../src/core/upload/payload';

const DIAGNOSTICS: ReadonlyArray<readonly [string, string, string]> = [
  ['ts', 'TS2304', 'error'],
  ['ts', 'TS2339', 'error'],
  ['ts', 'TS2345', 'error'],
  ['ts', 'TS2322', 'error'],
  ['ts', 'TS7006', 'error'],
  ['ts', 'TS2554', 'error'],
  ['ts', 'TS6133', 'hint'],
  ['ts', 'TS1005', 'error'],
  ['ts', 'TS2531', 'error'],
  ['ts', 'TS18048', 'error'],
  ['ts', 'TS2307', 'error'],
  ['ts', 'TS2551', 'error'],
  ['eslint', 'no-unused-vars', 'warning'],
  ['eslint', 'no-undef', 'error'],
  ['eslint', 'prefer-const', 'warning'],
  ['eslint', 'eqeqeq', 'warning'],
  ['eslint', '@typescript-eslint/no-explicit-any', 'warning'],
  ['eslint', '@typescript-eslint/no-floating-promises', 'error'],
  ['eslint', 'no-console', 'warning'],
  ['Pylance', 'reportUndefinedVariable', 'error'],
  ['Pylance', 'reportAttributeAccessIssue', 'error'],
  ['Pylance', 'reportMissingImports', 'warning'],
  ['Pylance', 'reportArgumentType', 'error'],
  ['Pylance', 'reportOptionalMemberAccess', 'error'],
  ['rustc', 'E0425', 'error'],
  ['rustc', 'E0308', 'error'],
  ['rustc', 'E0382', 'error'],
  ['rust-analyzer', 'unused_variables', 'warning'],
  ['staticcheck', 'SA4006', 'warning'],
  ['cSpell', 'unknown', 'info'],
  ['json', '521', 'error'],
  ['css', 'unknownAtRules', 'warning'],
  ['markdownlint', 'MD013', 'warning'],
  ['ts', 'TS2769', 'error'],
  ['ts', 'TS2741', 'error'],
];
const EXCEPTIONS = [
  'TypeError',
  'ReferenceError',
  'ZeroDivisionError',
  'IndexError',
  'KeyError',
  'user_defined',
  'AttributeError',
  'ValueError',
  'ImportError',
  'RangeError',
  'SyntaxError',
];
const EXITS = ['exit:1', 'exit:2', 'exit:127', 'exit:130'];
const RUNS: ReadonlyArray<readonly [string, string]> = [
  ['debug', 'node'],
  ['debug', 'python'],
  ['debug', 'chrome'],
  ['task', 'npm'],
  ['task', 'shell'],
  ['task', 'typescript'],
  ['debug', 'other'],
  ['task', 'other'],
];

/** Deterministic PRNG (mulberry32) so the figure is reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function distinctCounters(): Array<{ event: string; props: Record<string, PropValue> }> {
  return [
    ...RUNS.map(([kind, runtime]) => ({ event: 'ide.run', props: { kind, runtime } })),
    { event: 'ide.reset', props: { kind: 'debug' } },
    { event: 'ide.reset', props: { kind: 'task' } },
    ...DIAGNOSTICS.map(([source, code, severity]) => ({
      event: 'ide.error',
      props: { origin: 'diagnostic', source, code, severity },
    })),
    ...EXCEPTIONS.map((code) => ({ event: 'ide.error', props: { origin: 'exception', code } })),
    ...EXITS.map((code) => ({ event: 'ide.error', props: { origin: 'exit', code } })),
    { event: 'ide.error', props: { origin: 'exit', code: 'exit:SIGSEGV' } },
  ];
}

/** A catalog-valid report of `events` events over every distinct counter above (about 60). */
export function heavyDayReport(day = '2026-11-22', events = 5_000, seed = 42): DailyReport {
  const kinds = distinctCounters();
  const random = prng(seed);
  // Zipf-like weights over a shuffled order, so frequent counters are not all of one event.
  const order = kinds.map((_, i) => i).sort(() => random() - 0.5);
  const weights = order.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(kinds.length).fill(0);
  for (let e = 0; e < events; e++) {
    let pick = random() * total;
    let rank = 0;
    while (rank < weights.length - 1 && pick >= (weights[rank] ?? 0)) {
      pick -= weights[rank] ?? 0;
      rank++;
    }
    const index = order[rank] ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const counters: Counter[] = kinds.map((kind, i) => ({ ...kind, count: counts[i] ?? 0 }));
  return buildDailyReport(
    day,
    { extension: '0.1.0', vscode: '1.100', os: 'linux', arch: 'x64', ui: 'desktop' },
    counters,
  );
}

export interface UploadSize {
  readonly format: UploadFormat;
  readonly counters: number;
  readonly events: number;
  readonly uncompressedBytes: number;
  readonly gzipBytes: number;
}

export function measureUploadSizes(report: DailyReport = heavyDayReport()): UploadSize[] {
  const events = report.counters.reduce((sum, c) => sum + c.count, 0);
  return (['candor-json', 'otlp'] as const).map((format) => {
    const { bytes } = encodeReportBody(report, format);
    return {
      format,
      counters: report.counters.length,
      events,
      uncompressedBytes: bytes.length,
      gzipBytes: gzipBody(bytes).length,
    };
  });
}

if (require.main === module) {
  for (const size of measureUploadSizes()) {
    console.log(
      `${size.format.padEnd(11)} ${size.events} events, ${size.counters} counters: ` +
        `${size.uncompressedBytes} bytes uncompressed, ${size.gzipBytes} bytes gzip (on the wire)`,
    );
  }
}
