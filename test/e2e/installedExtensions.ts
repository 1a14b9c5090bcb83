// A VS Code of its own with Candor and other extensions installed from .vsix
// packages next to it, started normally: VS Code's test mode loads one
// development extension and hides installed ones, so the tests of extensions
// declaring their own events run this way (scripts/lib/extensionPackages.mjs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CandorStore, type StoredCounter } from '../../src/core/store';
import { REPORT_DIR_VARIABLE, type FixtureReport } from '../fixtures/fixtureReport';
import { candorLogs, candorStatusItem, e2e, runCommand, type ServerHandle } from './workbench';

export type PackagedExtension = 'valid' | 'invalid' | 'demo';

/** Packages built once per run (the e2e layer builds Candor's dist/ before it starts). */
const packagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-vsix-'));
process.once('exit', () => fs.rmSync(packagesDir, { recursive: true, force: true }));
const built = new Map<string, Promise<string>>();

/** Compiled to out/test/e2e/, three levels below the repository. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const EXTENSION_DIRS: Readonly<Record<PackagedExtension, string>> = {
  valid: path.join(repoRoot, 'test', 'fixtures', 'valid-extension'),
  invalid: path.join(repoRoot, 'test', 'fixtures', 'invalid-extension'),
  demo: path.join(repoRoot, 'extensions', 'candor-demo'),
};

export function extensionDir(which: PackagedExtension): string {
  return EXTENSION_DIRS[which];
}

/** The extension's `publisher.name`, as its package.json writes it. */
export function manifestId(which: PackagedExtension): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir(which), 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  return `${manifest.publisher}.${manifest.name}`;
}

/** The id Candor namespaces this extension's events with (lowercased `publisher.name`). */
export function extensionIdOf(which: PackagedExtension): string {
  return manifestId(which).toLowerCase();
}

function packaged(which: PackagedExtension | 'candor'): Promise<string> {
  let file = built.get(which);
  if (file === undefined) {
    const packages = e2e().extensionPackages;
    const out = path.join(packagesDir, `${which}.vsix`);
    file =
      which === 'candor'
        ? Promise.resolve().then(() => packages.packageCandor(out))
        : packages.packageExtension(extensionDir(which), out);
    built.set(which, file);
  }
  return file;
}

export interface InstalledSession {
  readonly server: ServerHandle;
  readonly page: Page;
  readonly reportDir: string;
  readonly globalStorageDir: string;
  readonly logsDir: string;
  readonly userSettingsFile: string;
  /** Every counter of every day in Candor's database file, read as another window would. */
  counters(): Promise<StoredCounter[]>;
  /** The report a fixture extension wrote once its steps ran. */
  fixtureReport(which: PackagedExtension, timeoutMs?: number): Promise<FixtureReport>;
  /** The text of Candor's log files. */
  candorLogText(): string;
  stop(): Promise<void>;
}

/** Installs Candor and `extensions`, starts VS Code with the demo workspace open and waits for Candor. */
export async function startWithInstalled(
  extensions: readonly PackagedExtension[],
  userSettings: Record<string, unknown>,
): Promise<InstalledSession> {
  const context = e2e();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-installed-'));
  const reportDir = path.join(stateDir, 'reports');
  fs.mkdirSync(reportDir);
  const files = await Promise.all([packaged('candor'), ...extensions.map(packaged)]);
  context.extensionPackages.installExtensions(stateDir, files);
  const server = await context.startServer({ stateDir, userSettings, env: { [REPORT_DIR_VARIABLE]: reportDir } });
  const page = await context.page.context().newPage();
  const globalStorageDir = path.join(server.userDataDir, 'User', 'globalStorage', 'candor.candor');
  const logsDir = path.join(server.userDataDir, 'logs');
  const session: InstalledSession = {
    server,
    page,
    reportDir,
    globalStorageDir,
    logsDir,
    userSettingsFile: path.join(server.userDataDir, 'User', 'settings.json'),
    async counters() {
      fs.mkdirSync(globalStorageDir, { recursive: true });
      const store = await CandorStore.open({ dir: globalStorageDir });
      try {
        return (await store.counters()).flatMap((day) => day.counters);
      } finally {
        await store.close();
      }
    },
    async fixtureReport(which, timeoutMs = 90_000) {
      const file = path.join(reportDir, `${manifestId(which)}.json`);
      const deadline = Date.now() + timeoutMs;
      while (!fs.existsSync(file)) {
        if (Date.now() > deadline) {
          throw new Error(`the ${which} fixture wrote no report within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureReport;
    },
    candorLogText() {
      return candorLogs(logsDir)
        .map((log) => log.text)
        .join('\n');
    },
    async stop() {
      await page.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
  try {
    await page.goto(server.workbenchUrl({ folder: context.workspace }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await candorStatusItem(page).waitFor({ timeout: 90_000 });
  } catch (error) {
    await session.stop();
    throw error;
  }
  return session;
}

/** Runs the demo's "Open Documentation Topic…" command and picks `topic` in its quick pick. */
export async function openDemoDocumentation(page: Page, topic: string): Promise<void> {
  await runCommand(page, 'Candor Demo: Open Documentation Topic…');
  const option = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${topic}$`) }) })
    .first();
  await option.waitFor({ timeout: 20_000 });
  await option.click();
}
