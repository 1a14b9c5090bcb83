// Extensions that declare their own events, in the real extension host: the
// two fixture extensions of test/fixtures and the demo extension are installed
// as packages next to Candor, run their scripted steps when VS Code starts, and
// the test checks what they saw, Candor's real database file and Candor's log.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoredCounter } from '../../src/core/store';
import { extensionIdOf, startWithInstalled, type InstalledSession } from './installedExtensions';
import { runCommand, webviewContent } from './workbench';

const VALID = extensionIdOf('valid');

/** What the valid fixture's scripted steps store (test/fixtures/valid-extension/src/extension.ts). */
const VALID_STORED = [
  // VS Code's logger hands the sender a rebuilt plain Error; its type survives, its message does not.
  `${VALID}:error.exception [["type","TypeError"]] ×1`,
  `${VALID}:fixture.failed [["stage","save"]] ×1`,
  `${VALID}:fixture.logged [["variant","beta"]] ×1`,
  `${VALID}:fixture.opened [["from_menu",true],["step",3],["variant","alpha"]] ×1`,
];
const INVALID = extensionIdOf('invalid');
const DEMO = extensionIdOf('demo');

function counterText(counter: StoredCounter): string {
  const props = Object.entries(counter.props).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${counter.event} ${JSON.stringify(props)} ×${counter.count}`;
}

/** The counters of one extension's events, as sorted text. */
function countersOf(all: readonly StoredCounter[], extensionId: string): string[] {
  return all
    .filter((counter) => counter.event.startsWith(`${extensionId}:`))
    .map(counterText)
    .sort();
}

async function waitUntil<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('extensions declaring their own events, installed next to Candor', function () {
  this.timeout(300_000);
  let session: InstalledSession;

  before(async function () {
    this.timeout(300_000);
    session = await startWithInstalled(['valid', 'invalid', 'demo'], {
      'telemetry.telemetryLevel': 'all',
      'candor.enabled': true,
    });
  });

  after(async () => {
    await session?.stop();
  });

  it('the valid fixture records through track and through createTelemetryLogger(sender), in the database file', async () => {
    const report = await session.fixtureReport('valid');
    const step = (name: string) => report.steps.find((s) => s.step === name);
    assert.deepEqual(step('track'), { step: 'track', outcome: '"recorded"' });
    assert.deepEqual(step('logUsage'), { step: 'logUsage', outcome: 'returned' });
    assert.deepEqual(step('logError'), { step: 'logError', outcome: 'returned' });
    assert.deepEqual(step('logError exception'), { step: 'logError exception', outcome: 'returned' });
    const stored = await waitUntil(
      "the valid fixture's four events in the database",
      async () => countersOf(await session.counters(), VALID),
      (found) => found.length >= VALID_STORED.length,
    );
    // Exactly these: VS Code's common properties are not stored, nor the undeclared or out-of-range events.
    assert.deepEqual(stored, VALID_STORED);
    // The exception's message (a path with a user and a project name) is in no file Candor keeps.
    const files = fs.readdirSync(session.globalStorageDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((entry) => entry.isFile())) {
      const bytes = fs.readFileSync(path.join(file.parentPath, file.name));
      for (const secret of ['acme-payroll', 'fixture-user']) {
        assert.equal(bytes.includes(secret), false, `${secret} reached ${file.name}`);
      }
    }
  });

  it('an undeclared event and an out-of-range integer are rejected with a clear error, and nothing is stored', async () => {
    const report = await session.fixtureReport('valid');
    const undeclared = report.steps.find((s) => s.step === 'track undeclared');
    assert.equal(undeclared?.error?.name, 'InvalidEventError', JSON.stringify(undeclared));
    assert.match(undeclared.error.message, /fixture\.unknown/);
    const outOfRange = report.steps.find((s) => s.step === 'track out of range');
    assert.equal(outOfRange?.error?.name, 'InvalidEventError', JSON.stringify(outOfRange));
    assert.match(outOfRange.error.message, /\bstep\b/);
    assert.match(outOfRange.error.message, /0.*20/);
    const stored = countersOf(await session.counters(), VALID);
    assert.ok(
      !stored.some((line) => line.includes('fixture.unknown') || line.includes('["step",21]')),
      stored.join('\n'),
    );
  });

  it('the invalid fixture is refused whole, with a log line naming it and the rule', async () => {
    const report = await session.fixtureReport('invalid');
    assert.equal(report.steps.length, 1);
    assert.ok(report.steps[0]?.error, `the refused extension could report: ${JSON.stringify(report.steps[0])}`);
    const line = await waitUntil(
      'a log line naming the refused extension',
      () =>
        Promise.resolve(
          session
            .candorLogText()
            .split('\n')
            .find((l) => l.includes(INVALID)) ?? '',
        ),
      (found) => found !== '',
    );
    assert.match(line, /rule property-type \(event "fixture\.noted" property "note"\)/, `which rule? ${line}`);
    assert.deepEqual(countersOf(await session.counters(), INVALID), []);
  });

  it("the payload view groups today's counters by extension; a group's toggle switches that extension off and its counters disappear", async () => {
    await waitUntil(
      "the valid fixture's and the demo's counters",
      async () => await session.counters(),
      (all) => countersOf(all, VALID).length === VALID_STORED.length && countersOf(all, DEMO).length > 0,
    );
    const page = session.page;
    await runCommand(page, 'Candor: Show Telemetry Payloads');
    const view = await webviewContent(page, 'Candor: Telemetry Payloads');
    const group = (id: string) => view.locator(`[data-testid="counter-group"][data-extension="${id}"]`).first();
    const rowsOf = (id: string) =>
      view.locator(`[data-testid="counter-group"][data-extension="${id}"] [data-testid="counter-row"]`);
    await group(VALID).waitFor({ timeout: 30_000 });
    await group(DEMO).waitFor({ timeout: 30_000 });
    assert.equal((await group(VALID).locator('h4').first().textContent())?.trim(), 'Candor Fixture: Valid');
    assert.equal((await group(DEMO).locator('h4').first().textContent())?.trim(), 'Candor Demo');
    assert.equal(await rowsOf(VALID).count(), VALID_STORED.length);
    assert.ok((await rowsOf(DEMO).count()) > 0);

    const toggle = view.getByRole('switch', { name: 'Record events from Candor Demo' });
    assert.equal(await toggle.isChecked(), true);
    await toggle.click();
    await group(DEMO).waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await toggle.isChecked(), false);
    assert.equal(await rowsOf(VALID).count(), VALID_STORED.length, "the other extension's counters stay");
    const stored = await session.counters();
    assert.deepEqual(countersOf(stored, DEMO), [], "the demo's counters are purged from the database file");
    assert.equal(countersOf(stored, VALID).length, VALID_STORED.length);
  });

  it('switching the valid fixture off in the settings purges its data', async () => {
    await waitUntil(
      "the valid fixture's counters",
      async () => countersOf(await session.counters(), VALID),
      (found) => found.length === VALID_STORED.length,
    );
    await runCommand(session.page, 'Candor Fixture: Switch the Valid Fixture Off in Candor');
    const after = await waitUntil(
      "the valid fixture's counters to be purged",
      async () => await session.counters(),
      (all) => countersOf(all, VALID).length === 0,
    );
    assert.deepEqual(countersOf(after, VALID), []);
  });
});
