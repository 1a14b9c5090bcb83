// What a person sees when uploads hit a fault: an endpoint whose certificate
// nobody trusts is told once in a notification (however many reports failed),
// the payload view's history says "will retry (error:tls)" and the reports stay
// pending; an OTLP collector's partial success shows in the history as a count.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore } from '../../src/core/store';
import { LoopbackReceiver, reply } from '../support/loopbackReceiver';
import { makeTestCertificates } from '../support/testCertificates';
import { candorStatusItem, e2e, runCommand, webviewContent } from './workbench';
import { DAY_MS, WEB_CLIENT as CLIENT } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAYS = [dayOf(todayStart - 2 * DAY_MS), dayOf(todayStart - DAY_MS)];
const TLS_NOTICE = "Candor could not upload: the endpoint's certificate is not trusted.";

/** With no window open: sharing on since three days ago and two closed days waiting. */
async function seedPendingReports(): Promise<void> {
  await e2e().page.goto('about:blank');
  const store = await CandorStore.open({ dir: e2e().globalStorageDir });
  try {
    await store.deleteAll();
    await store.logConsent({
      atMs: todayStart - 3 * DAY_MS,
      level: 'all',
      state: 'sharing',
      reason: 'Sharing — e2e',
      enabled: true,
      usage: true,
      errors: true,
      dnt: false,
    });
    for (const day of DAYS) {
      const report = buildDailyReport(day, CLIENT, [
        { event: 'ide.run', props: { kind: 'task', runtime: 'shell' }, count: 2 },
      ]);
      assert.equal(await store.upsertPendingReport(day, serializeReport(report)), true);
      // Approved with Send (review mode): these tests are about what a person sees when the way to the
      // endpoint fails, not about when automatic mode sends (test/integration/uploadTiming.test.ts).
      assert.equal(await store.markReport(day, 'approved'), true);
    }
  } finally {
    await store.close();
  }
}

function useEndpoint(endpoint: string, original: string): void {
  const settings = JSON.parse(original) as Record<string, unknown>;
  Object.assign(settings, {
    'candor.enabled': true,
    'candor.endpoint': endpoint,
    'candor.upload.mode': 'review',
    'candor.upload.format': 'otlp',
  });
  fs.writeFileSync(e2e().userSettingsFile, JSON.stringify(settings, null, 2));
}

async function openWindow(): Promise<Page> {
  const page = e2e().page;
  await page.goto(e2e().workbenchUrl);
  await candorStatusItem(page).filter({ hasText: 'Sharing' }).waitFor({ timeout: 90_000 });
  return page;
}

async function historyOutcomes(page: Page, count: number): Promise<string[]> {
  await runCommand(page, 'Candor: Show Telemetry Payloads');
  const rows = (await webviewContent(page, 'Candor: Telemetry Payloads')).locator('[data-testid="sent-row"]');
  await rows.nth(count - 1).waitFor({ timeout: 30_000 });
  return (await rows.allTextContents()).map((text) => text.trim());
}

describe('Upload faults, as a person sees them', function () {
  this.timeout(240_000);
  let original: string;
  let certDir: string;
  const receivers: LoopbackReceiver[] = [];

  before(() => {
    original = fs.readFileSync(e2e().userSettingsFile, 'utf8');
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-e2e-tls-'));
  });
  after(async () => {
    await e2e().page.goto('about:blank');
    fs.writeFileSync(e2e().userSettingsFile, original);
    await Promise.all(receivers.map((r) => r.close()));
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it('an untrusted certificate is told once, the history says error:tls, and both reports stay pending', async () => {
    const stranger = makeTestCertificates(certDir, 'Unknown CA');
    const receiver = await LoopbackReceiver.start({ tls: { key: stranger.key, cert: stranger.cert } });
    receivers.push(receiver);
    await seedPendingReports();
    useEndpoint(receiver.baseUrl, original);
    const page = await openWindow();
    // The first upload run comes shortly after start-up; both reports fail the same way.
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: TLS_NOTICE });
    await toast.first().waitFor({ timeout: 90_000 });
    assert.equal(await toast.count(), 1, 'the same fault was told more than once');
    const outcomes = await historyOutcomes(page, DAYS.length);
    assert.equal(
      outcomes.filter((text) => text.includes('will retry (error:tls)')).length,
      DAYS.length,
      outcomes.join('\n'),
    );
    assert.equal(receiver.requests.length, 0);
    assert.match((await candorStatusItem(page).textContent()) ?? '', /· 2/, 'the two reports are still pending');
  });

  it('an OTLP partial success shows in the history as the number of rejected data points', async () => {
    const partial = JSON.stringify({
      partialSuccess: { rejectedDataPoints: '3', errorMessage: 'point rejected for /home/alice' },
    });
    const answer = reply.status(200, { 'Content-Type': 'application/json' }, partial);
    const receiver = await LoopbackReceiver.start({ script: [answer, answer] });
    receivers.push(receiver);
    await seedPendingReports();
    useEndpoint(receiver.baseUrl, original);
    const page = await openWindow();
    await candorStatusItem(page).filter({ hasNotText: '·' }).waitFor({ timeout: 90_000 });
    const outcomes = await historyOutcomes(page, DAYS.length);
    assert.equal(
      outcomes.filter((text) => text.includes('accepted, but the server rejected 3 data points')).length,
      DAYS.length,
      outcomes.join('\n'),
    );
    assert.equal(
      outcomes.some((text) => text.includes('alice')),
      false,
      "the server's message reached the view",
    );
    assert.equal(receiver.requests.length, DAYS.length);
  });
});
