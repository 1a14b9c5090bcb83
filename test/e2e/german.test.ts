// A VS Code whose display language is German shows Candor in German: the
// command palette's titles (package.nls.de.json), the status-bar item and its
// tooltip (vscode.l10n in the extension host, @vscode/l10n for the words from
// src/core) and the payload view, both the page the host writes and what its
// browser script renders (l10n/bundle.l10n.de.json handed to the webview).
//
// VS Code takes German as its display language only when a German language pack
// is registered (languagepacks.json in the user-data folder, as installing one
// writes it) and the locale is "de" (argv.json). The pack here translates none
// of VS Code's own words, so the workbench stays English around Candor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NEVER_COLLECTED, describeCollection } from '../../src/core/catalog';
import { e2e, runCommand, webviewContent, type ServerHandle } from './workbench';

function readBundle(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(e2e().repoRoot, file), 'utf8')) as Record<string, string>;
}

/** The German words for an English message, which must differ from it (else the test proves nothing). */
function german(bundle: Record<string, string>, english: string): string {
  const words = bundle[english];
  assert.ok(words !== undefined && words !== english, `no German translation of ${JSON.stringify(english)}`);
  return words;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sets up a user-data folder as VS Code leaves it after installing a German language pack and choosing German. */
function germanStateDir(repoRoot: string): string {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-de-'));
  const userData = path.join(stateDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'argv.json'), JSON.stringify({ locale: 'de' }));
  const translations = path.join(repoRoot, 'test', 'fixtures', 'language-pack-de', 'translations', 'main.i18n.json');
  const languagePacks = {
    de: {
      hash: 'candor-test-de-1',
      label: 'Deutsch',
      extensions: [{ extensionIdentifier: { id: 'candor-test.language-pack-de' }, version: '0.0.1' }],
      translations: { vscode: translations },
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(languagePacks));
  return stateDir;
}

describe('German display language', function () {
  this.timeout(240_000);
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    const { startServer, launchBrowser, repoRoot, workspace } = e2e();
    server = await startServer({ stateDir: germanStateDir(repoRoot) });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    assert.equal(
      await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE),
      'de',
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) {
      fs.rmSync(server.stateDir, { recursive: true, force: true });
    }
  });

  it("shows the status-bar item's text, name and tooltip in German", async () => {
    const de = readBundle('l10n/bundle.l10n.de.json');
    const off = german(de, 'Off');
    const reason = german(de, 'Off — {0}').replace('{0}', german(de, 'Candor is disabled (candor.enabled is false)'));
    const name = german(de, 'Candor telemetry: {0}. {1}. {2}{3}.')
      .replace('{0}', off)
      .replace('{1}', reason)
      .replace('{2}', '')
      .replace('{3}', german(de, '{0} pending reports').replace('{0}', '0'));
    const item = page.locator('footer[role="status"], .part.statusbar').getByRole('button', { name, exact: true });
    await item.waitFor({ timeout: 90_000 });
    assert.equal((await item.textContent())?.trim(), `Candor: ${off}`);

    await item.hover();
    // The Markdown renderer keeps words apart with non-breaking spaces: match any white space between them.
    const click = german(de, '{0}. Click to see exactly what is recorded.').replace('{0}. ', '');
    const hover = page
      .locator('[class*="hover"]')
      .filter({ hasText: new RegExp(click.split(' ').map(escapeRegExp).join('\\s+')) })
      .first();
    await hover.waitFor({ timeout: 20_000 });
    const hoverText = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.ok(hoverText.includes(reason), hoverText);
    assert.ok(hoverText.includes(german(de, 'Show insights')), hoverText);
    await page.mouse.move(10, 10);
  });

  it('opens the payload view from its German command title and shows the page in German', async () => {
    const de = readBundle('l10n/bundle.l10n.de.json');
    const nls = readBundle('package.nls.de.json');
    await page.keyboard.press('Escape');
    await runCommand(page, `Candor: ${nls['command.showPayloads.title'] ?? ''}`);
    const view = await webviewContent(page, german(de, 'Candor: Telemetry Payloads'), 60_000);

    // Written by the host (src/webview/payloadViewHtml.ts).
    await view.locator('html[lang="de"]').waitFor({ timeout: 30_000 });
    assert.equal(
      await view.getByTestId('privacy-notice').textContent(),
      german(
        de,
        'Anonymous usage data such as run clicks and error types is collected to improve the tool. Code, identifiers and personal data are never recorded.',
      ),
    );
    assert.equal(await view.getByTestId('policy-link').textContent(), german(de, 'View telemetry policy'));
    // Rendered by the browser script from the state message (src/webview/media/).
    await view
      .getByTestId('refresh')
      .filter({ hasText: german(de, 'Refresh') })
      .waitFor({ timeout: 30_000 });
    const privacy = view.getByTestId('privacy-state');
    await privacy.filter({ hasText: german(de, 'Recording level: {0}').replace('{0}', 'off') }).waitFor();
    assert.ok(((await privacy.textContent()) ?? '').startsWith(german(de, 'Off — {0}').replace('{0}', '')));
    await view.getByRole('heading', { name: german(de, 'What is never collected') }).waitFor();
    await view.getByRole('heading', { name: german(de, 'Sent history') }).waitFor();
    // The catalog's own texts, looked up by their English words (src/webview/viewState.ts).
    const never = view.getByTestId('never-list').locator('li');
    assert.equal(await never.first().textContent(), german(de, NEVER_COLLECTED[0] ?? ''));
    const runEvent = describeCollection().events.find((event) => event.name === 'ide.run');
    await view.getByText(german(de, runEvent?.description ?? ''), { exact: true }).waitFor({ timeout: 10_000 });
  });

  it('shows "Get started with Candor" in German, with the German page of each step', async () => {
    const nls = readBundle('package.nls.de.json');
    await page.keyboard.press('Escape');
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const title = nls['walkthrough.getStarted.title'] ?? '';
    const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await choice.waitFor({ timeout: 20_000 });
    await choice.click();
    const walkthrough = page.locator('.gettingStartedContainer');
    const firstStep = nls['walkthrough.getStarted.enable.title'] ?? '';
    await walkthrough.locator('.getting-started-step', { hasText: firstStep }).first().waitFor({ timeout: 30_000 });
    // The open step's page is the German file (media/walkthrough/enable.de.md), rendered in a webview.
    const germanPage = nls['walkthrough.getStarted.enable.markdown'] ?? '';
    assert.match(germanPage, /\.de\.md$/);
    const sentence = /^[^\n#][^.]*\./m.exec(fs.readFileSync(path.join(e2e().repoRoot, germanPage), 'utf8'))?.[0] ?? '';
    assert.ok(sentence.length > 10, `no sentence found in ${germanPage}`);
    for (const deadline = Date.now() + 30_000; ;) {
      let found = false;
      for (const frame of page.frames()) {
        found ||=
          (await frame
            .locator('p', { hasText: sentence })
            .count()
            .catch(() => 0)) > 0;
      }
      if (found) {
        break;
      }
      assert.ok(Date.now() < deadline, `the German page's words "${sentence}" are not shown`);
      await page.waitForTimeout(250); // poll: the page is rendered in a webview frame
    }
  });
});
