// Helpers for tests that run inside the real extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivationResult } from '../../src/extension';
import type { StoredCounter } from '../../src/core/store';
import type { ConsentDecision } from '../../src/core/types';
import type { CandorTestSurface } from '../../src/testSurface';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { WEB_CLIENT } from '../support/fixtures';

export const EXTENSION_ID = 'candor.candor';

/** What the tests reach inside the running extension; typed by the extension itself. */
export type TestSurface = CandorTestSurface;

export async function candor(): Promise<{ api: ActivationResult; t: TestSurface }> {
  const extension = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api.__test, 'the extension did not expose its test surface (not in test mode?)');
  // The store opens on demand; the tests read it directly, as the view would after opening it.
  await api.__test.openStore();
  return { api, t: api.__test };
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Sets settings globally through VS Code's configuration API, in the order
 * given, and nothing more: Candor must notice the change through its own
 * listeners. Callers wait for Candor's reaction (the decision's reason, the
 * indicator, a `track()` outcome), never apply the change themselves.
 */
export async function configure(settings: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    const dot = key.lastIndexOf('.');
    const section = key.startsWith('candor.') ? 'candor' : key.slice(0, dot);
    const name = key.startsWith('candor.') ? key.slice('candor.'.length) : key.slice(dot + 1);
    await vscode.workspace.getConfiguration(section).update(name, value, vscode.ConfigurationTarget.Global);
  }
}

/** How long Candor may take to react to a settings change it was told about by VS Code. */
const REACTION_MS = 30_000;

/** Waits until Candor's live decision satisfies `accept`, i.e. until it has reacted to a change. */
export async function consentReacted(
  what: string,
  accept: (decision: ConsentDecision) => boolean,
): Promise<ConsentDecision> {
  const { t } = await candor();
  try {
    return await waitFor(
      `Candor's consent to show ${what}`,
      () => (accept(t.consent.decision) ? t.consent.decision : undefined),
      REACTION_MS,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; the decision is still "${t.consent.decision.reason}"`);
  }
}

/** Waits until Candor's status-bar indicator shows text and tooltip matching the patterns. */
export async function indicatorShows(text: RegExp, tooltip?: RegExp): Promise<void> {
  const { t } = await candor();
  try {
    await waitFor(
      `the indicator to show ${String(text)}`,
      () => text.test(t.indicator.shown.text) && (tooltip === undefined || tooltip.test(t.indicator.shown.tooltip)),
      REACTION_MS,
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; it shows "${t.indicator.shown.text}" / "${t.indicator.shown.tooltip}"`,
    );
  }
}

export async function enableAll(): Promise<void> {
  await configure({
    'telemetry.telemetryLevel': 'all',
    'candor.enabled': true,
    'candor.categories.usage': true,
    'candor.categories.errors': true,
  });
  await consentReacted(
    'usage and errors allowed',
    (d) => d.state !== 'off' && d.level === 'all' && d.categories.usage && d.categories.errors,
  );
}

/**
 * Waits until `probe` reaches exactly `expected`, starting from a known state the
 * caller set up. Overshooting fails at once, with the value seen.
 */
export async function waitForCount(
  what: string,
  probe: () => Promise<number>,
  expected: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (last !== expected) {
    assert.ok(last < expected, `${what}: expected exactly ${expected}, found ${last}`);
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} to reach ${expected} (still ${last})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await probe();
  }
}

export async function resetData(): Promise<void> {
  const { t } = await candor();
  await t.recorder.flush();
  t.recorder.clearBuffer();
  await t.store.deleteAll();
}

/** Today's (and every day's) counters of one event, after flushing what is buffered. */
export async function counters(event: string): Promise<StoredCounter[]> {
  const { t } = await candor();
  await t.flush();
  return (await t.store.counters()).flatMap((d) => d.counters).filter((c) => c.event === event);
}

export function countOf(list: readonly StoredCounter[], props: Record<string, unknown>): number {
  return list.filter((c) => Object.entries(props).every(([k, v]) => c.props[k] === v)).reduce((n, c) => n + c.count, 0);
}

/** Every byte Candor has on disk: the database file and any journal segment. */
export async function rawStorageText(): Promise<string> {
  const { t } = await candor();
  await t.recorder.flush();
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files.push(full);
      }
    }
  };
  walk(t.storeDir);
  return files.map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
}

/** The text of Candor's own log file(s) (its `{ log: true }` output channel). */
export async function candorLogText(): Promise<string> {
  const { t } = await candor();
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || !fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full, depth + 1);
      } else if (/candor/i.test(full.slice(path.dirname(t.logDir).length)) && entry.name.endsWith('.log')) {
        found.push(full);
      }
    }
  };
  // The channel's file sits under the extension host's log folder, beside or inside logDir.
  walk(path.dirname(t.logDir), 0);
  assert.ok(found.length > 0, `no Candor log file under ${path.dirname(t.logDir)}`);
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Asserts none of the secrets occurs in the text, naming where it was found. */
export function assertNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    assert.equal(text.includes(secret), false, `the secret "${secret}" reached ${where}`);
  }
}

export function debugSessionEnded(name: string, timeoutMs = 60_000): Promise<vscode.DebugSession> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`debug session "${name}" did not end`));
    }, timeoutMs);
    const listener = vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.name === name && session.parentSession === undefined) {
        clearTimeout(timer);
        listener.dispose();
        resolve(session);
      }
    });
  });
}

/** Runs a task of the demo workspace by name and resolves with its process's exit code. */
export async function runTask(name: string): Promise<number | undefined> {
  const task = (await vscode.tasks.fetchTasks()).find((candidate) => candidate.name === name);
  assert.ok(task, `the demo workspace has no "${name}" task`);
  const ended = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name === name) {
        listener.dispose();
        resolve(e.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

/** The true time: the process's start (taken before any shift) plus monotonic time. */
export function trueNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Moves the wall clock (Date.now) of this VS Code's processes to the true time plus
 * `offsetMs`, through the module scripts/run-integration.mjs preloads
 * (scripts/lib/clockOffset.cjs), and waits until this process sees it.
 */
export async function shiftClock(offsetMs: number): Promise<void> {
  const offsetFile = process.env.CANDOR_CLOCK_OFFSET_FILE;
  assert.ok(
    offsetFile,
    'CANDOR_CLOCK_OFFSET_FILE is not set: scripts/run-integration.mjs must preload scripts/lib/clockOffset.cjs',
  );
  fs.writeFileSync(offsetFile, String(offsetMs));
  await waitFor(
    `the wall clock to be shifted by ${offsetMs} ms`,
    () => Math.abs(Date.now() - trueNow() - offsetMs) < 60_000,
  );
}

/** The send time Candor chose for the pending report of `day` (0: none yet). */
export async function sendTimeOf(day: string): Promise<number> {
  const { t } = await candor();
  const record = (await t.store.reports()).find((r) => r.day === day);
  assert.ok(record, `no report of ${day}`);
  assert.equal(record.status, 'pending', `the report of ${day} is no longer pending`);
  return record.nextAttemptMs;
}

/**
 * Automatic mode: lets the clock reach the send time Candor chose for each report of
 * `days`, in turn, and has the scheduler look for due reports then, until each is
 * sent. A send time Candor moves (another request came less than an hour before)
 * is followed to its new value. Returns the wall-clock time of each request.
 */
export async function deliverAtChosenTimes(days: readonly string[]): Promise<number[]> {
  const { t } = await candor();
  for (const day of days) {
    for (let tries = 0; ; tries++) {
      assert.ok(tries < 4, `the report of ${day} was never sent at its send time`);
      let sendAt = await sendTimeOf(day);
      if (sendAt === 0) {
        await t.uploads.run(); // Candor chooses its send time when it first looks at it
        sendAt = await sendTimeOf(day);
      }
      assert.ok(sendAt > Date.now(), `the report of ${day} was due already: it would have been sent`);
      await shiftClock(sendAt + 2_000 - trueNow());
      await t.uploads.run();
      const record = (await t.store.reports()).find((r) => r.day === day);
      if (record?.status === 'sent') {
        break;
      }
    }
  }
  const receipts = await t.store.receipts();
  return days.map((day) => {
    const sent = receipts.find((r) => r.day === day && r.outcome === 'sent');
    assert.ok(sent, `no receipt for the report of ${day}`);
    return sent.atMs;
  });
}

/** The user turned sharing on (usage and errors) at `atMs`: closed days from then on may be uploaded. */
export async function logSharingSince(atMs: number): Promise<void> {
  const { t } = await candor();
  await t.store.logConsent({
    atMs,
    level: 'all',
    state: 'sharing',
    reason: 'Sharing — test',
    enabled: true,
    usage: true,
    errors: true,
    dnt: false,
  });
}

/** `day`'s report as Candor stores it, holding `count` runs of a Node.js debug session. */
export function nodeRunsReport(day: string, count: number): string {
  return serializeReport(
    buildDailyReport(day, WEB_CLIENT, [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count }]),
  );
}

/** Stores `day`'s report of `count` Node.js debug runs as pending. */
export async function plantPendingRuns(day: string, count: number): Promise<void> {
  const { t } = await candor();
  assert.equal(await t.store.upsertPendingReport(day, nodeRunsReport(day, count)), true, `${day}: not stored`);
}

/**
 * Closes every webview tab (Candor's payload view and Insights). A visible view refreshes on
 * every data change, and a refresh closes finished days, so a view left open by one test
 * would close days behind the next. Text editors stay, so no save prompt can appear.
 */
export async function closeViews(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  const views = tabs.filter((tab) => tab.input instanceof vscode.TabInputWebview);
  if (views.length > 0) {
    await vscode.window.tabGroups.close(views);
  }
}
