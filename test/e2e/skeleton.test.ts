import * as assert from 'node:assert/strict';
import { candorStatusItem, openPalette, openWorkbench } from './workbench';

describe('Candor in a real VS Code workbench (browser)', () => {
  it('shows the privacy indicator in the status bar', async () => {
    const page = await openWorkbench();
    const item = candorStatusItem(page);
    assert.equal(await item.isVisible(), true);
    assert.match((await item.textContent()) ?? '', /Candor/);
  });

  it('offers "Show Telemetry Payloads" in the command palette', async () => {
    const page = await openWorkbench();
    await openPalette(page);
    await page.keyboard.type('Show Telemetry Payloads');
    const option = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Candor: Show Telemetry Payloads' });
    await option.first().waitFor({ timeout: 20_000 });
    assert.equal(await option.count(), 1);
    await page.keyboard.press('Escape');
  });
});
