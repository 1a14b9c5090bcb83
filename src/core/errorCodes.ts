// Turns what the IDE reports (diagnostic codes, exception types, exit codes,
// debug and task types) into the short, content-free codes the catalog
// accepts. Everything takes `unknown`: the inputs come from other extensions
// and debug adapters, and anything unexpected becomes a fixed fallback value.

import { isToken } from './catalog';

// Exception types and texts have modules of their own; re-exported so callers keep one entry point.
export { KNOWN_EXCEPTION_TYPES, mapExceptionType, USER_DEFINED_EXCEPTION } from './exceptionTypes';
export { parseExceptionTypeFromText, uncaughtExceptionOnStderrLine } from './exceptionText';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const UNKNOWN_CODE = 'unknown';
export const UNKNOWN_EXIT = 'exit:unknown';
export const OTHER_RUNTIME = 'other';

// ---------------------------------------------------------------------------
// Diagnostics

/** Sources whose tools spell the same thing differently; mapped before the token check. */
const SOURCE_ALIASES: Readonly<Record<string, string>> = {
  typescript: 'ts',
  'C/C++': 'cpp',
};

/** Sources whose ecosystem writes numeric codes with a prefix (tsc prints "TS2304"). */
const NUMERIC_CODE_PREFIXES: Readonly<Record<string, string>> = {
  ts: 'TS',
  'deno-ts': 'TS',
};

const MAX_NUMERIC_CODE = 999_999_999;

/** A diagnostic's `code`: a number, a string, or `{ value, target }` of which only the value is kept. */
function codeValue(code: unknown): unknown {
  if (typeof code === 'object' && code !== null) {
    // Read the own data property only; never run a getter of a foreign object.
    const descriptor = Object.getOwnPropertyDescriptor(code, 'value');
    return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
  }
  return code;
}

function normaliseSource(source: unknown): string {
  if (typeof source !== 'string') {
    return UNKNOWN_CODE;
  }
  const aliased = Object.prototype.hasOwnProperty.call(SOURCE_ALIASES, source) ? SOURCE_ALIASES[source] : source;
  return isToken(aliased) ? aliased : UNKNOWN_CODE;
}

function normaliseCode(source: string, code: unknown): string {
  const value = codeValue(code);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_NUMERIC_CODE) {
      return UNKNOWN_CODE;
    }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return UNKNOWN_CODE;
  }
  const prefix = Object.prototype.hasOwnProperty.call(NUMERIC_CODE_PREFIXES, source) ? NUMERIC_CODE_PREFIXES[source] : undefined;
  if (prefix !== undefined && /^\d{1,9}$/.test(text)) {
    text = prefix + text;
  }
  return isToken(text) ? text : UNKNOWN_CODE;
}

/** Maps a diagnostic's `source` and `code` to catalog tokens (tests: test/unit/errorCodes.test.ts). */
export function mapDiagnostic(source: unknown, code: unknown): { source: string; code: string } {
  try {
    const normalisedSource = normaliseSource(source);
    return { source: normalisedSource, code: normaliseCode(normalisedSource, code) };
  } catch {
    // A proxy or exotic object threw while being read.
    return { source: UNKNOWN_CODE, code: UNKNOWN_CODE };
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

const MAX_EXIT_CODE = 4_294_967_295;

/** "exit:1"; anything that is not an integer exit status becomes "exit:unknown". */
export function mapExitCode(code: unknown): string {
  let value: number | undefined;
  if (typeof code === 'number') {
    value = code;
  } else if (typeof code === 'string' && /^-?\d{1,10}$/.test(code)) {
    value = Number(code);
  }
  if (value === undefined || !Number.isInteger(value) || Math.abs(value) > MAX_EXIT_CODE) {
    return UNKNOWN_EXIT;
  }
  return `exit:${Object.is(value, -0) ? 0 : value}`;
}

// ---------------------------------------------------------------------------
// Runtimes (debug and task types)

/** Debug types → the runtime name recorded. Aliases of one debugger map to one name. */
const DEBUG_RUNTIMES: Readonly<Record<string, string>> = {
  node: 'node', 'pwa-node': 'node', 'node-terminal': 'node', 'legacy-node': 'node', node2: 'node',
  chrome: 'chrome', 'pwa-chrome': 'chrome', 'legacy-chrome': 'chrome',
  msedge: 'msedge', 'pwa-msedge': 'msedge', edge: 'msedge',
  extensionHost: 'extensionHost', 'pwa-extensionHost': 'extensionHost',
  firefox: 'firefox',
  python: 'python', debugpy: 'python',
  java: 'java', kotlin: 'kotlin', scala: 'scala', clojure: 'clojure',
  coreclr: 'coreclr', clr: 'clr', dotnet: 'dotnet', mono: 'mono',
  cppdbg: 'cppdbg', cppvsdbg: 'cppvsdbg', lldb: 'lldb', 'lldb-dap': 'lldb', gdb: 'gdb', 'cortex-debug': 'cortex-debug',
  go: 'go', php: 'php', ruby: 'ruby', rdbg: 'ruby', dart: 'dart', flutter: 'dart',
  swift: 'swift', rust: 'rust', lua: 'lua', 'lua-local': 'lua', perl: 'perl', julia: 'julia', R: 'r', 'R-Debugger': 'r',
  PowerShell: 'powershell', bashdb: 'bash', elixir: 'elixir', mix_task: 'elixir', erlang: 'erlang',
  haskell: 'haskell', ghc: 'haskell', ocamlearlybird: 'ocaml', zig: 'zig', deno: 'deno', bun: 'bun',
  mock: 'mock',
};

/** Task types → the runtime name recorded. */
const TASK_RUNTIMES: Readonly<Record<string, string>> = {
  npm: 'npm', shell: 'shell', process: 'process', typescript: 'typescript', gulp: 'gulp', grunt: 'grunt',
  jake: 'jake', cargo: 'cargo', go: 'go', make: 'make', cmake: 'cmake', cppbuild: 'cppbuild',
  msbuild: 'msbuild', dotnet: 'dotnet', gradle: 'gradle', maven: 'maven', java: 'java', ant: 'ant',
  deno: 'deno', bun: 'bun', rake: 'rake', flutter: 'flutter', dart: 'dart', python: 'python', pip: 'pip',
  'docker-build': 'docker-build', 'docker-run': 'docker-run', 'docker-compose': 'docker-compose',
  func: 'func', swift: 'swift', lein: 'lein', mix: 'mix', zig: 'zig', esbuild: 'esbuild', eslint: 'eslint',
};

/** Every value mapRuntime can return; other modules treat these as known vocabulary. */
export const KNOWN_RUNTIMES: ReadonlySet<string> = new Set([
  ...Object.values(DEBUG_RUNTIMES), ...Object.values(TASK_RUNTIMES), OTHER_RUNTIME,
]);

/** Keeps a debug or task type only when it is a short token on the allow-list; otherwise "other". */
export function mapRuntime(type: unknown, kind: 'debug' | 'task'): string {
  if (!isToken(type)) {
    return OTHER_RUNTIME;
  }
  const table = kind === 'debug' ? DEBUG_RUNTIMES : TASK_RUNTIMES;
  return Object.prototype.hasOwnProperty.call(table, type) ? (table[type]) : OTHER_RUNTIME;
}
