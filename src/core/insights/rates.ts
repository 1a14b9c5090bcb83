// The three ratios the view follows over time, each against the period before.

import { errorsOf, runsOf } from './dailySeries';
import type { DailyCounts, RateId, RateTrend } from './types';

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function trend(
  id: RateId,
  now: readonly [number, number],
  before: readonly [number, number],
  comparable: boolean,
): RateTrend {
  const current = ratio(now[0], now[1]);
  const previous = comparable ? ratio(before[0], before[1]) : null;
  const change = current !== null && previous !== null && previous > 0 ? (current - previous) / previous : null;
  return { id, current, previous, numerator: now[0], denominator: now[1], change };
}

/**
 * - errors per run: every error (diagnostics, exceptions, exits) ÷ runs;
 * - exceptions per debug session: exceptions ÷ debug runs;
 * - failing run share: non-zero exits ÷ runs. Exit events do not say whether
 *   a task or a debugged program exited, so the share is over all runs.
 */
export function rateTrends(current: DailyCounts, previous: DailyCounts, comparable: boolean): RateTrend[] {
  return [
    trend('errorsPerRun', [errorsOf(current), runsOf(current)], [errorsOf(previous), runsOf(previous)], comparable),
    trend(
      'exceptionsPerDebugSession',
      [current.exceptions, current.debugRuns],
      [previous.exceptions, previous.debugRuns],
      comparable,
    ),
    trend('failingRunShare', [current.exits, runsOf(current)], [previous.exits, runsOf(previous)], comparable),
  ];
}
