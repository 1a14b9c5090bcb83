// The published vocabularies against the mapping functions and the catalog:
// planted secrets never survive a mapping, every published value survives
// unchanged, the catalog accepts exactly the vocabularies, and the generated
// ESLint rule list matches the installed packages.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { InvalidEventError, describeCollection, renderCollectionMarkdown, validateEvent } from '../../src/core/catalog';
import {
  KNOWN_EXCEPTION_TYPES,
  KNOWN_RUNTIMES,
  mapDiagnostic,
  mapExceptionType,
  mapExitCode,
  mapRuntime,
  parseExceptionTypeFromText,
} from '../../src/core/errorCodes';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { DIAGNOSTIC_CODE_VOCABULARIES } from '../../src/core/vocabularies/diagnosticCodes';
import { DIAGNOSTIC_SOURCE_ENTRIES } from '../../src/core/vocabularies/diagnosticSources';
import { DIAGNOSTIC_SOURCES } from '../../src/core/vocabularies/diagnostics';
import { ESLINT_CORE_RULES, TYPESCRIPT_ESLINT_RULES } from '../../src/core/vocabularies/eslintRules.generated';
import { QUALIFIED_BUILTINS, UNQUALIFIED_BUILTINS } from '../../src/core/vocabularies/exceptionTypes';
import { EXIT_CODE_TOKENS, SIGNAL_NAMES, WINDOWS_STATUS_CODES } from '../../src/core/vocabularies/exitCodes';
import { PUBLISHED_VOCABULARIES } from '../../src/core/vocabularies/published';
import { DEBUG_RUNTIMES, TASK_RUNTIMES } from '../../src/core/vocabularies/runtimes';

import { planted, publishedValueEvents } from '../support/vocabularyGenerators';

const root = path.resolve(__dirname, '..', '..', '..');

const listedSource = fc.constantFrom(...DIAGNOSTIC_SOURCE_ENTRIES.map((entry) => entry.name));
const RUNS = { numRuns: 400 };

function contains(value: string, fragment: string): boolean {
  return value.toLowerCase().includes(fragment.toLowerCase());
}

function randomCase(text: string, flips: readonly boolean[]): string {
  return [...text].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char.toLowerCase())).join('');
}

describe('vocabularies', () => {
  describe('planted fragments never survive a mapping', () => {
    it('an unlisted diagnostic source, and every code of it, become "other"', () => {
      fc.assert(
        fc.property(
          planted,
          fc.oneof(
            planted.map((p) => p.text),
            fc.constant('TS2304'),
            fc.constant(2304),
          ),
          ({ text }, code) => {
            assert.deepEqual(mapDiagnostic(text, code), { source: 'other', code: 'other' });
          },
        ),
        RUNS,
      );
    });

    it('a listed source\'s code with a planted fragment becomes "other", also as { value, target }', () => {
      fc.assert(
        fc.property(listedSource, planted, (source, { text }) => {
          assert.equal(mapDiagnostic(source, text).code, 'other', `${source} / ${text}`);
          assert.equal(
            mapDiagnostic(source, { value: text, target: text }).code,
            'other',
            `${source} / { value: ${text} }`,
          );
        }),
        RUNS,
      );
    });

    it('numbers that identify a moment or an install never survive as a code or an exit code', () => {
      fc.assert(
        fc.property(listedSource, fc.integer({ min: 1_000_000_000, max: Number.MAX_SAFE_INTEGER }), (source, n) => {
          // Java problem ids are up to 10 digits; only those with the compiler's id structure are kept.
          const code = mapDiagnostic(source, n).code;
          assert.ok(code === 'other' || (source === 'Java' && n % 0x1000000 < 2048), `${source} / ${n} → ${code}`);
          assert.ok(!mapExitCode(n).includes(String(n)) || n === 2 ** 32 - 1, `${n} → ${mapExitCode(n)}`);
        }),
        RUNS,
      );
      assert.equal(mapDiagnostic('Java', 1732282800).code, 'other');
      assert.equal(mapDiagnostic('Java', 16777218).code, '16777218');
    });

    it('exception types, exception texts, exit codes and runtimes fall back to their "other" value', () => {
      fc.assert(
        fc.property(planted, fc.constantFrom<'debug' | 'task'>('debug', 'task'), ({ text, fragment }, kind) => {
          assert.equal(mapExceptionType(text), 'user_defined', text);
          assert.equal(mapExitCode(text), 'exit:other', text);
          assert.equal(mapRuntime(text, kind), 'other', text);
          const parsed = parseExceptionTypeFromText(`${text}\n${text}: ${text}\nUncaught ${text}`);
          assert.ok(KNOWN_EXCEPTION_TYPES.has(parsed) && !contains(parsed, fragment), `${text} → ${parsed}`);
        }),
        RUNS,
      );
    });
  });

  describe('every published value survives unchanged', () => {
    it('every source string a listed tool publishes, in any case, maps to that tool', () => {
      for (const entry of DIAGNOSTIC_SOURCE_ENTRIES) {
        for (const published of [...entry.published, entry.name]) {
          assert.equal(mapDiagnostic(published, undefined).source, entry.name, published);
          fc.assert(
            fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (flips) => {
              assert.equal(mapDiagnostic(randomCase(published, flips), undefined).source, entry.name);
            }),
            { numRuns: 20 },
          );
        }
      }
    });

    it('every listed code of every source, as a string and as { value, target }', () => {
      for (const [source, vocabulary] of Object.entries(DIAGNOSTIC_CODE_VOCABULARIES)) {
        for (const code of vocabulary.lists.flatMap((list) => list.names)) {
          assert.deepEqual(mapDiagnostic(source, code), { source, code });
          assert.deepEqual(mapDiagnostic(source, { value: code, target: 'https://example.invalid/rule' }), {
            source,
            code,
          });
        }
      }
      assert.ok(
        ESLINT_CORE_RULES.includes('no-unused-vars') &&
          TYPESCRIPT_ESLINT_RULES.includes('@typescript-eslint/no-explicit-any'),
      );
    });

    it("every code that fits a source's grammar", () => {
      for (const [source, vocabulary] of Object.entries(DIAGNOSTIC_CODE_VOCABULARIES)) {
        for (const grammar of vocabulary.grammars) {
          fc.assert(
            fc.property(
              fc.stringMatching(grammar.pattern).filter((code) => grammar.accepts?.(code) ?? true),
              (code) => {
                assert.deepEqual(mapDiagnostic(source, code), { source, code }, `${source} / ${code}`);
              },
            ),
            { numRuns: 100 },
          );
        }
      }
      assert.deepEqual(mapDiagnostic('ts', 2304), { source: 'ts', code: 'TS2304' });
      assert.deepEqual(mapDiagnostic('pylint', 'C0301:line-too-long'), { source: 'pylint', code: 'C0301' });
    });

    it('every exit code, from the number or name a debugger or task reports', () => {
      for (let status = 0; status <= 255; status++) {
        assert.equal(mapExitCode(status), `exit:${status}`);
        assert.equal(mapExitCode(String(status)), `exit:${status}`);
      }
      assert.equal(mapExitCode(-1), 'exit:-1');
      assert.equal(mapExitCode(0xffffffff), 'exit:-1');
      for (const signal of SIGNAL_NAMES) {
        assert.equal(mapExitCode(signal), `exit:${signal}`);
      }
      for (const hex of Object.keys(WINDOWS_STATUS_CODES)) {
        const unsigned = Number(hex);
        assert.equal(mapExitCode(unsigned), `exit:${hex}`, hex);
        assert.equal(mapExitCode(unsigned | 0), `exit:${hex}`, `${hex} as a signed 32-bit number`);
        assert.equal(mapExitCode(hex.toLowerCase()), `exit:${hex}`);
      }
      const produced = new Set([
        ...Array.from({ length: 256 }, (_, s) => mapExitCode(s)),
        mapExitCode(-1),
        mapExitCode('x'),
        ...SIGNAL_NAMES.map(mapExitCode),
        ...Object.keys(WINDOWS_STATUS_CODES).map(mapExitCode),
      ]);
      assert.deepEqual(
        [...produced].sort(),
        [...EXIT_CODE_TOKENS].sort(),
        'the mapping produces exactly the published exit codes',
      );
    });

    it('every exception type and every debug and task type', () => {
      for (const name of [...UNQUALIFIED_BUILTINS, ...QUALIFIED_BUILTINS]) {
        assert.equal(mapExceptionType(name), name);
      }
      for (const [table, kind] of [
        [DEBUG_RUNTIMES, 'debug'],
        [TASK_RUNTIMES, 'task'],
      ] as const) {
        for (const [type, runtime] of Object.entries(table)) {
          assert.equal(mapRuntime(type, kind), runtime, type);
        }
      }
    });

    it('every published value passes the catalog and the privacy guard', () => {
      const guard = createPrivacyGuard({
        userName: 'quinlan',
        homeDir: '/home/quinlan',
        hostName: 'quinlan-laptop.local',
      });
      const events = publishedValueEvents();
      for (const [name, props] of events) {
        assert.deepEqual(guard.checkEvent(validateEvent(name, props)), { ok: true }, JSON.stringify(props));
      }
    });
  });

  describe('the catalog accepts only vocabulary values', () => {
    function rejected(name: string, props: Record<string, unknown>): boolean {
      try {
        validateEvent(name, props);
        return false;
      } catch (error) {
        assert.ok(error instanceof InvalidEventError);
        return true;
      }
    }

    it('rejects any ide.* string outside its vocabulary, planted or random', () => {
      const value = fc.oneof(
        planted.map((p) => p.text),
        fc.string({ maxLength: 70 }),
      );
      fc.assert(
        fc.property(value, (text) => {
          fc.pre(!KNOWN_RUNTIMES.has(text) && !KNOWN_EXCEPTION_TYPES.has(text) && !DIAGNOSTIC_SOURCES.includes(text));
          assert.ok(rejected('ide.run', { kind: 'debug', runtime: text }), text);
          assert.ok(rejected('ide.error', { origin: 'exception', code: text }), text);
          assert.ok(rejected('ide.error', { origin: 'exit', code: text }), text);
          assert.ok(
            rejected('ide.error', { origin: 'diagnostic', source: text, code: 'other', severity: 'error' }),
            text,
          );
        }),
        RUNS,
      );
      fc.assert(
        fc.property(listedSource, planted, (source, { text }) => {
          assert.ok(
            rejected('ide.error', { origin: 'diagnostic', source, code: text, severity: 'error' }),
            `${source} / ${text}`,
          );
        }),
        RUNS,
      );
    });

    it('rejects a code that belongs to another tool, and any code but "other" for the "other" source', () => {
      assert.ok(
        rejected('ide.error', { origin: 'diagnostic', source: 'ts', code: 'no-unused-vars', severity: 'error' }),
      );
      assert.ok(rejected('ide.error', { origin: 'diagnostic', source: 'eslint', code: 'TS2304', severity: 'error' }));
      assert.ok(rejected('ide.error', { origin: 'diagnostic', source: 'other', code: 'TS2304', severity: 'error' }));
      assert.ok(rejected('ide.error', { origin: 'diagnostic', source: 'other', code: 'unknown', severity: 'error' }));
      assert.ok(rejected('ide.error', { origin: 'exit', code: 'exit:unknown' }));
      assert.ok(rejected('ide.error', { origin: 'exit', code: 'exit:3221225477' }));
      assert.ok(!rejected('ide.error', { origin: 'diagnostic', source: 'other', code: 'other', severity: 'error' }));
      assert.ok(!rejected('ide.error', { origin: 'diagnostic', source: 'eslint', code: 'unknown', severity: 'error' }));
    });
  });

  describe('published lists', () => {
    it('the ESLint rule list is what the installed eslint and typescript-eslint publish (run "npm run vocab" after upgrading them)', () => {
      const expected = execFileSync(
        process.execPath,
        [path.join(root, 'scripts', 'generate-vocabularies.mjs'), '--print'],
        { encoding: 'utf8' },
      );
      const committed = fs.readFileSync(
        path.join(root, 'src', 'core', 'vocabularies', 'eslintRules.generated.ts'),
        'utf8',
      );
      assert.equal(committed, expected);
    });

    it('gives every ide.* property a closed list: a short enumeration or a published vocabulary, linked from the docs', () => {
      const markdown = renderCollectionMarkdown();
      let linked = 0;
      for (const event of describeCollection().events.filter((e) => e.name.startsWith('ide.'))) {
        for (const property of event.shapes.flatMap((shape) => shape.properties)) {
          assert.ok(
            property.values !== undefined || property.vocabulary !== undefined,
            `${event.name}.${property.name} accepts a free-form value`,
          );
          if (property.vocabulary !== undefined) {
            linked++;
            assert.ok(markdown.includes(`<a id="${property.vocabulary.anchor}"></a>`), property.vocabulary.anchor);
            assert.ok(
              markdown.includes(`(#${property.vocabulary.anchor})`),
              `${event.name}.${property.name} links its list`,
            );
          }
        }
      }
      assert.equal(linked, 5, 'runtime, source, diagnostic code, exception type and exit code');
    });

    it('documents every value of every vocabulary', () => {
      const ids = PUBLISHED_VOCABULARIES.map((vocabulary) => vocabulary.id);
      assert.deepEqual(ids, ['runtimes', 'diagnostic-sources', 'diagnostic-codes', 'exception-types', 'exit-codes']);
      const documented = new Set(
        PUBLISHED_VOCABULARIES.flatMap((v) => v.sections.flatMap((s) => s.entries.map((e) => e.value))),
      );
      for (const value of [
        ...KNOWN_RUNTIMES,
        ...KNOWN_EXCEPTION_TYPES,
        ...DIAGNOSTIC_SOURCES,
        ...EXIT_CODE_TOKENS.filter((t) => !/^exit:\d+$/.test(t) && t !== 'exit:-1'),
      ]) {
        assert.ok(documented.has(value), value);
      }
    });
  });
});
