// For each diagnostic source, the codes Candor keeps: the tool's public code
// grammar (anchored, bounded patterns over the whole code) and/or its published
// rule list. A code outside them is recorded as "other"; a diagnostic without a
// code as "unknown"; every code of an unlisted source as "other".

import { CLIPPY_LINTS } from './clippyLints';
import { CSS_CODES, MARKDOWN_LINK_CODES } from './languageServiceCodes';
import { ESLINT_CORE_RULES, TYPESCRIPT_ESLINT_RULES } from './eslintRules.generated';
import { MYPY_ERROR_CODES } from './mypyErrorCodes';
import { PYRIGHT_RULES } from './pyrightRules';
import { RUST_ANALYZER_DIAGNOSTICS } from './rustAnalyzerDiagnostics';
import { RUSTC_LINTS } from './rustcLints';

export const OTHER_CODE = 'other';
export const UNKNOWN_CODE = 'unknown';

export interface CodeList {
  readonly title: string;
  readonly names: readonly string[];
}

export interface CodeGrammar {
  /** Plain words, e.g. "TS followed by digits (TS2304)". */
  readonly describe: string;
  readonly pattern: RegExp;
  /** A further check of a code the pattern matched, where the grammar is more than its shape. */
  readonly accepts?: (code: string) => boolean;
}

export interface CodeVocabulary {
  readonly grammars: readonly CodeGrammar[];
  readonly lists: readonly CodeList[];
  /** A numeric code becomes this prefix and its digits, as the tool prints it (tsc: 2304 → TS2304). */
  readonly numericPrefix?: string;
  /** The tool appends a name after this separator ("C0301:line-too-long"); only the part before it is kept. */
  readonly dropAfter?: string;
  /** Said in the documentation when the source has neither grammar nor list. */
  readonly note?: string;
}

const tsGrammar: CodeGrammar = {
  describe: '`TS` and 1–5 digits (`TS2304`); a bare number gets the `TS` prefix',
  pattern: /^TS\d{1,5}$/,
};
const rustcErrorGrammar: CodeGrammar = { describe: '`E` and 4 digits (`E0425`)', pattern: /^E\d{4}$/ };

/** Rule prefixes of Ruff and of the Flake8 plugins it reimplements (ruff's published rule table). */
const PYTHON_LINT_PREFIXES = [
  'A',
  'AIR',
  'ANN',
  'ARG',
  'ASYNC',
  'B',
  'BLE',
  'C',
  'C4',
  'C90',
  'COM',
  'CPY',
  'D',
  'DJ',
  'DOC',
  'DTZ',
  'E',
  'EM',
  'ERA',
  'EXE',
  'F',
  'FA',
  'FAST',
  'FBT',
  'FIX',
  'FLY',
  'FURB',
  'G',
  'I',
  'ICN',
  'INP',
  'INT',
  'ISC',
  'LOG',
  'N',
  'NPY',
  'PD',
  'PERF',
  'PGH',
  'PIE',
  'PLC',
  'PLE',
  'PLR',
  'PLW',
  'PT',
  'PTH',
  'PYI',
  'Q',
  'RET',
  'RSE',
  'RUF',
  'S',
  'SIM',
  'SLF',
  'SLOT',
  'T10',
  'T20',
  'TC',
  'TCH',
  'TD',
  'TID',
  'TRY',
  'UP',
  'W',
  'YTT',
];
const pythonLintGrammar: CodeGrammar = {
  describe: `a rule prefix (${PYTHON_LINT_PREFIXES.map((p) => `\`${p}\``).join(', ')}) and 1–4 digits (\`F401\`, \`PLR0913\`)`,
  pattern: new RegExp(`^(?:${PYTHON_LINT_PREFIXES.join('|')})\\d{1,4}$`),
};

const NO_CODES =
  'Codes of this source are not kept: Candor has no published list of them. Every code is recorded as "other".';

function vocabulary(parts: Partial<CodeVocabulary>): CodeVocabulary {
  return { grammars: [], lists: [], ...parts };
}

/** Keyed by the recorded source name (see diagnosticSources.ts). */
export const DIAGNOSTIC_CODE_VOCABULARIES: Readonly<Record<string, CodeVocabulary>> = {
  ts: vocabulary({ grammars: [tsGrammar], numericPrefix: 'TS' }),
  js: vocabulary({ grammars: [tsGrammar], numericPrefix: 'TS' }),
  'deno-ts': vocabulary({ grammars: [tsGrammar], numericPrefix: 'TS' }),
  eslint: vocabulary({
    lists: [
      { title: 'ESLint core rules', names: ESLINT_CORE_RULES },
      { title: 'typescript-eslint rules', names: TYPESCRIPT_ESLINT_RULES },
    ],
    note: 'Rules of other plugins (for example `import/`, `react/`, `react-hooks/`, `jsx-a11y/`, `n/`, `unicorn/`) and of private plugins are recorded as "other": Candor only keeps rules whose list it can take from the packages it installs.',
  }),
  stylelint: vocabulary({ note: NO_CODES }),
  Pylance: vocabulary({ lists: [{ title: 'Pyright rules', names: PYRIGHT_RULES }] }),
  Pyright: vocabulary({ lists: [{ title: 'Pyright rules', names: PYRIGHT_RULES }] }),
  basedpyright: vocabulary({ lists: [{ title: 'Pyright rules', names: PYRIGHT_RULES }] }),
  pylint: vocabulary({
    grammars: [
      {
        describe:
          'a message category letter (`C`, `R`, `W`, `E`, `F`, `I`) and 4 digits (`C0301`); a symbolic name after `:` is dropped',
        pattern: /^[CRWEFI]\d{4}$/,
      },
    ],
    dropAfter: ':',
  }),
  flake8: vocabulary({ grammars: [pythonLintGrammar] }),
  ruff: vocabulary({ grammars: [pythonLintGrammar] }),
  pycodestyle: vocabulary({ grammars: [{ describe: '`E` or `W` and 3 digits (`E501`)', pattern: /^[EW]\d{3}$/ }] }),
  pyflakes: vocabulary({ grammars: [{ describe: '`F` and 3 digits (`F401`)', pattern: /^F\d{3}$/ }] }),
  mypy: vocabulary({ lists: [{ title: 'mypy error codes', names: MYPY_ERROR_CODES }] }),
  rustc: vocabulary({ grammars: [rustcErrorGrammar], lists: [{ title: 'rustc lints', names: RUSTC_LINTS }] }),
  'rust-analyzer': vocabulary({
    grammars: [rustcErrorGrammar],
    lists: [
      { title: 'rust-analyzer diagnostics', names: RUST_ANALYZER_DIAGNOSTICS },
      { title: 'rustc lints', names: RUSTC_LINTS },
    ],
  }),
  clippy: vocabulary({ lists: [{ title: 'Clippy lints', names: CLIPPY_LINTS.map((name) => `clippy::${name}`) }] }),
  compiler: vocabulary({ note: NO_CODES }),
  gopls: vocabulary({ note: NO_CODES }),
  'go-vet': vocabulary({ note: NO_CODES }),
  staticcheck: vocabulary({
    grammars: [
      {
        describe: '`SA`, `S`, `ST` or `QF` and 4 digits, or `U1000` (`SA4006`)',
        pattern: /^(?:(?:SA|S|ST|QF)\d{4}|U1000)$/,
      },
    ],
  }),
  'golangci-lint': vocabulary({ note: NO_CODES }),
  Java: vocabulary({
    grammars: [
      {
        describe:
          'a compiler problem id (`16777218`): category bits above an id below 2048, as the Eclipse compiler publishes them',
        pattern: /^\d{1,10}$/,
        // IProblem ids put category flags in the top 8 bits; the id itself is small. A timestamp or a
        // counter planted as a "code" does not have that structure.
        accepts: (code) => Number(code) % 0x1000000 < 2048,
      },
    ],
  }),
  csharp: vocabulary({
    grammars: [{ describe: '`CS`, `IDE` or `CA` and 4 digits (`CS0103`)', pattern: /^(?:CS|IDE|CA)\d{4}$/ }],
  }),
  cpp: vocabulary({
    grammars: [{ describe: 'a number (`20`), or `E` and 4 digits (`E0020`)', pattern: /^(?:\d{1,5}|E\d{4})$/ }],
  }),
  clang: vocabulary({ note: NO_CODES }),
  clangd: vocabulary({ note: NO_CODES }),
  'clang-tidy': vocabulary({ note: NO_CODES }),
  shellcheck: vocabulary({ grammars: [{ describe: '`SC` and 4 digits (`SC2086`)', pattern: /^SC\d{4}$/ }] }),
  hadolint: vocabulary({
    grammars: [{ describe: '`DL` or `SC` and 4 digits (`DL3008`)', pattern: /^(?:DL|SC)\d{4}$/ }],
  }),
  markdownlint: vocabulary({ grammars: [{ describe: '`MD` and 3 digits (`MD013`)', pattern: /^MD\d{3}$/ }] }),
  cSpell: vocabulary({ note: NO_CODES }),
  json: vocabulary({ grammars: [{ describe: 'a number (`513`)', pattern: /^\d{1,4}$/ }] }),
  css: vocabulary({ lists: [{ title: 'CSS validation codes', names: CSS_CODES }] }),
  scss: vocabulary({ lists: [{ title: 'CSS validation codes', names: CSS_CODES }] }),
  less: vocabulary({ lists: [{ title: 'CSS validation codes', names: CSS_CODES }] }),
  html: vocabulary({ note: NO_CODES }),
  markdown: vocabulary({ lists: [{ title: 'Markdown link validation codes', names: MARKDOWN_LINK_CODES }] }),
  yaml: vocabulary({ grammars: [{ describe: 'a number (`0`)', pattern: /^\d{1,4}$/ }] }),
};
