// Pure helpers that put Insights figures into words: labels, rates, trends and
// the text descriptions that stand in for each chart for screen readers. No
// DOM, no `vscode`, no Node APIs: shared by the browser script and unit tests.

import type { DailyPoint, ErrorOrigin, Insights, RateId } from '../core/insights/types';

const ORIGIN_LABELS: Readonly<Record<ErrorOrigin, string>> = {
  diagnostic: 'Diagnostics',
  exception: 'Exceptions',
  exit: 'Exits',
};

export function originLabel(origin: ErrorOrigin): string {
  return ORIGIN_LABELS[origin] ?? origin;
}

export const RATE_LABELS: Readonly<Record<RateId, { readonly title: string; readonly explain: string }>> = {
  errorsPerRun: { title: 'Errors per run', explain: 'All errors (diagnostics, exceptions, exits) divided by runs.' },
  exceptionsPerDebugSession: {
    title: 'Exceptions per debug session',
    explain: 'Exceptions divided by debug sessions started.',
  },
  failingRunShare: {
    title: 'Runs ending in a non-zero exit',
    explain:
      'Non-zero exits divided by runs. An exit does not say whether a task or a debugged program ended, so this is over all runs.',
  },
};

function groupDigits(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? groupDigits(n) : '–';
}

/** A share 0…1 as a percentage; tiny non-zero shares are not shown as 0%. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) {
    return '0%';
  }
  if (share < 0.005) {
    return '<1%';
  }
  return `${Math.round(share * 100)}%`;
}

export function formatRate(id: RateId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) {
    return 'no runs';
  }
  if (id === 'failingRunShare') {
    return formatShare(value);
  }
  return value >= 10 ? value.toFixed(0) : value.toFixed(2);
}

/** "up 20% against the previous 7 days", or why there is no trend. */
export function describeTrend(
  change: number | null,
  current: number | null,
  previous: number | null,
  periodDays: number,
): string {
  const against = `the previous ${periodDays} ${periodDays === 1 ? 'day' : 'days'}`;
  if (previous === null) {
    return `no data for ${against}`;
  }
  if (change === null) {
    return current === previous ? `unchanged against ${against}` : `none in ${against}`;
  }
  const percent = Math.round(Math.abs(change) * 100);
  if (percent === 0) {
    return `unchanged against ${against}`;
  }
  return `${change > 0 ? '▲ up' : '▼ down'} ${percent}% against ${against}`;
}

/** A code's count against the previous period, e.g. "was 10" or "new". */
export function describePrevious(count: number, previousCount: number | null): string {
  if (previousCount === null) {
    return '–';
  }
  if (previousCount === 0) {
    return count > 0 ? 'new' : '0';
  }
  return `was ${formatCount(previousCount)}`;
}

export function newCodesHeading(periodDays: number): string {
  return periodDays === 7 ? 'New this week' : `New in the last ${periodDays} days`;
}

/** 2026-11-16 → 11-16: short enough for an axis label; the tables keep the full day. */
export function shortDay(day: string): string {
  return day.length === 10 ? day.slice(5) : day;
}

/** The text a screen reader gets for a sparkline: total, peak and how it ended. */
export function describeSeries(label: string, days: readonly string[], values: readonly number[]): string {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (total === 0) {
    return `${label}: none from ${days[0] ?? ''} to ${days[days.length - 1] ?? ''}.`;
  }
  let peak = 0;
  values.forEach((v, i) => {
    if (v > (values[peak] ?? 0)) {
      peak = i;
    }
  });
  const last = values[values.length - 1] ?? 0;
  return `${label}: ${formatCount(total)} from ${days[0] ?? ''} to ${days[days.length - 1] ?? ''}, most on ${days[peak] ?? ''} (${formatCount(values[peak] ?? 0)}), ${formatCount(last)} on the last day.`;
}

function sum(points: readonly DailyPoint[], pick: (p: DailyPoint) => number): number {
  return points.reduce((total, p) => total + pick(p), 0);
}

/** The daily chart in one paragraph: what is stacked, the totals, the busiest day. */
export function describeDailyChart(insights: Insights): string {
  const points = insights.daily;
  const t = insights.totals;
  const first = points[0]?.day ?? '';
  const last = points[points.length - 1]?.day ?? '';
  let busiest: DailyPoint | undefined;
  let busiestTotal = 0;
  for (const p of points) {
    const total = p.debugRuns + p.taskRuns + p.debugResets + p.taskResets + p.diagnostics + p.exceptions + p.exits;
    if (total > busiestTotal) {
      busiest = p;
      busiestTotal = total;
    }
  }
  const runs = t.debugRuns + t.taskRuns;
  const resets = t.debugResets + t.taskResets;
  const errors = t.diagnostics + t.exceptions + t.exits;
  return (
    `Stacked bars for each day from ${first} to ${last}: runs and resets split into debug and task, errors split into diagnostics, exceptions and exits. ` +
    `In all: ${formatCount(runs)} runs (${formatCount(t.debugRuns)} debug, ${formatCount(t.taskRuns)} task), ` +
    `${formatCount(resets)} resets (${formatCount(t.debugResets)} debug, ${formatCount(t.taskResets)} task), ` +
    `${formatCount(errors)} errors (${formatCount(t.diagnostics)} diagnostics, ${formatCount(t.exceptions)} exceptions, ${formatCount(t.exits)} exits). ` +
    (busiest === undefined
      ? 'Nothing was recorded on any day.'
      : `The busiest day was ${busiest.day} with ${formatCount(busiestTotal)}. `) +
    `Days without data count as zero (${formatCount(sum(points, (p) => (p.debugRuns + p.taskRuns + p.debugResets + p.taskResets + p.diagnostics + p.exceptions + p.exits === 0 ? 1 : 0)))} such days).`
  );
}
