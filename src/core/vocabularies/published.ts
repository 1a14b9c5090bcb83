// The published vocabularies, as documentation: every value an `ide.*`
// property can take, grouped for docs/telemetry-events.md and summarised for
// the payload view. Built from the same data files the mapping and the catalog
// use, so the published list cannot drift from what is accepted.

import { DIAGNOSTIC_CODE_VOCABULARIES } from './diagnosticCodes';
import { DIAGNOSTIC_SOURCE_ENTRIES, OTHER_SOURCE } from './diagnosticSources';
import { DIAGNOSTIC_SOURCES } from './diagnostics';
import { KNOWN_EXCEPTION_TYPES, USER_DEFINED_EXCEPTION } from './exceptionTypes';
import {
  EXIT_CODE_TOKENS,
  EXIT_PREFIX,
  MAX_EXIT_STATUS,
  OTHER_EXIT,
  SIGNAL_NAMES,
  WINDOWS_STATUS_CODES,
} from './exitCodes';
import { DEBUG_RUNTIMES, KNOWN_RUNTIMES, OTHER_RUNTIME, TASK_RUNTIMES } from './runtimes';

export type VocabularyId = 'runtimes' | 'diagnostic-sources' | 'diagnostic-codes' | 'exception-types' | 'exit-codes';

export interface VocabularyEntry {
  /** The value exactly as it is recorded. */
  readonly value: string;
  /** What it stands for, when that is not obvious. */
  readonly note?: string;
}

export interface VocabularySection {
  readonly heading: string;
  /** Plain words: grammars, notes. */
  readonly text: readonly string[];
  readonly entries: readonly VocabularyEntry[];
}

export interface PublishedVocabulary {
  readonly id: VocabularyId;
  readonly title: string;
  /** One sentence for the payload view: what the list holds and what happens to anything else. */
  readonly summary: string;
  readonly sections: readonly VocabularySection[];
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function plain(values: Iterable<string>): VocabularyEntry[] {
  return [...values].map((value) => ({ value }));
}

/** One entry per recorded runtime, noting the types that map to it. */
function runtimeEntries(table: Readonly<Record<string, string>>): VocabularyEntry[] {
  const typesByRuntime = new Map<string, string[]>();
  for (const [type, runtime] of Object.entries(table)) {
    typesByRuntime.set(runtime, [...(typesByRuntime.get(runtime) ?? []), type]);
  }
  return [...typesByRuntime].map(([value, types]) =>
    types.length === 1 && types[0] === value ? { value } : { value, note: `from ${types.join(', ')}` },
  );
}

const runtimes: PublishedVocabulary = {
  id: 'runtimes',
  title: 'Debug and task types',
  summary: `${KNOWN_RUNTIMES.size - 1} well-known debugger and task types; any other type is "${OTHER_RUNTIME}".`,
  sections: [
    { heading: 'Debug types', text: [], entries: runtimeEntries(DEBUG_RUNTIMES) },
    { heading: 'Task types', text: [], entries: runtimeEntries(TASK_RUNTIMES) },
    { heading: 'Anything else', text: [], entries: plain([OTHER_RUNTIME]) },
  ],
};

const diagnosticSources: PublishedVocabulary = {
  id: 'diagnostic-sources',
  title: 'Diagnostic sources',
  summary: `${DIAGNOSTIC_SOURCES.length - 1} well-known public tools; any other source is "${OTHER_SOURCE}".`,
  sections: [
    {
      heading: 'Tools',
      text: ['Each value is recorded for the `source` strings listed after it, compared exactly, ignoring case.'],
      entries: DIAGNOSTIC_SOURCE_ENTRIES.map((entry) => ({
        value: entry.name,
        note: `${entry.tool}; from ${entry.published.map((p) => `"${p}"`).join(', ')}`,
      })),
    },
    { heading: 'Anything else', text: [], entries: plain([OTHER_SOURCE]) },
  ],
};

const diagnosticCodes: PublishedVocabulary = {
  id: 'diagnostic-codes',
  title: 'Diagnostic codes',
  summary:
    'Per tool, its published code grammar or rule list; any other code is "other", a missing code "unknown", and every code of an "other" source "other".',
  sections: [
    ...DIAGNOSTIC_SOURCE_ENTRIES.flatMap((entry): VocabularySection[] => {
      const vocabulary = DIAGNOSTIC_CODE_VOCABULARIES[entry.name];
      if (vocabulary === undefined) {
        return [];
      }
      const text = [
        ...vocabulary.grammars.map((grammar) => `Grammar: ${grammar.describe}.`),
        ...vocabulary.lists.map((list) => `${list.title}: ${list.names.length} names, listed below.`),
        ...(vocabulary.note === undefined ? [] : [vocabulary.note]),
      ];
      return [
        {
          heading: `\`${entry.name}\``,
          text,
          entries: plain(sorted(new Set(vocabulary.lists.flatMap((list) => list.names)))),
        },
      ];
    }),
    {
      heading: 'Every source',
      text: ['`other` (outside the grammar or list) and `unknown` (the tool gave no code).'],
      entries: [],
    },
  ],
};

const exceptionTypes: PublishedVocabulary = {
  id: 'exception-types',
  title: 'Exception types',
  summary: `${KNOWN_EXCEPTION_TYPES.size - 1} built-in exception types of common runtimes; any other type is "${USER_DEFINED_EXCEPTION}".`,
  sections: [
    {
      heading: 'Built-in types',
      text: [],
      entries: plain(sorted([...KNOWN_EXCEPTION_TYPES].filter((type) => type !== USER_DEFINED_EXCEPTION))),
    },
    { heading: 'Anything else', text: [], entries: plain([USER_DEFINED_EXCEPTION]) },
  ],
};

const exitCodes: PublishedVocabulary = {
  id: 'exit-codes',
  title: 'Exit codes',
  summary: `${EXIT_CODE_TOKENS.length - 1} exit codes: 0–${MAX_EXIT_STATUS}, -1, signal names and well-known Windows status codes; any other is "${OTHER_EXIT}".`,
  sections: [
    {
      heading: 'Exit statuses',
      text: [
        `\`${EXIT_PREFIX}0\` to \`${EXIT_PREFIX}${MAX_EXIT_STATUS}\`, and \`${EXIT_PREFIX}-1\` (which Windows also reports as 0xFFFFFFFF).`,
      ],
      entries: [],
    },
    { heading: 'Signals', text: [], entries: plain(SIGNAL_NAMES.map((name) => `${EXIT_PREFIX}${name}`)) },
    {
      heading: 'Windows status codes',
      text: [],
      entries: Object.entries(WINDOWS_STATUS_CODES).map(([hex, meaning]) => ({
        value: `${EXIT_PREFIX}${hex}`,
        note: meaning,
      })),
    },
    { heading: 'Anything else', text: [], entries: plain([OTHER_EXIT]) },
  ],
};

export const PUBLISHED_VOCABULARIES: readonly PublishedVocabulary[] = [
  runtimes,
  diagnosticSources,
  diagnosticCodes,
  exceptionTypes,
  exitCodes,
];

export function publishedVocabulary(id: VocabularyId): PublishedVocabulary {
  const found = PUBLISHED_VOCABULARIES.find((vocabulary) => vocabulary.id === id);
  if (found === undefined) {
    throw new Error(`no published vocabulary "${id}"`);
  }
  return found;
}
