// Bad values planted directly in the real sql.js database file, as an older or
// broken version might have written them: an unknown event, an out-of-list code,
// a path as a value, an identifier, a bad client version. Nothing of them reaches
// a real loopback receiver (either format), the view model or an export; the
// log names the day and the property, never the value.
import * as assert from 'node:assert/strict';
import { CandorStore, StoreReportQueue } from '../../src/core/store';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import type { UploadFormat } from '../../src/core/types';
import { ReportUploader } from '../../src/core/upload/uploader';
import { DailyReports } from '../../src/ide/dailyReports';
import { buildViewState } from '../../src/webview/viewState';
import { CLIENT } from '../support/fixtures';
import { DEMO_EXAMPLE_EVENT, TEST_GATE, demoDeclarations } from '../support/gate';
import { DeclaredEvents, setCurrentDeclaredEvents } from '../../src/core/declarations';
import { LoopbackReceiver, reply } from '../support/loopbackReceiver';
import { DAY_MS, NOW, makeTempDir, removeDir } from './storeSupport';

/** Every value planted below; none may appear in anything that leaves. */
const PLANTED = [
  'acme.payroll_export',
  'src/secret/payroll',
  'inst-7f3a9c2e1b4d',
  '/home/zeldauser/payroll.ts',
  'zeldauser',
  '0.1.0-zeldauser',
  'TS9999999',
] as const;

const CLOSED = '2026-11-20'; // closed with counters only: its report is built now
const PATH_REPORT = '2026-11-19';
const CLIENT_REPORT = '2026-11-18';
const GOOD_REPORT = '2026-11-17';
const TODAY = '2026-11-22';

function counterRow(day: string, event: string, props: Record<string, unknown>, category = 'usage'): unknown[] {
  return [day, event, JSON.stringify(props), category, 3];
}

const RUN = { kind: 'debug', runtime: 'node' };
const GOOD = serializeReport(buildDailyReport(GOOD_REPORT, CLIENT, [{ event: 'ide.run', props: RUN, count: 2 }]));

async function plant(store: CandorStore): Promise<void> {
  await store.write(({ db }) => {
    const counters = [
      counterRow(CLOSED, 'ide.run', RUN),
      counterRow(CLOSED, 'acme.payroll_export', {}),
      counterRow(
        CLOSED,
        'ide.error',
        { origin: 'diagnostic', source: 'ts', code: 'src/secret/payroll', severity: 'error' },
        'errors',
      ),
      counterRow(
        CLOSED,
        'ide.error',
        { origin: 'diagnostic', source: 'ts', code: 'TS9999999', severity: 'error' },
        'errors',
      ),
      counterRow(CLOSED, DEMO_EXAMPLE_EVENT, { example_id: 'inst-7f3a9c2e1b4d' }),
      counterRow(TODAY, 'ide.run', RUN),
      counterRow(TODAY, DEMO_EXAMPLE_EVENT, { example_id: 'zeldauser' }),
      counterRow(TODAY, 'ide.run', { kind: 'debug', runtime: '/home/zeldauser/payroll.ts' }),
    ];
    for (const row of counters) {
      db.run(`INSERT INTO counters (day, event, props, category, count) VALUES (?, ?, ?, ?, ?)`, row as never);
    }
    db.run(`INSERT INTO recent_events (ts, day, event, props, category) VALUES (?, ?, ?, ?, ?)`, [
      NOW - 1000,
      TODAY,
      'ide.run',
      JSON.stringify({ kind: 'debug', runtime: '/home/zeldauser/payroll.ts' }),
      'usage',
    ]);
    const pathReport = GOOD.replaceAll(GOOD_REPORT, PATH_REPORT).replace(
      '"runtime":"node"',
      '"runtime":"/home/zeldauser/payroll.ts"',
    );
    const clientReport = GOOD.replaceAll(GOOD_REPORT, CLIENT_REPORT).replace(
      '"extension":"0.1.0"',
      '"extension":"0.1.0-zeldauser"',
    );
    for (const [day, body] of [
      [PATH_REPORT, pathReport],
      [CLIENT_REPORT, clientReport],
      [GOOD_REPORT, GOOD],
    ]) {
      db.run(`INSERT INTO reports (day, status, body, created_ms) VALUES (?, 'pending', ?, ?)`, [
        day,
        body,
        NOW - DAY_MS,
      ]);
    }
  });
}

function assertClean(text: string, where: string): void {
  for (const value of PLANTED) {
    assert.ok(!text.includes(value), `${value} reached ${where}`);
  }
}

describe('outbound gate over values planted in the database file', function () {
  this.timeout(60_000);
  let dir: string;
  let store: CandorStore;
  let receiver: LoopbackReceiver;

  // The demo extension is installed: its declared event is checked against its declaration.
  before(() => setCurrentDeclaredEvents(demoDeclarations()));
  after(() => setCurrentDeclaredEvents(DeclaredEvents.EMPTY));

  beforeEach(async () => {
    dir = makeTempDir('gate');
    store = await CandorStore.open({ dir, now: () => NOW });
    await plant(store);
    receiver = await LoopbackReceiver.start({ script: Array.from({ length: 10 }, () => reply.status(200)) });
  });

  afterEach(async () => {
    await receiver.close();
    await store.close();
    removeDir(dir);
  });

  for (const format of ['candor-json', 'otlp'] as const satisfies readonly UploadFormat[]) {
    it(`sends only what passes, in ${format}, withholds the rest and names it in the log`, async () => {
      const log: string[] = [];
      const built = await new DailyReports(
        store,
        CLIENT,
        TEST_GATE,
        (line) => log.push(line),
        () => NOW,
      ).closeDays();
      assert.equal(built, 1);
      // Review mode with every report approved ("Send"): this is about what the gate lets out, not when.
      for (const day of [CLOSED, PATH_REPORT, CLIENT_REPORT, GOOD_REPORT]) {
        assert.equal(await store.markReport(day, 'approved'), true, `approve ${day}`);
      }
      const uploader = new ReportUploader({
        queue: new StoreReportQueue(store),
        owner: 'window-1',
        endpoint: `${receiver.baseUrl}/collect`,
        format,
        gate: TEST_GATE,
        mode: 'review',
        userAgent: 'candor/0.1.0',
        isAllowed: () => true,
        sharingSinceMs: () => Date.parse('2026-11-01T00:00:00Z'),
        now: () => NOW,
        log: (line) => log.push(line),
      });
      const summary = await uploader.uploadDue();
      assert.equal(summary.sent, 2);
      assert.equal(summary.withheld, 2);
      assert.equal(receiver.requests.length, 2);
      const bodies = receiver.requests.map((r) => r.body?.toString('utf8') ?? '');
      for (const body of bodies) {
        assertClean(body, `the ${format} upload`);
      }
      assert.ok(
        bodies.some((b) => b.includes('node')),
        'the clean counters were sent',
      );

      const statuses = new Map((await store.reports()).map((r) => [r.day, r.status]));
      assert.equal(statuses.get(PATH_REPORT), 'pending', 'a withheld report stays pending until retention drops it');
      assert.equal(statuses.get(CLIENT_REPORT), 'pending');
      assert.equal(statuses.get(GOOD_REPORT), 'sent');
      assert.equal(statuses.get(CLOSED), 'sent');
      // Checked again the next UTC day, not on every run.
      const again = await uploader.uploadDue();
      assert.equal(again.withheld + again.sent, 0);

      const text = log.join('\n');
      assertClean(text, 'the log');
      assert.match(
        text,
        /upload: report 2026-11-19 withheld, not sent: property "runtime" of event "ide.run" holds a value that is not in its published list/,
      );
      assert.match(
        text,
        /upload: report 2026-11-18 withheld, not sent: property "client.extension" is not a version made of digits and dots/,
      );
      assert.match(text, /Left a counter out of the report of 2026-11-20: an event is not in the catalog/);
      assert.match(
        text,
        /2026-11-20: property "code" of event "ide.error" holds a value that is not in its published list/,
      );
      assert.match(
        text,
        /2026-11-20: property "example_id" of event "candor\.candor-demo:example\.loaded" holds a value that is not in its published list/,
      );
    });
  }

  it('shows none of it in the view model: withheld reports by day and reason only', async () => {
    await new DailyReports(
      store,
      CLIENT,
      TEST_GATE,
      () => undefined,
      () => NOW,
    ).closeDays();
    const snapshot = await store.snapshot(50);
    const state = buildViewState({
      consent: { state: 'sharing', reason: 'Sharing', level: 'all' },
      settings: { uploadFormat: 'otlp', uploadMode: 'review', retentionDays: 90 },
      client: CLIENT,
      gate: TEST_GATE,
      today: TODAY,
      stored: {
        counters: snapshot.counters,
        pendingReports: snapshot.pendingReports.map((r) => ({ day: r.day, approved: r.approved, body: r.body })),
        receipts: snapshot.receipts,
        stats: snapshot.stats,
      },
    });
    assertClean(JSON.stringify(state), 'the view model');
    assert.deepEqual(state.withheld, [
      { day: CLIENT_REPORT, reason: 'property "client.extension" is not a version made of digits and dots' },
      {
        day: PATH_REPORT,
        reason: 'property "runtime" of event "ide.run" holds a value that is not in its published list',
      },
    ]);
    assert.deepEqual(
      state.pending.map((p) => p.day),
      [GOOD_REPORT, CLOSED],
    );
    assert.deepEqual(
      state.today.counters.map((c) => c.props),
      [RUN],
    );
    assert.deepEqual(state.today.leftOut, [
      `property "example_id" of event "${DEMO_EXAMPLE_EVENT}" holds a value that is not in its published list`,
      'property "runtime" of event "ide.run" holds a value that is not in its published list',
    ]);
  });

  it('exports none of it, in JSON or CSV, and counts what it left out', async () => {
    await store.addReceipt({
      day: GOOD_REPORT,
      format: 'candor-json',
      bytes: 10,
      bodyBytes: 20,
      sha256: 'ab'.repeat(32),
      endpointHost: '/home/zeldauser/payroll.ts',
      status: '200',
      atMs: NOW,
      outcome: 'sent',
    });
    await store.logConsent({
      atMs: NOW,
      level: 'all',
      state: 'sharing',
      reason: 'zeldauser',
      enabled: true,
      usage: true,
      errors: true,
      dnt: false,
    });
    const json = await store.exportJson(TEST_GATE);
    const csv = await store.exportCsv(TEST_GATE);
    assertClean(json, 'the JSON export');
    assertClean(csv, 'the CSV export');
    const parsed = JSON.parse(json) as {
      reports: { day: string; body: string | null; withheld?: string }[];
      withheld: Record<string, number>;
    };
    assert.deepEqual(parsed.withheld, { counters: 6, recentEvents: 1, receipts: 1, consentLog: 1 });
    assert.deepEqual(
      parsed.reports.map((r) => [r.day, r.body === null ? r.withheld : 'body']),
      [
        [GOOD_REPORT, 'body'],
        [CLIENT_REPORT, 'property "client.extension" is not a version made of digits and dots'],
        [PATH_REPORT, 'property "runtime" of event "ide.run" holds a value that is not in its published list'],
      ].sort(),
    );
    assert.equal(csv.split('\r\n').filter((line) => line.startsWith('counter,')).length, 2);
  });
});
