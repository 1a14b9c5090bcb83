// Mocha root hooks for the e2e layer: one real VS Code (code-server) and one
// headless Chromium for the whole run, a screenshot after every failed test,
// and every process ended afterwards whatever happened.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/lib/server.mjs';
import { launchBrowser } from '../../scripts/lib/browser.mjs';
import { installCleanupHandlers } from '../../scripts/lib/processes.mjs';
import { copyDemoWorkspace } from '../../scripts/lib/workspace.mjs';
import { repoRoot } from '../../scripts/lib/util.mjs';
import { entryPoint } from '../../scripts/lib/codeServer.mjs';
import * as extensionPackages from '../../scripts/lib/extensionPackages.mjs';

const screenshotDir = path.join(repoRoot, 'test-results');
let server;
let browser;
let workspace;

export const mochaHooks = {
  async beforeAll() {
    this.timeout(180_000);
    installCleanupHandlers();
    workspace = copyDemoWorkspace();
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    globalThis.candorE2E = {
      page,
      workspace,
      serverUrl: server.url,
      userSettingsFile: path.join(server.userDataDir, 'User', 'settings.json'),
      globalStorageDir: path.join(server.userDataDir, 'User', 'globalStorage', 'candor.candor'),
      // Each extension host writes its own log folder under here, Candor's channel included.
      logsDir: path.join(server.userDataDir, 'logs'),
      workbenchUrl: server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot }),
      repoRoot,
      // For tests that need a VS Code of their own (another environment); they stop it themselves.
      startServer,
      launchBrowser,
      // The VS Code server's command line, for installing a packaged .vsix.
      codeServerEntry: entryPoint,
      // For tests that install extensions as packages next to Candor (VS Code's test mode hides them).
      extensionPackages,
    };
  },
  async afterEach() {
    const test = this.currentTest;
    if (test && test.state === 'failed' && globalThis.candorE2E) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const name = test
        .fullTitle()
        .replace(/[^A-Za-z0-9]+/g, '-')
        .slice(0, 100);
      const file = path.join(screenshotDir, `e2e-${name}.png`);
      await globalThis.candorE2E.page.screenshot({ path: file }).catch(() => undefined);
      console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
    }
  },
  async afterAll() {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    if (server) fs.rmSync(server.stateDir, { recursive: true, force: true });
  },
};
