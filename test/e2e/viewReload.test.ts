// The payload view and Insights survive a window reload: VS Code brings each
// panel back through Candor's serializers, and it shows fresh content again.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { candorStatusItem, openWorkbench, runCommand, webviewContent } from './workbench';

const VIEW_TITLE = 'Candor: Telemetry Payloads';
const INSIGHTS_TITLE = 'Candor: Insights';

describe('The views across a window reload', () => {
  it('comes back after "Developer: Reload Window", with its content', async () => {
    const page = await openWorkbench();
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const before = await webviewContent(page, VIEW_TITLE);
    await before.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    // Marks this page, so what is seen after the reload is known to be a new one.
    await page.evaluate(() => Object.assign(globalThis, { candorBeforeReload: true }));

    await reloadWindow(page);

    // Nobody opens the view again: it is back because VS Code revived it.
    const after = await webviewContent(page, VIEW_TITLE, 60_000);
    await after.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    assert.ok(((await after.locator('[data-testid="today"]').textContent()) ?? '').length > 0);
    await runCommand(page, 'View: Close All Editors');
  });

  it('Insights comes back too, with its content', async () => {
    const page = await openWorkbench();
    await runCommand(page, 'Candor: Show Insights');
    const before = await webviewContent(page, INSIGHTS_TITLE);
    await before
      .locator('[data-testid="summary"]')
      .filter({ hasNotText: /^Loading/ })
      .waitFor({ timeout: 30_000 });
    await page.evaluate(() => Object.assign(globalThis, { candorBeforeReload: true }));

    await reloadWindow(page);

    // Without a serializer the restored tab would stay empty.
    const after = await webviewContent(page, INSIGHTS_TITLE, 60_000);
    await after
      .locator('[data-testid="summary"]')
      .filter({ hasNotText: /^Loading/ })
      .waitFor({ timeout: 30_000 });
    assert.ok(((await after.locator('[data-testid="summary"]').textContent()) ?? '').length > 0);
    await runCommand(page, 'View: Close All Editors');
  });
});

/** "Developer: Reload Window", and the new page, known to be new by a mark the old one carried. */
async function reloadWindow(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await candorStatusItem(page).waitFor({ timeout: 90_000 });
  assert.equal(await page.evaluate(() => 'candorBeforeReload' in globalThis), false, 'the window was not reloaded');
}
