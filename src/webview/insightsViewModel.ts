// Pure helpers that put Insights figures into words: labels, rates, trends and
// the text descriptions that stand in for each chart for screen readers. No
// DOM, no `vscode`, no Node APIs: shared by the browser script and unit tests.
// Words come from @vscode/l10n, configured by whichever side runs this.

import * as l10n from '@vscode/l10n';
import type { DailyPoint, ErrorOrigin, Insights, RateId } from '../core/insights/types';

export function originLabel(origin: ErrorOrigin): string {
  switch (origin) {
    case 'diagnostic':
      return l10n.t('Diagnostics');
    case 'exception':
      return l10n.t('Exceptions');
    case 'exit':
      return l10n.t('Exits');
    default:
      return origin;
  }
}

/** A rate's title and what it divides by what. */
export function rateLabel(id: RateId): { readonly title: string; readonly explain: string } {
  switch (id) {
    case 'errorsPerRun':
      return {
        title: l10n.t('Errors per run'),
        explain: l10n.t('All errors (diagnostics, exceptions, exits) divided by runs.'),
      };
    case 'exceptionsPerDebugSession':
      return {
        title: l10n.t('Exceptions per debug session'),
        explain: l10n.t('Exceptions divided by debug sessions started.'),
      };
    case 'failingRunShare':
      return {
        title: l10n.t('Runs ending in a non-zero exit'),
        explain: l10n.t(
          'Non-zero exits divided by runs. An exit does not say whether a task or a debugged program ended, so this is over all runs.',
        ),
      };
  }
}

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
    return l10n.t('no runs');
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
  const against = periodDays === 1 ? l10n.t('the previous day') : l10n.t('the previous {0} days', periodDays);
  if (previous === null) {
    return l10n.t('no data for {0}', against);
  }
  if (change === null) {
    return current === previous ? l10n.t('unchanged against {0}', against) : l10n.t('none in {0}', against);
  }
  const percent = Math.round(Math.abs(change) * 100);
  if (percent === 0) {
    return l10n.t('unchanged against {0}', against);
  }
  return change > 0
    ? l10n.t('▲ up {0}% against {1}', percent, against)
    : l10n.t('▼ down {0}% against {1}', percent, against);
}

/** A code's count against the previous period, e.g. "was 10" or "new". */
export function describePrevious(count: number, previousCount: number | null): string {
  if (previousCount === null) {
    return '–';
  }
  if (previousCount === 0) {
    return count > 0 ? l10n.t('new') : '0';
  }
  return l10n.t('was {0}', formatCount(previousCount));
}

export function newCodesHeading(periodDays: number): string {
  return periodDays === 7 ? l10n.t('New this week') : l10n.t('New in the last {0} days', periodDays);
}

/** 2026-11-16 → 11-16: short enough for an axis label; the tables keep the full day. */
export function shortDay(day: string): string {
  return day.length === 10 ? day.slice(5) : day;
}

/** The text a screen reader gets for a sparkline: total, peak and how it ended. */
export function describeSeries(label: string, days: readonly string[], values: readonly number[]): string {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (total === 0) {
    return l10n.t('{0}: none from {1} to {2}.', label, days[0] ?? '', days[days.length - 1] ?? '');
  }
  let peak = 0;
  values.forEach((v, i) => {
    if (v > (values[peak] ?? 0)) {
      peak = i;
    }
  });
  const last = values[values.length - 1] ?? 0;
  return l10n.t('{label}: {total} from {first} to {last}, most on {peak} ({peakCount}), {lastCount} on the last day.', {
    label,
    total: formatCount(total),
    first: days[0] ?? '',
    last: days[days.length - 1] ?? '',
    peak: days[peak] ?? '',
    peakCount: formatCount(values[peak] ?? 0),
    lastCount: formatCount(last),
  });
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
  const emptyDays = sum(points, (p) =>
    p.debugRuns + p.taskRuns + p.debugResets + p.taskResets + p.diagnostics + p.exceptions + p.exits === 0 ? 1 : 0,
  );
  return (
    l10n.t(
      'Stacked bars for each day from {0} to {1}: runs and resets split into debug and task, errors split into diagnostics, exceptions and exits.',
      first,
      last,
    ) +
    ' ' +
    l10n.t(
      'In all: {runs} runs ({debugRuns} debug, {taskRuns} task), {resets} resets ({debugResets} debug, {taskResets} task), {errors} errors ({diagnostics} diagnostics, {exceptions} exceptions, {exits} exits).',
      {
        runs: formatCount(runs),
        debugRuns: formatCount(t.debugRuns),
        taskRuns: formatCount(t.taskRuns),
        resets: formatCount(resets),
        debugResets: formatCount(t.debugResets),
        taskResets: formatCount(t.taskResets),
        errors: formatCount(errors),
        diagnostics: formatCount(t.diagnostics),
        exceptions: formatCount(t.exceptions),
        exits: formatCount(t.exits),
      },
    ) +
    ' ' +
    (busiest === undefined
      ? `${l10n.t('Nothing was recorded on any day.')} `
      : `${l10n.t('The busiest day was {0} with {1}.', busiest.day, formatCount(busiestTotal))} `) +
    l10n.t('Days without data count as zero ({0} such days).', formatCount(emptyDays))
  );
}
