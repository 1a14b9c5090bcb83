// The Insights read against the real store: a real sql.js database file, the
// journal folded in, one transaction, and nothing written back.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadInsights, readInsightsRows } from '../../src/core/insights';
import { CandorStore } from '../../src/core/store';
import { DAY_MS, NOW, errorEvent, event, makeTempDir, removeDir } from './storeSupport';

describe('Insights from the real store', () => {
  let dir: string;
  let store: CandorStore;

  beforeEach(async () => {
    dir = makeTempDir('insights');
    store = await CandorStore.open({ dir, now: () => NOW, retentionDays: 10 });
  });

  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });

  it('reads each counter of the days asked for, reduced to day, event, kind, origin, source and code', async () => {
    await store.appendEvents([
      event(NOW, 'ide.run', { kind: 'debug', runtime: 'node' }),
      event(NOW, 'ide.run', { kind: 'debug', runtime: 'node' }),
      event(NOW, 'ide.run', { kind: 'debug', runtime: 'python' }),
      event(NOW, 'ide.error', { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' }, 'errors'),
      event(NOW - DAY_MS, 'example.loaded', { example_id: 'hello_world' }),
      event(NOW - 2 * DAY_MS, 'ide.reset', { kind: 'task' }),
    ]);
    const rows = await store.read(({ db }) => readInsightsRows(db, '2026-11-21', '2026-11-22'));
    assert.deepEqual(rows, [
      { day: '2026-11-21', event: 'example.loaded', kind: null, origin: null, source: null, code: null, count: 1 },
      {
        day: '2026-11-22',
        event: 'ide.error',
        kind: null,
        origin: 'diagnostic',
        source: 'ts',
        code: 'TS2304',
        count: 1,
      },
      { day: '2026-11-22', event: 'ide.run', kind: 'debug', origin: null, source: null, code: null, count: 2 },
      { day: '2026-11-22', event: 'ide.run', kind: 'debug', origin: null, source: null, code: null, count: 1 },
    ]);
    assert.deepEqual(await store.read(({ db }) => readInsightsRows(db, '2026-11-22', '2026-11-22')), rows.slice(1));
    assert.equal(
      (await loadInsights(store, 7, 10)).totals.debugRuns,
      3,
      'the aggregation sums rows that differ only in other properties',
    );
  });

  it('builds the view from one read, with the retention cut applied by the store itself', async () => {
    // Retention 10 days: the cut is 2026-11-13; the 11-12 events are deleted by the store on compaction.
    await store.appendEvents([
      errorEvent(NOW - 10 * DAY_MS, 'TS1'), // 11-12, beyond the retention
      errorEvent(NOW - 9 * DAY_MS, 'TS2'), // 11-13, the cut day: kept
      errorEvent(NOW - 8 * DAY_MS, 'TS1'), // 11-14
      errorEvent(NOW - 2 * DAY_MS, 'TS1'), // 11-20
      errorEvent(NOW - 2 * DAY_MS, 'TS1'),
    ]);
    const insights = await loadInsights(store, 7, 10);
    assert.equal(insights.today, '2026-11-22');
    assert.equal(insights.window.previousRetainedDays, 3);
    assert.deepEqual(insights.previousTotals.diagnostics, 2);
    assert.deepEqual(
      insights.codes[0]?.top.map((c) => [c.code, c.count, c.previousCount]),
      [['TS1', 2, 1]],
    );
    assert.deepEqual(insights.codes[0]?.goneCodes, [{ code: 'TS2', source: 'ts', previousCount: 1 }]);
    assert.deepEqual(
      insights.daily.map((p) => p.diagnostics),
      [0, 0, 0, 0, 2, 0, 0],
    );
  });

  it('only reads: the database file is not rewritten', async () => {
    await store.appendEvents([event(NOW), errorEvent(NOW, 'TS2304')]);
    await store.compact();
    // The next transaction forgets the applied segment's id (a store write of its own); let it happen first.
    await store.compact();
    const file = path.join(dir, 'candor.sqlite');
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    for (const period of [7, 10]) {
      await loadInsights(store, period, 10);
    }
    assert.deepEqual(readFileSync(file), before);
    assert.equal(statSync(file).mtimeMs, mtime);
  });
});
