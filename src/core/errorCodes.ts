// Turns what the IDE reports (diagnostic sources and codes, exception types,
// exit codes, debug and task types) into values from Candor's published
// vocabularies (src/core/vocabularies/). Everything takes `unknown`: the inputs
// come from other extensions and debug adapters, and anything outside a
// vocabulary becomes a fixed fallback value ("other", "user_defined").

import { isToken } from './catalog';
import {
  OTHER_CODE, OTHER_SOURCE, UNKNOWN_CODE, codeVocabularyOf, isPublishedCode, lookupSource,
} from './vocabularies/diagnostics';
import {
  KNOWN_EXCEPTION_TYPES, QUALIFIED_BUILTINS, SIMPLE_NAME_TO_QUALIFIED, UNQUALIFIED_BUILTINS, USER_DEFINED_EXCEPTION,
} from './vocabularies/exceptionTypes';
import { EXIT_PREFIX, MAX_EXIT_STATUS, OTHER_EXIT, SIGNAL_NAMES, WINDOWS_STATUS_CODES } from './vocabularies/exitCodes';
import { DEBUG_RUNTIMES, KNOWN_RUNTIMES, OTHER_RUNTIME, TASK_RUNTIMES } from './vocabularies/runtimes';

export { KNOWN_EXCEPTION_TYPES, KNOWN_RUNTIMES, OTHER_CODE, OTHER_EXIT, OTHER_RUNTIME, OTHER_SOURCE, UNKNOWN_CODE, USER_DEFINED_EXCEPTION };

export type Severity = 'error' | 'warning' | 'info' | 'hint';

// ---------------------------------------------------------------------------
// Diagnostics

/** A diagnostic's `code`: a number, a string, or `{ value, target }` of which only the value is kept. */
function codeValue(code: unknown): unknown {
  if (typeof code === 'object' && code !== null) {
    // Read the own data property only; never run a getter of a foreign object.
    const descriptor = Object.getOwnPropertyDescriptor(code, 'value');
    return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
  }
  return code;
}

/** The code as the tool's published grammar or list spells it, before the vocabulary check. */
function spelledCode(source: string, value: string | number): string | undefined {
  const vocabulary = codeVocabularyOf(source);
  if (vocabulary === undefined) {
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      return undefined;
    }
    return `${vocabulary.numericPrefix ?? ''}${value}`;
  }
  if (vocabulary.numericPrefix !== undefined && /^\d{1,9}$/.test(value)) {
    return vocabulary.numericPrefix + value;
  }
  const cut = vocabulary.dropAfter === undefined ? -1 : value.indexOf(vocabulary.dropAfter);
  return cut > 0 ? value.slice(0, cut) : value;
}

function mapCode(source: string, code: unknown): string {
  const value = codeValue(code);
  if (value === undefined || value === null || value === '') {
    return UNKNOWN_CODE;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    return OTHER_CODE;
  }
  const spelled = spelledCode(source, value);
  return spelled !== undefined && isPublishedCode(source, spelled) ? spelled : OTHER_CODE;
}

/**
 * Maps a diagnostic's `source` and `code` to vocabulary values: the source
 * when it is a listed tool, the code when it fits that tool's published grammar
 * or list. An unlisted source, and every code of it, is "other"; a listed
 * tool's code outside its vocabulary is "other"; a missing code is "unknown".
 */
export function mapDiagnostic(source: unknown, code: unknown): { source: string; code: string } {
  try {
    const recorded = typeof source === 'string' ? lookupSource(source) : undefined;
    if (recorded === undefined) {
      return { source: OTHER_SOURCE, code: OTHER_CODE };
    }
    return { source: recorded, code: mapCode(recorded, code) };
  } catch {
    // A proxy or exotic object threw while being read.
    return { source: OTHER_SOURCE, code: OTHER_CODE };
  }
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * VS Code's DiagnosticSeverity numbers (Error=0, Warning=1, Information=2,
 * Hint=3). An unexpected value becomes "info": a neutral middle rather than a
 * guess at either extreme.
 */
export function mapSeverity(severity: 0 | 1 | 2 | 3): Severity {
  return SEVERITIES[severity] ?? 'info';
}

// ---------------------------------------------------------------------------
// Exceptions

/** Keeps a built-in exception type name; any other name becomes "user_defined". */
export function mapExceptionType(name: unknown): string {
  if (typeof name !== 'string' || !isToken(name)) {
    return USER_DEFINED_EXCEPTION;
  }
  if (UNQUALIFIED_BUILTINS.has(name) || QUALIFIED_BUILTINS.has(name)) {
    return name;
  }
  return SIMPLE_NAME_TO_QUALIFIED.get(name) ?? USER_DEFINED_EXCEPTION;
}

// Parsing the uncaught-exception text a runtime prints. Only a type name is
// ever extracted, and it is then allow-listed, so no part of the message can
// survive. Input is bounded so hostile output cannot cost much.
const MAX_SCANNED_CHARS = 16_384;
const MAX_SCANNED_LINES = 200;
const TYPE_NAME = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;

/** Lines whose prefix says "this is the uncaught exception"; the first one wins. */
const EXPLICIT_HEADERS: readonly RegExp[] = [
  // JavaScript consoles, PHP: "Uncaught TypeError: …", "Uncaught (in promise) Error …"
  new RegExp(String.raw`\bUncaught (?:\(in promise\) )?(${TYPE_NAME})(?=$|[\s:\[])`),
  // Java: Exception in thread "main" java.lang.NullPointerException: …
  new RegExp(String.raw`^\s*Exception in thread "(?:[^"\\]|\\.)*" (${TYPE_NAME})(?=$|[\s:])`),
  // .NET: "Unhandled exception. System.X: …" (new) or "Unhandled Exception: System.X: …" (old)
  new RegExp(String.raw`^\s*Unhandled [Ee]xception[.:] +(${TYPE_NAME})(?=$|[\s:])`),
  // Ruby: "script.rb:1:in `/': divided by 0 (ZeroDivisionError)"
  /:in [`'].*\(([A-Z][A-Za-z0-9_]*(?:::[A-Z][A-Za-z0-9_]*)*)\)\s*$/,
];

/** Go runtime panics carry no type name; they all map to runtime.Error. */
const GO_RUNTIME_PANIC = /^\s*panic: runtime error: /;

/** "TypeError: …", "ZeroDivisionError: …", "Error [ERR_X]: …"; the last such line wins (Python prints the final exception last). */
const GENERIC_HEADER = new RegExp(String.raw`^(${TYPE_NAME})(?: \[[A-Z0-9_]{1,64}\])?:(?: |$)`);

/** A bare type name on its own line ("KeyboardInterrupt"), counted only when built in. */
const BARE_NAME = new RegExp(String.raw`^(${TYPE_NAME})\s*$`);

/** Extracts only the exception's type from an uncaught-exception text; see mapExceptionType. */
export function parseExceptionTypeFromText(text: unknown): string {
  if (typeof text !== 'string') {
    return USER_DEFINED_EXCEPTION;
  }
  const lines = text.slice(0, MAX_SCANNED_CHARS).split(/\r?\n/, MAX_SCANNED_LINES);
  let lastGeneric: string | undefined;
  for (const line of lines) {
    for (const header of EXPLICIT_HEADERS) {
      const match = header.exec(line);
      if (match?.[1] !== undefined) {
        return mapExceptionType(match[1]);
      }
    }
    if (GO_RUNTIME_PANIC.test(line)) {
      return 'runtime.Error';
    }
    const generic = GENERIC_HEADER.exec(line)?.[1];
    if (generic !== undefined) {
      lastGeneric = generic;
      continue;
    }
    const bare = BARE_NAME.exec(line)?.[1];
    if (bare !== undefined && mapExceptionType(bare) !== USER_DEFINED_EXCEPTION) {
      lastGeneric = bare;
    }
  }
  return mapExceptionType(lastGeneric);
}

// ---------------------------------------------------------------------------
// Exit codes

const SIGNALS: ReadonlySet<string> = new Set(SIGNAL_NAMES);
const UINT32 = 2 ** 32;

function exitFromNumber(value: number): string {
  if (!Number.isInteger(value)) {
    return OTHER_EXIT;
  }
  if (value >= 0 && value <= MAX_EXIT_STATUS) {
    return `${EXIT_PREFIX}${Object.is(value, -0) ? 0 : value}`;
  }
  if (value === -1 || value === UINT32 - 1) {
    return `${EXIT_PREFIX}-1`;
  }
  // Windows statuses arrive signed (-1073741819) or unsigned (3221225477).
  const unsigned = value < 0 && value >= -(UINT32 / 2) ? value + UINT32 : value;
  if (unsigned < 0 || unsigned >= UINT32) {
    return OTHER_EXIT;
  }
  return exitFromHex(`0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`);
}

function exitFromHex(hex: string): string {
  return Object.prototype.hasOwnProperty.call(WINDOWS_STATUS_CODES, hex) ? `${EXIT_PREFIX}${hex}` : OTHER_EXIT;
}

/** "exit:1", "exit:SIGSEGV", "exit:0xC0000005"; any other exit code becomes "exit:other". */
export function mapExitCode(code: unknown): string {
  if (typeof code === 'number') {
    return exitFromNumber(code);
  }
  if (typeof code !== 'string') {
    return OTHER_EXIT;
  }
  if (/^-?\d{1,10}$/.test(code)) {
    return exitFromNumber(Number(code));
  }
  if (SIGNALS.has(code)) {
    return `${EXIT_PREFIX}${code}`;
  }
  return /^0x[0-9A-Fa-f]{8}$/.test(code) ? exitFromHex(`0x${code.slice(2).toUpperCase()}`) : OTHER_EXIT;
}

// ---------------------------------------------------------------------------
// Runtimes (debug and task types)

/** Keeps a debug or task type only when it is a short token on the allow-list; otherwise "other". */
export function mapRuntime(type: unknown, kind: 'debug' | 'task'): string {
  if (!isToken(type)) {
    return OTHER_RUNTIME;
  }
  const table = kind === 'debug' ? DEBUG_RUNTIMES : TASK_RUNTIMES;
  return Object.prototype.hasOwnProperty.call(table, type) ? (table[type]) : OTHER_RUNTIME;
}
