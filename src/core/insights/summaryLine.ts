// The plain-language line at the top of the view, e.g. "Your TS2304 errors
// halved this week; debug sessions hit an exception 3 times in 10."

import { errorsOf, runsOf } from './dailySeries';
import type { DailyCounts, OriginCodes } from './types';

/** A code must have been seen this often, in one of the two periods, before its change is news. */
export const MIN_COUNT_FOR_CHANGE = 5;

export interface SummaryInputs {
  readonly periodDays: number;
  readonly comparable: boolean;
  readonly totals: DailyCounts;
  readonly codes: readonly OriginCodes[];
}

/** "this week", "in the last 30 days". */
export function periodPhrase(periodDays: number): string {
  if (periodDays === 7) {
    return 'this week';
  }
  return periodDays === 1 ? 'today' : `in the last ${periodDays} days`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** How a count changed, in words; undefined when the change is too small to mention. */
export function describeChange(previous: number, current: number): string | undefined {
  if (previous <= 0) {
    return undefined;
  }
  const ratio = current / previous;
  if (ratio === 0) {
    return 'stopped';
  }
  if (ratio >= 0.45 && ratio <= 0.55) {
    return 'halved';
  }
  if (ratio >= 1.9 && ratio <= 2.1) {
    return 'doubled';
  }
  if (ratio >= 2.5) {
    return `rose ${Math.round(ratio)}-fold`;
  }
  const percent = Math.round(Math.abs(ratio - 1) * 100);
  if (percent < 20) {
    return undefined;
  }
  return ratio < 1 ? `fell by ${percent}%` : `rose by ${percent}%`;
}

interface Mover {
  readonly code: string;
  readonly previous: number;
  readonly current: number;
}

/** The code whose count moved the most between the two periods, among those seen often enough. */
function biggestMover(codes: readonly OriginCodes[]): Mover | undefined {
  const candidates: Mover[] = codes.flatMap((origin) => [
    ...origin.top.map((c) => ({ code: c.code, previous: c.previousCount ?? 0, current: c.count })),
    ...origin.goneCodes.map((c) => ({ code: c.code, previous: c.previousCount, current: 0 })),
  ]);
  let best: Mover | undefined;
  for (const c of candidates) {
    if (c.previous <= 0 || Math.max(c.previous, c.current) < MIN_COUNT_FOR_CHANGE) {
      continue;
    }
    if (describeChange(c.previous, c.current) === undefined) {
      continue;
    }
    const moved = Math.abs(c.current - c.previous);
    if (best === undefined || moved > Math.abs(best.current - best.previous)) {
      best = c;
    }
  }
  return best;
}

function sessionPhrase(totals: DailyCounts): string | undefined {
  if (totals.debugRuns === 0) {
    return undefined;
  }
  const rate = totals.exceptions / totals.debugRuns;
  if (totals.exceptions === 0) {
    return 'no debug session hit an exception';
  }
  if (rate > 1) {
    return `debug sessions hit ${rate.toFixed(1)} exceptions each on average`;
  }
  const inTen = Math.round(rate * 10);
  return inTen === 0
    ? 'debug sessions hit an exception less than once in 10'
    : `debug sessions hit an exception ${inTen === 1 ? 'once' : `${inTen} times`} in 10`;
}

function mostFrequent(codes: readonly OriginCodes[]): { code: string; count: number } | undefined {
  let best: { code: string; count: number } | undefined;
  for (const origin of codes) {
    const top = origin.top[0];
    if (top !== undefined && (best === undefined || top.count > best.count)) {
      best = { code: top.code, count: top.count };
    }
  }
  return best;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function summaryLine(inputs: SummaryInputs): string {
  const when = periodPhrase(inputs.periodDays);
  const errors = errorsOf(inputs.totals);
  const runs = runsOf(inputs.totals);
  if (errors === 0 && runs === 0 && inputs.totals.debugResets + inputs.totals.taskResets === 0) {
    return `No runs or errors recorded ${when}.`;
  }
  const parts: string[] = [];
  const mover = inputs.comparable ? biggestMover(inputs.codes) : undefined;
  if (mover !== undefined) {
    parts.push(`your ${mover.code} errors ${describeChange(mover.previous, mover.current) ?? 'changed'} ${when}`);
  }
  const sessions = sessionPhrase(inputs.totals);
  if (sessions !== undefined) {
    parts.push(sessions);
  }
  if (parts.length === 0) {
    const top = mostFrequent(inputs.codes);
    parts.push(
      top === undefined
        ? `${plural(runs, 'run', 'runs')} and no errors ${when}`
        : `${plural(errors, 'error', 'errors')} ${when}, most often ${top.code} (${Math.round((top.count / errors) * 100)}%)`,
    );
  }
  return `${capitalise(parts.join('; '))}.`;
}
