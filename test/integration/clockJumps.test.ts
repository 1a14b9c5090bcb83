// The system clock jumps while the real extension host records: back one day,
// then forward eight, then back to the truth. The wall clock (Date.now) of the
// test VS Code's processes is moved through a preloaded module
// (scripts/lib/clockOffset.cjs, wired by scripts/run-integration.mjs); the
// monotonic clock is untouched, as in a real jump.
import * as assert from 'node:assert/strict';
import { DAY_MS } from '../support/fixtures';
import { candor, configure, enableAll, resetData, shiftClock, trueNow } from './support';

const RUN = { kind: 'debug', runtime: 'node' };

function utcDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

describe('clock jumps in the real extension host (wall clock shifted by a preloaded module)', function () {
  after(async () => {
    await shiftClock(0);
    await configure({ 'candor.retentionDays': undefined });
  });

  it('back one day, then forward eight: events stay on their day, no day closed early or twice, no future report, nothing purged', async () => {
    const { t } = await candor();
    await enableAll();
    await resetData();
    await configure({ 'candor.retentionDays': 3 });
    const today = utcDayOf(trueNow());
    const yesterday = utcDayOf(trueNow() - DAY_MS);
    // A finished day, closed once before any jump.
    await t.store.appendEvents([{ ts: trueNow() - DAY_MS, name: 'ide.run', props: RUN, category: 'usage' }]);
    await t.flush();
    const closedBefore = (await t.store.reports()).map((r) => [r.day, r.body]);
    assert.deepEqual(
      closedBefore.map(([day]) => day),
      [yesterday],
    );

    const record = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        assert.equal(t.recorder.record('ide.run', RUN).status, 'recorded');
      }
      await t.flush(); // writes the events and closes finished days, as the timer would
    };
    await record(2);
    await shiftClock(-DAY_MS);
    await record(2);
    await shiftClock(7 * DAY_MS); // forward eight days from there
    await record(2);
    await shiftClock(0); // the jump is undone
    await record(2);

    const stored = await t.store.counters();
    assert.deepEqual(
      stored.map((d) => [d.day, d.counters.reduce((n, c) => n + c.count, 0)]),
      [
        [yesterday, 1],
        [today, 8],
      ],
      'every event on the day it really happened; nothing purged by the forward jump',
    );
    assert.deepEqual(
      (await t.store.reports()).map((r) => [r.day, r.body]),
      closedBefore,
      'today not closed; yesterday closed once and unchanged; no future day',
    );
  });
});
