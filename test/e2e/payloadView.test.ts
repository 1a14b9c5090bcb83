// The person at the keyboard: turn Candor on in the Settings UI, watch the
// status bar, open "Show Telemetry Payloads", read the pending JSON and the
// privacy notice, and delete a counter from the view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CandorStore } from '../../src/core/store';
import { candorStatusItem, e2e, openWorkbench, runCommand, webviewContent } from './workbench';
import { DAY_MS } from '../support/fixtures';

const yesterdayNoon = Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS / 2;
const yesterday = new Date(yesterdayNoon).toISOString().slice(0, 10);

/** Puts a finished day of events into Candor's real database file, as an earlier session would have. */
async function seedYesterday(): Promise<void> {
  const store = await CandorStore.open({ dir: e2e().globalStorageDir });
  try {
    const events = [
      ...Array.from({ length: 3 }, () => ({ ts: yesterdayNoon, name: 'ide.run', category: 'usage' as const, props: { kind: 'debug', runtime: 'node' } })),
      ...Array.from({ length: 2 }, () => ({ ts: yesterdayNoon, name: 'ide.error', category: 'errors' as const, props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' } })),
      { ts: yesterdayNoon, name: 'example.loaded', category: 'usage' as const, props: { example_id: 'hello_world' } },
    ];
    await store.appendEvents(events);
    await store.compact();
  } finally {
    await store.close();
  }
}

async function setCandorEnabledInSettingsUi(page: Page, wanted: boolean): Promise<void> {
  await runCommand(page, 'Preferences: Open Settings (UI)');
  const search = page.locator('.settings-editor .suggest-input-container textarea, .settings-editor .search-container textarea').first();
  await search.waitFor({ timeout: 30_000 });
  await search.fill('candor.enabled');
  const checkbox = page.locator('.settings-editor .setting-item-bool').filter({ hasText: 'Enabled' }).locator('.setting-value-checkbox').first();
  await checkbox.waitFor({ timeout: 30_000 });
  const checked = (await checkbox.getAttribute('aria-checked')) === 'true';
  if (checked !== wanted) await checkbox.click();
  await page.keyboard.press('Control+W').catch(() => undefined);
}

describe('The payload view and the privacy indicator, as a person uses them', function () {
  this.timeout(240_000);

  before(async () => {
    fs.mkdirSync(e2e().globalStorageDir, { recursive: true });
    await seedYesterday();
  });

  it('turns Candor on from the Settings UI and the status bar follows', async () => {
    const page = await openWorkbench();
    const item = candorStatusItem(page);
    await page.waitForFunction(() => true);
    assert.match((await item.getAttribute('aria-label')) ?? '', /Off/);
    await setCandorEnabledInSettingsUi(page, true);
    await item.filter({ hasText: 'Local only' }).waitFor({ timeout: 10_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /Local only/);
    assert.match((await item.textContent()) ?? '', /Candor: Local only · 1/, 'the closed day is one pending report');
  });

  it('shows the pending payload exactly as it would be sent, and the privacy notice', async () => {
    const page = e2e().page;
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const view = webviewContent(page, 'Candor: Telemetry Payloads');
    const payload = view.locator(`[data-testid="pending-report"][data-day="${yesterday}"] [data-testid="pending-payload"]`);
    await payload.waitFor({ timeout: 30_000 });
    const report = JSON.parse((await payload.textContent()) ?? '') as { schema: string; day: string; counters: { event: string; props: Record<string, string>; count: number }[] };
    assert.equal(report.schema, 'candor.report/1');
    assert.equal(report.day, yesterday);
    assert.deepEqual(report.counters.map((c) => [c.event, c.count]).sort(), [['example.loaded', 1], ['ide.error', 2], ['ide.run', 3]]);
    const notice = (await view.locator('[data-testid="privacy-notice"]').textContent()) ?? '';
    assert.match(notice, /Anonymous usage data/);
    assert.match(notice, /never recorded/);
    assert.equal(await view.locator('[data-testid="policy-link"]').count(), 1);
    assert.ok((await view.locator('[data-testid="never-list"] li').count()) > 3, 'what is never collected is listed');
    if (process.env.CANDOR_SCREENSHOTS) await saveScreenshots(page);
  });

  it('deletes a counter from the view and the payload no longer holds it', async () => {
    const page = e2e().page;
    const view = webviewContent(page, 'Candor: Telemetry Payloads');
    const report = view.locator(`[data-testid="pending-report"][data-day="${yesterday}"]`);
    const row = report.locator('[data-testid="counter-row"][data-event="example.loaded"]');
    // By keyboard, as a person without a mouse would: focus the button, press Enter.
    await row.locator('[data-testid="delete-counter"]').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const payload = (await report.locator('[data-testid="pending-payload"]').textContent()) ?? '';
    assert.equal(payload.includes('example.loaded'), false, 'the deleted counter is still in the payload');
    assert.equal(payload.includes('"ide.run"'), true, 'the other counters remain');
  });
});

describe('Export all data from the palette', function () {
  this.timeout(120_000);

  it('saves a CSV under the offered name in the workspace, holding the recorded counters', async () => {
    const page = e2e().page;
    const target = path.join(e2e().workspace, `candor-telemetry-${new Date().toISOString().slice(0, 10)}.csv`);
    fs.rmSync(target, { force: true });
    await runCommand(page, 'Candor: Export All Telemetry Data…');
    const csvRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'CSV' }).first();
    await csvRow.waitFor({ timeout: 15_000 });
    await csvRow.click();
    // The web workbench's save dialog is a path input in the quick-input widget, filled with the offered name.
    const input = page.locator('.quick-input-widget input.input');
    const offered = Date.now() + 15_000;
    while (!(await input.inputValue().catch(() => '')).includes('candor-telemetry-') && Date.now() < offered) await page.waitForTimeout(200);
    assert.match(await input.inputValue(), /candor-telemetry-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(target) && Date.now() < deadline) await page.waitForTimeout(250);
    const csv = fs.readFileSync(target, 'utf8');
    assert.match(csv.split(/\r?\n/)[0] ?? '', /day/i, 'the CSV starts with a header');
    assert.ok(csv.includes('ide.run'), 'the export holds the recorded counters');
    fs.rmSync(target, { force: true });
  });
});

describe('Delete all data from the palette', function () {
  this.timeout(120_000);

  it('says how much will be deleted, then deletes it', async () => {
    const page = e2e().page;
    await runCommand(page, 'Candor: Delete All Telemetry Data…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Delete all Candor telemetry data\?/);
    assert.match(text, /This deletes \d+ recorded events? in \d+ counters? over \d+ days?, and 1 pending report/);
    await dialog.getByRole('button', { name: 'Delete All', exact: true }).click();
    const view = webviewContent(page, 'Candor: Telemetry Payloads');
    await view.locator('[data-testid="pending-empty"]').waitFor({ timeout: 15_000 });
    await candorStatusItem(page).filter({ hasNotText: '·' }).waitFor({ timeout: 10_000 });
  });
});

describe('Today\'s report in the payload view, live', function () {
  this.timeout(180_000);

  it('shows a task run from the palette among today\'s counters without a refresh', async () => {
    const page = e2e().page;
    const view = webviewContent(page, 'Candor: Telemetry Payloads');
    const today = view.locator('[data-testid="today-counters"]');
    await view.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    const before = await today.locator('[data-testid="counter-row"][data-event="ide.error"]').count();
    await runCommand(page, 'Tasks: Run Task');
    const taskRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'failing build' }).first();
    await taskRow.waitFor({ timeout: 20_000 });
    await taskRow.click();
    // The run and its exit code arrive within the flush interval (2 s) plus the view's debounce.
    await today.locator('[data-testid="counter-row"][data-event="ide.run"]').waitFor({ timeout: 20_000 });
    await today.locator('[data-testid="counter-row"][data-event="ide.error"]').nth(before).waitFor({ timeout: 20_000 });
    const payload = (await view.locator('[data-testid="today-payload"]').textContent()) ?? '';
    assert.match(payload, /"event":"ide\.run","props":\{"kind":"task","runtime":"shell"\}/);
    assert.match(payload, /"code":"exit:1"/);
    assert.equal(payload.includes('failing build'), false, 'the task name reached the payload');
  });
});

/** Light and dark screenshots of the view and the indicator, for the README (CANDOR_SCREENSHOTS=1). */
async function saveScreenshots(page: Page): Promise<void> {
  const dir = path.join(__dirname, '..', '..', '..', 'media', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  for (const [slug, theme] of [['light', 'Light Modern'], ['dark', 'Dark Modern']] as const) {
    await runCommand(page, 'Preferences: Color Theme');
    // Wait for the theme list itself, so Enter does not pick "Browse Additional Color Themes".
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(`^${theme}`) }).first();
    await page.keyboard.type(theme);
    await row.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(dir, `payload-view-${slug}.png`) });
    await candorStatusItem(page).hover();
    await page.waitForTimeout(1200);
    const bar = page.locator('.part.statusbar');
    const box = await bar.boundingBox();
    if (box) await page.screenshot({ path: path.join(dir, `status-indicator-${slug}.png`), clip: { x: box.x + box.width - 700, y: Math.max(0, box.y - 160), width: 700, height: 160 + box.height } });
    await page.mouse.move(10, 10);
  }
}
