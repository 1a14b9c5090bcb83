// DO_NOT_TRACK=1 in the environment VS Code starts with beats every setting:
// a separate real VS Code, started that way, with Candor switched on.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { candorStatusItem, e2e, type ServerHandle } from './workbench';

describe('DO_NOT_TRACK at start-up', function () {
  this.timeout(180_000);
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) {
      fs.rmSync(server.stateDir, { recursive: true, force: true });
    }
  });

  it('keeps Candor off even though candor.enabled is on and the telemetry level is all', async () => {
    const { startServer, launchBrowser, repoRoot } = e2e();
    server = await startServer({
      env: { DO_NOT_TRACK: '1' },
      userSettings: { 'candor.enabled': true, 'telemetry.telemetryLevel': 'all' },
    });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl({ folder: e2e().workspace, extensionDevelopmentPath: repoRoot }));
    const item = candorStatusItem(page);
    await item.waitFor({ timeout: 90_000 });
    assert.match((await item.textContent()) ?? '', /Candor: Off/);
    assert.match((await item.getAttribute('aria-label')) ?? '', /DO_NOT_TRACK is set/);
  });
});
