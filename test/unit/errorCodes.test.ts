import * as assert from 'node:assert/strict';
import { isToken, validateEvent } from '../../src/core/catalog';
import {
  KNOWN_EXCEPTION_TYPES,
  KNOWN_RUNTIMES,
  mapDiagnostic,
  mapExceptionType,
  mapExitCode,
  mapRuntime,
  mapSeverity,
  parseExceptionTypeFromText,
} from '../../src/core/errorCodes';

describe('errorCodes', () => {
  describe('mapDiagnostic', () => {
    const cases: ReadonlyArray<readonly [unknown, unknown, string, string]> = [
      // TypeScript numbers get the TS prefix tsc prints.
      ['ts', 2304, 'ts', 'TS2304'],
      ['ts', '2304', 'ts', 'TS2304'],
      ['ts', 'TS2304', 'ts', 'TS2304'],
      ['typescript', 2304, 'ts', 'TS2304'],
      ['deno-ts', 2339, 'deno-ts', 'TS2339'],
      // { value, target }: only the value is kept.
      ['ts', { value: 2304, target: 'https://example.com/secret' }, 'ts', 'TS2304'],
      ['eslint', { value: 'no-unused-vars', target: { path: '/home/alice' } }, 'eslint', 'no-unused-vars'],
      ['eslint', '@typescript-eslint/no-explicit-any', 'eslint', '@typescript-eslint/no-explicit-any'],
      // Other ecosystems keep their code as written.
      ['rustc', 'E0425', 'rustc', 'E0425'],
      ['rust-analyzer', 'unresolved-import', 'rust-analyzer', 'unresolved-import'],
      ['Pylance', 'reportUndefinedVariable', 'Pylance', 'reportUndefinedVariable'],
      ['csharp', 'CS0103', 'csharp', 'CS0103'],
      ['Java', 16777218, 'Java', '16777218'],
      ['flake8', 'F401', 'flake8', 'F401'],
      ['C/C++', 'E0020', 'cpp', 'E0020'],
      // No code at all: "unknown".
      ['ts', undefined, 'ts', 'unknown'],
      ['ts', null, 'ts', 'unknown'],
      ['ts', '', 'ts', 'unknown'],
      ['eslint', { target: 'x' }, 'eslint', 'unknown'],
      // A code outside the tool's published grammar or list: "other".
      ['ts', 2304.5, 'ts', 'other'],
      ['ts', -1, 'ts', 'other'],
      ['ts', Number.NaN, 'ts', 'other'],
      ['ts', 1e12, 'ts', 'other'],
      ['eslint', 'Cannot find name secretName', 'eslint', 'other'],
      ['eslint', 'x'.repeat(65), 'eslint', 'other'],
      ['eslint', { value: { nested: 1 } }, 'eslint', 'other'],
      ['eslint', true, 'eslint', 'other'],
      // Sources that are not listed tools: the source and every code are "other".
      ['my linter', 'x1', 'other', 'other'],
      [undefined, 'E1', 'other', 'other'],
      [42, 'E1', 'other', 'other'],
      ['', 'E1', 'other', 'other'],
      ['unknown', 2304, 'other', 'other'],
    ];
    for (const [source, code, expectedSource, expectedCode] of cases) {
      it(`${String(source)} / ${JSON.stringify(code) ?? String(code)} → ${expectedSource} / ${expectedCode}`, () => {
        assert.deepEqual(mapDiagnostic(source, code), { source: expectedSource, code: expectedCode });
      });
    }

    it('never runs a getter on the code object', () => {
      let calls = 0;
      const code = {
        get value(): number {
          calls += 1;
          return 2304;
        },
      };
      assert.deepEqual(mapDiagnostic('ts', code), { source: 'ts', code: 'unknown' });
      assert.equal(calls, 0);
    });

    it('survives hostile proxies', () => {
      const hostile = new Proxy(
        {},
        {
          getOwnPropertyDescriptor() {
            throw new Error('trap');
          },
        },
      );
      assert.deepEqual(mapDiagnostic('ts', hostile), { source: 'other', code: 'other' });
    });

    it('always yields values the catalog accepts', () => {
      for (const [source, code] of cases) {
        const mapped = mapDiagnostic(source, code);
        assert.doesNotThrow(() => validateEvent('ide.error', { origin: 'diagnostic', ...mapped, severity: 'error' }));
      }
    });
  });

  describe('mapSeverity', () => {
    it('follows VS Code DiagnosticSeverity numbering', () => {
      assert.equal(mapSeverity(0), 'error');
      assert.equal(mapSeverity(1), 'warning');
      assert.equal(mapSeverity(2), 'info');
      assert.equal(mapSeverity(3), 'hint');
    });
    it('maps an unexpected number to "info"', () => {
      assert.equal(mapSeverity(7 as 0), 'info');
      assert.equal(mapSeverity(-1 as 0), 'info');
    });
  });

  describe('mapExceptionType', () => {
    const kept = [
      // JavaScript
      'TypeError',
      'RangeError',
      'ReferenceError',
      'SyntaxError',
      'EvalError',
      'URIError',
      'AggregateError',
      'Error',
      'DOMException',
      'AbortError',
      // Python
      'ZeroDivisionError',
      'KeyError',
      'IndexError',
      'ValueError',
      'AttributeError',
      'NameError',
      'ModuleNotFoundError',
      'RecursionError',
      'KeyboardInterrupt',
      'StopIteration',
      'Exception',
      // Java, qualified as the JVM prints them
      'java.lang.NullPointerException',
      'java.lang.ArrayIndexOutOfBoundsException',
      'java.util.NoSuchElementException',
      'java.io.IOException',
      'java.lang.StackOverflowError',
      // .NET
      'System.NullReferenceException',
      'System.InvalidOperationException',
      'System.Collections.Generic.KeyNotFoundException',
      'System.IO.FileNotFoundException',
      // Ruby, PHP, Go
      'NoMethodError',
      'ArgumentError',
      'DivisionByZeroError',
      'runtime.Error',
    ];
    for (const name of kept) {
      it(`keeps ${name}`, () => assert.equal(mapExceptionType(name), name));
    }

    it('resolves an unambiguous simple Java/.NET name to its qualified name', () => {
      assert.equal(mapExceptionType('NullPointerException'), 'java.lang.NullPointerException');
      assert.equal(mapExceptionType('NullReferenceException'), 'System.NullReferenceException');
      assert.equal(mapExceptionType('KeyNotFoundException'), 'System.Collections.Generic.KeyNotFoundException');
    });

    it('keeps an ambiguous simple name bare', () => {
      // java.io.IOException and System.IO.IOException
      assert.equal(mapExceptionType('IOException'), 'IOException');
      assert.equal(mapExceptionType('FileNotFoundException'), 'FileNotFoundException');
    });

    it('turns everything else into user_defined', () => {
      for (const name of [
        'MyError',
        'ValidationError',
        'secretName',
        'com.acme.BillingException',
        'json.decoder.JSONDecodeError',
        'typeerror',
        'TypeError: x',
        'Type Error',
        '',
        'x'.repeat(65),
        'java.lang.MadeUpException',
        'System.Acme',
        undefined,
        null,
        42,
        {},
        ['TypeError'],
        'constructor',
        '__proto__',
        'toString',
        'hasOwnProperty',
      ]) {
        assert.equal(mapExceptionType(name), 'user_defined', typeof name === 'string' ? name : typeof name);
      }
    });

    it('only ever returns short tokens', () => {
      for (const name of KNOWN_EXCEPTION_TYPES) {
        assert.ok(isToken(name), name);
        assert.equal(mapExceptionType(name) === name || mapExceptionType(name).endsWith(`.${name}`), true, name);
      }
    });
  });

  describe('parseExceptionTypeFromText', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["Uncaught TypeError: Cannot read properties of undefined (reading 'secretName')", 'TypeError'],
      ['Uncaught (in promise) RangeError: Invalid array length', 'RangeError'],
      ['Uncaught ReferenceError: secretName is not defined', 'ReferenceError'],
      ['TypeError: x is not a function', 'TypeError'],
      ["Error: ENOENT: no such file or directory, open '/home/alice/secret.txt'", 'Error'],
      ['TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string', 'TypeError'],
      [
        '/home/alice/app.js:3\n    secretName();\n    ^\n\nReferenceError: secretName is not defined\n    at Object.<anonymous> (/home/alice/app.js:3:5)',
        'ReferenceError',
      ],
      ['C:\\Users\\alice\\app.js:3\n\nTypeError: boom\n    at main (C:\\Users\\alice\\app.js:3:1)', 'TypeError'],
      ['ZeroDivisionError: division by zero', 'ZeroDivisionError'],
      [
        'Traceback (most recent call last):\n  File "/home/alice/x.py", line 1, in <module>\n    secret_value = 1/0\nZeroDivisionError: division by zero',
        'ZeroDivisionError',
      ],
      [
        'Traceback (most recent call last):\n  File "x.py", line 2\nKeyError: \'alice\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "x.py", line 4\nValueError: bad alice',
        'ValueError',
      ],
      [
        'Traceback (most recent call last):\n  File "x.py", line 9, in <module>\nKeyboardInterrupt',
        'KeyboardInterrupt',
      ],
      ['json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', 'user_defined'],
      [
        'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "<local1>" is null',
        'java.lang.NullPointerException',
      ],
      [
        'Exception in thread "worker \\"7\\"" java.lang.ArithmeticException: / by zero\n\tat Main.main(Main.java:3)',
        'java.lang.ArithmeticException',
      ],
      ['Exception in thread "main" com.acme.SecretException: alice', 'user_defined'],
      [
        'Unhandled exception. System.InvalidOperationException: Sequence contains no elements',
        'System.InvalidOperationException',
      ],
      [
        'Unhandled Exception: System.NullReferenceException: Object reference not set to an instance of an object.',
        'System.NullReferenceException',
      ],
      ['Unhandled exception. Acme.Billing.InvoiceException: customer alice', 'user_defined'],
      ["app.rb:1:in `/': divided by 0 (ZeroDivisionError)", 'ZeroDivisionError'],
      ["app.rb:3:in `<main>': undefined method `secret' for nil (NoMethodError)", 'NoMethodError'],
      ['PHP Fatal error:  Uncaught DivisionByZeroError: Modulo by zero in /home/alice/x.php:3', 'DivisionByZeroError'],
      ['panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:', 'runtime.Error'],
      ['panic: secret alice', 'user_defined'],
      ['MyCustomError: the secret is hunter2', 'user_defined'],
      ["Uncaught 'a thrown string with alice'", 'user_defined'],
      ['hello world', 'user_defined'],
      ['', 'user_defined'],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text.slice(0, 60))} → ${expected}`, () => {
        assert.equal(parseExceptionTypeFromText(text), expected);
      });
    }

    it('returns user_defined for non-strings', () => {
      for (const value of [undefined, null, 1, {}, ['TypeError: x']]) {
        assert.equal(parseExceptionTypeFromText(value), 'user_defined');
      }
    });

    it('never lets message text through: the result is always a known type name', () => {
      for (const [text] of cases) {
        assert.ok(KNOWN_EXCEPTION_TYPES.has(parseExceptionTypeFromText(text)), text);
      }
    });

    it('stays bounded on huge input', () => {
      const huge = `${'x'.repeat(5_000_000)}\nTypeError: late`;
      assert.equal(parseExceptionTypeFromText(huge), 'user_defined');
      const manyLines = 'noise\n'.repeat(100_000);
      assert.equal(parseExceptionTypeFromText(`TypeError: early\n${manyLines}`), 'TypeError');
    });
  });

  describe('mapExitCode', () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [1, 'exit:1'],
      [0, 'exit:0'],
      [-0, 'exit:0'],
      [2, 'exit:2'],
      [137, 'exit:137'],
      [-1, 'exit:-1'],
      [3221225477, 'exit:0xC0000005'],
      [-1073741819, 'exit:0xC0000005'],
      ['1', 'exit:1'],
      ['-2', 'exit:other'],
      [1.5, 'exit:other'],
      [Number.NaN, 'exit:other'],
      [Number.POSITIVE_INFINITY, 'exit:other'],
      [2 ** 40, 'exit:other'],
      ['1.0', 'exit:other'],
      ['one', 'exit:other'],
      ['1; rm -rf ~', 'exit:other'],
      [undefined, 'exit:other'],
      [null, 'exit:other'],
      [{}, 'exit:other'],
    ];
    for (const [code, expected] of cases) {
      it(`${String(code)} → ${expected}`, () => {
        assert.equal(mapExitCode(code), expected);
        assert.doesNotThrow(() => validateEvent('ide.error', { origin: 'exit', code: mapExitCode(code) }));
      });
    }
  });

  describe('mapRuntime', () => {
    const debugCases: ReadonlyArray<readonly [unknown, string]> = [
      ['node', 'node'],
      ['pwa-node', 'node'],
      ['node-terminal', 'node'],
      ['chrome', 'chrome'],
      ['pwa-chrome', 'chrome'],
      ['msedge', 'msedge'],
      ['pwa-msedge', 'msedge'],
      ['pwa-extensionHost', 'extensionHost'],
      ['extensionHost', 'extensionHost'],
      ['python', 'python'],
      ['debugpy', 'python'],
      ['java', 'java'],
      ['coreclr', 'coreclr'],
      ['cppdbg', 'cppdbg'],
      ['cppvsdbg', 'cppvsdbg'],
      ['lldb', 'lldb'],
      ['go', 'go'],
      ['php', 'php'],
      ['ruby', 'ruby'],
      ['dart', 'dart'],
      ['PowerShell', 'powershell'],
      ['npm', 'other'],
      ['my-company-debugger', 'other'],
      ['Node', 'other'],
      ['node ', 'other'],
      ['/usr/bin/node', 'other'],
      ['', 'other'],
      [undefined, 'other'],
      [42, 'other'],
      ['constructor', 'other'],
      ['__proto__', 'other'],
      ['toString', 'other'],
    ];
    for (const [type, expected] of debugCases) {
      it(`debug ${String(type)} → ${expected}`, () => assert.equal(mapRuntime(type, 'debug'), expected));
    }

    const taskCases: ReadonlyArray<readonly [unknown, string]> = [
      ['npm', 'npm'],
      ['shell', 'shell'],
      ['process', 'process'],
      ['typescript', 'typescript'],
      ['gulp', 'gulp'],
      ['grunt', 'grunt'],
      ['jake', 'jake'],
      ['cargo', 'cargo'],
      ['go', 'go'],
      ['make', 'make'],
      ['cppbuild', 'cppbuild'],
      ['node', 'other'],
      ['acme-internal', 'other'],
      ['npm run secret', 'other'],
      [null, 'other'],
    ];
    for (const [type, expected] of taskCases) {
      it(`task ${String(type)} → ${expected}`, () => assert.equal(mapRuntime(type, 'task'), expected));
    }

    it('only ever returns short tokens the catalog accepts', () => {
      for (const runtime of KNOWN_RUNTIMES) {
        assert.ok(isToken(runtime), runtime);
        assert.doesNotThrow(() => validateEvent('ide.run', { kind: 'debug', runtime }));
      }
    });
  });
});
