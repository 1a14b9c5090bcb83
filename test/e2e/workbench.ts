// Typed access to the real workbench started by hooks.mjs, and the few
// gestures the tests make as a person would: keyboard, accessible names, frames.
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** A VS Code server started by the harness (scripts/lib/server.mjs). */
export interface ServerHandle {
  readonly url: string;
  readonly stateDir: string;
  workbenchUrl(options: { folder?: string; extensionDevelopmentPath?: string }): string;
  stop(): Promise<void>;
}

interface E2EContext {
  readonly repoRoot: string;
  readonly startServer: (options: { env?: Record<string, string>; userSettings?: Record<string, unknown> }) => Promise<ServerHandle>;
  readonly launchBrowser: () => Promise<Browser>;
  readonly page: Page;
  readonly workspace: string;
  readonly serverUrl: string;
  readonly userSettingsFile: string;
  readonly globalStorageDir: string;
  readonly workbenchUrl: string;
}

export function e2e(): E2EContext {
  const context = (globalThis as { candorE2E?: E2EContext }).candorE2E;
  if (!context) throw new Error('The e2e root hooks (test/e2e/hooks.mjs) did not start the workbench');
  return context;
}

/** Opens the workbench and waits until Candor's status-bar item is there. */
export async function openWorkbench(): Promise<Page> {
  const { page, workbenchUrl } = e2e();
  await page.goto(workbenchUrl);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await candorStatusItem(page).waitFor({ timeout: 90_000 });
  return page;
}

/** Candor's status-bar item, found by its accessible name. */
export function candorStatusItem(page: Page): Locator {
  return page.locator('footer[role="status"], .part.statusbar').getByRole('button', { name: /^Candor telemetry/ });
}

/** Runs a command from the palette by typing its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page);
  await page.keyboard.type(title);
  // The row whose label is exactly the title: similar commands may be listed above it.
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const option = page.locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await option.waitFor({ timeout: 20_000 });
  await option.click();
}

export async function openPalette(page: Page): Promise<Locator> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 20_000 });
  // F1 opens the palette in command mode ('>'); start from exactly that.
  await input.fill('>');
  return input;
}

/** The content frame of a webview: the workbench nests it two iframes deep. */
export function webviewContent(page: Page, title: string): FrameLocator {
  return page
    .frameLocator(`iframe.webview.ready[title="${title}"], iframe.webview.ready`)
    .frameLocator('iframe#active-frame');
}

/**
 * The content frame of the webview whose page title is `title`. Unlike
 * webviewContent it tells two open webviews apart, by the document they show.
 */
export async function webviewFrame(page: Page, title: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame.title().catch(() => '');
      if (found === title) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview titled "${title}" within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}
