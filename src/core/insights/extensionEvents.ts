// Events other extensions report through Candor's API (every event not named
// ide.*), grouped by extension: the id before the ':' of a declared event's
// `publisher.name:event`, else the part of the name before the first dot.

import type { ExtensionStat, InsightsRow, PeriodWindow } from './types';

const IDE_PREFIX = 'ide.';

export function eventPrefix(event: string): string {
  const colon = event.indexOf(':');
  if (colon > 0) {
    return event.slice(0, colon);
  }
  const dot = event.indexOf('.');
  return dot > 0 ? event.slice(0, dot) : event;
}

interface PrefixTally {
  current: number;
  previous: number;
  readonly events: Map<string, number>;
  readonly daily: number[];
}

/** Per prefix: the period's count, the previous period's (or null), each event's count, and daily counts. Largest first. */
export function extensionEvents(
  rows: readonly InsightsRow[],
  window: PeriodWindow,
  comparable: boolean,
): ExtensionStat[] {
  const dayIndex = new Map(window.days.map((day, i) => [day, i]));
  const tallies = new Map<string, PrefixTally>();
  for (const row of rows) {
    if (row.event.startsWith(IDE_PREFIX)) {
      continue;
    }
    const inCurrent = row.day >= window.current.from && row.day <= window.current.to;
    const inPrevious = row.day >= window.previous.from && row.day <= window.previous.to;
    if (!inCurrent && !inPrevious) {
      continue;
    }
    const prefix = eventPrefix(row.event);
    let tally = tallies.get(prefix);
    if (tally === undefined) {
      tally = { current: 0, previous: 0, events: new Map(), daily: window.days.map(() => 0) };
      tallies.set(prefix, tally);
    }
    if (inPrevious) {
      tally.previous += row.count;
      continue;
    }
    tally.current += row.count;
    tally.events.set(row.event, (tally.events.get(row.event) ?? 0) + row.count);
    const i = dayIndex.get(row.day);
    if (i !== undefined) {
      tally.daily[i] = (tally.daily[i] ?? 0) + row.count;
    }
  }
  return [...tallies]
    .filter(([, t]) => t.current > 0)
    .map(([prefix, t]) => ({
      prefix,
      count: t.current,
      previousCount: comparable ? t.previous : null,
      events: [...t.events]
        .map(([event, count]) => ({ event, count }))
        .sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1)),
      daily: t.daily,
    }))
    .sort((a, b) => b.count - a.count || (a.prefix < b.prefix ? -1 : 1));
}
