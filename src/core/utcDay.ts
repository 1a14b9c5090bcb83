// UTC calendar days: the only time resolution Candor keeps or sends.

export const DAY_MS = 86_400_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isUtcDay(day: unknown): day is string {
  if (typeof day !== 'string') {
    return false;
  }
  const match = DAY_PATTERN.exec(day);
  if (match === null) {
    return false;
  }
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear undoes that.
  parsed.setUTCFullYear(year);
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

const MIN_EPOCH_MS = Date.UTC(1970, 0, 1);
const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The UTC day (YYYY-MM-DD) of an epoch time in milliseconds. */
export function utcDay(epochMs: number): string {
  if (!Number.isFinite(epochMs) || epochMs < MIN_EPOCH_MS || epochMs > MAX_EPOCH_MS) {
    throw new RangeError('Candor: time is outside the supported range');
  }
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Milliseconds at 00:00 UTC of a `YYYY-MM-DD` day, or undefined when it is not a real calendar day. */
export function utcDayStartMs(day: string): number | undefined {
  return isUtcDay(day) ? Date.parse(`${day}T00:00:00Z`) : undefined;
}

/** 00:00 UTC of the day after the one containing `ms`. */
export function nextUtcMidnightMs(ms: number): number {
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
}
