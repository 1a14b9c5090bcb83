// Lookups over the diagnostic source and code vocabularies, shared by the
// mapping (errorCodes.ts) and the catalog's validation, so both use one list.

import { DIAGNOSTIC_CODE_VOCABULARIES, OTHER_CODE, UNKNOWN_CODE, type CodeVocabulary } from './diagnosticCodes';
import { DIAGNOSTIC_SOURCE_ENTRIES, OTHER_SOURCE } from './diagnosticSources';

export { OTHER_CODE, OTHER_SOURCE, UNKNOWN_CODE };

/** Every value a diagnostic's `source` may be recorded as. */
export const DIAGNOSTIC_SOURCES: readonly string[] = [
  ...DIAGNOSTIC_SOURCE_ENTRIES.map((entry) => entry.name),
  OTHER_SOURCE,
];

const MAX_PUBLISHED_LENGTH = 64;

const SOURCE_BY_PUBLISHED: ReadonlyMap<string, string> = new Map(
  DIAGNOSTIC_SOURCE_ENTRIES.flatMap((entry) =>
    entry.published.map((published) => [published.toLowerCase(), entry.name] as const),
  ),
);

const SOURCE_SET: ReadonlySet<string> = new Set(DIAGNOSTIC_SOURCES);

/** The recorded name of a published source string (exact, ignoring case), or undefined when it is not listed. */
export function lookupSource(published: string): string | undefined {
  return published.length > MAX_PUBLISHED_LENGTH ? undefined : SOURCE_BY_PUBLISHED.get(published.toLowerCase());
}

export function isDiagnosticSource(value: unknown): value is string {
  return typeof value === 'string' && SOURCE_SET.has(value);
}

export function codeVocabularyOf(source: string): CodeVocabulary | undefined {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODE_VOCABULARIES, source)
    ? DIAGNOSTIC_CODE_VOCABULARIES[source]
    : undefined;
}

const listedCodes = new Map<string, ReadonlySet<string>>();

function listedCodesOf(source: string, vocabulary: CodeVocabulary): ReadonlySet<string> {
  let codes = listedCodes.get(source);
  if (codes === undefined) {
    codes = new Set(vocabulary.lists.flatMap((list) => list.names));
    listedCodes.set(source, codes);
  }
  return codes;
}

/** True when `code` is on the source's published list or fits its published grammar (exact case). */
export function isPublishedCode(source: string, code: string): boolean {
  const vocabulary = codeVocabularyOf(source);
  if (vocabulary === undefined || code.length > MAX_PUBLISHED_LENGTH) {
    return false;
  }
  return (
    listedCodesOf(source, vocabulary).has(code) ||
    vocabulary.grammars.some((grammar) => grammar.pattern.test(code) && (grammar.accepts?.(code) ?? true))
  );
}

/** Whether `code` may be recorded together with `source`. */
export function isDiagnosticCodeOf(source: string, code: unknown): boolean {
  if (typeof code !== 'string') {
    return false;
  }
  if (source === OTHER_SOURCE) {
    return code === OTHER_CODE;
  }
  return code === OTHER_CODE || code === UNKNOWN_CODE || isPublishedCode(source, code);
}

/** Whether `code` may be recorded with at least one source. */
export function isAnyDiagnosticCode(code: unknown): boolean {
  return typeof code === 'string' && DIAGNOSTIC_SOURCES.some((source) => isDiagnosticCodeOf(source, code));
}
