// The exception types Candor keeps: the built-in types of common runtimes, as
// those runtimes print them. Any other type is recorded as "user_defined".

export const USER_DEFINED_EXCEPTION = 'user_defined';

export const JAVASCRIPT_ERRORS = [
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError',
  'InternalError', 'SuppressedError', 'DOMException', 'AbortError', 'TimeoutError', 'NotFoundError',
  'NotAllowedError', 'NotSupportedError', 'InvalidStateError', 'SecurityError', 'NetworkError', 'DataCloneError',
  'QuotaExceededError', 'CompileError', 'LinkError', 'RuntimeError', 'SystemError',
];

export const PYTHON_EXCEPTIONS = [
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

export const RUBY_EXCEPTIONS = [
  'StandardError', 'ScriptError', 'NoMethodError', 'ArgumentError', 'FrozenError', 'LocalJumpError',
  'FloatDomainError', 'RegexpError', 'ThreadError', 'FiberError', 'StopIteration', 'ClosedQueueError',
  'NotImplementedError', 'LoadError', 'SecurityError', 'SystemStackError', 'NoMatchingPatternError',
  'NoMatchingPatternKeyError', 'UncaughtThrowError', 'EncodingError', 'Interrupt', 'SignalException',
];

export const PHP_EXCEPTIONS = [
  'ArgumentCountError', 'DivisionByZeroError', 'ArithmeticError', 'ErrorException', 'JsonException',
  'ValueError', 'UnhandledMatchError', 'LogicException', 'BadFunctionCallException', 'BadMethodCallException',
  'DomainException', 'InvalidArgumentException', 'LengthException', 'OutOfRangeException', 'RuntimeException',
  'OutOfBoundsException', 'OverflowException', 'RangeException', 'UnderflowException', 'UnexpectedValueException',
];

export const GO_PANICS = ['runtime.Error'];

/** Java and .NET types are kept fully qualified, as their runtimes print them. */
export const JAVA_EXCEPTIONS = [
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

export const DOTNET_EXCEPTIONS = [
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
export const UNQUALIFIED_BUILTINS: ReadonlySet<string> = new Set([
  ...JAVASCRIPT_ERRORS, ...PYTHON_EXCEPTIONS, ...RUBY_EXCEPTIONS, ...PHP_EXCEPTIONS, ...GO_PANICS,
]);
export const QUALIFIED_BUILTINS: ReadonlySet<string> = new Set([...JAVA_EXCEPTIONS, ...DOTNET_EXCEPTIONS]);

/**
 * A bare "NullPointerException" (some adapters drop the package) resolves to
 * its qualified name when exactly one Java/.NET type has that simple name;
 * ambiguous simple names ("IOException") are kept bare.
 */
export const SIMPLE_NAME_TO_QUALIFIED: ReadonlyMap<string, string> = (() => {
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
