// The payload view survives a window reload: VS Code brings the panel back
// through Candor's serializer, and it shows fresh content again.
import * as assert from 'node:assert/strict';
import { candorStatusItem, openWorkbench, runCommand, webviewContent } from './workbench';

const VIEW_TITLE = 'Candor: Telemetry Payloads';

describe('The payload view across a window reload', () => {
  it('comes back after "Developer: Reload Window", with its content', async () => {
    const page = await openWorkbench();
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const before = await webviewContent(page, VIEW_TITLE);
    await before.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    // Marks this page, so what is seen after the reload is known to be a new one.
    await page.evaluate(() => Object.assign(globalThis, { candorBeforeReload: true }));

    const reloaded = page.waitForEvent('load', { timeout: 90_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await candorStatusItem(page).waitFor({ timeout: 90_000 });
    assert.equal(await page.evaluate(() => 'candorBeforeReload' in globalThis), false, 'the window was not reloaded');

    // Nobody opens the view again: it is back because VS Code revived it.
    const after = await webviewContent(page, VIEW_TITLE, 60_000);
    await after.locator('[data-testid="today"]').waitFor({ timeout: 30_000 });
    assert.ok(((await after.locator('[data-testid="today"]').textContent()) ?? '').length > 0);
    await runCommand(page, 'View: Close All Editors');
  });
});
