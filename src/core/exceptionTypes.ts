// The closed list of exception types Candor may record. A type a runtime
// prints is kept only when it is built into a language; any other name, which
// could be a project's own class, becomes "user_defined". The list itself is
// the data file src/core/vocabularies/exceptionTypes.ts.

import { isToken } from './catalog';
import {
  KNOWN_EXCEPTION_TYPES,
  QUALIFIED_BUILTINS,
  SIMPLE_NAME_TO_QUALIFIED,
  UNQUALIFIED_BUILTINS,
  USER_DEFINED_EXCEPTION,
} from './vocabularies/exceptionTypes';

export { KNOWN_EXCEPTION_TYPES, USER_DEFINED_EXCEPTION };

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
