// Which days a period covers, and how much of the period before it the
// retention still keeps. Days are UTC calendar days, as everywhere in Candor.

import { DAY_MS, utcDay, utcDayStartMs } from '../utcDay';
import type { PeriodWindow } from './types';

/** The periods the view offers, before the retention setting shortens them. */
export const PERIOD_CHOICES: readonly number[] = [7, 30, 90];

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  const start = utcDayStartMs(day);
  if (start === undefined) {
    throw new RangeError('Candor: not a calendar day');
  }
  return utcDay(start + delta * DAY_MS);
}

/** Days from `from` to `to`, both included, oldest first (empty when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
  }
  return days;
}

/** 7, 30 and 90 days, each at most the retention (a period longer than what is kept would only show zeros). */
export function availablePeriods(retentionDays: number): number[] {
  const retention = Math.max(1, Math.floor(retentionDays));
  return [...new Set(PERIOD_CHOICES.map((p) => Math.min(p, retention)))];
}

/** The period a request may use: one of the available ones, else the shortest. */
export function choosePeriod(requested: number | undefined, retentionDays: number): number {
  const periods = availablePeriods(retentionDays);
  return requested !== undefined && periods.includes(requested) ? requested : (periods[0] ?? 1);
}

/**
 * The current period (the last `periodDays` days, today included), the one
 * before it, and how many days of that previous period the retention keeps.
 * The store's cut is the same: today and the `retentionDays − 1` days before.
 */
export function periodWindow(today: string, periodDays: number, retentionDays: number): PeriodWindow {
  const currentFrom = addDays(today, -(periodDays - 1));
  const previousTo = addDays(currentFrom, -1);
  const previousFrom = addDays(currentFrom, -periodDays);
  const cutoffDay = addDays(today, -(retentionDays - 1));
  const retainedFrom = previousFrom > cutoffDay ? previousFrom : cutoffDay;
  return {
    periodDays,
    days: daysBetween(currentFrom, today),
    current: { from: currentFrom, to: today },
    previous: { from: previousFrom, to: previousTo },
    cutoffDay,
    previousRetainedDays: daysBetween(retainedFrom, previousTo).length,
  };
}
