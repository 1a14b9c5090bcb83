// The most frequent error codes of a period, per origin, with their daily
// trend, and the codes that appeared or disappeared against the period before.

import {
  ERROR_ORIGINS,
  type CodeStat,
  type ErrorOrigin,
  type InsightsRow,
  type OriginCodes,
  type PeriodWindow,
} from './types';

/** How many codes each origin lists. */
export const TOP_CODES = 8;

interface CodeTally {
  readonly code: string;
  readonly source: string | null;
  current: number;
  previous: number;
  readonly daily: number[];
}

function isOrigin(value: string | null): value is ErrorOrigin {
  return value === 'diagnostic' || value === 'exception' || value === 'exit';
}

/** Most frequent first; ties by code, then source, so the order is the same every time. */
function byCountThenCode(a: { count: number; code: string; source: string | null }, b: typeof a): number {
  if (a.count !== b.count) {
    return b.count - a.count;
  }
  if (a.code !== b.code) {
    return a.code < b.code ? -1 : 1;
  }
  const sa = a.source ?? '';
  const sb = b.source ?? '';
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function tallyCodes(rows: readonly InsightsRow[], window: PeriodWindow): Map<ErrorOrigin, Map<string, CodeTally>> {
  const dayIndex = new Map(window.days.map((day, i) => [day, i]));
  const tallies = new Map<ErrorOrigin, Map<string, CodeTally>>(ERROR_ORIGINS.map((o) => [o, new Map()]));
  for (const row of rows) {
    if (row.event !== 'ide.error' || !isOrigin(row.origin) || row.code === null) {
      continue;
    }
    const inCurrent = row.day >= window.current.from && row.day <= window.current.to;
    const inPrevious = row.day >= window.previous.from && row.day <= window.previous.to;
    if (!inCurrent && !inPrevious) {
      continue;
    }
    const source = row.origin === 'diagnostic' ? row.source : null;
    const key = `${source ?? ''}\u0000${row.code}`;
    const codes = tallies.get(row.origin);
    if (codes === undefined) {
      continue;
    }
    let tally = codes.get(key);
    if (tally === undefined) {
      tally = { code: row.code, source, current: 0, previous: 0, daily: window.days.map(() => 0) };
      codes.set(key, tally);
    }
    if (inCurrent) {
      tally.current += row.count;
      const i = dayIndex.get(row.day);
      if (i !== undefined) {
        tally.daily[i] = (tally.daily[i] ?? 0) + row.count;
      }
    } else {
      tally.previous += row.count;
    }
  }
  return tallies;
}

function toStat(tally: CodeTally, total: number, comparable: boolean): CodeStat {
  return {
    code: tally.code,
    source: tally.source,
    count: tally.current,
    share: total > 0 ? tally.current / total : 0,
    previousCount: comparable ? tally.previous : null,
    daily: tally.daily,
  };
}

/**
 * Per origin (diagnostics, exceptions, exits): the `limit` most frequent codes
 * of the current period with count, share and daily counts; and, when the
 * previous period can be compared, the codes new in this period and the ones gone.
 */
export function topCodes(
  rows: readonly InsightsRow[],
  window: PeriodWindow,
  comparable: boolean,
  limit = TOP_CODES,
): OriginCodes[] {
  const tallies = tallyCodes(rows, window);
  return ERROR_ORIGINS.map((origin) => {
    const all = [...(tallies.get(origin)?.values() ?? [])];
    const seen = all.filter((t) => t.current > 0);
    const total = seen.reduce((sum, t) => sum + t.current, 0);
    const stats = seen.map((t) => toStat(t, total, comparable)).sort(byCountThenCode);
    const newCodes = comparable ? stats.filter((s) => s.previousCount === 0) : [];
    const goneCodes = comparable
      ? all
          .filter((t) => t.current === 0 && t.previous > 0)
          .map((t) => ({ code: t.code, source: t.source, previousCount: t.previous, count: t.previous }))
          .sort(byCountThenCode)
          .map(({ code, source, previousCount }) => ({ code, source, previousCount }))
      : [];
    return {
      origin,
      total,
      top: stats.slice(0, limit),
      distinctCodes: stats.length,
      newCodes: newCodes.slice(0, limit),
      goneCodes: goneCodes.slice(0, limit),
    };
  });
}
