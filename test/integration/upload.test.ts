// Opt-in upload from the real extension host to a real HTTP receiver on
// loopback: nothing leaves until the user says so, and what arrives is
// byte for byte what the payload view showed. Settings change only through
// VS Code's configuration API; every upload that is not a direct user action
// is Candor's own reaction to that change.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseReport } from '../../src/core/report';
import type { StoredEvent } from '../../src/core/store';
import type { Counter } from '../../src/core/types';
import { LoopbackReceiver } from '../../test/support/loopbackReceiver';
import {
  candor,
  closeViews,
  configure,
  consentReacted,
  counters,
  countOf,
  deliverAtChosenTimes,
  enableAll,
  indicatorShows,
  logSharingSince,
  plantPendingRuns,
  resetData,
  runTask,
  shiftClock,
  waitFor,
} from './support';
import { DAY_MS } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const twoDaysAgo = dayOf(todayStart - 2 * DAY_MS);
const yesterday = dayOf(todayStart - DAY_MS);
const today = dayOf(todayStart);

/** The user turned sharing on three days ago. */
async function logSharingSinceThreeDaysAgo(): Promise<void> {
  await logSharingSince(todayStart - 3 * DAY_MS);
}

/** A user who turned sharing on three days ago and has two closed days waiting. */
async function seedSharingHistory(): Promise<void> {
  await logSharingSinceThreeDaysAgo();
  for (const [day, count] of [
    [twoDaysAgo, 4],
    [yesterday, 7],
  ] as const) {
    await plantPendingRuns(day, count);
  }
}

/**
 * Switches sharing on as a user would: mode and format first, the endpoint last
 * (a change of endpoint or upload settings stops the uploader in flight), then
 * waits for Candor's decision to say it is sharing. Candor starts an upload on
 * its own when sharing begins.
 */
async function shareWith(
  endpoint: string,
  mode: 'automatic' | 'review',
  format: 'candor-json' | 'otlp',
): Promise<void> {
  await configure({ 'candor.upload.mode': mode, 'candor.upload.format': format });
  await configure({ 'candor.endpoint': endpoint });
  await consentReacted('sharing', (d) => d.state === 'sharing');
  await indicatorShows(/Sharing/);
}

/**
 * After a change of decision, starts over with an empty store once the decision is
 * in the consent log (so that entry cannot land after the history seeded next),
 * leaving only a history that says "sharing since three days ago".
 */
async function resetDataAfterLogged(state: string): Promise<void> {
  const { t } = await candor();
  await waitFor(`the "${state}" decision in the consent log`, async () => {
    const entries = await t.store.consentLog();
    const latest = entries.reduce<(typeof entries)[number] | undefined>(
      (a, e) => (a === undefined || e.atMs >= a.atMs ? e : a),
      undefined,
    );
    return latest?.state === state;
  });
  await resetData();
}

function sortedCounters(list: readonly Counter[]): string[] {
  return list.map((c) => JSON.stringify([c.event, Object.entries(c.props).sort(), c.count])).sort();
}

describe('Opt-in upload to a real loopback receiver', function () {
  this.timeout(120_000);
  let receiver: LoopbackReceiver;

  before(async () => {
    receiver = await LoopbackReceiver.start();
  });
  after(async () => {
    await configure({ 'candor.endpoint': '', 'candor.upload.mode': 'review', 'candor.upload.format': 'candor-json' });
    await consentReacted('local only again', (d) => d.state !== 'sharing');
    await receiver.close();
  });
  afterEach(async () => {
    await shiftClock(0);
  });
  beforeEach(async () => {
    await enableAll();
    // Every test starts local only: sharing begins inside the test, by a settings change.
    await configure({ 'candor.endpoint': '' });
    await consentReacted('local only', (d) => d.state === 'local');
    await resetData();
    receiver.requests.length = 0;
  });

  it('sends nothing while Candor is disabled, though the same history is sent while it is enabled', async () => {
    const { t } = await candor();
    // The positive path under the same conditions: this history, this endpoint, automatic mode.
    await seedSharingHistory();
    await shareWith(receiver.baseUrl, 'automatic', 'candor-json');
    // Each at the moment Candor chose for it (the wall clock is moved there), not when sharing begins.
    assert.equal(receiver.requests.length, 0, 'a report was sent when sharing began');
    await deliverAtChosenTimes([twoDaysAgo, yesterday]);

    await configure({ 'candor.enabled': false });
    await consentReacted('Candor off', (d) => d.state === 'off' && /candor\.enabled is false/.test(d.reason));
    await indicatorShows(/Off/);
    await resetDataAfterLogged('off');
    receiver.requests.length = 0;
    // A history that would be sent right now but for the switch: sharing since three days ago.
    await seedSharingHistory();
    // The run returns only when every send it started has been answered.
    assert.equal(await t.uploads.run(), undefined, 'an upload ran while Candor is disabled');
    assert.equal(receiver.requests.length, 0, 'a report reached the receiver while Candor is disabled');
    assert.deepEqual(await t.store.receipts(), [], 'an upload was attempted while Candor is disabled');
    assert.deepEqual((await t.store.pendingReports()).map((r) => r.day).sort(), [twoDaysAgo, yesterday]);
  });

  it('refuses plain HTTP to a host that is not loopback, though that address reaches the receiver', async () => {
    const { t } = await candor();
    // 0.0.0.0 is not a loopback address for Candor's endpoint check, yet a connection to it
    // reaches a server on 127.0.0.1 here: a request from this host proves it.
    const refused = `http://0.0.0.0:${new URL(receiver.baseUrl).port}`;
    const probe = await fetch(`${refused}/probe`, { method: 'POST', body: 'probe' });
    assert.equal(probe.status, 200);
    assert.deepEqual(
      receiver.requests.map((r) => r.path),
      ['/probe'],
      'the refused address does not reach the receiver',
    );
    receiver.requests.length = 0;

    // The positive path: the same history, automatic mode, the loopback address.
    await seedSharingHistory();
    await shareWith(receiver.baseUrl, 'automatic', 'candor-json');
    // Each at the moment Candor chose for it (the wall clock is moved there), not when sharing begins.
    assert.equal(receiver.requests.length, 0, 'a report was sent when sharing began');
    await deliverAtChosenTimes([twoDaysAgo, yesterday]);

    await configure({ 'candor.endpoint': refused });
    await consentReacted('local only (endpoint refused)', (d) => d.state === 'local');
    await indicatorShows(/Local only/);
    await resetDataAfterLogged('local');
    receiver.requests.length = 0;
    await seedSharingHistory();
    assert.equal(await t.uploads.run(), undefined, 'an upload ran to a refused endpoint');
    assert.equal(receiver.requests.length, 0, 'a report was sent over plain HTTP to a non-loopback host');
    assert.deepEqual(await t.store.receipts(), []);
  });

  it('in review mode sends nothing before approval, then exactly what the view showed', async () => {
    const { t } = await candor();
    await seedSharingHistory();
    await shareWith(receiver.baseUrl, 'review', 'candor-json');
    // Evidence that an upload ran to completion over the queue (review mode hands out only
    // approved reports, so it found none): a summary with no early stop.
    const held = await t.uploads.run();
    assert.ok(held, 'no upload ran while sharing');
    assert.equal(held.stoppedBecause, undefined, `the upload stopped early: ${held.stoppedBecause ?? ''}`);
    assert.deepEqual([held.sent, held.dropped, held.retried], [0, 0, 0]);
    assert.equal(receiver.requests.length, 0, 'a report was sent before the user approved it');

    const state = await t.viewSource.getState();
    const shown = state.pending.find((p) => p.day === yesterday);
    assert.ok(shown, "the view does not show yesterday's pending report");
    assert.equal(shown.reviewRequired, true);
    const message = await t.viewSource.sendReport(yesterday);
    assert.match(String(message), /sent/);
    assert.equal(receiver.requests.length, 1);
    const request = receiver.requests[0];
    assert.equal(request.headers['content-encoding'], 'gzip');
    assert.equal(
      request.body?.toString('utf8'),
      shown.payloadText,
      'the received body is not the bytes the view showed',
    );

    const after = await t.viewSource.getState();
    assert.equal(
      after.pending.some((p) => p.day === yesterday),
      false,
    );
    const receipt = after.sent.find((r) => r.day === yesterday);
    assert.ok(receipt);
    assert.equal(receipt.status, 200);
    assert.equal(receipt.sha256, createHash('sha256').update(shown.payloadText).digest('hex'));
    assert.equal(
      after.pending.some((p) => p.day === twoDaysAgo),
      true,
      'the unapproved report stays pending',
    );
  });

  it('automatic mode sends each closed day once as OTLP to /v1/metrics', async () => {
    const { t } = await candor();
    await seedSharingHistory();
    await configure({ 'candor.upload.mode': 'automatic', 'candor.upload.format': 'otlp' });
    const shown = (await t.viewSource.getState()).pending;
    assert.equal(shown.length, 2);
    // Switching sharing on is all it takes: Candor uploads on its own.
    await shareWith(receiver.baseUrl, 'automatic', 'otlp');
    // Each at the moment Candor chose for it (the wall clock is moved there), not when sharing begins.
    assert.equal(receiver.requests.length, 0, 'a report was sent when sharing began');
    await deliverAtChosenTimes([twoDaysAgo, yesterday]);
    const again = await t.uploads.run();
    assert.ok(again);
    assert.equal(again.sent + again.retried + again.dropped, 0);
    assert.equal(receiver.requests.length, 2, 'a report was sent twice');
    // Through VS Code's own http stack (it patches Node's for proxies): each report on a socket of its own.
    const connections = receiver.requests.map((r) => r.connection);
    assert.equal(new Set(connections).size, 2, `the reports shared a connection: ${connections.join(', ')}`);
    for (const request of receiver.requests) {
      assert.equal(request.headers.connection, 'close');
      assert.equal(request.path, '/v1/metrics');
      const text = request.body?.toString('utf8') ?? '';
      assert.ok(
        shown.some((p) => p.payloadText === text),
        'an OTLP body differs from what the view showed',
      );
      const parsed = JSON.parse(text) as { resourceMetrics: unknown[] };
      assert.equal(parsed.resourceMetrics.length, 1);
    }
  });

  it("builds a closed day's report from recorded events and delivers it; today's events stay", async () => {
    const { t } = await candor();
    // A view left open by an earlier test would close yesterday before this test does.
    await closeViews();
    // Today, through a real task: these stay in today's open day.
    assert.equal(await runTask('failing build'), 1);
    // Yesterday, through the store's real journal, exactly as the recorder's flush writes
    // events (an earlier session that recorded them).
    const noon = todayStart - DAY_MS / 2;
    const events: StoredEvent[] = [
      ...Array.from({ length: 3 }, (_, i) => ({
        ts: noon + i,
        name: 'ide.run',
        category: 'usage' as const,
        props: { kind: 'debug', runtime: 'node' },
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        ts: noon + 10 + i,
        name: 'ide.error',
        category: 'errors' as const,
        props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
      })),
      { ts: noon + 20, name: 'ide.reset', category: 'usage' as const, props: { kind: 'task' } },
    ];
    await t.store.appendEvents(events);
    await logSharingSinceThreeDaysAgo();
    assert.deepEqual(await t.store.pendingReports(), [], 'no report exists before the day is closed');

    // Loading the payload view closes finished days: yesterday's report is built from its counters.
    await configure({ 'candor.upload.mode': 'automatic', 'candor.upload.format': 'candor-json' });
    const shown = (await t.viewSource.getState()).pending;
    assert.deepEqual(
      shown.map((p) => p.day),
      [yesterday],
      'exactly yesterday is closed',
    );
    await shareWith(receiver.baseUrl, 'automatic', 'candor-json');
    // Before the clock is moved: today, still open, is in no report.
    assert.equal(
      (await t.store.reports()).some((r) => r.day === today),
      false,
      'a report was built for the open day',
    );
    await deliverAtChosenTimes([yesterday]);
    assert.equal(receiver.requests.length, 1);
    const body = receiver.requests[0].body?.toString('utf8') ?? '';
    assert.equal(body, shown[0].payloadText, 'the received body is not what the view showed');
    const received = parseReport(body);
    assert.equal(received.day, yesterday);
    assert.deepEqual(
      sortedCounters(received.counters),
      sortedCounters([
        { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 3 },
        {
          event: 'ide.error',
          props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
          count: 2,
        },
        { event: 'ide.reset', props: { kind: 'task' }, count: 1 },
      ]),
      'the report does not hold exactly the recorded events of the day',
    );
    const stored = (await t.store.counters(yesterday)).flatMap((d) => d.counters);
    assert.deepEqual(
      sortedCounters(received.counters),
      sortedCounters(stored),
      'the report differs from the stored counters of the day',
    );

    // Today is open: its events are counted locally and are in no report.
    // The task's start is a run, or a reset when the same task ended moments before in an earlier test
    // (the re-run window, src/core/hooks/taskRerunWindow.ts): either way it was counted once, locally.
    await t.flush();
    const todays = (await t.store.counters(today)).flatMap((d) => d.counters);
    const runs = countOf(
      todays.filter((c) => c.event === 'ide.run'),
      { kind: 'task', runtime: 'shell' },
    );
    const resets = countOf(
      todays.filter((c) => c.event === 'ide.reset'),
      { kind: 'task' },
    );
    assert.equal(runs + resets, 1, `today's task start was counted ${runs} times as a run and ${resets} as a reset`);
    assert.equal(countOf(await counters('ide.error'), { origin: 'exit', code: 'exit:1' }), 1);
    assert.equal(body.includes('intro_tour') || body.includes('exit:1'), false, "today's events were sent");
  });
});
