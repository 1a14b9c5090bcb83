// Two VS Code windows — two real extension hosts — share one Candor database.
// With sharing on, both try to upload at start-up; each report must reach the
// receiver exactly once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore } from '../../src/core/store';
import { LoopbackReceiver } from '../support/loopbackReceiver';
import { candorStatusItem, e2e } from './workbench';
import { DAY_MS, WEB_CLIENT as CLIENT } from '../support/fixtures';

const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAYS = [dayOf(todayStart - 3 * DAY_MS), dayOf(todayStart - 2 * DAY_MS), dayOf(todayStart - DAY_MS)];

describe('Upload from two windows at once (two real extension hosts)', function () {
  this.timeout(240_000);
  let receiver: LoopbackReceiver;
  let second: Page | undefined;
  let originalSettings: string;

  before(async () => {
    receiver = await LoopbackReceiver.start();
    // No window may write while the history is being set up.
    await e2e().page.goto('about:blank');
    const store = await CandorStore.open({ dir: e2e().globalStorageDir });
    try {
      await store.deleteAll();
      // The user switched sharing on four days ago; three closed days wait.
      await store.logConsent({ atMs: todayStart - 4 * DAY_MS, level: 'all', state: 'sharing', reason: 'Sharing — e2e', enabled: true, usage: true, errors: true, dnt: false });
      for (const [i, day] of DAYS.entries()) {
        const report = buildDailyReport(day, CLIENT, [{ event: 'ide.run', props: { kind: 'task', runtime: 'shell' }, count: i + 1 }]);
        assert.equal(await store.upsertPendingReport(day, serializeReport(report)), true);
      }
    } finally {
      await store.close();
    }
    originalSettings = fs.readFileSync(e2e().userSettingsFile, 'utf8');
    const settings = JSON.parse(originalSettings) as Record<string, unknown>;
    Object.assign(settings, {
      'candor.enabled': true, 'candor.endpoint': receiver.baseUrl, 'candor.upload.mode': 'automatic', 'candor.upload.format': 'candor-json',
    });
    fs.writeFileSync(e2e().userSettingsFile, JSON.stringify(settings, null, 2));
  });

  after(async () => {
    await second?.close();
    fs.writeFileSync(e2e().userSettingsFile, originalSettings);
    await receiver.close();
  });

  it('sends each closed day exactly once', async () => {
    const first = e2e().page;
    second = await first.context().newPage();
    await Promise.all([first.goto(e2e().workbenchUrl), second.goto(e2e().workbenchUrl)]);
    for (const page of [first, second]) {
      await candorStatusItem(page).filter({ hasText: 'Sharing' }).waitFor({ timeout: 90_000 });
    }
    const deadline = Date.now() + 90_000;
    while (receiver.requests.length < DAYS.length && Date.now() < deadline) await first.waitForTimeout(500);
    // Both windows' first upload runs come 10 s after start-up; give any duplicate time to arrive.
    await first.waitForTimeout(15_000);
    const days = receiver.requests.map((r) => (JSON.parse(r.body?.toString('utf8') ?? '{}') as { day?: string }).day).sort();
    assert.deepEqual(days, DAYS, `received ${JSON.stringify(days)}`);
    await candorStatusItem(first).filter({ hasNotText: '·' }).waitFor({ timeout: 15_000 });
  });
});
