// The plain-language line at the top of the view, e.g. "Your TS2304 errors
// halved this week; debug sessions hit an exception 3 times in 10." Each phrase
// is one message of the bundle (@vscode/l10n), with its values as placeholders.

import * as l10n from '@vscode/l10n';
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
    return l10n.t('this week');
  }
  return periodDays === 1 ? l10n.t('today') : l10n.t('in the last {0} days', periodDays);
}

function count(n: number): string {
  return n.toLocaleString('en');
}

/** How a count changed, in words; undefined when the change is too small to mention. */
export function describeChange(previous: number, current: number): string | undefined {
  if (previous <= 0) {
    return undefined;
  }
  const ratio = current / previous;
  if (ratio === 0) {
    return l10n.t('stopped');
  }
  if (ratio >= 0.45 && ratio <= 0.55) {
    return l10n.t('halved');
  }
  if (ratio >= 1.9 && ratio <= 2.1) {
    return l10n.t('doubled');
  }
  if (ratio >= 2.5) {
    return l10n.t('rose {0}-fold', Math.round(ratio));
  }
  const percent = Math.round(Math.abs(ratio - 1) * 100);
  if (percent < 20) {
    return undefined;
  }
  return ratio < 1 ? l10n.t('fell by {0}%', percent) : l10n.t('rose by {0}%', percent);
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
    return l10n.t('no debug session hit an exception');
  }
  if (rate > 1) {
    return l10n.t('debug sessions hit {0} exceptions each on average', rate.toFixed(1));
  }
  const inTen = Math.round(rate * 10);
  if (inTen === 0) {
    return l10n.t('debug sessions hit an exception less than once in 10');
  }
  return inTen === 1
    ? l10n.t('debug sessions hit an exception once in 10')
    : l10n.t('debug sessions hit an exception {0} times in 10', inTen);
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
    return l10n.t('No runs or errors recorded {0}.', when);
  }
  const parts: string[] = [];
  const mover = inputs.comparable ? biggestMover(inputs.codes) : undefined;
  if (mover !== undefined) {
    const change = describeChange(mover.previous, mover.current) ?? l10n.t('changed');
    parts.push(l10n.t('your {0} errors {1} {2}', mover.code, change, when));
  }
  const sessions = sessionPhrase(inputs.totals);
  if (sessions !== undefined) {
    parts.push(sessions);
  }
  if (parts.length === 0) {
    const top = mostFrequent(inputs.codes);
    parts.push(
      top === undefined
        ? runs === 1
          ? l10n.t('1 run and no errors {0}', when)
          : l10n.t('{0} runs and no errors {1}', count(runs), when)
        : errors === 1
          ? l10n.t('1 error {0}, most often {1} ({2}%)', when, top.code, 100)
          : l10n.t(
              '{0} errors {1}, most often {2} ({3}%)',
              count(errors),
              when,
              top.code,
              Math.round((top.count / errors) * 100),
            ),
    );
  }
  return `${capitalise(parts.join('; '))}.`;
}
