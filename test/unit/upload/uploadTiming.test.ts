// The upload's timing policy as pure logic: random send moments that do not
// depend on start-up, missed moments chosen again, requests an hour apart.
import assert from 'node:assert/strict';
import {
  firstSlotMs,
  MIN_REQUEST_GAP_MS,
  MISSED_SLOT_AFTER_MS,
  randomSlotMs,
  slotVerdict,
  type SlotQuestion,
} from '../../../src/core/upload/uploadTiming';
import { DAY_MS, dayStart } from './fixtures';

const HOUR = 60 * 60_000;
const MINUTE = 60_000;

/** A seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const constant = (value: number) => () => value;

function ask(overrides: Partial<SlotQuestion>): SlotQuestion {
  const nowMs = dayStart('2026-11-21') + 10 * HOUR;
  return {
    day: '2026-11-19',
    slotMs: nowMs - MINUTE,
    nowMs,
    watchingSinceMs: nowMs - 2 * HOUR,
    lastRequestMs: undefined,
    random: constant(0.5),
    ...overrides,
  };
}

describe('upload/uploadTiming', () => {
  it('puts a random moment at that time of day, the first one at or after the start', () => {
    const from = dayStart('2026-11-21') + 10 * HOUR;
    assert.equal(randomSlotMs(from, 0.5), dayStart('2026-11-21') + 12 * HOUR);
    assert.equal(randomSlotMs(from, 0.25), dayStart('2026-11-22') + 6 * HOUR, 'six o’clock has passed: tomorrow');
    assert.equal(randomSlotMs(dayStart('2026-11-21'), 0), dayStart('2026-11-21'));
    const random = seeded(1);
    for (let i = 0; i < 2000; i++) {
      const start = dayStart('2026-01-01') + Math.floor(random() * 300 * DAY_MS);
      const r = random();
      const slot = randomSlotMs(start, r);
      assert.ok(slot >= start && slot < start + DAY_MS, `${slot} is not within a day after ${start}`);
      assert.equal(slot % DAY_MS, Math.floor(r * DAY_MS), 'the time of day is the random one');
    }
  });

  it('gives a report its first moment within the UTC day after its day', () => {
    const random = seeded(2);
    for (let i = 0; i < 1000; i++) {
      const slot = firstSlotMs('2026-11-19', random());
      assert.ok(slot !== undefined && slot >= dayStart('2026-11-20') && slot < dayStart('2026-11-21'), String(slot));
    }
    assert.equal(firstSlotMs('not-a-day', 0.5), undefined);
  });

  it('spreads first moments over the whole day (every hour is chosen about equally)', () => {
    const random = seeded(3);
    const perHour = new Array<number>(24).fill(0);
    for (let i = 0; i < 24_000; i++) {
      const slot = firstSlotMs('2026-11-19', random()) ?? 0;
      perHour[Math.floor((slot - dayStart('2026-11-20')) / HOUR)] += 1;
    }
    for (const [hour, n] of perHour.entries()) {
      assert.ok(n > 800 && n < 1200, `hour ${hour} was chosen ${n} times of 24,000`);
    }
  });

  it('chooses the first moment of a report that has none, never "now"', () => {
    const verdict = slotVerdict(ask({ slotMs: 0, nowMs: dayStart('2026-11-20') + 5 * MINUTE, day: '2026-11-19' }));
    assert.deepEqual(verdict, { kind: 'wait', untilMs: dayStart('2026-11-20') + 12 * HOUR, why: 'first-slot' });
    // Built late (VS Code was closed at midnight, opened at 14:00): a fresh moment from now, not a catch-up.
    const late = slotVerdict(ask({ slotMs: 0, nowMs: dayStart('2026-11-20') + 14 * HOUR, day: '2026-11-19' }));
    assert.deepEqual(late, { kind: 'wait', untilMs: dayStart('2026-11-21') + 12 * HOUR, why: 'first-slot' });
  });

  it('sends at its moment, while the window watched it pass', () => {
    assert.deepEqual(slotVerdict(ask({})), { kind: 'send' });
  });

  it('chooses a new moment when the moment passed before this window started (VS Code was closed)', () => {
    const nowMs = dayStart('2026-11-21') + 9 * HOUR;
    const verdict = slotVerdict(ask({ nowMs, slotMs: nowMs - 2 * MINUTE, watchingSinceMs: nowMs - MINUTE }));
    assert.equal(verdict.kind, 'wait');
    assert.equal(verdict.kind === 'wait' && verdict.why, 'missed');
  });

  it('chooses a new moment when the moment is long past (the machine slept)', () => {
    const nowMs = dayStart('2026-11-21') + 9 * HOUR;
    const verdict = slotVerdict(
      ask({ nowMs, slotMs: nowMs - MISSED_SLOT_AFTER_MS - 1, watchingSinceMs: nowMs - 5 * HOUR }),
    );
    assert.deepEqual(verdict, { kind: 'wait', untilMs: dayStart('2026-11-21') + 12 * HOUR, why: 'missed' });
  });

  it('never sends within an hour of the last request, and does not wait for exactly "last + 1 h"', () => {
    const nowMs = dayStart('2026-11-21') + 10 * HOUR;
    const verdict = slotVerdict(ask({ nowMs, lastRequestMs: nowMs - 59 * MINUTE, random: constant(0.1) }));
    assert.equal(verdict.kind, 'wait');
    if (verdict.kind === 'wait') {
      assert.equal(verdict.why, 'too-soon');
      assert.ok(verdict.untilMs >= nowMs - 59 * MINUTE + MIN_REQUEST_GAP_MS);
      assert.equal(verdict.untilMs % DAY_MS, Math.floor(0.1 * DAY_MS), 'a random time of day');
    }
    assert.deepEqual(slotVerdict(ask({ nowMs, lastRequestMs: nowMs - MIN_REQUEST_GAP_MS })), { kind: 'send' });
    const future = slotVerdict(ask({ nowMs, lastRequestMs: nowMs + 3 * DAY_MS }));
    assert.ok(
      future.kind === 'wait' && future.untilMs < nowMs + DAY_MS + HOUR,
      'a clock gone back waits at most a day',
    );
  });

  it('over a simulated month of office hours: sends only while open, an hour apart, never within 15 minutes of opening unless chosen before', () => {
    const random = seeded(4);
    const pending = new Map<string, number>();
    const sends: number[] = [];
    const firstDay = dayStart('2026-10-01');
    for (let d = 0; d < 30; d++) {
      const opens = firstDay + d * DAY_MS + 8 * HOUR + Math.floor(random() * 2 * HOUR);
      const closes = opens + 8 * HOUR;
      // Yesterday's report is built at start-up.
      pending.set(new Date(firstDay + (d - 1) * DAY_MS).toISOString().slice(0, 10), 0);
      for (let now = opens + 10_000; now < closes; now += 5 * MINUTE) {
        for (const [day, slotMs] of [...pending]) {
          const verdict = slotVerdict({
            day,
            slotMs,
            nowMs: now,
            watchingSinceMs: opens,
            lastRequestMs: sends.at(-1),
            random,
          });
          if (verdict.kind === 'send') {
            assert.ok(slotMs >= opens, 'a moment chosen before start-up was caught up at start-up');
            sends.push(now);
            pending.delete(day);
          } else {
            pending.set(day, verdict.untilMs);
          }
        }
      }
    }
    assert.ok(sends.length >= 15, `only ${sends.length} of 30 reports were sent in a month of office hours`);
    for (let i = 1; i < sends.length; i++) {
      assert.ok((sends[i] ?? 0) - (sends[i - 1] ?? 0) >= MIN_REQUEST_GAP_MS, 'two requests less than an hour apart');
    }
  });
});
