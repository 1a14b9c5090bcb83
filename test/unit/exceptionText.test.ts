// Recognising an uncaught exception on one stderr line (whole exception texts
// are covered in errorCodes.test.ts).
import * as assert from 'node:assert/strict';
import * as errorCodes from '../../src/core/errorCodes';
import { parseExceptionTypeFromText, uncaughtExceptionOnStderrLine } from '../../src/core/exceptionText';
import { KNOWN_EXCEPTION_TYPES, mapExceptionType } from '../../src/core/exceptionTypes';

describe('uncaughtExceptionOnStderrLine', () => {
  const headers: readonly (readonly [string, string])[] = [
    // js-debug: "Uncaught <type> <type>: <message>"
    ['Uncaught TypeError TypeError: Cannot read properties of undefined', 'TypeError'],
    ['Uncaught RangeError', 'RangeError'],
    ['\t Uncaught \t URIError: malformed', 'URIError'],
    ['Uncaught ValidationError ValidationError: alice@example.com', 'user_defined'],
    ['Uncaught NullPointerException', 'java.lang.NullPointerException'],
    // Runtimes: "<type>: <message>" or a bare type
    ['TypeError: x is not a function', 'TypeError'],
    ['ZeroDivisionError: division by zero', 'ZeroDivisionError'],
    ['ZeroDivisionError', 'ZeroDivisionError'],
    ['KeyboardInterrupt', 'KeyboardInterrupt'],
    ['SystemExit:', 'SystemExit'],
    ['  SegmentationFault: core dumped', 'user_defined'],
    ['java.lang.IllegalStateException: bad', 'java.lang.IllegalStateException'],
    ['Exception in thread "main" java.lang.ArithmeticException: / by zero', 'java.lang.ArithmeticException'],
    ['Unhandled exception. System.IO.FileNotFoundException: Could not find file', 'System.IO.FileNotFoundException'],
    ['HunterTwoPasswordError: hunter2', 'user_defined'],
  ];
  for (const [line, expected] of headers) {
    it(`${JSON.stringify(line)} → ${expected}`, () => {
      assert.equal(uncaughtExceptionOnStderrLine(line), expected);
    });
  }

  const ordinary = [
    '',
    'Debugger attached.',
    'Error connecting to the database',
    'warning: TypeError is deprecated',
    'could not open file: Error',
    'TypeErrors: 3',
    'TypeError is thrown when',
    'Process exited with code 1',
    '    at main (/home/alice/project/throws.js:3:9)',
    'Traceback (most recent call last):',
    'Uncaught (in promise) Error: rejected',
  ];
  for (const line of ordinary) {
    it(`${JSON.stringify(line)} is not an uncaught-exception header`, () => {
      assert.equal(uncaughtExceptionOnStderrLine(line), undefined);
    });
  }

  it('only ever returns a known exception type', () => {
    for (const line of [
      ...headers.map(([l]) => l),
      'Uncaught a.b.c.d',
      'Uncaught $$$',
      `Uncaught ${'X'.repeat(300)}`,
      `${'Y'.repeat(300)}Error: z`,
    ]) {
      const found = uncaughtExceptionOnStderrLine(line);
      assert.ok(found === undefined || KNOWN_EXCEPTION_TYPES.has(found), `${line} → ${String(found)}`);
    }
  });

  it('is exported where the rest of the error mapping is, as one implementation', () => {
    assert.equal(errorCodes.uncaughtExceptionOnStderrLine, uncaughtExceptionOnStderrLine);
    assert.equal(errorCodes.parseExceptionTypeFromText, parseExceptionTypeFromText);
    assert.equal(errorCodes.mapExceptionType, mapExceptionType);
    assert.equal(errorCodes.KNOWN_EXCEPTION_TYPES, KNOWN_EXCEPTION_TYPES);
  });
});
