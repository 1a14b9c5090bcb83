// What a person sees when the disk is full: a small tmpfs is mounted over
// Candor's journal folder and filled, a task is run from the palette, and the
// status bar and the payload view say why the events wait and how many; when
// the space comes back the indicator recovers by itself and the events are
// stored. Mounting needs root on Linux (CI runs as root); elsewhere it skips.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CandorStore } from '../../src/core/store';
import { candorStatusItem, e2e, runCommand, runWorkspaceTask, webviewContent } from './workbench';
import { DAY_MS } from '../support/fixtures';
import { fillUntilFull } from '../support/fillDisk';

const VIEW_TITLE = 'Candor: Telemetry Payloads';
const FULL = /Local storage is full \(ENOSPC\) — (\d+) events? waiting/;
const TASK_RUN = { kind: 'task', runtime: 'shell' };

/** The words of the status item's hover, as a person pointing at it reads them. */
async function hoverText(page: Page): Promise<string> {
  await candorStatusItem(page).hover();
  const hover = page
    .locator('[class*="hover"]')
    .filter({ hasText: /Click\s+to\s+see\s+exactly/ })
    .first();
  await hover.waitFor({ timeout: 10_000 });
  // The Markdown renderer keeps the words apart with non-breaking spaces: compare as plain spaces.
  const text = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
  await page.mouse.move(10, 10);
  return text;
}

/** How many task runs today the database holds, read from this process as another window would. */
async function storedTaskRunsToday(dir: string): Promise<number> {
  const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const store = await CandorStore.open({ dir });
  try {
    const days = await store.counters();
    return days
      .filter((d) => d.day === today)
      .flatMap((d) => d.counters)
      .filter((c) => c.event === 'ide.run' && JSON.stringify(c.props) === JSON.stringify(TASK_RUN))
      .reduce((n, c) => n + c.count, 0);
  } finally {
    await store.close();
  }
}

describe('A full disk, as a person sees it (real tmpfs over the journal folder)', function () {
  this.timeout(240_000);
  let mountedAt: string | undefined;
  let originalSettings: string | undefined;

  before(async function () {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      console.log('      skipped: mounting a tmpfs needs root on Linux (CI runs as root)');
      this.skip();
    }
    // With no window open, so no extension host holds a journal segment.
    await e2e().page.goto('about:blank');
    const dir = e2e().globalStorageDir;
    fs.mkdirSync(dir, { recursive: true });
    const store = await CandorStore.open({ dir });
    try {
      await store.deleteAll();
      await store.compact();
    } finally {
      await store.close();
    }
    const journal = path.join(dir, 'journal');
    fs.mkdirSync(journal, { recursive: true });
    assert.deepEqual(fs.readdirSync(journal), [], 'every segment is folded before the mount hides the folder');
    originalSettings = fs.existsSync(e2e().userSettingsFile)
      ? fs.readFileSync(e2e().userSettingsFile, 'utf8')
      : undefined;
    const settings = originalSettings === undefined ? {} : (JSON.parse(originalSettings) as Record<string, unknown>);
    Object.assign(settings, { 'candor.enabled': true, 'telemetry.telemetryLevel': 'all' });
    fs.writeFileSync(e2e().userSettingsFile, JSON.stringify(settings, null, 2));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', journal]);
    mountedAt = journal;
    fillUntilFull(journal);
  });

  after(async () => {
    await e2e()
      .page.goto('about:blank')
      .catch(() => undefined);
    // Only what this test mounted; lazily if something still holds it.
    if (mountedAt !== undefined) {
      try {
        execFileSync('umount', [mountedAt]);
      } catch {
        execFileSync('umount', ['-l', mountedAt]);
      }
    }
    if (originalSettings !== undefined) {
      fs.writeFileSync(e2e().userSettingsFile, originalSettings);
    }
  });

  it('the status bar and the payload view say the disk is full and how many events wait; both recover by themselves', async () => {
    const page = e2e().page;
    await page.goto(e2e().workbenchUrl);
    const item = candorStatusItem(page);
    await item.filter({ hasText: 'Local only' }).waitFor({ timeout: 90_000 });

    // A task run from the palette: a run and its exit code, which cannot be written now.
    await runWorkspaceTask(page, 'failing build');

    // The run and its exit code both wait in memory: the accessible name counts at least two.
    const twoWaiting = /^Candor telemetry.*Local storage is full \(ENOSPC\) — ([2-9]|\d{2,}) events waiting/;
    await page
      .locator('footer[role="status"], .part.statusbar')
      .getByRole('button', { name: twoWaiting })
      .waitFor({ timeout: 30_000 });
    const label = (await item.getAttribute('aria-label')) ?? '';
    const waiting = Number(FULL.exec(label)?.[1] ?? 0);
    assert.ok(waiting >= 2, `the accessible name does not say the run and its exit code wait: "${label}"`);
    const tooltip = await hoverText(page);
    assert.match(tooltip, FULL, 'the tooltip does not say the disk is full');
    assert.ok(
      Number(FULL.exec(tooltip)?.[1]) >= waiting,
      `the tooltip counts fewer waiting events than the accessible name: "${tooltip}"`,
    );
    assert.match(tooltip, /Recording resumes by itself/);
    for (const said of [label, tooltip]) {
      assert.equal(said.includes(e2e().globalStorageDir), false, 'a path reached the indicator');
    }

    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const view = await webviewContent(page, VIEW_TITLE);
    const health = view.locator('[data-testid="recording-health"]');
    await health.waitFor({ timeout: 30_000 });
    const healthText = (await health.textContent()) ?? '';
    assert.match(healthText, FULL);
    assert.match(healthText, /Events dropped\s*0/);
    const todayRuns = view.locator('[data-testid="today-counters"] [data-testid="counter-row"][data-event="ide.run"]');
    assert.equal(await todayRuns.count(), 0, 'the run was stored although the disk is full');

    // Space comes back: the indicator and the view recover with no restart, and the waiting events are stored.
    fs.rmSync(path.join(mountedAt!, 'filler.bin'));
    await health.waitFor({ state: 'detached', timeout: 30_000 });
    await todayRuns.first().waitFor({ timeout: 30_000 });
    const recovered = (await item.getAttribute('aria-label')) ?? '';
    assert.equal(recovered.includes('Local storage'), false, `the indicator still warns: "${recovered}"`);
    assert.doesNotMatch(await hoverText(page), /Local storage/);
    const payload = (await view.locator('[data-testid="today-payload"]').textContent()) ?? '';
    assert.match(payload, /"event":"ide\.run","props":\{"kind":"task","runtime":"shell"\}/);
    assert.match(payload, /"code":"exit:1"/);
    assert.equal(await storedTaskRunsToday(e2e().globalStorageDir), 1, 'the waiting run is not in the database');
  });
});
