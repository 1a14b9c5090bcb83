// Two VS Code windows — two real extension hosts — share one Candor database.
// With sharing on and reports the user approved, both try to upload them at start-up; each report must reach the
// receiver exactly once, and each window's log must show that it asked the
// shared queue for reports (so one window doing all the work alone fails).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore } from '../../src/core/store';
import { LoopbackReceiver } from '../support/loopbackReceiver';
import { candorLogs, candorStatusItem, e2e } from './workbench';
import { DAY_MS, WEB_CLIENT as CLIENT } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAYS = [dayOf(todayStart - 3 * DAY_MS), dayOf(todayStart - 2 * DAY_MS), dayOf(todayStart - DAY_MS)];

describe('Upload from two windows at once (two real extension hosts)', function () {
  this.timeout(240_000);
  let receiver: LoopbackReceiver;
  let second: Page | undefined;
  let originalSettings: string;
  /** Candor log files of the extension hosts that ran before this test (other windows). */
  let earlierLogs: Set<string>;

  before(async () => {
    receiver = await LoopbackReceiver.start();
    // No window may write while the history is being set up.
    await e2e().page.goto('about:blank');
    earlierLogs = new Set(candorLogs(e2e().logsDir).map((log) => log.file));
    const store = await CandorStore.open({ dir: e2e().globalStorageDir });
    try {
      await store.deleteAll();
      // The user switched sharing on four days ago; three closed days wait.
      await store.logConsent({
        atMs: todayStart - 4 * DAY_MS,
        level: 'all',
        state: 'sharing',
        reason: 'Sharing — e2e',
        enabled: true,
        usage: true,
        errors: true,
        dnt: false,
      });
      for (const [i, day] of DAYS.entries()) {
        const report = buildDailyReport(day, CLIENT, [
          { event: 'ide.run', props: { kind: 'task', runtime: 'shell' }, count: i + 1 },
        ]);
        assert.equal(await store.upsertPendingReport(day, serializeReport(report)), true);
        // Approved with Send (review mode): sent as soon as a window looks, so both windows contend
        // for them at start-up. In automatic mode they would wait for their send times
        // (test/integration/uploadTiming.test.ts).
        assert.equal(await store.markReport(day, 'approved'), true);
      }
    } finally {
      await store.close();
    }
    originalSettings = fs.readFileSync(e2e().userSettingsFile, 'utf8');
    const settings = JSON.parse(originalSettings) as Record<string, unknown>;
    Object.assign(settings, {
      'candor.enabled': true,
      'candor.endpoint': receiver.baseUrl,
      'candor.upload.mode': 'review',
      'candor.upload.format': 'candor-json',
    });
    fs.writeFileSync(e2e().userSettingsFile, JSON.stringify(settings, null, 2));
  });

  after(async () => {
    await second?.close();
    fs.writeFileSync(e2e().userSettingsFile, originalSettings);
    await receiver.close();
  });

  it('sends each closed day exactly once, both windows asking the shared queue', async () => {
    const first = e2e().page;
    second = await first.context().newPage();
    await Promise.all([first.goto(e2e().workbenchUrl), second.goto(e2e().workbenchUrl)]);
    for (const page of [first, second]) {
      await candorStatusItem(page).filter({ hasText: 'Sharing' }).waitFor({ timeout: 90_000 });
    }
    // Each window's first upload run starts 10 s after start-up and writes one line to its own
    // log when it has asked the queue and settled what it sent. Once both have, any duplicate
    // would already have reached the receiver.
    const askedQueue = (): string[] =>
      candorLogs(e2e().logsDir)
        .filter((log) => !earlierLogs.has(log.file) && /Upload: checked for due reports/.test(log.text))
        .map((log) => path.relative(e2e().logsDir, log.file));
    const deadline = Date.now() + 90_000;
    while (askedQueue().length < 2 && Date.now() < deadline) {
      await first.waitForTimeout(500);
    }
    const hosts = askedQueue();
    const all = candorLogs(e2e().logsDir)
      .filter((log) => !earlierLogs.has(log.file))
      .map((log) => path.relative(e2e().logsDir, log.file));
    assert.equal(
      hosts.length,
      2,
      `windows whose upload asked the shared queue: ${JSON.stringify(hosts)} (Candor logs of this test: ${JSON.stringify(all)})`,
    );
    const days = receiver.requests
      .map((r) => (JSON.parse(r.body?.toString('utf8') ?? '{}') as { day?: string }).day)
      .sort();
    assert.deepEqual(days, DAYS, `received ${JSON.stringify(days)}`);
    await candorStatusItem(first).filter({ hasNotText: '·' }).waitFor({ timeout: 15_000 });
  });
});
