// One store read for the Insights view: the grouped rows of the period and the
// one before it (as far as the retention keeps them), then the pure aggregation.

import type { SqlDatabase } from '../store/sqlite';
import { utcDay } from '../utcDay';
import { buildInsights } from './buildInsights';
import { readInsightsRows } from './insightsQuery';
import { periodWindow } from './periods';
import type { Insights } from './types';

/** The store facade's read: one lock, one load, one transaction. */
export interface InsightsStore {
  read<T>(fn: (tx: { db: SqlDatabase; nowMs: number; pendingSegments: number }) => T): Promise<T>;
}

export async function loadInsights(store: InsightsStore, periodDays: number, retentionDays: number): Promise<Insights> {
  const { rows, today } = await store.read(({ db, nowMs }) => {
    const day = utcDay(nowMs);
    const window = periodWindow(day, periodDays, retentionDays);
    const from = window.previous.from > window.cutoffDay ? window.previous.from : window.cutoffDay;
    return { rows: readInsightsRows(db, from, day), today: day };
  });
  return buildInsights(rows, { today, periodDays, retentionDays });
}
