// Turns what the IDE reports (diagnostic codes, exception types, exit codes,
// debug and task types) into the short, content-free codes the catalog
// accepts. Everything takes `unknown`: the inputs come from other extensions
// and debug adapters, and anything unexpected becomes a fixed fallback value.

import { isToken } from './catalog';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const UNKNOWN_CODE = 'unknown';
export const USER_DEFINED_EXCEPTION = 'user_defined';
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
// Exceptions

const JAVASCRIPT_ERRORS = [
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError',
  'InternalError', 'SuppressedError', 'DOMException', 'AbortError', 'TimeoutError', 'NotFoundError',
  'NotAllowedError', 'NotSupportedError', 'InvalidStateError', 'SecurityError', 'NetworkError', 'DataCloneError',
  'QuotaExceededError', 'CompileError', 'LinkError', 'RuntimeError', 'SystemError',
];

const PYTHON_EXCEPTIONS = [
  'BaseException', 'BaseExceptionGroup', 'Exception', 'ExceptionGroup', 'ArithmeticError', 'AssertionError',
  'AttributeError', 'BlockingIOError', 'BrokenPipeError', 'BufferError', 'ChildProcessError',
  'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError', 'ConnectionResetError', 'EOFError',
  'EnvironmentError', 'FileExistsError', 'FileNotFoundError', 'FloatingPointError', 'GeneratorExit', 'IOError',
  'ImportError', 'IndentationError', 'IndexError', 'InterruptedError', 'IsADirectoryError', 'KeyError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'ModuleNotFoundError', 'NameError', 'NotADirectoryError',
  'NotImplementedError', 'OSError', 'OverflowError', 'PermissionError', 'ProcessLookupError',
  'PythonFinalizationError', 'RecursionError', 'ReferenceError', 'RuntimeError', 'StopAsyncIteration',
  'StopIteration', 'SyntaxError', 'SystemError', 'SystemExit', 'TabError', 'TimeoutError', 'TypeError',
  'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError',
  'ValueError', 'ZeroDivisionError', 'Warning', 'UserWarning', 'DeprecationWarning', 'PendingDeprecationWarning',
  'SyntaxWarning', 'RuntimeWarning', 'FutureWarning', 'ImportWarning', 'UnicodeWarning', 'BytesWarning',
  'ResourceWarning', 'EncodingWarning',
];

const RUBY_EXCEPTIONS = [
  'StandardError', 'ScriptError', 'NoMethodError', 'ArgumentError', 'FrozenError', 'LocalJumpError',
  'FloatDomainError', 'RegexpError', 'ThreadError', 'FiberError', 'StopIteration', 'ClosedQueueError',
  'NotImplementedError', 'LoadError', 'SecurityError', 'SystemStackError', 'NoMatchingPatternError',
  'NoMatchingPatternKeyError', 'UncaughtThrowError', 'EncodingError', 'Interrupt', 'SignalException',
];

const PHP_EXCEPTIONS = [
  'ArgumentCountError', 'DivisionByZeroError', 'ArithmeticError', 'ErrorException', 'JsonException',
  'ValueError', 'UnhandledMatchError', 'LogicException', 'BadFunctionCallException', 'BadMethodCallException',
  'DomainException', 'InvalidArgumentException', 'LengthException', 'OutOfRangeException', 'RuntimeException',
  'OutOfBoundsException', 'OverflowException', 'RangeException', 'UnderflowException', 'UnexpectedValueException',
];

const GO_PANICS = ['runtime.Error'];

/** Java and .NET types are kept fully qualified, as their runtimes print them. */
const JAVA_EXCEPTIONS = [
  'java.lang.Throwable', 'java.lang.Exception', 'java.lang.RuntimeException', 'java.lang.Error',
  'java.lang.NullPointerException', 'java.lang.ArithmeticException', 'java.lang.ArrayIndexOutOfBoundsException',
  'java.lang.IndexOutOfBoundsException', 'java.lang.StringIndexOutOfBoundsException', 'java.lang.ClassCastException',
  'java.lang.IllegalArgumentException', 'java.lang.IllegalStateException', 'java.lang.NumberFormatException',
  'java.lang.UnsupportedOperationException', 'java.lang.NegativeArraySizeException', 'java.lang.ArrayStoreException',
  'java.lang.ClassNotFoundException', 'java.lang.CloneNotSupportedException', 'java.lang.InterruptedException',
  'java.lang.SecurityException', 'java.lang.StackOverflowError', 'java.lang.OutOfMemoryError',
  'java.lang.AssertionError', 'java.lang.ExceptionInInitializerError', 'java.lang.NoClassDefFoundError',
  'java.lang.NoSuchFieldException', 'java.lang.NoSuchMethodException', 'java.lang.NoSuchMethodError',
  'java.lang.IllegalMonitorStateException', 'java.lang.ReflectiveOperationException',
  'java.util.ConcurrentModificationException', 'java.util.NoSuchElementException',
  'java.util.InputMismatchException', 'java.util.EmptyStackException', 'java.util.MissingResourceException',
  'java.util.concurrent.ExecutionException', 'java.util.concurrent.TimeoutException',
  'java.util.concurrent.CancellationException', 'java.io.IOException', 'java.io.FileNotFoundException',
  'java.io.UncheckedIOException', 'java.io.EOFException', 'java.nio.file.NoSuchFileException',
  'java.time.DateTimeException', 'java.time.format.DateTimeParseException',
];

const DOTNET_EXCEPTIONS = [
  'System.Exception', 'System.SystemException', 'System.NullReferenceException', 'System.ArgumentException',
  'System.ArgumentNullException', 'System.ArgumentOutOfRangeException', 'System.InvalidOperationException',
  'System.InvalidCastException', 'System.IndexOutOfRangeException', 'System.DivideByZeroException',
  'System.ArithmeticException', 'System.OverflowException', 'System.FormatException',
  'System.NotImplementedException', 'System.NotSupportedException', 'System.ObjectDisposedException',
  'System.StackOverflowException', 'System.OutOfMemoryException', 'System.TimeoutException',
  'System.AggregateException', 'System.OperationCanceledException', 'System.UnauthorizedAccessException',
  'System.PlatformNotSupportedException', 'System.RankException', 'System.ArrayTypeMismatchException',
  'System.TypeLoadException', 'System.TypeInitializationException', 'System.MissingMethodException',
  'System.Collections.Generic.KeyNotFoundException', 'System.IO.IOException', 'System.IO.FileNotFoundException',
  'System.IO.DirectoryNotFoundException', 'System.IO.EndOfStreamException',
  'System.Threading.Tasks.TaskCanceledException', 'System.Text.Json.JsonException',
  'System.Net.Http.HttpRequestException',
];

/** Names printed without a namespace by their runtimes. */
const UNQUALIFIED_BUILTINS: ReadonlySet<string> = new Set([
  ...JAVASCRIPT_ERRORS, ...PYTHON_EXCEPTIONS, ...RUBY_EXCEPTIONS, ...PHP_EXCEPTIONS, ...GO_PANICS,
]);
const QUALIFIED_BUILTINS: ReadonlySet<string> = new Set([...JAVA_EXCEPTIONS, ...DOTNET_EXCEPTIONS]);

/**
 * A bare "NullPointerException" (some adapters drop the package) resolves to
 * its qualified name when exactly one Java/.NET type has that simple name;
 * ambiguous simple names ("IOException") are kept bare.
 */
const SIMPLE_NAME_TO_QUALIFIED: ReadonlyMap<string, string> = (() => {
  const bySimple = new Map<string, string[]>();
  for (const qualified of QUALIFIED_BUILTINS) {
    const simple = qualified.slice(qualified.lastIndexOf('.') + 1);
    bySimple.set(simple, [...(bySimple.get(simple) ?? []), qualified]);
  }
  const resolved = new Map<string, string>();
  for (const [simple, candidates] of bySimple) {
    resolved.set(simple, candidates.length === 1 ? candidates[0] : simple);
  }
  return resolved;
})();

/** Every value mapExceptionType can return; other modules treat these as known vocabulary. */
export const KNOWN_EXCEPTION_TYPES: ReadonlySet<string> = new Set([
  ...UNQUALIFIED_BUILTINS, ...QUALIFIED_BUILTINS, ...SIMPLE_NAME_TO_QUALIFIED.values(), USER_DEFINED_EXCEPTION,
]);

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
