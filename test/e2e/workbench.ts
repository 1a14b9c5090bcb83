// Typed access to the real workbench started by hooks.mjs, and the few
// gestures the tests make as a person would: keyboard, accessible names, frames.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** A VS Code server started by the harness (scripts/lib/server.mjs). */
export interface ServerHandle {
  readonly url: string;
  readonly stateDir: string;
  readonly userDataDir: string;
  workbenchUrl(options: { folder?: string; extensionDevelopmentPath?: string }): string;
  stop(): Promise<void>;
}

/** scripts/lib/extensionPackages.mjs: packaging and installing extensions as .vsix files. */
export interface ExtensionPackages {
  packageCandor(outFile: string): string;
  packageExtension(dir: string, outFile: string): Promise<string>;
  installExtensions(stateDir: string, vsixFiles: readonly string[]): void;
}

interface E2EContext {
  readonly repoRoot: string;
  readonly startServer: (options: {
    env?: Record<string, string>;
    userSettings?: Record<string, unknown>;
    /** A state folder prepared beforehand (user data, extensions); a fresh one otherwise. */
    stateDir?: string;
  }) => Promise<ServerHandle>;
  readonly launchBrowser: (extraArgs?: string[]) => Promise<Browser>;
  /** code-server's entry script (`node <it> --install-extension <vsix>`). */
  readonly codeServerEntry: string;
  readonly extensionPackages: ExtensionPackages;
  readonly page: Page;
  readonly workspace: string;
  readonly serverUrl: string;
  readonly userSettingsFile: string;
  readonly globalStorageDir: string;
  readonly logsDir: string;
  readonly workbenchUrl: string;
}

export function e2e(): E2EContext {
  const context = (globalThis as { candorE2E?: E2EContext }).candorE2E;
  if (!context) {
    throw new Error('The e2e root hooks (test/e2e/hooks.mjs) did not start the workbench');
  }
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
  const option = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await option.waitFor({ timeout: 20_000 });
  await option.click();
}

/**
 * Runs a task of the demo workspace from the palette, as a person would, through
 * quick access's "task " prefix: the tasks are listed in the palette itself, so
 * there is no second list to wait for. A click lost while the list re-renders
 * leaves the palette open with the same text, and is tried again; nothing that
 * started the task is ever repeated.
 */
export async function runWorkspaceTask(page: Page, name: string): Promise<void> {
  const query = `task ${name}`;
  for (let attempt = 1; ; attempt += 1) {
    const input = await openPalette(page);
    await input.fill(query);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    try {
      // The list fills in once the task providers have answered, which can take long on a loaded machine.
      await row.waitFor({ timeout: 45_000 });
      await row.click();
      await input.waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    } catch (error) {
      const stillAsked = (await input.isVisible()) && (await input.inputValue()) === query;
      if (!stillAsked) {
        return; // the palette moved on: the task started (or asks something the test will see)
      }
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
}

export async function openPalette(page: Page): Promise<Locator> {
  const input = page.locator('.quick-input-widget input.input');
  // F1 is swallowed now and then on a loaded machine (focus inside a terminal
  // or a webview frame that is still loading), so try a few ways before giving up.
  const attempts: readonly (() => Promise<void>)[] = [
    () => page.keyboard.press('F1'),
    () => page.keyboard.press('Control+Shift+P'),
    () => page.keyboard.press('F1'),
  ];
  for (const [index, attempt] of attempts.entries()) {
    const last = index === attempts.length - 1;
    if (index === 0) {
      await page
        .locator('.monaco-workbench')
        .click({ position: { x: 700, y: 400 } })
        .catch(() => undefined);
    } else {
      await page.keyboard.press('Escape').catch(() => undefined);
    }
    await attempt();
    try {
      await input.waitFor({ timeout: last ? 20_000 : 8_000 });
      break;
    } catch (error) {
      if (last) {
        throw error;
      }
    }
  }
  // F1 opens the palette in command mode ('>'); start from exactly that.
  await input.fill('>');
  return input;
}

/**
 * The content frame of the webview panel titled `title`: its editor tab is the
 * active one, and the document inside the frame carries that title. (The
 * workbench nests the content two iframes deep and gives the iframes no title.)
 */
export async function webviewContent(page: Page, title: string, timeoutMs = 30_000): Promise<FrameLocator> {
  await page
    .getByRole('tab', { name: title })
    .and(page.locator('[aria-selected="true"]'))
    .first()
    .waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  for (;;) {
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await frames.count()); i++) {
      const name = await frames.nth(i).getAttribute('name');
      if (!name) {
        continue;
      }
      const content = page
        .locator(`iframe.webview.ready[name="${name}"]`)
        .contentFrame()
        .locator('iframe#active-frame')
        .contentFrame();
      const found = await content
        .locator('head > title')
        .textContent({ timeout: 2_000 })
        .catch(() => undefined);
      if (found === title) {
        return content;
      }
      if (found) {
        seen.push(found);
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview titled "${title}" (found: ${JSON.stringify([...new Set(seen)])})`);
    }
    await page.waitForTimeout(250); // poll: the webview's document may still be loading
  }
}

/** The text of every Candor log file under `logsDir`, one entry per extension host that wrote one. */
export function candorLogs(logsDir: string): { readonly file: string; readonly text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6 || !fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full, depth + 1);
      } else if (entry.name.endsWith('.log') && /candor/i.test(path.relative(logsDir, full))) {
        found.push({ file: full, text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(logsDir, 0);
  return found;
}

/**
 * The content frame of the webview whose page title is `title`. Unlike
 * webviewContent it tells two open webviews apart, by the document they show.
 */
export async function webviewFrame(page: Page, title: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) {
        continue;
      }
      const found = await frame.title().catch(() => '');
      if (found === title) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview titled "${title}" within ${timeoutMs} ms`);
    }
    await page.waitForTimeout(250);
  }
}
