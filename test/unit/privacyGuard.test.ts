import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidEventError, validateEvent } from '../../src/core/catalog';
import {
  KNOWN_EXCEPTION_TYPES,
  KNOWN_RUNTIMES,
  mapDiagnostic,
  mapExceptionType,
  mapExitCode,
  mapRuntime,
  parseExceptionTypeFromText,
} from '../../src/core/errorCodes';
import { ESLINT_CORE_RULES, TYPESCRIPT_ESLINT_RULES } from '../../src/core/vocabularies/eslintRules.generated';
import { PYRIGHT_RULES } from '../../src/core/vocabularies/pyrightRules';
import {
  CLEAN_MEMO_LIMIT,
  createPrivacyGuard,
  findSensitiveShape,
  type SensitiveKind,
} from '../../src/core/privacyGuard';
import type { CatalogEvent } from '../../src/core/types';

/** Values that are legitimate catalog values and must never be flagged. */
const LEGITIMATE = [
  'TS2304',
  'E0425',
  'no-unused-vars',
  '@typescript-eslint/no-explicit-any',
  '@next/next/no-img-element',
  'react/jsx-key',
  'exit:1',
  'exit:-1073741819',
  'exit:unknown',
  'ZeroDivisionError',
  'node',
  'hello_world',
  '1.100',
  '1.100.2',
  '0.1.0-beta.2',
  'linux',
  'x64',
  'arm64',
  'desktop',
  'web',
  'unknown',
  'user_defined',
  'reportUndefinedVariable',
  'reportUnnecessaryTypeIgnoreComment',
  'java.lang.NullPointerException',
  'System.Collections.Generic.KeyNotFoundException',
  'System.Text.Json.JsonException',
  'Errno::EIO',
  'CS0103',
  'F401',
  '16777218',
  'candor.report/1',
  '2026-11-22',
  'ide.run',
  'docs.link_clicked',
  'example_id',
  'console.log',
  'process.env',
  'loops',
  'Pylance',
  'rust-analyzer',
  'deno-ts',
  'no-console',
  'key-spacing',
  'jsx-key',
  'sort-keys',
  'no-secrets',
  'token-limit',
  'share.link_created',
  'a:b',
  'TS1005',
  'reportMissingImports',
  'W0611',
  'C0114',
  'unused-import',
  'deadbeef',
  'cafe:babe',
];

const SHAPE_CASES: Readonly<Record<Exclude<SensitiveKind, 'identity'>, readonly string[]>> = {
  path: [
    '/home/alice',
    '/Users/alice/project',
    '/tmp/x',
    '/etc/passwd',
    '/var/folders/x',
    'x:/home/alice',
    'in /opt/app',
    '~',
    '~/',
    '~/project',
    '~alice/src',
    'C:\\Users\\alice',
    'c:/work/app',
    'D:\\',
    '\\\\server\\share\\x',
    'src\\index.ts',
    'file:///home/alice/a.ts',
    'FILE://c:/x',
    'file:x',
    'vscode-userdata:/home/x',
    'untitled:/x',
    'a/b/c.ts',
    'src/main.py',
    'notes.md',
    'package.json',
    'Main.java',
    'secret_plan.docx',
    './run',
    '../up',
    'lib/x.RS',
  ],
  email: ['alice@example.com', 'a.b+tag@mail.example.co.uk', 'x_alice@corp.internal', 'mailto:bob@example.org'],
  url: [
    'https://example.com',
    'http://10.0.0.1:8080/x',
    'ftp://files',
    'ssh://git@host',
    'vscode://ext',
    'wss://x.y',
    'www.example.org',
    'WWW.EXAMPLE.COM',
    'github.com/alice/repo',
    'api.acme.io:443',
    'alice-mbp.local',
  ],
  ip: [
    '10.0.0.1',
    '192.168.1.254',
    '255.255.255.255',
    'host-127.0.0.1',
    '::1',
    'fe80::1',
    '2001:db8::8a2e:370:7334',
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    '::ffff:192.0.2.128',
    'x_fe80::1ff:fe23:4567:890a',
  ],
  token: [
    `ghp_${'A1b2'.repeat(9)}`,
    `gho_${'z9'.repeat(18)}`,
    `x_ghs_${'Q'.repeat(36)}`,
    `github_pat_${'a1'.repeat(15)}`,
    'glpat-abcdefghij0123456789',
    'eyJhbGciOiJIUzI1NiJ9',
    'eyJ0eXAiOiJKV1QiLCJhbGciOi',
    'AKIAIOSFODNN7EXAMPLE',
    `AIza${'b'.repeat(35)}`,
    'xoxb-1234567890-abc',
    'xoxp-123456',
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    'rk_test_abcdefghijklmnop',
    `npm_${'a1'.repeat(18)}`,
    `pypi-${'AgEI'.repeat(5)}`,
    `sk-${'a1B2'.repeat(6)}`,
    `sk-ant-${'x9'.repeat(12)}`,
    `hf_${'Ab1'.repeat(8)}`,
    'password=hunter2',
    'PASSWORD:x',
    'api_key=abc',
    'apikey:1',
    'secret=1',
    'token:x',
    'client_secret=y',
    'auth=z',
    'pwd=q',
    'Bearer abcdefgh12345',
    'Basic dXNlcjpwYXNz',
    '--password',
    '-token',
    '123e4567-e89b-12d3-a456-426614174000',
    '0123456789abcdef0123456789abcdef',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5',
    'SG.abcdefghijklmnop.qrstuvwxyz012345',
    '-----BEGIN RSA PRIVATE KEY-----',
    'dckr_pat_abcdefghij012345',
  ],
  oversized: ['x'.repeat(257), `TS2304${' '.repeat(300)}`],
};

describe('privacyGuard', () => {
  describe('findSensitiveShape', () => {
    for (const value of LEGITIMATE) {
      it(`passes legitimate value ${JSON.stringify(value)}`, () => {
        assert.equal(findSensitiveShape(value), undefined);
      });
    }

    for (const [kind, values] of Object.entries(SHAPE_CASES)) {
      for (const value of values) {
        it(`flags ${kind}: ${JSON.stringify(value.slice(0, 40))}`, () => {
          assert.equal(findSensitiveShape(value), kind);
        });
      }
    }

    it('passes every value the mapping functions can produce', () => {
      for (const value of [...KNOWN_RUNTIMES, ...KNOWN_EXCEPTION_TYPES]) {
        assert.equal(findSensitiveShape(value), undefined, value);
      }
    });

    it('tells relative file paths from slash-separated rule names', () => {
      assert.equal(findSensitiveShape('@typescript-eslint/no-explicit-any'), undefined);
      assert.equal(findSensitiveShape('import/no-unresolved'), undefined);
      assert.equal(findSensitiveShape('import/no-unresolved.ts'), 'path');
      assert.equal(findSensitiveShape('a/b/c'), undefined, 'no leading root and no extension: not treated as a path');
      assert.equal(findSensitiveShape('a/b/c.ts'), 'path');
    });

    it('does not confuse versions and codes with IP addresses', () => {
      assert.equal(findSensitiveShape('1.100.2'), undefined);
      assert.equal(findSensitiveShape('1.2.3.4.5'), 'ip', 'an address inside a longer dotted run is still refused');
      assert.equal(findSensitiveShape('ab::cd:ef'), 'ip', 'compressed IPv6 made of hex letters');
      assert.equal(findSensitiveShape('Errno::EIO'), undefined, 'colons glued to letters are not an address');
      assert.equal(findSensitiveShape('999.1.1.1'), undefined, 'octet out of range');
      assert.equal(findSensitiveShape('1.2.3.4'), 'ip');
      assert.equal(findSensitiveShape('1:2:3:4:5:6:7'), undefined, 'seven groups without :: is not IPv6');
      assert.equal(findSensitiveShape('1:2:3:4:5:6:7:8'), 'ip');
    });

    it('flags long random runs but not long rule names', () => {
      assert.equal(findSensitiveShape('@typescript-eslint/no-unnecessary-type-assertion'), undefined);
      assert.equal(findSensitiveShape('Xk9mQ2vR7tLp4wZs8nHc3bJf6yGd1aEu'), 'token');
    });

    it('stays fast on hostile input (bounded scan)', () => {
      // Would be catastrophic for a naive e-mail pattern; here it is refused as oversized without scanning.
      assert.equal(findSensitiveShape(`a@${'a.'.repeat(50_000)}`), 'oversized');
      assert.equal(findSensitiveShape(`${'a.'.repeat(120)}!`), undefined);
    });
  });

  describe('createPrivacyGuard', () => {
    const guard = createPrivacyGuard({
      userName: 'alice',
      homeDir: '/home/alice.w/',
      hostName: 'wonderland-box.example.net',
      extra: ['ProjectZephyr', 'ab'],
    });

    it('flags the user name, home folder name and host name, case-insensitively', () => {
      for (const value of [
        'alice',
        'ALICE',
        'hello_alice',
        'alice-test',
        'x:alice',
        'alice.w',
        'wonderland-box',
        'WONDERLAND-BOX',
        'projectzephyr',
        'zephyr_ProjectZephyr',
      ]) {
        assert.equal(guard.findSensitive(value), 'identity', value);
      }
    });

    it('finds identity strings inside longer tokens, in any case', () => {
      for (const value of ['alicenotes', 'ALICENOTES', 'myAlice2', 'malice', 'ProjectZephyrus']) {
        assert.equal(guard.findSensitive(value), 'identity', value);
      }
      for (const value of ['palace', 'wonderland', 'alic']) {
        assert.equal(guard.findSensitive(value), undefined, value);
      }
    });

    it('ignores identity strings shorter than three characters', () => {
      assert.equal(guard.findSensitive('ab'), undefined);
      assert.equal(createPrivacyGuard({ userName: 'a' }).findSensitive('a_b'), undefined);
    });

    it('reports shapes before identity', () => {
      assert.equal(guard.findSensitive('/home/alice.w'), 'path');
      assert.equal(guard.findSensitive('alice@example.com'), 'email');
    });

    it('ignores generic account names that identify no one, so "node" still passes for user "node"', () => {
      const containerGuard = createPrivacyGuard({ userName: 'node', homeDir: '/home/node', hostName: 'localhost' });
      assert.equal(containerGuard.findSensitive('node'), undefined);
      assert.equal(containerGuard.findSensitive('localhost_test'), undefined);
    });

    it('does not flag fixed catalog vocabulary that happens to equal a user name', () => {
      const pythonGuard = createPrivacyGuard({ userName: 'python' });
      assert.equal(pythonGuard.findSensitive('python'), undefined);
      assert.equal(pythonGuard.findSensitive('python_intro'), 'identity');
    });

    it('treats regular-expression characters in identity literally', () => {
      const odd = createPrivacyGuard({ userName: 'a.b+c' });
      assert.equal(odd.findSensitive('a.b+c'), 'identity');
      assert.equal(odd.findSensitive('axbbc'), undefined);
    });

    it('checkEvent names the offending property and kind, never the value', () => {
      // The catalog refuses these values first; the guard is the second line of defence, so build the events directly.
      const event: CatalogEvent = { name: 'ide.run', props: { kind: 'debug', runtime: 'alice_homework' } };
      assert.deepEqual(guard.checkEvent(event), { ok: false, kind: 'identity', property: 'runtime' });
      const tokenEvent: CatalogEvent = { name: 'ide.error', props: { origin: 'exception', code: 'password:hunter2' } };
      assert.deepEqual(guard.checkEvent(tokenEvent), { ok: false, kind: 'token', property: 'code' });
      assert.deepEqual(guard.checkEvent(validateEvent('ide.run', { kind: 'debug', runtime: 'node' })), { ok: true });
      assert.deepEqual(guard.checkEvent(validateEvent('ide.reset', { kind: 'task' })), { ok: true });
    });

    it('checkEvent also checks the event name and property names', () => {
      assert.deepEqual(guard.checkEvent({ name: 'alice.event', props: {} }), {
        ok: false,
        kind: 'identity',
        property: '(event name)',
      });
      assert.deepEqual(guard.checkEvent({ name: 'x.y', props: { 'user@example.com': 1 } }), {
        ok: false,
        kind: 'email',
        property: 'user@example.com',
      });
      assert.deepEqual(guard.checkEvent({ name: 'x.y', props: { n: 1, b: true } }), { ok: true });
    });
  });

  describe('planted secrets never survive validation + guard (property-based)', () => {
    // Only names the guard treats as identifying: generic account names ("root") and catalog
    // vocabulary ("linux") are exempt by design and tested separately above.
    const userNameArb = fc.stringMatching(/^[a-z]{4,10}$/).filter((name) => {
      const probe = createPrivacyGuard({ userName: name });
      return probe.findSensitive(name) === 'identity' && findSensitiveShape(`${name}_x`) === undefined;
    });
    const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
    const sep = fc.constantFrom('', '_', '-', '.', ':', '/', '@');
    const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);

    /**
     * A secret, as a function of the user's name. Built without fc.chain (which
     * rebuilds every arbitrary on each run and made this test slow).
     */
    type Secret = (user: string) => string;
    const fixed = (arb: fc.Arbitrary<string>): fc.Arbitrary<Secret> => arb.map((value) => () => value);
    const secretArb: fc.Arbitrary<Secret> = fc.oneof(
      fc.constant((user: string) => user),
      fc.constant((user: string) => user.toUpperCase()),
      word.map((w) => (user: string) => `/home/${user}/${w}`),
      word.map((w) => (user: string) => `C:\\Users\\${user}\\${w}`),
      fixed(word.map((w) => `~/${w}`)),
      fc.tuple(word, fc.constantFrom('example.com', 'corp.internal', 'mail.co.uk')).map(
        ([w, domain]) =>
          (user: string) =>
            `${user}.${w}@${domain}`,
      ),
      fixed(alnum(36, 36).map((s) => `ghp_${s}`)),
      fixed(alnum(16, 16).map((s) => `AKIA${s.toUpperCase()}`)),
      fixed(fc.tuple(alnum(10, 20), alnum(10, 20)).map(([a, b]) => `eyJ${a}.${b}`)),
      fixed(alnum(35, 35).map((s) => `AIza${s}`)),
      fixed(alnum(8, 20).map((s) => `xoxb-${s}`)),
      fixed(alnum(24, 30).map((s) => `sk_live_${s}`)),
      fixed(alnum(36, 36).map((s) => `npm_${s}`)),
      fixed(fc.stringMatching(/^[0-9a-f]{32,40}$/)),
      fixed(fc.uuid()),
      fixed(alnum(4, 12).map((s) => `password=${s}`)),
      fixed(
        fc
          .tuple(
            fc.integer({ min: 1, max: 255 }),
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 1, max: 254 }),
          )
          .map((parts) => parts.join('.')),
      ),
      fixed(fc.stringMatching(/^[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,3}$/).map((groups) => `fe80::${groups}`)),
      fixed(word.map((w) => `https://${w}.example.com/x`)),
      fixed(word.map((w) => `www.${w}.org`)),
      fixed(word.map((w) => `src/${w}/secret_${w}.ts`)),
      fixed(word.map((w) => `file:///${w}`)),
    );

    /** Where a secret ends up: as the whole value or embedded in a token-like context. */
    const placementArb = fc.tuple(word, sep, sep, word, fc.boolean());
    function plant(
      secret: string,
      [prefix, before, after, suffix, embed]: [string, string, string, string, boolean],
    ): string {
      return embed ? `${prefix}${before === '' ? '_' : before}${secret}${after === '' ? '_' : after}${suffix}` : secret;
    }

    const eventTemplates: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
      ['ide.run', { kind: 'debug' }, 'runtime'],
      ['ide.run', { kind: 'task' }, 'runtime'],
      ['ide.error', { origin: 'diagnostic', code: 'TS2304', severity: 'error' }, 'source'],
      ['ide.error', { origin: 'diagnostic', source: 'eslint', severity: 'warning' }, 'code'],
      ['ide.error', { origin: 'exception' }, 'code'],
      ['ide.error', { origin: 'exit' }, 'code'],
    ];

    function containsSecret(event: CatalogEvent, secret: string): boolean {
      const needle = secret.toLowerCase();
      return Object.values(event.props).some((value) => String(value).toLowerCase().includes(needle));
    }

    it('a secret planted directly in any property is rejected by the catalog or the guard', () => {
      fc.assert(
        fc.property(
          userNameArb,
          secretArb,
          placementArb,
          fc.constantFrom(...eventTemplates),
          (user, makeSecret, placement, [name, base, property]) => {
            const secret = makeSecret(user);
            const planted = plant(secret, placement);
            const guard = createPrivacyGuard({
              userName: user,
              homeDir: `/home/${user}`,
              hostName: `${user}-laptop.local`,
            });
            let event: CatalogEvent;
            try {
              event = validateEvent(name, { ...base, [property]: planted });
            } catch (error) {
              assert.ok(error instanceof InvalidEventError);
              assert.ok(
                !error.message.toLowerCase().includes(secret.toLowerCase()),
                'the error must not echo the secret',
              );
              return;
            }
            const verdict = guard.checkEvent(event);
            assert.equal(verdict.ok, false, `accepted ${JSON.stringify(event)} with planted secret`);
            assert.ok(containsSecret(event, secret), 'sanity: the secret was in the validated event');
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('secrets in raw IDE data never survive the mapping functions', () => {
      const identifierArb = fc.stringMatching(/^[a-z][a-zA-Z]{5,12}$/).map((s) => `secret${s}`);
      fc.assert(
        fc.property(
          userNameArb,
          identifierArb,
          fc.constantFrom('TypeError', 'ReferenceError', 'ZeroDivisionError', 'KeyError', 'MyAppError'),
          (user, identifier, type) => {
            const guard = createPrivacyGuard({ userName: user, homeDir: `/home/${user}` });
            const message = `${type}: Cannot read properties of undefined (reading '${identifier}') at /home/${user}/app.js:3:7`;
            const texts = [
              message,
              `Uncaught ${message}`,
              `Traceback (most recent call last):\n  File "/home/${user}/x.py", line 3\n    ${identifier} = 1/0\n${message}`,
              `Exception in thread "${identifier}" ${message}`,
            ];
            const events: CatalogEvent[] = [];
            for (const text of texts) {
              events.push(validateEvent('ide.error', { origin: 'exception', code: parseExceptionTypeFromText(text) }));
            }
            events.push(validateEvent('ide.error', { origin: 'exception', code: mapExceptionType(identifier) }));
            events.push(
              validateEvent('ide.error', {
                origin: 'diagnostic',
                ...mapDiagnostic('ts', { value: 2304, target: `file:///home/${user}/${identifier}.ts` }),
                severity: 'error',
              }),
            );
            events.push(
              validateEvent('ide.error', {
                origin: 'diagnostic',
                ...mapDiagnostic(`/home/${user}`, `Cannot find name '${identifier}'`),
                severity: 'error',
              }),
            );
            events.push(validateEvent('ide.error', { origin: 'exit', code: mapExitCode(`${identifier}`) }));
            events.push(validateEvent('ide.run', { kind: 'debug', runtime: mapRuntime(identifier, 'debug') }));
            events.push(
              validateEvent('ide.run', { kind: 'task', runtime: mapRuntime(`/home/${user}/run.sh`, 'task') }),
            );
            for (const event of events) {
              assert.deepEqual(guard.checkEvent(event), { ok: true });
              // The user name is checked as a whole word by the guard above; the identifier
              // ("secret…") is distinctive enough to look for as a substring.
              assert.ok(!containsSecret(event, identifier), JSON.stringify(event));
              assert.ok(!JSON.stringify(event).includes('/home/'), JSON.stringify(event));
            }
          },
        ),
        { numRuns: 500 },
      );
    });

    it('random valid events pass both the catalog and the guard (the guard does not reject everything)', () => {
      const guard = createPrivacyGuard({
        userName: 'quinlan',
        homeDir: '/home/quinlan',
        hostName: 'quinlan-laptop.local',
        extra: ['zephyrproject'],
      });
      // Diagnostic codes come from the published vocabularies: a free-form rule name is now "other".
      const diagnostic = fc.oneof(
        fc
          .tuple(fc.constantFrom('ts', 'deno-ts'), fc.integer({ min: 1000, max: 99999 }))
          .map(([source, n]) => mapDiagnostic(source, n)),
        fc.integer({ min: 1, max: 999 }).map((n) => ({ source: 'rustc', code: `E${String(n).padStart(4, '0')}` })),
        fc.stringMatching(/^[CRWEF]\d{4}$/).map((code) => ({ source: 'pylint', code })),
        fc.stringMatching(/^CS\d{4}$/).map((code) => ({ source: 'csharp', code })),
        fc.constantFrom(...ESLINT_CORE_RULES, ...TYPESCRIPT_ESLINT_RULES).map((code) => ({ source: 'eslint', code })),
        fc.constantFrom(...PYRIGHT_RULES).map((code) => ({ source: 'Pylance', code })),
      );
      const validEvent = fc.oneof(
        fc
          .tuple(fc.constantFrom<'debug' | 'task'>('debug', 'task'), fc.constantFrom(...KNOWN_RUNTIMES))
          .map(([kind, runtime]) => ['ide.run', { kind, runtime }] as const),
        fc.constantFrom('debug', 'task').map((kind) => ['ide.reset', { kind }] as const),
        fc
          .tuple(diagnostic, fc.constantFrom('error', 'warning', 'info', 'hint'))
          .map(
            ([{ source, code }, severity]) => ['ide.error', { origin: 'diagnostic', source, code, severity }] as const,
          ),
        fc.constantFrom(...KNOWN_EXCEPTION_TYPES).map((code) => ['ide.error', { origin: 'exception', code }] as const),
        fc
          .integer({ min: -(2 ** 31), max: 2 ** 32 - 1 })
          .map((n) => ['ide.error', { origin: 'exit', code: mapExitCode(n) }] as const),
      );
      fc.assert(
        fc.property(validEvent, ([name, props]) => {
          const event = validateEvent(name, props);
          assert.deepEqual(guard.checkEvent(event), { ok: true }, JSON.stringify(event));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe('createPrivacyGuard memo of clean values', () => {
  it('answers the same for a value seen before, and never lets a flagged value through on a second look', () => {
    const guard = createPrivacyGuard({ userName: 'alice', homeDir: '/home/alice', hostName: 'alice-laptop' });
    for (let round = 0; round < 3; round++) {
      assert.equal(guard.findSensitive('TS2304'), undefined);
      assert.equal(guard.findSensitive('/home/alice/x'), 'path');
      assert.equal(guard.findSensitive('alice'), 'identity');
    }
  });

  it('stays bounded and correct past its limit', () => {
    const guard = createPrivacyGuard({ userName: 'alice' });
    for (let i = 0; i < CLEAN_MEMO_LIMIT * 2 + 7; i++) {
      assert.equal(guard.findSensitive(`code_${i}`), undefined);
    }
    assert.equal(guard.findSensitive('alice'), 'identity');
    assert.equal(guard.findSensitive('code_1'), undefined);
  });
});
