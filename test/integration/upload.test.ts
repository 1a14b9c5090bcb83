// Opt-in upload from the real extension host to a real HTTP receiver on
// loopback: nothing leaves until the user says so, and what arrives is
// byte for byte what the payload view showed.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { LoopbackReceiver } from '../../test/support/loopbackReceiver';
import { candor, configure, enableAll, resetData, waitFor } from './support';
import { DAY_MS, WEB_CLIENT as CLIENT } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const twoDaysAgo = dayOf(todayStart - 2 * DAY_MS);
const yesterday = dayOf(todayStart - DAY_MS);

/** A user who turned sharing on three days ago and has two closed days waiting. */
async function seedSharingHistory(): Promise<void> {
  const { t } = await candor();
  await t.store.logConsent({ atMs: todayStart - 3 * DAY_MS, level: 'all', state: 'sharing', reason: 'Sharing — test', enabled: true, usage: true, errors: true, dnt: false });
  for (const [day, count] of [[twoDaysAgo, 4], [yesterday, 7]] as const) {
    const report = buildDailyReport(day, CLIENT, [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count }]);
    assert.equal(await t.store.upsertPendingReport(day, serializeReport(report)), true);
  }
}

describe('Opt-in upload to a real loopback receiver', function () {
  this.timeout(120_000);
  let receiver: LoopbackReceiver;

  before(async () => {
    receiver = await LoopbackReceiver.start();
  });
  after(async () => {
    await configure({ 'candor.endpoint': '', 'candor.upload.mode': 'review', 'candor.upload.format': 'candor-json' });
    await receiver.close();
  });
  beforeEach(async () => {
    await enableAll();
    await resetData();
    receiver.requests.length = 0;
  });

  it('sends nothing while Candor is disabled, even with an endpoint', async () => {
    const { t } = await candor();
    await configure({ 'candor.enabled': false, 'candor.endpoint': receiver.baseUrl, 'candor.upload.mode': 'automatic' });
    await seedSharingHistory();
    assert.equal(t.consent.decision.state, 'off');
    assert.equal(await t.uploads.run(), undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(receiver.requests.length, 0);
  });

  it('refuses plain HTTP to a non-loopback host: it stays local only and sends nothing', async () => {
    const { t } = await candor();
    await configure({ 'candor.endpoint': 'http://telemetry.example.com/ingest', 'candor.upload.mode': 'automatic' });
    await seedSharingHistory();
    assert.equal(t.consent.decision.state, 'local');
    assert.match(t.indicator.shown.text, /Local only/);
    assert.equal(await t.uploads.run(), undefined);
    assert.equal(receiver.requests.length, 0);
  });

  it('in review mode sends nothing before approval, then exactly what the view showed', async () => {
    const { t } = await candor();
    await configure({ 'candor.endpoint': receiver.baseUrl, 'candor.upload.mode': 'review', 'candor.upload.format': 'candor-json' });
    await seedSharingHistory();
    assert.equal(t.consent.decision.state, 'sharing');
    await t.uploads.run();
    assert.equal(receiver.requests.length, 0, 'a report was sent before the user approved it');

    const state = await t.viewSource.getState();
    const shown = state.pending.find((p) => p.day === yesterday);
    assert.ok(shown, 'the view does not show yesterday\'s pending report');
    assert.equal(shown.reviewRequired, true);
    const message = await t.viewSource.sendReport(yesterday);
    assert.match(String(message), /sent/);
    assert.equal(receiver.requests.length, 1);
    const request = receiver.requests[0];
    assert.equal(request.headers['content-encoding'], 'gzip');
    assert.equal(request.body?.toString('utf8'), shown.payloadText, 'the received body is not the bytes the view showed');

    const after = await t.viewSource.getState();
    assert.equal(after.pending.some((p) => p.day === yesterday), false);
    const receipt = after.sent.find((r) => r.day === yesterday);
    assert.ok(receipt);
    assert.equal(receipt.status, 200);
    assert.equal(receipt.sha256, createHash('sha256').update(shown.payloadText).digest('hex'));
    assert.equal(after.pending.some((p) => p.day === twoDaysAgo), true, 'the unapproved report stays pending');
  });

  it('automatic mode sends each closed day once as OTLP to /v1/metrics', async () => {
    const { t } = await candor();
    await configure({ 'candor.endpoint': receiver.baseUrl, 'candor.upload.mode': 'automatic', 'candor.upload.format': 'otlp' });
    await seedSharingHistory();
    const shown = (await t.viewSource.getState()).pending;
    await t.uploads.run();
    await waitFor('two reports to arrive', () => receiver.requests.length >= 2);
    await t.uploads.run();
    assert.equal(receiver.requests.length, 2, 'a report was sent twice');
    for (const request of receiver.requests) {
      assert.equal(request.path, '/v1/metrics');
      const text = request.body?.toString('utf8') ?? '';
      assert.ok(shown.some((p) => p.payloadText === text), 'an OTLP body differs from what the view showed');
      const parsed = JSON.parse(text) as { resourceMetrics: unknown[] };
      assert.equal(parsed.resourceMetrics.length, 1);
    }
  });
});
