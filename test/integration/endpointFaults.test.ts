// Uploads from the real extension host to a real HTTPS server on loopback:
// the certificate of a CA nobody trusts is refused and the report kept; the
// test CA that the extension host was started with (NODE_EXTRA_CA_CERTS, see
// scripts/run-integration.mjs) is accepted; and with VS Code's `http.proxy`
// set, the upload goes through that proxy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoopbackReceiver } from '../support/loopbackReceiver';
import { ConnectProxy } from '../support/connectProxy';
import { makeTestCertificates } from '../support/testCertificates';
import { DAY_MS } from '../support/fixtures';
import {
  candor,
  candorLogText,
  configure,
  enableAll,
  logSharingSince,
  plantPendingRuns,
  resetData,
  waitFor,
} from './support';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const yesterday = new Date(todayStart - DAY_MS).toISOString().slice(0, 10);

/** The test CA's server certificate, made by the runner before VS Code started. */
function trustedTls(): { key: string; cert: string } {
  const dir = process.env.CANDOR_TEST_TLS_DIR;
  assert.ok(dir, 'CANDOR_TEST_TLS_DIR is not set: run through scripts/run-integration.mjs');
  return {
    key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
  };
}

/**
 * Sharing on since three days ago, and yesterday's report (and more days', if asked) waiting,
 * approved by the user (review mode's "Send"): these tests are about the way to the endpoint,
 * not about when automatic mode sends (test/integration/uploadTiming.test.ts).
 */
async function seedYesterday(extraDays: readonly string[] = []): Promise<void> {
  const { t } = await candor();
  await logSharingSince(todayStart - 3 * DAY_MS);
  for (const day of [yesterday, ...extraDays]) {
    await plantPendingRuns(day, 3);
    assert.equal(await t.store.markReport(day, 'approved'), true);
  }
}

async function yesterdayState(): Promise<{ status: string | undefined; receipts: string[] }> {
  const { t } = await candor();
  const report = (await t.store.reports()).find((r) => r.day === yesterday);
  const receipts = (await t.store.receipts()).filter((r) => r.day === yesterday).map((r) => `${r.status}/${r.outcome}`);
  return { status: report?.status, receipts };
}

describe("Uploads to a real HTTPS endpoint, directly and through VS Code's proxy", function () {
  this.timeout(120_000);
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    await enableAll();
    await resetData();
  });
  afterEach(async () => {
    await configure({
      'candor.endpoint': '',
      'candor.upload.mode': 'review',
      'candor.upload.format': 'candor-json',
      'http.proxy': '',
    });
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('refuses a certificate of a CA nobody trusts: receipts and log say "error:tls", the user is told once, the reports stay pending', async () => {
    const strangerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-stranger-'));
    closers.push(() => fs.promises.rm(strangerDir, { recursive: true, force: true }));
    const stranger = makeTestCertificates(strangerDir, 'Unknown CA');
    const receiver = await LoopbackReceiver.start({ tls: { key: stranger.key, cert: stranger.cert } });
    closers.push(() => receiver.close());
    await configure({
      'candor.endpoint': receiver.baseUrl,
      'candor.upload.mode': 'review',
      'candor.upload.format': 'candor-json',
    });
    const twoDaysAgo = new Date(todayStart - 2 * DAY_MS).toISOString().slice(0, 10);
    await seedYesterday([twoDaysAgo]);
    const { t } = await candor();
    const summary = await t.uploads.run();
    assert.equal(summary?.retried, 2, JSON.stringify(summary));
    assert.equal(receiver.requests.length, 0);
    assert.deepEqual(await yesterdayState(), { status: 'pending', receipts: ['error:tls/retry'] });
    assert.equal((await t.store.reports()).find((r) => r.day === twoDaysAgo)?.status, 'pending');
    // Two reports failed the same way: one message.
    const notice =
      /Candor could not upload: the endpoint's certificate is not trusted\. Your reports stay on this machine and are retried automatically\./g;
    const told = await waitFor(
      'the fault notice in the log',
      async () => (await candorLogText()).match(notice) ?? undefined,
    );
    assert.equal(told.length, 1);
    const state = await t.viewSource.getState();
    assert.equal(state.sent.find((r) => r.day === yesterday)?.outcome, 'will retry (error:tls)');
    const log = await candorLogText();
    assert.match(log, /kept for retry \(error:tls\)/);
    assert.equal(log.includes(strangerDir), false, 'the log names the certificate folder');
  });

  it('accepts the same kind of server once its CA is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const receiver = await LoopbackReceiver.start({ tls: trustedTls() });
    closers.push(() => receiver.close());
    await configure({
      'candor.endpoint': receiver.baseUrl,
      'candor.upload.mode': 'review',
      'candor.upload.format': 'candor-json',
    });
    await seedYesterday();
    const { t } = await candor();
    const summary = await t.uploads.run();
    assert.equal(summary?.sent, 1, JSON.stringify(summary));
    assert.equal(receiver.requests.length, 1);
    assert.deepEqual(await yesterdayState(), { status: 'sent', receipts: ['200/sent'] });
  });

  it('with http.proxy set, the upload goes through the proxy (to a host name only the proxy can reach)', async () => {
    const receiver = await LoopbackReceiver.start({ tls: trustedTls() });
    closers.push(() => receiver.close());
    const proxy = await ConnectProxy.start(receiver.port);
    closers.push(() => proxy.close());
    // No DNS knows this name: the request can only arrive through the proxy's tunnel.
    const endpoint = `https://collector.candor.test:${receiver.port}`;
    await configure({
      'http.proxy': proxy.url,
      'candor.endpoint': endpoint,
      'candor.upload.mode': 'review',
      'candor.upload.format': 'otlp',
    });
    await seedYesterday();
    const { t } = await candor();
    const summary = await t.uploads.run();
    assert.deepEqual(proxy.seen, [`collector.candor.test:${receiver.port}`], JSON.stringify(summary));
    assert.equal(summary?.sent, 1, JSON.stringify(summary));
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.requests[0]?.path, '/v1/metrics');
    assert.deepEqual(await yesterdayState(), { status: 'sent', receipts: ['200/sent'] });
  });
});
