// Recognising an uncaught exception in the text a runtime or debugger prints,
// the one place that does so: the debug hook hands it whole exception texts and
// single stderr lines. Only a type name is ever extracted, and it is then
// allow-listed (see exceptionTypes.ts), so no part of the message can survive.

import { mapExceptionType, USER_DEFINED_EXCEPTION } from './exceptionTypes';

// Input is bounded so hostile output cannot cost much.
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

// One line of a debuggee's stderr. Stricter than a whole exception text: the
// line itself must look like the header of an uncaught exception, or ordinary
// error output ("Error: could not connect") would count as a crash.
// js-debug writes "Uncaught TypeError TypeError: …"; runtimes write "TypeError: …".
const UNCAUGHT_LINE = /^\s*Uncaught\s+([A-Za-z_$][\w$.]{0,127})/;
const EXCEPTION_HEADER_LINE =
  /^\s*(?:Unhandled exception\.\s+|Exception in thread "[^"\n]*"\s+)?[A-Za-z_$][\w$.]*(?:Error|Exception|Interrupt|Exit|Fault)\b\s*(?::|$)/;

/**
 * The exception type when one stderr line is the header of an uncaught
 * exception (see exceptionTypes.ts for the values), or undefined when it is not.
 */
export function uncaughtExceptionOnStderrLine(line: string): string | undefined {
  const uncaught = UNCAUGHT_LINE.exec(line);
  if (uncaught) {
    return mapExceptionType(uncaught[1]);
  }
  return EXCEPTION_HEADER_LINE.test(line) ? parseExceptionTypeFromText(line) : undefined;
}
