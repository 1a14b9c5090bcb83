import * as assert from 'node:assert/strict';
import { promises as fsp, readdirSync, statSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { CandorStore, SchemaTooNewError, StoreClosedError, type RecoveryNotice } from '../../src/core/store';
import { migrate, readSchemaVersion, SCHEMA_VERSION } from '../../src/core/store/migrations';
import { loadSqlJs } from '../../src/core/store/sqlite';
import { DAY_MS, NOW, errorEvent, event, makeTempDir, parseCsv, removeDir } from './storeSupport';
import { TEST_GATE } from '../support/gate';
import { CLIENT } from '../support/fixtures';
import { decideConsent } from '../../src/core/consent';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { csvField } from '../../src/core/store/export';

/** A reason Candor's consent really gives: the export keeps only those. */
const SHARING_REASON = decideConsent({
  vscodeLevel: 'all',
  enabled: true,
  usage: true,
  errors: true,
  doNotTrack: false,
  endpointConfigured: true,
}).reason;

const POSIX = process.platform !== 'win32';

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

function segmentFiles(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, 'journal')).filter((n) => n.endsWith('.seg'));
  } catch {
    return [];
  }
}

describe('CandorStore', () => {
  let dir: string;
  let now: number;
  let stores: CandorStore[];

  async function open(extra: Partial<Parameters<typeof CandorStore.open>[0]> = {}): Promise<CandorStore> {
    const store = await CandorStore.open({ dir, now: () => now, ...extra });
    stores.push(store);
    return store;
  }

  beforeEach(() => {
    dir = makeTempDir('store');
    now = NOW;
    stores = [];
  });

  afterEach(async () => {
    for (const store of stores) {
      await store.close();
    }
    removeDir(dir);
  });

  describe('events and counters', () => {
    it('snapshot() reads in one go exactly what the separate reads return', async () => {
      const store = await open();
      await store.appendEvents([
        event(NOW - DAY_MS),
        errorEvent(NOW - DAY_MS, 'TS2304'),
        event(NOW),
        errorEvent(NOW, 'TS2551'),
      ]);
      await store.upsertPendingReport('2026-11-21', '{"day":"2026-11-21"}');
      await store.addReceipt({
        day: '2026-11-20',
        format: 'candor-json',
        bytes: 10,
        bodyBytes: 20,
        sha256: 'ab'.repeat(32),
        endpointHost: '127.0.0.1:1',
        status: '200',
        atMs: NOW,
        outcome: 'sent',
      });
      await store.appendEvents([event(NOW + 1)]); // not yet compacted: the snapshot must fold it in
      const snapshot = await store.snapshot();
      assert.deepEqual(snapshot.counters, await store.counters());
      assert.deepEqual(snapshot.pendingReports, await store.pendingReports());
      assert.deepEqual(snapshot.receipts, await store.receipts(50));
      // pendingSegments is what was waiting when each call began: the snapshot folded in the last flush.
      assert.equal(snapshot.stats.pendingSegments, 1);
      assert.deepEqual({ ...snapshot.stats, pendingSegments: 0 }, await store.stats());
      assert.equal(snapshot.stats.events, 5);
      assert.equal(snapshot.pendingReports.length, 1);
      assert.equal(snapshot.receipts.length, 1);
    });

    it('counts events per UTC day, event and property set, whatever the key order', async () => {
      const store = await open();
      const lateOnDay1 = Date.UTC(2026, 10, 21, 23, 59, 59);
      const earlyOnDay2 = Date.UTC(2026, 10, 22, 0, 0, 1);
      await store.appendEvents([
        event(lateOnDay1, 'ide.run', { kind: 'debug', runtime: 'node' }),
        event(earlyOnDay2, 'ide.run', { runtime: 'node', kind: 'debug' }),
        event(earlyOnDay2 + 1, 'ide.run', { kind: 'debug', runtime: 'node' }),
        errorEvent(earlyOnDay2 + 2, 'TS2304'),
      ]);
      const all = await store.counters();
      assert.deepEqual(
        all.map((d) => ({ day: d.day, counters: d.counters.map((c) => [c.event, c.category, c.count]) })),
        [
          { day: '2026-11-21', counters: [['ide.run', 'usage', 1]] },
          {
            day: '2026-11-22',
            counters: [
              ['ide.error', 'errors', 1],
              ['ide.run', 'usage', 2],
            ],
          },
        ],
      );
      assert.deepEqual((await store.counters('2026-11-22'))[0]?.counters[1]?.props, { kind: 'debug', runtime: 'node' });
      assert.deepEqual(await store.days(), ['2026-11-21', '2026-11-22']);
    });

    it('writes each flush as one segment and folds segments into the database on compaction', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), event(NOW + 1)]);
      await store.appendEvents([event(NOW + 2)]);
      assert.equal(segmentFiles(dir).length, 2);
      const before = await fsp.readFile(store.dbPath);
      await store.compact();
      assert.equal(segmentFiles(dir).length, 0);
      assert.notDeepEqual(await fsp.readFile(store.dbPath), before);
      assert.equal((await store.stats()).events, 3);
    });

    it('ignores an empty flush', async () => {
      const store = await open();
      await store.appendEvents([]);
      assert.equal(segmentFiles(dir).length, 0);
    });

    it('applies a segment only once, even if it is still on disk after a crash', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), event(NOW + 1)]);
      const [name] = segmentFiles(dir);
      const segmentPath = path.join(dir, 'journal', name);
      const copy = path.join(dir, 'segment-copy');
      copyFileSync(segmentPath, copy);
      await store.compact();
      // A compactor killed after replacing the database but before deleting the segment leaves it behind.
      copyFileSync(copy, segmentPath);
      await store.compact();
      assert.equal((await store.stats()).events, 2);
      assert.equal(segmentFiles(dir).length, 0);
    });

    it('keeps only the newest recent events, newest first', async () => {
      const store = await open({ recentLimit: 5 });
      await store.appendEvents(Array.from({ length: 8 }, (_, i) => event(NOW + i)));
      await store.appendEvents([event(NOW + 100)]);
      const recent = await store.recentEvents();
      assert.deepEqual(
        recent.map((e) => e.ts),
        [NOW + 100, NOW + 7, NOW + 6, NOW + 5, NOW + 4],
      );
      assert.equal((await store.recentEvents(2)).length, 2);
      assert.equal((await store.stats()).events, 9, 'counters are not bounded by the recent list');
    });

    it('reports statistics, including segments waiting before the call', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), errorEvent(NOW, 'TS1'), errorEvent(NOW, 'TS1')]);
      await store.appendEvents([event(NOW - DAY_MS)]);
      const stats = await store.stats();
      assert.deepEqual(
        { ...stats, dbBytes: stats.dbBytes > 0 },
        { counters: 3, events: 4, recentEvents: 4, days: 2, pendingReports: 0, pendingSegments: 2, dbBytes: true },
      );
    });
  });

  describe('files', () => {
    it('creates the database, segments and lock with mode 0600', async function () {
      if (!POSIX) {
        this.skip();
      }
      const store = await open();
      assert.equal(mode(store.dbPath), 0o600);
      await store.appendEvents([event(NOW)]);
      const [segment] = segmentFiles(dir);
      assert.equal(mode(path.join(dir, 'journal', segment)), 0o600);
      await store.compact();
      assert.equal(mode(store.dbPath), 0o600, 'the replaced file keeps 0600');
    });

    it('leaves no temp files behind after compaction', async () => {
      const store = await open();
      await store.appendEvents([event(NOW)]);
      await store.compact();
      const leftovers = readdirSync(dir).filter((n) => n.includes('.tmp'));
      assert.deepEqual(leftovers, []);
    });

    it('removes database temp files left by a writer that died mid-write', async () => {
      const store = await open();
      const orphan = `${store.dbPath}.tmp-99999-1-deadbeef`;
      writeFileSync(orphan, 'half a database');
      await store.appendEvents([event(NOW)]);
      await store.compact();
      assert.equal(readdirSync(dir).includes(path.basename(orphan)), false);
    });
  });

  describe('retention and size cap', () => {
    it('drops data older than the retention period, at write and later as time passes', async () => {
      const store = await open({ retentionDays: 3 });
      await store.appendEvents([event(NOW), event(NOW - 1 * DAY_MS), event(NOW - 2 * DAY_MS), event(NOW - 3 * DAY_MS)]);
      assert.deepEqual(await store.days(), ['2026-11-20', '2026-11-21', '2026-11-22']);
      assert.deepEqual(
        (await store.recentEvents()).map((e) => e.day),
        ['2026-11-22', '2026-11-21', '2026-11-20'],
      );
      await store.upsertPendingReport('2026-11-20', '{}');
      now = NOW + DAY_MS;
      assert.deepEqual(await store.days(), ['2026-11-21', '2026-11-22']);
      assert.deepEqual(await store.reports(), []);
      assert.equal((await store.recentEvents()).length, 2);
    });

    it('expires receipts and consent-log entries with the same retention', async () => {
      const store = await open({ retentionDays: 2 });
      await store.addReceipt(receipt('2026-11-19', NOW - 3 * DAY_MS));
      await store.addReceipt(receipt('2026-11-21', NOW - DAY_MS));
      await store.logConsent(consentEntry(NOW - 3 * DAY_MS));
      await store.logConsent(consentEntry(NOW));
      assert.deepEqual(
        (await store.receipts()).map((r) => r.day),
        ['2026-11-21'],
      );
      assert.deepEqual(
        (await store.consentLog()).map((c) => c.atMs),
        [NOW],
      );
    });

    it('drops the oldest days first when the database exceeds its size cap', async () => {
      const cap = 256 * 1024;
      const store = await open({ maxDbBytes: cap });
      for (let day = 29; day >= 0; day--) {
        const ts = NOW - day * DAY_MS;
        await store.appendEvents(Array.from({ length: 300 }, (_, i) => errorEvent(ts, `E${day}x${i}`)));
      }
      const stats = await store.stats();
      assert.ok(stats.dbBytes <= cap, `db is ${stats.dbBytes} bytes`);
      const days = await store.days();
      assert.ok(days.length > 0 && days.length < 30, `kept ${days.length} days`);
      // What is kept is the newest run of days, ending today.
      const expected = Array.from({ length: days.length }, (_, i) =>
        new Date(NOW - (days.length - 1 - i) * DAY_MS).toISOString().slice(0, 10),
      );
      assert.deepEqual(days, expected);
    });
  });

  describe('deleting', () => {
    it('deletes one counter and the pending report that contained it', async () => {
      const store = await open();
      await store.appendEvents([errorEvent(NOW, 'TS1'), errorEvent(NOW, 'TS2')]);
      await store.upsertPendingReport('2026-11-22', '{"day":"2026-11-22"}');
      const deleted = await store.deleteCounter('2026-11-22', 'ide.error', {
        severity: 'error',
        code: 'TS1',
        source: 'ts',
        origin: 'diagnostic',
      });
      assert.equal(deleted, true);
      assert.deepEqual(
        (await store.counters())[0]?.counters.map((c) => c.props.code),
        ['TS2'],
      );
      assert.deepEqual(await store.pendingReports(), []);
      assert.equal(await store.deleteCounter('2026-11-22', 'ide.error', { code: 'nope' }), false);
    });

    it('deletes a day and discards its pending report, keeping a sent one', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), event(NOW - DAY_MS)]);
      await store.upsertPendingReport('2026-11-22', 'today');
      await store.upsertPendingReport('2026-11-21', 'yesterday');
      await store.deleteDay('2026-11-22');
      assert.deepEqual(await store.days(), ['2026-11-21']);
      assert.deepEqual(
        (await store.recentEvents()).map((e) => e.day),
        ['2026-11-21'],
      );
      const reports = await store.reports();
      assert.deepEqual(
        reports.map((r) => [r.day, r.status, r.body]),
        [
          ['2026-11-21', 'pending', 'yesterday'],
          ['2026-11-22', 'discarded', ''],
        ],
      );
      assert.equal(await store.upsertPendingReport('2026-11-22', 'again'), false, 'a discarded day is not rebuilt');
    });

    it('purges the categories whose consent was withdrawn, including unapplied segments', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), errorEvent(NOW, 'TS1')]);
      await store.compact();
      await store.appendEvents([errorEvent(NOW, 'TS2')]);
      await store.upsertPendingReport('2026-11-22', 'mixed');
      await store.purgeCategories(['errors']);
      const counters = (await store.counters()).flatMap((d) => d.counters);
      assert.deepEqual(
        counters.map((c) => c.event),
        ['ide.run'],
      );
      assert.deepEqual(
        (await store.recentEvents()).map((e) => e.category),
        ['usage'],
      );
      assert.deepEqual(await store.pendingReports(), []);
    });

    it('deleteAll removes the database, the journal and damaged copies', async () => {
      const store = await open();
      await store.appendEvents([event(NOW)]);
      await store.compact();
      await store.appendEvents([event(NOW)]);
      writeFileSync(`${store.dbPath}.corrupt-1`, 'old damaged copy');
      await store.deleteAll();
      const left = readdirSync(dir).filter((n) => !n.startsWith('candor.lock'));
      assert.deepEqual(left, []);
      assert.deepEqual(await store.counters(), []);
      assert.equal((await store.stats()).events, 0);
    });
  });

  describe('report queue', () => {
    it('stores a pending report, replaces it while pending, and never overwrites a sent one', async () => {
      const store = await open();
      assert.equal(await store.upsertPendingReport('2026-11-21', 'v1'), true);
      assert.equal(await store.upsertPendingReport('2026-11-21', 'v2'), true);
      assert.deepEqual(
        (await store.pendingReports()).map((r) => r.body),
        ['v2'],
      );
      const claimed = await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 1000 });
      assert.equal(claimed?.day, '2026-11-21');
      assert.equal(
        await store.settleReport('A', '2026-11-21', { status: 'sent', receipt: receipt('2026-11-21', NOW) }),
        true,
      );
      assert.equal(await store.upsertPendingReport('2026-11-21', 'v3'), false);
      const [report] = await store.reports();
      assert.deepEqual([report?.status, report?.body, report?.sentMs], ['sent', 'v2', NOW]);
    });

    it('leases reports to one owner at a time, oldest day first, and lets only the holder settle them', async () => {
      const store = await open();
      await store.upsertPendingReport('2026-11-21', 'b');
      await store.upsertPendingReport('2026-11-20', 'a');
      const a = await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000 });
      // While A holds a lease, no other window uploads at all (not even another report).
      const b = await store.claimDueReport({ owner: 'B', nowMs: NOW, leaseMs: 60_000 });
      const a2 = await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000 });
      assert.deepEqual([a?.day, b, a2?.day], ['2026-11-20', undefined, '2026-11-20']);
      assert.equal(await store.settleReport('B', '2026-11-20', { status: 'dropped' }), false, 'B does not hold it');
      // After the lease expires another owner may take it.
      const later = await store.claimDueReport({ owner: 'C', nowMs: NOW + 60_000, leaseMs: 1000 });
      assert.equal(later?.day, '2026-11-20');
      assert.equal(await store.settleReport('A', '2026-11-20', { status: 'sent' }), false, 'A lost the lease');
    });

    it('reschedules with an attempt count, defers without one, and respects the due time', async () => {
      const store = await open();
      await store.upsertPendingReport('2026-11-21', 'r');
      await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 1000 });
      await store.settleReport('A', '2026-11-21', {
        status: 'pending',
        nextAttemptMs: NOW + 5000,
        countAttempt: true,
        receipt: receipt('2026-11-21', NOW, 'retry'),
      });
      assert.equal(await store.claimDueReport({ owner: 'A', nowMs: NOW + 4999, leaseMs: 1000 }), undefined);
      const again = await store.claimDueReport({ owner: 'A', nowMs: NOW + 5000, leaseMs: 1000 });
      assert.equal(again?.attempts, 1);
      await store.settleReport('A', '2026-11-21', { status: 'pending', nextAttemptMs: NOW + 6000 });
      const deferred = await store.claimDueReport({ owner: 'A', nowMs: NOW + 6000, leaseMs: 1000 });
      assert.equal(deferred?.attempts, 1);
      assert.deepEqual(
        (await store.receipts()).map((r) => [r.outcome, r.status]),
        [['retry', '503']],
      );
    });

    it('hands out only approved reports in review mode, and can discard a report', async () => {
      const store = await open();
      await store.upsertPendingReport('2026-11-20', 'a');
      await store.upsertPendingReport('2026-11-21', 'b');
      assert.equal(await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 1, approvedOnly: true }), undefined);
      assert.equal(await store.markReport('2026-11-21', 'approved'), true);
      const approved = await store.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 1, approvedOnly: true });
      assert.deepEqual([approved?.day, approved?.approved], ['2026-11-21', true]);
      assert.equal(await store.markReport('2026-11-20', 'discarded'), true);
      assert.deepEqual(
        (await store.reports()).map((r) => [r.day, r.status]),
        [
          ['2026-11-20', 'discarded'],
          ['2026-11-21', 'pending'],
        ],
      );
    });

    it('sums the bytes sent per UTC day of sending', async () => {
      const store = await open();
      await store.addReceipt({ ...receipt('2026-11-20', Date.UTC(2026, 10, 21, 0, 0, 0)), bytes: 100 });
      await store.addReceipt({ ...receipt('2026-11-20', Date.UTC(2026, 10, 21, 23, 59, 59)), bytes: 50 });
      await store.addReceipt({ ...receipt('2026-11-20', Date.UTC(2026, 10, 22, 0, 0, 0)), bytes: 7 });
      assert.equal(await store.bytesSentOnDay('2026-11-21'), 150);
      assert.equal(await store.bytesSentOnDay('2026-11-22'), 7);
      assert.equal(await store.bytesSentOnDay('not a day'), 0);
    });
  });

  describe('consent log and receipts', () => {
    it('keeps the consent log in order', async () => {
      const store = await open();
      await store.logConsent(consentEntry(NOW - 10));
      await store.logConsent({
        ...consentEntry(NOW),
        level: 'off',
        state: 'off',
        reason: 'Off — DO_NOT_TRACK is set',
        dnt: true,
      });
      const log = await store.consentLog();
      assert.deepEqual(
        log.map((e) => [e.atMs, e.level, e.dnt]),
        [
          [NOW - 10, 'all', false],
          [NOW, 'off', true],
        ],
      );
    });

    it('keeps receipts newest first with every field', async () => {
      const store = await open();
      const id = await store.addReceipt({ ...receipt('2026-11-21', NOW), note: 'first' });
      await store.addReceipt(receipt('2026-11-21', NOW + 1));
      const [newest, oldest] = await store.receipts();
      assert.equal(newest?.atMs, NOW + 1);
      assert.deepEqual(oldest, { id, ...receipt('2026-11-21', NOW), note: 'first' });
    });
  });

  describe('export', () => {
    it('exports everything as JSON that parses back', async () => {
      const store = await open();
      await store.appendEvents([event(NOW), errorEvent(NOW, 'TS2304')]);
      const report = serializeReport(
        buildDailyReport('2026-11-21', CLIENT, [{ event: 'ide.reset', props: { kind: 'task' }, count: 2 }]),
      );
      await store.upsertPendingReport('2026-11-21', report);
      await store.addReceipt(receipt('2026-11-20', NOW));
      await store.logConsent(consentEntry(NOW));
      const parsed = JSON.parse(await store.exportJson(TEST_GATE)) as {
        format: string;
        counters: { day: string; event: string; props: Record<string, unknown>; count: number }[];
        recentEvents: unknown[];
        reports: { day: string; body: string }[];
        receipts: { sha256: string }[];
        consentLog: { reason: string }[];
      };
      assert.equal(parsed.format, 'candor.export/1');
      assert.deepEqual(
        parsed.counters.map((c) => [c.day, c.event, c.props.code ?? c.props.runtime, c.count]),
        [
          ['2026-11-22', 'ide.error', 'TS2304', 1],
          ['2026-11-22', 'ide.run', 'node', 1],
        ],
      );
      assert.equal(parsed.recentEvents.length, 2);
      assert.deepEqual(
        parsed.reports.map((r) => r.body),
        [report],
      );
      assert.equal(parsed.receipts[0]?.sha256, 'ab'.repeat(32));
      assert.equal(parsed.consentLog[0]?.reason, SHARING_REASON);
    });

    it('exports CSV with proper quoting that parses back to the same values', async () => {
      const store = await open();
      // Canonical props JSON holds quotes and commas; nothing else can pass the outbound gate.
      const awkward = { origin: 'diagnostic', source: 'eslint', code: 'no-unused-vars', severity: 'warning' };
      await store.appendEvents([event(NOW, 'ide.error', awkward), event(NOW - DAY_MS)]);
      const rows = parseCsv(await store.exportCsv(TEST_GATE));
      assert.deepEqual(rows[0], ['record', 'day', 'time', 'event', 'category', 'count', 'props']);
      const counterRows = rows.filter((r) => r[0] === 'counter');
      assert.deepEqual(
        counterRows.map((r) => [r[1], r[3], r[5]]),
        [
          ['2026-11-21', 'ide.run', '1'],
          ['2026-11-22', 'ide.error', '1'],
        ],
      );
      assert.deepEqual(JSON.parse(counterRows[1][6]), awkward);
      const eventRows = rows.filter((r) => r[0] === 'event');
      assert.deepEqual(
        eventRows.map((r) => r[2]),
        [new Date(NOW).toISOString(), new Date(NOW - DAY_MS).toISOString()],
      );
      assert.ok(rows.every((r) => r.length === 7));
    });

    it('neutralises cells a spreadsheet would run as a formula, and an event outside the catalog never gets there', async () => {
      assert.equal(csvField('=cmd|calc'), "'=cmd|calc");
      assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
      const store = await open();
      await store.appendEvents([event(NOW, '=cmd|calc', {})]);
      const rows = parseCsv(await store.exportCsv(TEST_GATE));
      assert.deepEqual(rows, [['record', 'day', 'time', 'event', 'category', 'count', 'props']]);
    });
  });

  describe('schema', () => {
    it('migrates a database written by an older schema without losing its data', async () => {
      const SQL = await loadSqlJs();
      const old = new SQL.Database();
      try {
        assert.equal(migrate(old, 1), 1);
        old.run(
          `INSERT INTO counters VALUES ('2026-11-22', 'ide.run', '{"kind":"task","runtime":"npm"}', 'usage', 41)`,
        );
        writeFileSync(path.join(dir, 'candor.sqlite'), old.export(), { mode: 0o600 });
      } finally {
        old.close();
      }
      const store = await open();
      await store.appendEvents([event(NOW, 'ide.run', { runtime: 'npm', kind: 'task' })]);
      assert.deepEqual(
        (await store.counters()).flatMap((d) => d.counters.map((c) => c.count)),
        [42],
      );
      assert.equal(await store.upsertPendingReport('2026-11-21', 'r'), true, 'tables of the newer schema exist');
      const check = new SQL.Database(readFileSync(store.dbPath));
      try {
        assert.equal(readSchemaVersion(check), SCHEMA_VERSION);
      } finally {
        check.close();
      }
    });

    it('refuses, without touching it, a database from a newer Candor', async () => {
      const SQL = await loadSqlJs();
      const newer = new SQL.Database();
      try {
        migrate(newer);
        newer.run(`UPDATE meta SET value = '999' WHERE key = 'schema_version'`);
        writeFileSync(path.join(dir, 'candor.sqlite'), newer.export());
      } finally {
        newer.close();
      }
      const before = readFileSync(path.join(dir, 'candor.sqlite'));
      await assert.rejects(open(), SchemaTooNewError);
      assert.deepEqual(readFileSync(path.join(dir, 'candor.sqlite')), before);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.includes('corrupt')),
        [],
      );
    });
  });

  describe('recovery', () => {
    for (const [label, damage] of [
      ['not SQLite at all', (_good: Buffer) => Buffer.from('this is not a database, just some text\n'.repeat(200))],
      ['truncated', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))],
      ['truncated mid-page', (good: Buffer) => good.subarray(0, good.length - 100)],
      ['empty', (_good: Buffer) => Buffer.alloc(0)],
      [
        'damaged pages',
        (good: Buffer) => {
          const bad = Buffer.from(good);
          bad.fill(0xa5, 4096, bad.length); // everything after the first page
          return bad;
        },
      ],
    ] as const) {
      it(`moves a ${label} database aside, starts fresh and says so once`, async () => {
        const seed = await open();
        await seed.appendEvents(Array.from({ length: 300 }, (_, i) => errorEvent(NOW, `E${i}`)));
        await seed.compact();
        await seed.close();
        const dbPath = path.join(dir, 'candor.sqlite');
        writeFileSync(dbPath, damage(readFileSync(dbPath)));

        const notices: RecoveryNotice[] = [];
        const store = await open({ onRecovered: (n) => notices.push(n) });
        assert.equal(notices.length, 1);
        assert.equal(notices[0]?.kind, 'database');
        assert.match(path.basename(notices[0].movedTo), /^candor\.sqlite\.corrupt-\d+$/);
        assert.ok(statSync(notices[0].movedTo).isFile(), 'the damaged file is kept aside');
        assert.deepEqual(await store.counters(), []);
        await store.appendEvents([event(NOW)]);
        assert.equal((await store.stats()).events, 1);
        assert.equal(notices.length, 1, 'told once');

        await open({ onRecovered: (n) => notices.push(n) });
        assert.equal(notices.length, 1);
      });
    }

    it('quarantines a damaged segment and applies the others', async () => {
      const notices: RecoveryNotice[] = [];
      const store = await open({ onRecovered: (n) => notices.push(n) });
      await store.appendEvents([event(NOW)]);
      await store.appendEvents([errorEvent(NOW, 'TS1'), errorEvent(NOW, 'TS2')]);
      await store.appendEvents([event(NOW + 1)]);
      const names = segmentFiles(dir).sort();
      const victim = path.join(dir, 'journal', names[1]);
      const bytes = readFileSync(victim);
      writeFileSync(victim, bytes.subarray(0, bytes.length - 7)); // truncated
      const flipped = path.join(dir, 'journal', names[2]);
      const flip = Buffer.from(readFileSync(flipped));
      flip[flip.length - 5] ^= 0x01; // one bit changed: still JSON, checksum differs
      writeFileSync(flipped, flip);

      assert.equal((await store.stats()).events, 1);
      assert.deepEqual(
        notices.map((n) => [n.kind, n.reason]),
        [
          ['segment', 'checksum mismatch'],
          ['segment', 'checksum mismatch'],
        ],
      );
      assert.deepEqual(segmentFiles(dir), []);
      const quarantined = readdirSync(path.join(dir, 'journal')).filter((n) => n.includes('.corrupt-'));
      assert.equal(quarantined.length, 2);
    });

    it('leaves segments of a newer journal format for the window that understands them', async () => {
      const store = await open();
      await fsp.mkdir(path.join(dir, 'journal'), { recursive: true });
      const future = path.join(dir, 'journal', '000000000000001-1-aaaaaaaa-000001.seg');
      writeFileSync(future, `candor-journal/9 ${'0'.repeat(64)}\n[]`);
      await store.appendEvents([event(NOW)]);
      assert.equal((await store.stats()).events, 1);
      assert.deepEqual(segmentFiles(dir), [path.basename(future)]);
    });
  });

  it('refuses calls after close', async () => {
    const store = await open();
    await store.close();
    await assert.rejects(store.appendEvents([event(NOW)]), StoreClosedError);
    await assert.rejects(store.counters(), StoreClosedError);
  });
});

function receipt(day: string, atMs: number, outcome: 'sent' | 'retry' = 'sent') {
  return {
    day,
    format: 'candor-json' as const,
    bytes: 321,
    bodyBytes: 999,
    sha256: 'ab'.repeat(32),
    endpointHost: 'telemetry.example.org',
    status: outcome === 'sent' ? '200' : '503',
    atMs,
    outcome,
  };
}

function consentEntry(atMs: number) {
  return {
    atMs,
    level: 'all' as const,
    state: 'sharing' as const,
    reason: SHARING_REASON,
    enabled: true,
    usage: true,
    errors: true,
    dnt: false,
  };
}
