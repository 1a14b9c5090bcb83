// UTC calendar-day arithmetic shared by the OTLP encoder and the uploader.
// Reports are keyed by UTC day so that no timestamp finer than a day leaves.

export const DAY_MS = 86_400_000;

/** Milliseconds at 00:00 UTC of a `YYYY-MM-DD` day, or undefined when it is not a real calendar day. */
export function utcDayStartMs(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) {
    return undefined;
  }
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The round trip rejects 2026-02-30, month 13 and two-digit-year quirks.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? undefined : ms;
}

/** The UTC day (`YYYY-MM-DD`) that contains the instant `ms`. */
export function utcDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 00:00 UTC of the day after the one containing `ms`. */
export function nextUtcMidnightMs(ms: number): number {
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
}
