// Runs, resets and errors per day, with the debug/task split: the stacked bar chart.

import type { DailyCounts, DailyPoint, DayRange, InsightsRow } from './types';

export const ZERO_COUNTS: DailyCounts = {
  debugRuns: 0,
  taskRuns: 0,
  debugResets: 0,
  taskResets: 0,
  diagnostics: 0,
  exceptions: 0,
  exits: 0,
};

/** Which daily field a row adds to, or undefined for rows the chart does not show. */
function fieldOf(row: InsightsRow): keyof DailyCounts | undefined {
  if (row.event === 'ide.run') {
    return row.kind === 'debug' ? 'debugRuns' : row.kind === 'task' ? 'taskRuns' : undefined;
  }
  if (row.event === 'ide.reset') {
    return row.kind === 'debug' ? 'debugResets' : row.kind === 'task' ? 'taskResets' : undefined;
  }
  if (row.event === 'ide.error') {
    if (row.origin === 'diagnostic') {
      return 'diagnostics';
    }
    if (row.origin === 'exception') {
      return 'exceptions';
    }
    if (row.origin === 'exit') {
      return 'exits';
    }
  }
  return undefined;
}

/** One point per day of `days`, zeros where nothing was recorded. */
export function dailySeries(rows: readonly InsightsRow[], days: readonly string[]): DailyPoint[] {
  const byDay = new Map<string, Record<keyof DailyCounts, number>>(days.map((day) => [day, { ...ZERO_COUNTS }]));
  for (const row of rows) {
    const counts = byDay.get(row.day);
    const field = fieldOf(row);
    if (counts !== undefined && field !== undefined) {
      counts[field] += row.count;
    }
  }
  return days.map((day) => ({ day, ...(byDay.get(day) ?? ZERO_COUNTS) }));
}

/** The sums of every field over the rows whose day lies in `range`. */
export function totalsIn(rows: readonly InsightsRow[], range: DayRange): DailyCounts {
  const totals: Record<keyof DailyCounts, number> = { ...ZERO_COUNTS };
  for (const row of rows) {
    if (row.day < range.from || row.day > range.to) {
      continue;
    }
    const field = fieldOf(row);
    if (field !== undefined) {
      totals[field] += row.count;
    }
  }
  return totals;
}

export function runsOf(counts: DailyCounts): number {
  return counts.debugRuns + counts.taskRuns;
}

export function errorsOf(counts: DailyCounts): number {
  return counts.diagnostics + counts.exceptions + counts.exits;
}
