// The person at the keyboard: turn Candor on in the Settings UI, watch the
// status bar, open "Show Telemetry Payloads", read the pending JSON and the
// privacy notice, and delete a counter from the view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { CandorStore } from '../../src/core/store';
import { candorStatusItem, e2e, openWorkbench, runCommand, runWorkspaceTask, webviewContent } from './workbench';
import { assertCsvMatchesDatabase, assertJsonMatchesDatabase } from '../support/exportCheck';
import { DAY_MS } from '../support/fixtures';

const VIEW_TITLE = 'Candor: Telemetry Payloads';

/** Reads Candor's real database file from this process, as another window would. */
async function withStore<T>(read: (store: CandorStore) => Promise<T>): Promise<T> {
  const store = await CandorStore.open({ dir: e2e().globalStorageDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** One counter as text, its properties in key order. */
function counterRow(day: string, event: string, props: Readonly<Record<string, unknown>>, count: number): string {
  return JSON.stringify([day, event, Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1)), count]);
}

/** Counter rows of the database, sorted. */
async function storedCounterRows(): Promise<string[]> {
  return withStore(async (store) =>
    (await store.counters()).flatMap((d) => d.counters.map((c) => counterRow(d.day, c.event, c.props, c.count))).sort(),
  );
}

interface FocusableElement {
  readonly ownerDocument: { readonly activeElement: unknown };
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator
    .evaluate((element: FocusableElement) => element === element.ownerDocument.activeElement)
    .catch(() => false);
}

const yesterdayNoon = Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS / 2;
const yesterday = new Date(yesterdayNoon).toISOString().slice(0, 10);

/** Puts a finished day of events into Candor's real database file, as an earlier session would have. */
async function seedYesterday(): Promise<void> {
  const store = await CandorStore.open({ dir: e2e().globalStorageDir });
  try {
    const events = [
      ...Array.from({ length: 3 }, () => ({
        ts: yesterdayNoon,
        name: 'ide.run',
        category: 'usage' as const,
        props: { kind: 'debug', runtime: 'node' },
      })),
      ...Array.from({ length: 2 }, () => ({
        ts: yesterdayNoon,
        name: 'ide.error',
        category: 'errors' as const,
        props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
      })),
      { ts: yesterdayNoon, name: 'ide.reset', category: 'usage' as const, props: { kind: 'task' } },
    ];
    await store.appendEvents(events);
    await store.compact();
  } finally {
    await store.close();
  }
}

async function setCandorEnabledInSettingsUi(page: Page, wanted: boolean): Promise<void> {
  await runCommand(page, 'Preferences: Open Settings (UI)');
  const search = page
    .locator('.settings-editor .suggest-input-container textarea, .settings-editor .search-container textarea')
    .first();
  await search.waitFor({ timeout: 30_000 });
  await search.fill('candor.enabled');
  const checkbox = page
    .locator('.settings-editor .setting-item-bool')
    .filter({ hasText: 'Enabled' })
    .locator('.setting-value-checkbox')
    .first();
  await checkbox.waitFor({ timeout: 30_000 });
  const checked = (await checkbox.getAttribute('aria-checked')) === 'true';
  if (checked !== wanted) {
    await checkbox.click();
  }
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
    // Candor starts off (candor.enabled defaults to false): wait for the indicator to say so.
    await item.filter({ hasText: /Candor: Off/ }).waitFor({ timeout: 30_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /Off/);
    await setCandorEnabledInSettingsUi(page, true);
    await item.filter({ hasText: 'Local only' }).waitFor({ timeout: 10_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /Local only/);
    // The store opens once consent is on (never at start-up), closes the finished day, and the count follows.
    await item.filter({ hasText: /Candor: Local only · 1/ }).waitFor({ timeout: 30_000 });
    assert.match((await item.textContent()) ?? '', /Candor: Local only · 1/, 'the closed day is one pending report');
  });

  it('shows the pending payload exactly as it would be sent, and the privacy notice', async () => {
    const page = e2e().page;
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const view = await webviewContent(page, VIEW_TITLE);
    const payload = view.locator(
      `[data-testid="pending-report"][data-day="${yesterday}"] [data-testid="pending-payload"]`,
    );
    await payload.waitFor({ timeout: 30_000 });
    const report = JSON.parse((await payload.textContent()) ?? '') as {
      schema: string;
      day: string;
      counters: { event: string; props: Record<string, string>; count: number }[];
    };
    assert.equal(report.schema, 'candor.report/1');
    assert.equal(report.day, yesterday);
    assert.deepEqual(report.counters.map((c) => [c.event, c.count]).sort(), [
      ['ide.error', 2],
      ['ide.reset', 1],
      ['ide.run', 3],
    ]);
    const notice = (await view.locator('[data-testid="privacy-notice"]').textContent()) ?? '';
    assert.match(notice, /Anonymous usage data/);
    assert.match(notice, /never recorded/);
    assert.equal(await view.locator('[data-testid="policy-link"]').count(), 1);
    assert.ok((await view.locator('[data-testid="never-list"] li').count()) > 3, 'what is never collected is listed');
    if (process.env.CANDOR_SCREENSHOTS) {
      await saveScreenshots(page);
    }
  });

  it('deletes a counter from the view and the payload no longer holds it', async () => {
    const page = e2e().page;
    const view = await webviewContent(page, VIEW_TITLE);
    const report = view.locator(`[data-testid="pending-report"][data-day="${yesterday}"]`);
    const row = report.locator('[data-testid="counter-row"][data-event="ide.reset"]');
    // By keyboard, as a person without a mouse would: focus the button, press Enter.
    await row.locator('[data-testid="delete-counter"]').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    // Confirm by keyboard too: Tab to the Delete button (wherever the dialog put the focus), then Enter.
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    for (let presses = 0; presses < 8 && !(await isFocused(confirm)); presses++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await isFocused(confirm), true, 'the Delete button cannot be reached with the keyboard');
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const payload = (await report.locator('[data-testid="pending-payload"]').textContent()) ?? '';
    assert.equal(payload.includes('ide.reset'), false, 'the deleted counter is still in the payload');
    assert.equal(payload.includes('"ide.run"'), true, 'the other counters remain');
    assert.deepEqual(
      (await storedCounterRows()).filter((row) => row.includes('"ide.reset"')),
      [],
      'the counter is still in the database',
    );
  });
});

describe('Export all data from the palette', function () {
  this.timeout(180_000);

  for (const format of ['CSV', 'JSON'] as const) {
    it(`saves ${format} under the offered name in the workspace, holding exactly the database's rows`, async () => {
      const page = e2e().page;
      const extension = format.toLowerCase();
      const target = path.join(
        e2e().workspace,
        `candor-telemetry-${new Date().toISOString().slice(0, 10)}.${extension}`,
      );
      fs.rmSync(target, { force: true });
      await runCommand(page, 'Candor: Export All Telemetry Data…');
      const formatRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: format }).first();
      await formatRow.waitFor({ timeout: 15_000 });
      await formatRow.click();
      // The web workbench's save dialog is a path input in the quick-input widget, filled with the offered name.
      const input = page.locator('.quick-input-widget input.input');
      const offered = Date.now() + 15_000;
      while (!(await input.inputValue().catch(() => '')).includes('candor-telemetry-') && Date.now() < offered) {
        await page.waitForTimeout(200);
      }
      assert.match(await input.inputValue(), new RegExp(`candor-telemetry-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
      await page.keyboard.press('Enter');
      const deadline = Date.now() + 20_000;
      while (!fs.existsSync(target) && Date.now() < deadline) {
        await page.waitForTimeout(250);
      }
      const text = fs.readFileSync(target, 'utf8');
      fs.rmSync(target, { force: true });
      await withStore(async (store) => {
        if (format === 'CSV') {
          assert.ok((await assertCsvMatchesDatabase(text, store)) > 0, 'the CSV holds no row');
        } else {
          await assertJsonMatchesDatabase(text, store);
        }
      });
      // What the database holds at this point: the seeded day, less the counter deleted from the view.
      assert.deepEqual(
        (await storedCounterRows()).filter((row) => row.startsWith(`["${yesterday}"`)),
        [
          counterRow(
            yesterday,
            'ide.error',
            { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
            2,
          ),
          counterRow(yesterday, 'ide.run', { kind: 'debug', runtime: 'node' }, 3),
        ].sort(),
      );
    });
  }
});

describe('Delete all data from the palette', function () {
  this.timeout(120_000);

  it('says exactly how much will be deleted, then deletes it from the database', async () => {
    const page = e2e().page;
    // The amounts, counted here from the database itself.
    const before = await withStore(async (store) => ({
      days: await store.counters(),
      pending: (await store.pendingReports()).length,
    }));
    const rows = before.days.flatMap((d) => d.counters);
    const events = rows.reduce((n, c) => n + c.count, 0);
    const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
    assert.ok(
      events >= 5 && before.pending === 1,
      `the seeded data is not there: ${events} events, ${before.pending} pending reports`,
    );
    await runCommand(page, 'Candor: Delete All Telemetry Data…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Delete all Candor telemetry data\?/);
    const amounts = `This deletes ${plural(events, 'recorded event', 'recorded events')} in ${plural(rows.length, 'counter', 'counters')} over ${plural(before.days.filter((d) => d.counters.length > 0).length, 'day', 'days')}, and ${plural(before.pending, 'pending report', 'pending reports')}`;
    assert.ok(text.includes(amounts), `the dialog says "${text}", not "${amounts}"`);
    await dialog.getByRole('button', { name: 'Delete All', exact: true }).click();
    const view = await webviewContent(page, VIEW_TITLE);
    await view.locator('[data-testid="pending-empty"]').waitFor({ timeout: 15_000 });
    await candorStatusItem(page).filter({ hasNotText: '·' }).waitFor({ timeout: 10_000 });
    const after = await withStore(async (store) => ({
      counters: await store.counters(),
      reports: await store.reports(),
      stats: await store.stats(),
    }));
    assert.deepEqual(
      after.counters.flatMap((d) => d.counters),
      [],
      'counters are left in the database',
    );
    assert.deepEqual(after.reports, [], 'reports are left in the database');
    assert.deepEqual([after.stats.events, after.stats.recentEvents, after.stats.pendingReports], [0, 0, 0]);
  });
});

describe("Today's report in the payload view, live", function () {
  this.timeout(180_000);

  it("shows a task run from the palette among today's counters without a refresh", async () => {
    const page = e2e().page;
    const view = await webviewContent(page, VIEW_TITLE);
    const today = view.locator('[data-testid="today-counters"]');
    await view.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    const before = await today.locator('[data-testid="counter-row"][data-event="ide.error"]').count();
    await runWorkspaceTask(page, 'failing build');
    // The run and its exit code arrive within the flush interval (2 s) plus the view's debounce.
    await today.locator('[data-testid="counter-row"][data-event="ide.run"]').waitFor({ timeout: 20_000 });
    await today.locator('[data-testid="counter-row"][data-event="ide.error"]').nth(before).waitFor({ timeout: 20_000 });
    const payload = (await view.locator('[data-testid="today-payload"]').textContent()) ?? '';
    assert.match(payload, /"event":"ide\.run","props":\{"kind":"task","runtime":"shell"\}/);
    assert.match(payload, /"code":"exit:1"/);
    assert.equal(payload.includes('failing build'), false, 'the task name reached the payload');
  });
});

describe('A withheld report in the payload view', function () {
  this.timeout(180_000);
  const dayBefore = new Date(yesterdayNoon - DAY_MS).toISOString().slice(0, 10);
  const planted = '/home/e2e-user/acme-payroll/run.ts';

  it('shows a report holding a value outside the lists as withheld, with the property and rule, never the value', async () => {
    // Written straight into Candor's real database file, as an older or broken version might have.
    const body = JSON.stringify({
      schema: 'candor.report/1',
      day: dayBefore,
      client: { extension: '0.1.0', vscode: '1.100', os: 'linux', arch: 'x64', ui: 'web' },
      counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: planted }, count: 4 }],
    });
    await withStore((store) =>
      store.write(({ db, nowMs }) =>
        db.run(`INSERT INTO reports (day, status, body, created_ms) VALUES (?, 'pending', ?, ?)`, [
          dayBefore,
          body,
          nowMs,
        ]),
      ),
    );
    const page = e2e().page;
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const view = await webviewContent(page, VIEW_TITLE);
    await view.locator('[data-testid="refresh"]').click();
    const withheld = view.locator(`[data-testid="withheld-report"][data-day="${dayBefore}"]`);
    await withheld.waitFor({ timeout: 30_000 });
    assert.equal(
      await withheld.locator('[data-testid="withheld-reason"]').textContent(),
      'Not sent: property "runtime" of event "ide.run" holds a value that is not in its published list.',
    );
    const pageText = (await view.locator('body').textContent()) ?? '';
    assert.equal(pageText.includes('acme-payroll'), false, 'the planted value reached the view');
    assert.equal(await view.locator(`[data-testid="pending-report"][data-day="${dayBefore}"]`).count(), 0);
  });
});

/** Light and dark screenshots of the view and the indicator, for the README (CANDOR_SCREENSHOTS=1). */
async function saveScreenshots(page: Page): Promise<void> {
  const dir = path.join(__dirname, '..', '..', '..', 'media', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  for (const [slug, theme] of [
    ['light', 'Light Modern'],
    ['dark', 'Dark Modern'],
  ] as const) {
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
    if (box) {
      await page.screenshot({
        path: path.join(dir, `status-indicator-${slug}.png`),
        clip: { x: box.x + box.width - 700, y: Math.max(0, box.y - 160), width: 700, height: 160 + box.height },
      });
    }
    await page.mouse.move(10, 10);
  }
}
