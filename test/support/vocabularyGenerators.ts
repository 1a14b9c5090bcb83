// Generators shared by the property tests over the vocabularies and the
// outbound gate: fragments an adversary plants, and one event for every value
// of every published vocabulary.
import fc from 'fast-check';
import { KNOWN_EXCEPTION_TYPES, KNOWN_RUNTIMES } from '../../src/core/errorCodes';
import { DIAGNOSTIC_CODE_VOCABULARIES } from '../../src/core/vocabularies/diagnosticCodes';
import { DIAGNOSTIC_SOURCES } from '../../src/core/vocabularies/diagnostics';
import { EXIT_CODE_TOKENS } from '../../src/core/vocabularies/exitCodes';

/** What an adversary plants: paths, hosts, e-mail, identifiers, project and user names. */
export const FRAGMENTS = [
  '/home/alice/src/payroll.ts',
  'C:\\Users\\alice\\app',
  'src/secret/payroll',
  '../acme/billing',
  'prod.env',
  'id_rsa',
  'gitlab.acme.ch',
  'build07.acme.ch:8443',
  'Acme.com',
  'alice@acme.ch',
  'secretDatabasePassword',
  'inst-7f3a9c2e1b4d',
  '1732282800123',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  '@acme-payroll/no-legacy-billing',
  'acme-billing-rule',
  'acme-corp-lint',
  'zephyrproject',
  'alice',
  'quinlan.smith',
  'alicenotes',
] as const;

export const noise = fc.string({ maxLength: 8 });
export const planted = fc
  .tuple(noise, fc.constantFrom(...FRAGMENTS), noise)
  .map(([before, fragment, after]) => ({ text: `${before}${fragment}${after}`, fragment }));

/** One event for every value of every published vocabulary. */
export function publishedValueEvents(): Array<readonly [string, Record<string, string>]> {
  return [
    ...[...KNOWN_RUNTIMES].map((runtime) => ['ide.run', { kind: 'task', runtime }] as const),
    ...[...KNOWN_EXCEPTION_TYPES].map((code) => ['ide.error', { origin: 'exception', code }] as const),
    ...EXIT_CODE_TOKENS.map((code) => ['ide.error', { origin: 'exit', code }] as const),
    ...DIAGNOSTIC_SOURCES.map(
      (source) => ['ide.error', { origin: 'diagnostic', source, code: 'other', severity: 'error' }] as const,
    ),
    ...Object.entries(DIAGNOSTIC_CODE_VOCABULARIES).flatMap(([source, vocabulary]) =>
      vocabulary.lists
        .flatMap((list) => list.names)
        .map((code) => ['ide.error', { origin: 'diagnostic', source, code, severity: 'warning' }] as const),
    ),
  ];
}
