// When a report may leave, chosen so that the request times do not link one
// install's reports or tell when its user starts work. Pure functions: the clock
// and the random source are passed in.
//
// - A report's first send time is a uniformly random moment of the UTC day after
//   its day closed.
// - A send time that passed while no window of VS Code was there to keep it
//   (closed, asleep) is not caught up at start-up: a new random moment is chosen.
// - Requests are at least MIN_REQUEST_GAP_MS apart; a report that would come too
//   soon after the last request gets a new random moment instead of "last + gap",
//   which would tie the two requests together.
//
// Every new moment is "the next time the clock shows a random time of day": its
// time of day is uniform and independent of when VS Code started, so the gap
// between start-up and the request is uniform over a day and says nothing about
// the start. What a request time still shows is that VS Code was running then.

import { DAY_MS, utcDayStartMs } from '../utcDay';

/** Requests of one install are at least this far apart. */
export const MIN_REQUEST_GAP_MS = 60 * 60_000;
/**
 * A send time further in the past than this was missed (the upload check runs
 * every few minutes while a window is open), and is chosen again.
 */
export const MISSED_SLOT_AFTER_MS = 15 * 60_000;

/** The first moment at or after `fromMs` whose UTC time of day is `random` · 24 h. */
export function randomSlotMs(fromMs: number, random: number): number {
  const timeOfDayMs = Math.floor(Math.min(Math.max(random, 0), 1 - Number.EPSILON) * DAY_MS);
  const dayStartMs = Math.floor(fromMs / DAY_MS) * DAY_MS;
  const slot = dayStartMs + timeOfDayMs;
  return slot >= fromMs ? slot : slot + DAY_MS;
}

/** A random moment of the UTC day after `day` (YYYY-MM-DD); undefined for a malformed day. */
export function firstSlotMs(day: string, random: number): number | undefined {
  const startMs = utcDayStartMs(day);
  return startMs === undefined ? undefined : randomSlotMs(startMs + DAY_MS, random);
}

export interface SlotQuestion {
  /** The report's day, YYYY-MM-DD. */
  readonly day: string;
  /** The report's stored send time; 0 when none was chosen yet. */
  readonly slotMs: number;
  readonly nowMs: number;
  /** When this window started looking after uploads: a slot before it passed unwatched. */
  readonly watchingSinceMs: number;
  /** The last request this install made (any report, any window); undefined if none. */
  readonly lastRequestMs: number | undefined;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

export type SlotVerdict =
  | { readonly kind: 'send' }
  | { readonly kind: 'wait'; readonly untilMs: number; readonly why: 'first-slot' | 'missed' | 'too-soon' };

/** Whether a claimed report may be sent now, or the moment it waits for. */
export function slotVerdict(q: SlotQuestion): SlotVerdict {
  if (q.slotMs <= 0) {
    const first = firstSlotMs(q.day, q.random()) ?? randomSlotMs(q.nowMs, q.random());
    // A report built after its send day began (VS Code was closed at midnight) waits for a fresh moment.
    return {
      kind: 'wait',
      untilMs: first >= q.nowMs ? first : randomSlotMs(q.nowMs, q.random()),
      why: 'first-slot',
    };
  }
  if (q.slotMs > q.nowMs) {
    return { kind: 'wait', untilMs: q.slotMs, why: 'first-slot' };
  }
  if (q.slotMs < q.watchingSinceMs || q.nowMs - q.slotMs > MISSED_SLOT_AFTER_MS) {
    return { kind: 'wait', untilMs: randomSlotMs(q.nowMs, q.random()), why: 'missed' };
  }
  if (q.lastRequestMs !== undefined && q.nowMs - q.lastRequestMs < MIN_REQUEST_GAP_MS) {
    return {
      kind: 'wait',
      // A last request "in the future" (the clock went back) counts as made now.
      untilMs: randomSlotMs(Math.min(q.lastRequestMs, q.nowMs) + MIN_REQUEST_GAP_MS, q.random()),
      why: 'too-soon',
    };
  }
  return { kind: 'send' };
}
