// read/write group several steps into one transaction, and the callers that
// used to pay one lock, load and write per step now pay one: closeDays and the
// upload claim. The number of database files written is counted through the
// store's beforeCriticalStep hook (one "database-rename" per persist).
import * as assert from 'node:assert/strict';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore, StoreReportQueue, type CriticalStep } from '../../src/core/store';
import { DailyReports } from '../../src/ide/dailyReports';
import { CLIENT } from '../support/fixtures';
import { TEST_GATE } from '../support/gate';
import { DAY_MS, NOW, event, makeTempDir, removeDir } from './storeSupport';

describe('store transactions', () => {
  let dir: string;
  let store: CandorStore;
  let persists: number;

  beforeEach(async () => {
    dir = makeTempDir('tx');
    persists = 0;
    const beforeCriticalStep = (step: CriticalStep): void => {
      if (step === 'database-rename') {
        persists++;
      }
    };
    store = await CandorStore.open({ dir, now: () => NOW, beforeCriticalStep });
  });
  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });

  it('read sees the flushed events and can never change the data', async () => {
    await store.appendEvents([event(NOW), event(NOW)]);
    const counted = await store.read(({ db, pendingSegments }) => {
      db.run(`DELETE FROM counters`);
      return { pendingSegments };
    });
    assert.deepEqual(counted, { pendingSegments: 1 });
    assert.equal((await store.stats()).events, 2);
  });

  it('write keeps all of its changes, or none when it throws', async () => {
    await store.write(({ db, nowMs }) => {
      db.run(`INSERT INTO reports (day, status, body, created_ms) VALUES ('2026-11-20', 'pending', 'a', ?)`, [nowMs]);
      db.run(`INSERT INTO reports (day, status, body, created_ms) VALUES ('2026-11-21', 'pending', 'b', ?)`, [nowMs]);
    });
    await assert.rejects(
      store.write(({ db }) => {
        db.run(`DELETE FROM reports`);
        throw new Error('half way');
      }),
      /half way/,
    );
    assert.deepEqual(
      (await store.reports()).map((r) => [r.day, r.body]),
      [
        ['2026-11-20', 'a'],
        ['2026-11-21', 'b'],
      ],
    );
  });

  it('closeDays builds every closed day without a report in one transaction (one database write)', async () => {
    await store.appendEvents([
      event(NOW - 3 * DAY_MS),
      event(NOW - 2 * DAY_MS),
      event(NOW - 2 * DAY_MS),
      event(NOW - DAY_MS),
      event(NOW),
    ]);
    await store.compact();
    await store.upsertPendingReport('2026-11-19', 'kept as built');
    const reports = new DailyReports(
      store,
      CLIENT,
      TEST_GATE,
      () => undefined,
      () => NOW,
    );
    persists = 0;
    assert.equal(await reports.closeDays(), 2);
    assert.equal(persists, 1);
    const byDay = new Map((await store.reports()).map((r) => [r.day, r.body]));
    assert.equal(byDay.get('2026-11-19'), 'kept as built');
    const counters = (await store.counters('2026-11-20'))[0]?.counters ?? [];
    assert.equal(byDay.get('2026-11-20'), serializeReport(buildDailyReport('2026-11-20', CLIENT, counters)));
    assert.equal(byDay.has('2026-11-21'), true);
    assert.equal(byDay.has('2026-11-22'), false, 'today stays open');

    persists = 0;
    assert.equal(await reports.closeDays(), 0);
    assert.equal(persists, 0, 'nothing to build: nothing written');
  });

  it('closeDays leaves out counters an earlier version stored outside the published lists, and still reports the rest of the day', async () => {
    // As an older version (or a damaged file) could have written them: free-form source, code and exit values.
    const planted = [
      event(
        NOW - 2 * DAY_MS,
        'ide.error',
        { origin: 'diagnostic', source: 'acme-corp-lint', code: 'src/secret/payroll', severity: 'error' },
        'errors',
      ),
      event(
        NOW - 2 * DAY_MS,
        'ide.error',
        { origin: 'diagnostic', source: 'unknown', code: 'alice-notes', severity: 'error' },
        'errors',
      ),
      event(NOW - 2 * DAY_MS, 'ide.error', { origin: 'exit', code: 'exit:unknown' }, 'errors'),
    ];
    await store.appendEvents([
      ...planted,
      event(NOW - 2 * DAY_MS),
      event(NOW - DAY_MS, 'ide.error', { origin: 'exit', code: '1732282800123' }, 'errors'),
    ]);
    await store.compact();
    const reports = new DailyReports(
      store,
      CLIENT,
      TEST_GATE,
      () => undefined,
      () => NOW,
    );
    assert.equal(await reports.closeDays(), 1, 'the day with a listed counter is reported; the day with none is not');
    const bodies = (await store.reports()).map((r) => r.body);
    assert.equal(bodies.length, 1);
    assert.equal(
      bodies[0],
      serializeReport(
        buildDailyReport('2026-11-20', CLIENT, [
          { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 1 },
        ]),
      ),
    );
    for (const secret of ['acme-corp-lint', 'src/secret/payroll', 'alice-notes', 'exit:unknown', '1732282800123']) {
      assert.ok(!bodies.join('\n').includes(secret), `${secret} reached a report`);
    }
  });

  it('the upload claim leases the oldest due report in one transaction, as stored', async () => {
    await store.upsertPendingReport('2026-11-19', '{ broken');
    await store.upsertPendingReport('2026-11-20', 'not json either');
    persists = 0;
    const claimed = await new StoreReportQueue(store).claimDueReport({
      owner: 'A',
      nowMs: NOW,
      leaseMs: 1000,
      approvedOnly: false,
    });
    assert.equal(claimed?.day, '2026-11-19');
    assert.equal(claimed?.body, '{ broken');
    assert.equal(persists, 1);
    assert.deepEqual(
      (await store.reports()).map((r) => [r.day, r.status, r.leaseOwner]),
      [
        ['2026-11-19', 'pending', 'A'],
        ['2026-11-20', 'pending', undefined],
      ],
    );
  });
});
