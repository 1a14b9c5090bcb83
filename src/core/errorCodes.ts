// Turns what the IDE reports (diagnostic sources and codes, exception types,
// exit codes, debug and task types) into values from Candor's published
// vocabularies (src/core/vocabularies/). Everything takes `unknown`: the inputs
// come from other extensions and debug adapters, and anything outside a
// vocabulary becomes a fixed fallback value ("other", "user_defined").

import { isToken } from './catalog';
import {
  OTHER_CODE,
  OTHER_SOURCE,
  UNKNOWN_CODE,
  codeVocabularyOf,
  isPublishedCode,
  lookupSource,
} from './vocabularies/diagnostics';
import { EXIT_PREFIX, MAX_EXIT_STATUS, OTHER_EXIT, SIGNAL_NAMES, WINDOWS_STATUS_CODES } from './vocabularies/exitCodes';
import { DEBUG_RUNTIMES, KNOWN_RUNTIMES, OTHER_RUNTIME, TASK_RUNTIMES } from './vocabularies/runtimes';

export { KNOWN_RUNTIMES, OTHER_CODE, OTHER_EXIT, OTHER_RUNTIME, OTHER_SOURCE, UNKNOWN_CODE };
// Exception types and texts have modules of their own; re-exported so callers keep one entry point.
export { KNOWN_EXCEPTION_TYPES, mapExceptionType, USER_DEFINED_EXCEPTION } from './exceptionTypes';
export { parseExceptionTypeFromText, uncaughtExceptionOnStderrLine } from './exceptionText';

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
  return Object.prototype.hasOwnProperty.call(table, type) ? table[type] : OTHER_RUNTIME;
}
