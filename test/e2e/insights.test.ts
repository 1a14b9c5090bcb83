// Insights as a person uses it: a 30-day history in Candor's real database
// file, the view opened from the palette and from the payload view, the period
// switched, and the chart's table reached with the keyboard alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { CandorStore, type StoredEvent } from '../../src/core/store';
import { DAY_MS } from '../support/fixtures';
import { e2e, openWorkbench, runCommand, webviewFrame } from './workbench';

const TITLE = 'Candor: Insights';
const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function times(n: number, event: Omit<StoredEvent, 'ts'>, ts: number): StoredEvent[] {
  return Array.from({ length: n }, () => ({ ...event, ts }));
}

/**
 * Thirty days, `ago` = 29 … 0. Every day: 2 debug runs, 3 task runs, one
 * TypeError, one example.loaded; TS2304 10 a day the week before this one and
 * 5 a day this week; KeyError only in the last 3 days; TS2551 only 8 … 20 days ago.
 */
function history(): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let ago = 29; ago >= 0; ago--) {
    const ts = todayStart - ago * DAY_MS + 60_000;
    events.push(
      ...times(2, { name: 'ide.run', category: 'usage', props: { kind: 'debug', runtime: 'node' } }, ts),
      ...times(3, { name: 'ide.run', category: 'usage', props: { kind: 'task', runtime: 'npm' } }, ts),
      ...times(
        ago < 7 ? 5 : 10,
        {
          name: 'ide.error',
          category: 'errors',
          props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
        },
        ts,
      ),
      ...times(1, { name: 'ide.error', category: 'errors', props: { origin: 'exception', code: 'TypeError' } }, ts),
      ...times(1, { name: 'example.loaded', category: 'usage', props: { example_id: 'hello_world' } }, ts),
    );
    if (ago < 3) {
      events.push(
        ...times(2, { name: 'ide.error', category: 'errors', props: { origin: 'exception', code: 'KeyError' } }, ts),
      );
    }
    if (ago >= 8 && ago <= 20) {
      events.push(
        ...times(
          1,
          {
            name: 'ide.error',
            category: 'errors',
            props: { origin: 'diagnostic', source: 'ts', code: 'TS2551', severity: 'error' },
          },
          ts,
        ),
      );
    }
  }
  return events;
}

/** Replaces whatever is stored with the history, while no window is open to write. */
async function seed(events: readonly StoredEvent[]): Promise<void> {
  await e2e().page.goto('about:blank');
  fs.mkdirSync(e2e().globalStorageDir, { recursive: true });
  const store = await CandorStore.open({ dir: e2e().globalStorageDir });
  try {
    await store.deleteAll();
    if (events.length > 0) {
      await store.appendEvents(events);
    }
    await store.compact();
  } finally {
    await store.close();
  }
}

async function dailyRows(frame: Frame): Promise<string[][]> {
  const rows = frame.locator('[data-testid="daily-table"] tbody tr');
  const out: string[][] = [];
  for (const row of await rows.all()) {
    out.push(await row.locator('th, td').allTextContents());
  }
  return out;
}

describe('Insights, from a 30-day history in the real store', function () {
  this.timeout(240_000);

  before(async () => {
    await seed(history());
  });

  after(async () => {
    // Leave the database as the other e2e tests expect it: empty.
    await seed([]);
  });

  it("opens from the palette and shows this week's charts, summary, codes and other extensions", async () => {
    const page = await openWorkbench();
    await runCommand(page, 'Candor: Show Insights');
    const frame = await webviewFrame(page, TITLE);
    const canvas = frame.locator('[data-testid="daily-chart-canvas"]');
    await canvas.waitFor({ timeout: 30_000 });
    console.log(
      `      time to first chart in the webview: ${await frame.locator('body').getAttribute('data-first-chart-ms')} ms after the page started`,
    );
    assert.equal(await canvas.getAttribute('data-points'), '7', 'the chart holds one day per bar group');
    assert.equal(await canvas.getAttribute('role'), 'img');
    assert.match((await canvas.getAttribute('aria-label')) ?? '', /Runs, resets and errors per day/);
    const rows = await dailyRows(frame);
    assert.equal(rows.length, 7);
    const yesterday = rows.find((r) => r[0] === dayOf(todayStart - DAY_MS));
    // Day, debug runs, task runs, debug resets, task resets, diagnostics, exceptions, exits.
    assert.deepEqual(yesterday, [dayOf(todayStart - DAY_MS), '2', '3', '0', '0', '5', '3', '0']);
    // 70 TS2304 the week before, 35 this week; 7 + 6 exceptions over 14 debug sessions ≈ 9 in 10.
    assert.equal(
      await frame.locator('[data-testid="summary"]').textContent(),
      'Your TS2304 errors halved this week; debug sessions hit an exception 9 times in 10.',
    );
    assert.equal(
      (await frame.locator('[data-testid="new-exception"]').textContent())?.includes('KeyError'),
      true,
      'KeyError is new this week',
    );
    assert.equal(
      (await frame.locator('[data-testid="gone-diagnostic"]').textContent())?.includes('TS2551'),
      true,
      'TS2551 is gone',
    );
    const extension = frame.locator('[data-testid="extensions-table"] tbody tr').first();
    assert.match((await extension.textContent()) ?? '', /example.*example\.loaded 7/);
    assert.ok((await frame.locator('[data-testid="sparkline"]').count()) >= 4, 'each code has its sparkline');
    assert.equal(
      await frame.locator('body').getAttribute('data-csp-violations'),
      '0',
      "the charts broke no rule of the page's policy",
    );
  });

  it('switching the period to 30 days redraws the charts for 30 days', async () => {
    const page = e2e().page;
    const frame = await webviewFrame(page, TITLE);
    await frame.locator('[data-testid="period-30"]').check();
    await frame.locator('main[data-period="30"]').waitFor({ timeout: 20_000 });
    const canvas = frame.locator('[data-testid="daily-chart-canvas"]');
    assert.equal(await canvas.getAttribute('data-points'), '30');
    const rows = await dailyRows(frame);
    assert.equal(rows.length, 30);
    assert.equal(rows[0]?.[0], dayOf(todayStart - 29 * DAY_MS));
    // Nothing was stored before these 30 days, so there is nothing to compare with.
    assert.equal(
      await frame.locator('[data-testid="summary"]').textContent(),
      'Debug sessions hit an exception 6 times in 10.',
    );
    assert.equal(await frame.locator('body').getAttribute('data-csp-violations'), '0');
  });

  it("reaches the chart's table with the keyboard alone", async () => {
    const page = e2e().page;
    const frame = await webviewFrame(page, TITLE);
    await frame.locator('[data-testid="period-30"]').focus();
    let reached = false;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await frame.locator('[data-testid="daily-chart-table-toggle"]:focus').count()) === 1;
    }
    assert.ok(reached, 'Tab reaches "show as a table" right after the period');
    await page.keyboard.press('Enter');
    await frame
      .locator('[data-testid="daily-chart-table-details"][open] [data-testid="daily-table"]')
      .waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(
      await frame.locator('[data-testid="daily-table"] caption').textContent(),
      'Runs, resets and errors per day',
    );
    if (process.env.CANDOR_SCREENSHOTS) {
      await saveScreenshots(page, frame);
    }
  });

  it('opens from the payload view', async () => {
    const page = e2e().page;
    await page.keyboard.press('Control+W').catch(() => undefined);
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const payloads = await webviewFrame(page, 'Candor: Telemetry Payloads');
    const link = payloads.locator('[data-testid="open-insights"]');
    await link.waitFor({ timeout: 30_000 });
    await link.focus();
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, TITLE);
    await frame.locator('[data-testid="daily-chart-canvas"][data-points]').waitFor({ timeout: 30_000 });
  });
});

describe('Insights with nothing stored', function () {
  this.timeout(240_000);

  before(async () => {
    await seed([]);
  });

  it('explains what will appear, and that Candor must be on to collect', async () => {
    const page = await openWorkbench();
    await runCommand(page, 'Candor: Show Insights');
    const frame = await webviewFrame(page, TITLE);
    const empty = frame.locator('[data-testid="insights-empty"]');
    await empty.waitFor({ timeout: 30_000 });
    assert.match((await empty.textContent()) ?? '', /runs, resets and errors per day/);
    assert.match(
      (await frame.locator('[data-testid="empty-consent"]').textContent()) ?? '',
      /Candor is off .*nothing is being collected.*Candor: Enable Telemetry/,
    );
    assert.equal(await frame.locator('[data-testid="daily-chart-canvas"]').count(), 0);
    assert.equal(await frame.locator('[data-testid="summary"]').textContent(), 'No runs or errors recorded this week.');
    await page.keyboard.press('Control+W').catch(() => undefined);
  });
});

/** Light, dark and high-contrast screenshots for the README (CANDOR_SCREENSHOTS=1). */
async function saveScreenshots(page: Page, frame: Frame): Promise<void> {
  const dir = path.join(__dirname, '..', '..', '..', 'media', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await frame.locator('[data-testid="period-7"]').check();
  await frame.locator('main[data-period="7"]').waitFor({ timeout: 20_000 });
  for (const [slug, theme] of [
    ['light', 'Light Modern'],
    ['dark', 'Dark Modern'],
    ['high-contrast', 'Dark High Contrast'],
  ] as const) {
    await runCommand(page, 'Preferences: Color Theme');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(`^${theme}`) }).first();
    await page.keyboard.type(theme);
    await row.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(dir, `insights-${slug}.png`) });
  }
}
