// Clock jumps against an injected wall clock and monotonic clock, through the
// real store and the real day closing (DailyReports): events stay on their day,
// no day is closed early or twice, no future day gets a report, and retention
// ignores a forward jump that is undone.
import * as assert from 'node:assert/strict';
import { CandorStore } from '../../src/core/store';
import { ADOPT_AFTER_MS, TrustedClock, type ClockNotice } from '../../src/core/trustedClock';
import { utcDay } from '../../src/core/utcDay';
import { DailyReports } from '../../src/ide/dailyReports';
import { CLIENT } from '../support/fixtures';
import { TEST_GATE } from '../support/gate';
import { DAY_MS, NOW, event, makeTempDir, removeDir } from './storeSupport';

/** A machine's two clocks, moved by the test. */
class FakeClocks {
  wall = NOW;
  mono = 1_000;
  /** Real time passes: both clocks move. */
  pass(ms: number): void {
    this.wall += ms;
    this.mono += ms;
  }
  readonly sources = { wallMs: () => this.wall, monoMs: () => this.mono };
}

describe('TrustedClock (injected wall and monotonic clocks)', () => {
  it('follows the wall clock while it agrees, drift included', () => {
    const clocks = new FakeClocks();
    const clock = new TrustedClock({ sources: clocks.sources });
    clocks.pass(60_000);
    assert.equal(clock.now(), NOW + 60_000);
    clocks.wall += 30_000; // NTP-sized correction
    assert.equal(clock.now(), NOW + 90_000);
    assert.equal(clock.jumped, false);
  });

  it('ignores a backward jump of a day, and never goes backwards', () => {
    const clocks = new FakeClocks();
    const notices: ClockNotice[] = [];
    const clock = new TrustedClock({ sources: clocks.sources, onNotice: (n) => notices.push(n) });
    clocks.pass(1_000);
    clocks.wall -= DAY_MS;
    assert.equal(clock.now(), NOW + 1_000);
    clocks.pass(5_000);
    assert.equal(clock.now(), NOW + 6_000);
    assert.equal(clock.jumped, true);
    assert.deepEqual(notices, [{ kind: 'jump', offsetMs: -DAY_MS }]);
  });

  it('ignores back one day then forward eight, and agrees again when the jump is undone', () => {
    const clocks = new FakeClocks();
    const clock = new TrustedClock({ sources: clocks.sources });
    clocks.wall -= DAY_MS;
    clocks.pass(ADOPT_AFTER_MS - 1_000);
    assert.equal(clock.now(), NOW + ADOPT_AFTER_MS - 1_000);
    clocks.wall += 8 * DAY_MS; // now seven days ahead: a new jump, timed afresh
    clocks.pass(ADOPT_AFTER_MS - 1_000);
    assert.equal(clock.now(), NOW + 2 * (ADOPT_AFTER_MS - 1_000));
    clocks.wall -= 7 * DAY_MS; // undone
    assert.equal(clock.now(), clocks.wall);
    assert.equal(clock.jumped, false);
  });

  it('adopts a jump held for ADOPT_AFTER_MS (the clock was corrected, or the machine slept)', () => {
    const clocks = new FakeClocks();
    const clock = new TrustedClock({ sources: clocks.sources });
    clocks.wall += 3 * 60 * 60_000;
    assert.equal(clock.now(), NOW);
    clocks.pass(ADOPT_AFTER_MS - 1);
    assert.equal(clock.now(), NOW + ADOPT_AFTER_MS - 1);
    clocks.pass(1);
    assert.equal(clock.now(), clocks.wall);
    assert.equal(clock.jumped, false);
  });

  it('never throws into the caller when a listener throws', () => {
    const clocks = new FakeClocks();
    const clock = new TrustedClock({
      sources: clocks.sources,
      onNotice: () => {
        throw new Error('listener');
      },
    });
    clocks.wall += DAY_MS;
    assert.equal(clock.now(), NOW);
  });
});

describe('clock jumps through the real store and day closing (injected clocks)', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('clock');
  });
  afterEach(() => removeDir(dir));

  it('back one day then forward eight: events stay on their day, nothing closed early, twice or for the future, nothing purged', async () => {
    // 23:00 UTC, one hour before the day ends.
    const clocks = new FakeClocks();
    clocks.wall = Date.UTC(2026, 10, 22, 23, 0, 0);
    const clock = new TrustedClock({ sources: clocks.sources });
    const store = await CandorStore.open({ dir, now: clock.now, retentionDays: 3 });
    const reports = new DailyReports(store, CLIENT, TEST_GATE, () => undefined, clock.now);
    try {
      // Yesterday's data, closed before any jump.
      await store.appendEvents([event(clocks.wall - DAY_MS)]);
      assert.equal(await reports.closeDays(), 1);
      const today = utcDay(clock.now());
      assert.equal(today, '2026-11-22');

      clocks.wall -= DAY_MS;
      clocks.pass(60_000);
      await store.appendEvents([event(clock.now())]);
      assert.equal(await reports.closeDays(), 0);

      clocks.wall += 8 * DAY_MS;
      clocks.pass(60_000);
      await store.appendEvents([event(clock.now())]);
      assert.equal(await reports.closeDays(), 0, 'today has not ended; no future day exists');

      clocks.wall -= 7 * DAY_MS; // the jump is undone
      clocks.pass(60_000);
      await store.appendEvents([event(clock.now())]);
      assert.equal(await reports.closeDays(), 0);

      const counters = await store.counters();
      assert.deepEqual(
        counters.map((d) => [d.day, d.counters[0]?.count]),
        [
          ['2026-11-21', 1],
          ['2026-11-22', 3],
        ],
      );
      assert.deepEqual(
        (await store.reports()).map((r) => r.day),
        ['2026-11-21'],
      );

      // Real time reaches the next day (plus the closing grace): today is closed, once.
      clocks.pass(70 * 60_000);
      assert.equal(await reports.closeDays(), 1);
      assert.equal(await reports.closeDays(), 0);
      assert.deepEqual(
        (await store.reports()).map((r) => r.day),
        ['2026-11-21', today],
      );
    } finally {
      await store.close();
    }
  });
});
