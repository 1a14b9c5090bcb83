// When a report may leave, and how long a failed one waits: the upload's rules
// of timing, as pure functions.
import type { DailyReport } from '../types';
import { DAY_MS, utcDayStartMs } from '../utcDay';

export type Sendability = 'sendable' | 'invalid-day' | 'open-day' | 'not-opted-in' | 'predates-opt-in';

/**
 * Whether a report for `day` may leave now. Only closed days (ended by
 * `nowMs`) and only days whose whole span lies after the sharing opt-in: a
 * day that started before the user said yes may hold data recorded before
 * they did, so it is never sent.
 */
export function sendability(day: string, optedInAtMs: number | undefined, nowMs: number): Sendability {
  const startMs = utcDayStartMs(day);
  if (startMs === undefined) {
    return 'invalid-day';
  }
  if (optedInAtMs === undefined) {
    return 'not-opted-in';
  }
  if (startMs < optedInAtMs) {
    return 'predates-opt-in';
  }
  return startMs + DAY_MS <= nowMs ? 'sendable' : 'open-day';
}

export function reportIsSendable(report: DailyReport, optedInAtMs: number | undefined, nowMs: number): boolean {
  return sendability(report.day, optedInAtMs, nowMs) === 'sendable';
}

/** Full jitter: uniform in [0, min(cap, base · 2^attempts)). */
export function backoffDelayMs(attempts: number, random: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempts, 0), 52));
  return Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
}
