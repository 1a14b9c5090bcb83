// Everything the Insights view shows, from the grouped counter rows of one store read.

import { dailySeries, errorsOf, runsOf, totalsIn } from './dailySeries';
import { extensionEvents } from './extensionEvents';
import { periodWindow } from './periods';
import { rateTrends } from './rates';
import { summaryLine } from './summaryLine';
import { topCodes } from './topCodes';
import type { DailyCounts, Insights, InsightsRow, PeriodWindow } from './types';

export interface InsightsRequest {
  /** Today's UTC day. */
  readonly today: string;
  readonly periodDays: number;
  readonly retentionDays: number;
}

function hasAnyRow(rows: readonly InsightsRow[], from: string, to: string): boolean {
  return rows.some((r) => r.count > 0 && r.day >= from && r.day <= to);
}

/**
 * The previous period can be compared when the retention keeps some of it and
 * something was recorded in it; otherwise every code would look "new".
 */
export function isComparable(rows: readonly InsightsRow[], window: PeriodWindow): boolean {
  return window.previousRetainedDays > 0 && hasAnyRow(rows, window.previous.from, window.previous.to);
}

function isEmpty(totals: DailyCounts, rows: readonly InsightsRow[], window: PeriodWindow): boolean {
  const ideCounts = errorsOf(totals) + runsOf(totals) + totals.debugResets + totals.taskResets;
  return (
    ideCounts === 0 &&
    !rows.some(
      (r) => r.count > 0 && !r.event.startsWith('ide.') && r.day >= window.current.from && r.day <= window.current.to,
    )
  );
}

/** Rows outside the retention are ignored, as if the store had already deleted them. */
export function buildInsights(allRows: readonly InsightsRow[], request: InsightsRequest): Insights {
  const window = periodWindow(request.today, request.periodDays, request.retentionDays);
  const rows = allRows.filter((r) => r.day >= window.cutoffDay && r.day <= request.today);
  const comparable = isComparable(rows, window);
  const totals = totalsIn(rows, window.current);
  const previousTotals = totalsIn(rows, window.previous);
  const codes = topCodes(rows, window, comparable);
  return {
    today: request.today,
    window,
    comparable,
    daily: dailySeries(rows, window.days),
    totals,
    previousTotals,
    codes,
    rates: rateTrends(totals, previousTotals, comparable),
    extensions: extensionEvents(rows, window, comparable),
    summary: summaryLine({ periodDays: request.periodDays, comparable, totals, codes }),
    empty: isEmpty(totals, rows, window),
  };
}
