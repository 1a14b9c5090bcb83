// The outbound gate as a pure function: planted fragments never pass it, every
// published value passes it unchanged, the client block is digits, dots and
// closed lists, and a reason names the property and the rule, never the value.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createOutboundGate, withheldWords, type OutboundGate } from '../../src/core/outboundGate';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import type { ClientInfo, DailyReport, UploadFormat } from '../../src/core/types';
import { DIAGNOSTIC_CODE_VOCABULARIES } from '../../src/core/vocabularies/diagnosticCodes';
import { DeclaredEvents, setCurrentDeclaredEvents } from '../../src/core/declarations';
import { CLIENT } from '../support/fixtures';
import { DEMO_EXAMPLE_EVENT, demoDeclarations } from '../support/gate';
import { planted, publishedValueEvents } from '../support/vocabularyGenerators';

const DAY = '2026-11-21';
const FORMATS: readonly UploadFormat[] = ['candor-json', 'otlp'];
const RUNS = { numRuns: 300 };

/** The user, the machine and the open project (a workspace folder) the guard knows. */
const gate: OutboundGate = createOutboundGate(
  createPrivacyGuard({
    userName: 'alice',
    homeDir: '/home/alice',
    hostName: 'build07.acme.ch',
    extra: ['zephyrproject', 'quinlan.smith'],
  }),
);

/** Every string property of every event shape, with a valid value for each of the others. */
const SHAPES: ReadonlyArray<{ event: string; props: Record<string, string>; strings: readonly string[] }> = [
  { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, strings: ['kind', 'runtime'] },
  { event: 'ide.reset', props: { kind: 'task' }, strings: ['kind'] },
  {
    event: 'ide.error',
    props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
    strings: ['origin', 'source', 'code', 'severity'],
  },
  { event: 'ide.error', props: { origin: 'exception', code: 'TypeError' }, strings: ['code'] },
  { event: 'ide.error', props: { origin: 'exit', code: 'exit:1' }, strings: ['code'] },
  { event: DEMO_EXAMPLE_EVENT, props: { example_id: 'hello_world' }, strings: ['example_id'] },
];

function reportWith(event: string, props: Record<string, string>, client: ClientInfo = CLIENT): DailyReport {
  return { schema: 'candor.report/1', day: DAY, client, counters: [{ event, props, count: 1 }] };
}

function storedText(report: DailyReport): string {
  // Stored as an older or broken version might have written it: not re-validated on the way in.
  return JSON.stringify(report);
}

function assertWithheld(report: DailyReport, fragment: string): void {
  for (const format of FORMATS) {
    const verdict = gate.passStoredReport(DAY, storedText(report), format);
    assert.equal(verdict.ok, false, `${fragment} passed in ${format}`);
    if (!verdict.ok) {
      const words = withheldWords(verdict.withheld);
      assert.ok(!words.toLowerCase().includes(fragment.toLowerCase()), `the reason repeats ${fragment}: ${words}`);
    }
  }
}

describe('outbound gate', () => {
  // Another extension's event is checked against that extension's declaration, as installed.
  before(() => setCurrentDeclaredEvents(demoDeclarations()));
  after(() => setCurrentDeclaredEvents(DeclaredEvents.EMPTY));

  describe('planted fragments never pass', () => {
    it('in any string property of any event', () => {
      const cases = SHAPES.flatMap((shape) => shape.strings.map((property) => ({ shape, property })));
      fc.assert(
        fc.property(fc.constantFrom(...cases), planted, ({ shape, property }, { text, fragment }) => {
          const props = { ...shape.props, [property]: text };
          assert.notEqual(gate.checkCounter({ event: shape.event, props }), undefined, `${property}=${text}`);
          assertWithheld(reportWith(shape.event, props), fragment);
        }),
        RUNS,
      );
    });

    it('as an event name or a property name', () => {
      fc.assert(
        fc.property(planted, ({ text, fragment }) => {
          assert.deepEqual(gate.checkCounter({ event: text, props: {} }), { rule: 'unknown-event' });
          assertWithheld(reportWith(text, {}), fragment);
          const extra = { kind: 'debug', runtime: 'node', [text]: 'x' };
          assert.deepEqual(gate.checkCounter({ event: 'ide.run', props: extra }), {
            event: 'ide.run',
            rule: 'undeclared-property',
          });
          assertWithheld(reportWith('ide.run', extra), fragment);
        }),
        RUNS,
      );
    });

    it('in any field of the client block', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<keyof ClientInfo>('extension', 'vscode', 'os', 'arch', 'ui'),
          planted,
          (field, p) => {
            const client = { ...CLIENT, [field]: p.text };
            assert.equal(gate.checkClient(client)?.property, `client.${field}`);
            assertWithheld(reportWith('ide.reset', { kind: 'task' }, client), p.fragment);
          },
        ),
        RUNS,
      );
    });
  });

  describe('every published value passes unchanged', () => {
    it('every value of every published list, in both formats', () => {
      for (const [event, props] of publishedValueEvents()) {
        const report = buildDailyReport(DAY, CLIENT, [{ event, props, count: 2 }]);
        for (const format of FORMATS) {
          const verdict = gate.passStoredReport(DAY, serializeReport(report), format);
          assert.ok(verdict.ok, `${JSON.stringify(props)}: ${verdict.ok ? '' : withheldWords(verdict.withheld)}`);
          assert.deepEqual(verdict.value.report.counters[0]?.props, props);
          for (const value of Object.values(props)) {
            assert.ok(verdict.value.body.text.includes(JSON.stringify(value)), `${value} in ${format}`);
          }
        }
      }
    });

    it("every code that fits a listed tool's published grammar", () => {
      for (const [source, vocabulary] of Object.entries(DIAGNOSTIC_CODE_VOCABULARIES)) {
        for (const grammar of vocabulary.grammars) {
          fc.assert(
            fc.property(
              fc.stringMatching(grammar.pattern).filter((code) => grammar.accepts?.(code) ?? true),
              (code) => {
                const props = { origin: 'diagnostic', source, code, severity: 'error' };
                assert.equal(gate.checkCounter({ event: 'ide.error', props }), undefined, `${source} / ${code}`);
              },
            ),
            { numRuns: 50 },
          );
        }
      }
    });
  });

  describe('the client block', () => {
    it('takes a version of digits and dots, VS Code as major.minor, and os, arch and ui from their lists', () => {
      assert.equal(gate.checkClient(CLIENT), undefined);
      const bad: ReadonlyArray<readonly [Partial<ClientInfo>, string, string]> = [
        [{ extension: '0.1.0-alice' }, 'client.extension', 'not-digits-and-dots'],
        [{ extension: '0.1.0-beta' }, 'client.extension', 'not-digits-and-dots'],
        [{ vscode: '1.100.2' }, 'client.vscode', 'not-major-minor'],
        [{ vscode: '1' }, 'client.vscode', 'not-major-minor'],
        [{ os: 'alice-linux' }, 'client.os', 'not-in-list'],
        [{ arch: 'x86_64' }, 'client.arch', 'not-in-list'],
        [{ ui: 'remote' as ClientInfo['ui'] }, 'client.ui', 'not-in-list'],
      ];
      for (const [change, property, rule] of bad) {
        assert.deepEqual(gate.checkClient({ ...CLIENT, ...change }), { property, rule }, JSON.stringify(change));
      }
      assert.deepEqual(gate.checkClient('0.1.0'), { property: 'client', rule: 'unreadable' });
    });
  });

  describe('reasons', () => {
    it('name the property and the rule in fixed words, never the value', () => {
      const cases: ReadonlyArray<readonly [DailyReport, string]> = [
        [
          reportWith('ide.error', {
            origin: 'diagnostic',
            source: 'ts',
            code: 'src/secret/payroll',
            severity: 'error',
          }),
          'property "code" of event "ide.error" holds a value that is not in its published list',
        ],
        [reportWith('acme.secret_event', {}), 'an event is not in the catalog or declared by an installed extension'],
        [
          reportWith('candor.candor-demo:undeclared.event', {}),
          'an event is not in the catalog or declared by an installed extension',
        ],
        [
          reportWith(DEMO_EXAMPLE_EVENT, { example_id: 'inst-7f3a9c2e1b4d' }),
          `property "example_id" of event "${DEMO_EXAMPLE_EVENT}" holds a value that is not in its published list`,
        ],
        [
          reportWith(DEMO_EXAMPLE_EVENT, { example_id: 'loops', topic: 'alice@example.com' }),
          `event "${DEMO_EXAMPLE_EVENT}" has a property that is not declared`,
        ],
        [
          reportWith('ide.run', { kind: 'debug', runtime: 'node' }, { ...CLIENT, extension: '0.1.0-x' }),
          'property "client.extension" is not a version made of digits and dots',
        ],
        [reportWith('ide.run', { kind: 'debug' }), 'property "runtime" of event "ide.run" is missing'],
      ];
      for (const [report, words] of cases) {
        const verdict = gate.passStoredReport(DAY, storedText(report), 'candor-json');
        assert.equal(verdict.ok ? 'passed' : withheldWords(verdict.withheld), words);
      }
      const unreadable = gate.passStoredReport(DAY, '{ broken', 'otlp');
      assert.equal(
        unreadable.ok ? '' : withheldWords(unreadable.withheld),
        'the report is not in a form Candor can read',
      );
      const moved = gate.passStoredReport('2026-11-20', serializeReport(buildDailyReport(DAY, CLIENT, [])), 'otlp');
      assert.equal(moved.ok ? '' : withheldWords(moved.withheld), 'the report is stored under another day');
    });

    it('a day that looks like a path is withheld, in a report built in memory too', () => {
      const report = { ...buildDailyReport(DAY, CLIENT, []), day: '/home/x' };
      const verdict = gate.passReport(report, 'candor-json');
      assert.deepEqual(verdict, { ok: false, withheld: { rule: 'path' } });
    });
  });

  it('a passing report is sent as its canonical text, whatever duplicate keys the stored text held', () => {
    const clean = serializeReport(
      buildDailyReport(DAY, CLIENT, [{ event: 'ide.reset', props: { kind: 'task' }, count: 1 }]),
    );
    // JSON.parse keeps the last of two equal keys: the first one never reaches the bytes that leave.
    const tampered = clean.replace('"kind":"task"', '"kind":"/home/alice/secret","kind":"task"');
    const verdict = gate.passStoredReport(DAY, tampered, 'candor-json');
    assert.ok(verdict.ok);
    assert.equal(verdict.value.body.text, clean);
  });
});
