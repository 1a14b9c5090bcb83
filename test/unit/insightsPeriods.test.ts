// Period windows and the retention cut, against days worked out by hand.
import * as assert from 'node:assert/strict';
import { addDays, availablePeriods, choosePeriod, daysBetween, periodWindow } from '../../src/core/insights';

describe('insights periods', () => {
  it('moves across month and year ends and leap days', () => {
    assert.equal(addDays('2026-03-02', -6), '2026-02-24');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.deepEqual(daysBetween('2026-02-27', '2026-03-02'), ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    assert.deepEqual(daysBetween('2026-03-02', '2026-03-01'), []);
  });

  it('offers 7, 30 and 90 days, shortened to the retention', () => {
    assert.deepEqual(availablePeriods(90), [7, 30, 90]);
    assert.deepEqual(availablePeriods(365), [7, 30, 90]);
    assert.deepEqual(availablePeriods(60), [7, 30, 60]);
    assert.deepEqual(availablePeriods(30), [7, 30]);
    assert.deepEqual(availablePeriods(5), [5]);
  });

  it('accepts only an offered period, else falls back to the shortest', () => {
    assert.equal(choosePeriod(30, 90), 30);
    assert.equal(choosePeriod(45, 90), 7);
    assert.equal(choosePeriod(90, 30), 7);
    assert.equal(choosePeriod(undefined, 5), 5);
  });

  it('a week ending today, the week before it, both kept under a 90-day retention', () => {
    const w = periodWindow('2026-11-22', 7, 90);
    assert.deepEqual(w.days, [
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    assert.deepEqual(w.current, { from: '2026-11-16', to: '2026-11-22' });
    assert.deepEqual(w.previous, { from: '2026-11-09', to: '2026-11-15' });
    // 2026-11-22 minus 89 days: 22 back to 10-31, 31 to 09-30, 30 to 08-31, 6 more.
    assert.equal(w.cutoffDay, '2026-08-25');
    assert.equal(w.previousRetainedDays, 7);
  });

  it('counts only the retained days of the previous period when the retention cuts through it', () => {
    const w = periodWindow('2026-11-22', 7, 10);
    assert.equal(w.cutoffDay, '2026-11-13');
    // Previous week 11-09 … 11-15; 11-13, 11-14 and 11-15 are kept.
    assert.equal(w.previousRetainedDays, 3);
    assert.equal(periodWindow('2026-11-22', 90, 90).previousRetainedDays, 0);
    assert.equal(periodWindow('2026-11-22', 30, 60).previousRetainedDays, 30);
    assert.equal(periodWindow('2026-11-22', 30, 59).previousRetainedDays, 29);
  });
});
