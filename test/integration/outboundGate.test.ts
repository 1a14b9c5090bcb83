// The outbound gate in the real extension host: bad values written straight
// into the real database file (as an older or broken version might have) never
// reach a real loopback receiver, the payload view or an export, and Candor's
// log names the withheld report by day and property, never by value.
import * as assert from 'node:assert/strict';
import { LoopbackReceiver } from '../../test/support/loopbackReceiver';
import {
  assertNoSecrets,
  candor,
  candorLogText,
  configure,
  consentReacted,
  enableAll,
  logSharingSince,
  nodeRunsReport,
  resetData,
  waitFor,
} from './support';
import { DAY_MS } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const twoDaysAgo = dayOf(todayStart - 2 * DAY_MS);
const yesterday = dayOf(todayStart - DAY_MS);
const fourDaysAgo = dayOf(todayStart - 4 * DAY_MS);
const PLANTED = ['/home/gate-user/payroll.ts', '0.1.0-gateuser', 'acme.payroll_export', 'src/secret/payroll'];

async function plantReports(): Promise<void> {
  const { t } = await candor();
  await logSharingSince(todayStart - 5 * DAY_MS);
  const good = (day: string) => nodeRunsReport(day, 3);
  const bodies: [string, string][] = [
    [twoDaysAgo, good(twoDaysAgo)],
    [yesterday, good(yesterday).replace('"runtime":"node"', `"runtime":"${PLANTED[0]}"`)],
    [fourDaysAgo, good(fourDaysAgo).replace('"extension":"0.1.0"', `"extension":"${PLANTED[1]}"`)],
  ];
  await t.store.write(({ db, nowMs }) => {
    for (const [day, body] of bodies) {
      db.run(`INSERT INTO reports (day, status, body, created_ms) VALUES (?, 'pending', ?, ?)`, [day, body, nowMs]);
    }
    db.run(`INSERT INTO counters (day, event, props, category, count) VALUES (?, ?, ?, ?, ?)`, [
      dayOf(todayStart),
      'ide.error',
      JSON.stringify({ origin: 'diagnostic', source: 'ts', code: PLANTED[3], severity: 'error' }),
      'errors',
      2,
    ]);
    db.run(`INSERT INTO counters (day, event, props, category, count) VALUES (?, ?, ?, ?, ?)`, [
      dayOf(todayStart),
      PLANTED[2],
      '{}',
      'usage',
      1,
    ]);
  });
}

describe('The outbound gate in the real extension host', function () {
  this.timeout(120_000);
  let receiver: LoopbackReceiver;

  before(async () => {
    receiver = await LoopbackReceiver.start();
  });
  after(async () => {
    await configure({ 'candor.endpoint': '', 'candor.upload.mode': 'review', 'candor.upload.format': 'candor-json' });
    await consentReacted('local only again', (d) => d.state !== 'sharing');
    await resetData();
    await receiver.close();
  });

  it('sends, shows and exports none of the planted values; the withheld reports are named by day and property', async () => {
    const { t } = await candor();
    await enableAll();
    await configure({ 'candor.endpoint': '' });
    await consentReacted('local only', (d) => d.state === 'local');
    await resetData();
    await plantReports();

    const state = await t.viewSource.getState();
    assertNoSecrets(JSON.stringify(state), PLANTED, 'the payload view');
    assert.deepEqual(
      (state.withheld ?? []).map((w) => [w.day, w.reason]),
      [
        [fourDaysAgo, 'property "client.extension" is not a version made of digits and dots'],
        [yesterday, 'property "runtime" of event "ide.run" holds a value that is not in its published list'],
      ],
    );
    assert.deepEqual(
      state.pending.map((p) => p.day),
      [twoDaysAgo],
    );
    assert.equal(state.today.leftOut?.length, 2);
    for (const format of ['json', 'csv'] as const) {
      assertNoSecrets(await t.source.exportText(format), PLANTED, `the ${format} export`);
    }

    // Every report approved with "Send" (review mode): this is about what the gate lets out, not when.
    for (const day of [twoDaysAgo, yesterday, fourDaysAgo]) {
      assert.equal(await t.store.markReport(day, 'approved'), true, `approve ${day}`);
    }
    await configure({ 'candor.upload.format': 'otlp' });
    await configure({ 'candor.endpoint': receiver.baseUrl });
    await consentReacted('sharing', (d) => d.state === 'sharing');
    await t.uploads.run();
    await receiver.waitForRequests(1, 60_000);
    await waitFor(
      'the one passing report to be settled with a receipt',
      async () => (await t.store.receipts()).filter((r) => r.outcome === 'sent').length === 1,
    );
    assert.equal(receiver.requests.length, 1);
    assertNoSecrets(receiver.requests[0]?.body?.toString('utf8') ?? '', PLANTED, 'the receiver');
    const statuses = new Map((await t.store.reports()).map((r) => [r.day, r.status]));
    assert.deepEqual(
      [statuses.get(twoDaysAgo), statuses.get(yesterday), statuses.get(fourDaysAgo)],
      ['sent', 'pending', 'pending'],
    );
    await waitFor('the log to name both withheld reports', async () => {
      const log = await candorLogText();
      return log.includes(`report ${yesterday} withheld`) && log.includes(`report ${fourDaysAgo} withheld`);
    });
    const log = await candorLogText();
    assertNoSecrets(log, PLANTED, "Candor's log");
    assert.match(log, new RegExp(`report ${yesterday} withheld, not sent: property "runtime" of event "ide\\.run"`));
  });
});
