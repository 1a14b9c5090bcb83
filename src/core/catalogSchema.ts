// The event catalog's declarations: every event and every property Candor may
// record, as strict zod schemas, with their documentation in a zod registry so
// the "what is collected" list is generated from the same source that
// validates events. Every `ide.*` property is checked against its published
// vocabulary (src/core/vocabularies/), never against a free-form pattern.

import { z } from 'zod';
import type { Category } from './types';
import { DIAGNOSTIC_SOURCES, isAnyDiagnosticCode, isDiagnosticCodeOf } from './vocabularies/diagnostics';
import { KNOWN_EXCEPTION_TYPES } from './vocabularies/exceptionTypes';
import { EXIT_CODE_TOKENS } from './vocabularies/exitCodes';
import type { VocabularyId } from './vocabularies/published';
import { KNOWN_RUNTIMES } from './vocabularies/runtimes';

/** Bumped whenever an event or property is added, removed or changes meaning. */
export const CATALOG_VERSION = 2;

/** The short-token rule for names read from the IDE before they are mapped onto a vocabulary (e.g. exception types). */
export const TOKEN_PATTERN = /^[A-Za-z0-9@][A-Za-z0-9_.:/@-]{0,63}$/;
export const TOKEN_MAX_LENGTH = 64;

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TOKEN_MAX_LENGTH && TOKEN_PATTERN.test(value);
}

/** A dotted numeric version with an optional short pre-release tag ("1.100", "0.1.0", "1.101.0-insider"). */
export const VERSION_PATTERN = /^\d{1,6}(?:\.\d{1,6}){0,3}(?:-[0-9A-Za-z]{1,24}(?:\.[0-9A-Za-z]{1,24}){0,3})?$/;

/** Node's process.platform values, plus "other". */
export const OS_VALUES = [
  'linux',
  'darwin',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'android',
  'cygwin',
  'haiku',
  'other',
] as const;

/** Node's process.arch values, plus "other". */
export const ARCH_VALUES = [
  'x64',
  'arm64',
  'ia32',
  'arm',
  'loong64',
  'mips',
  'mipsel',
  'ppc',
  'ppc64',
  'riscv64',
  's390',
  's390x',
  'other',
] as const;

export const UI_VALUES = ['desktop', 'web'] as const;
export const SEVERITY_VALUES = ['error', 'warning', 'info', 'hint'] as const;
export const RUN_KIND_VALUES = ['debug', 'task'] as const;

// ---------------------------------------------------------------------------
// Documentation registry: what a property means and what values it may take.

export interface PropertyDoc {
  readonly description: string;
  /** Plain-words expectation, also used in validation errors ("expected …"). */
  readonly expects: string;
  readonly example: string;
  /** The published vocabulary the property takes its values from, when it is too long to list inline. */
  readonly vocabulary?: VocabularyId;
}

export interface ShapeDoc {
  readonly description: string;
}

export const propertyDocs = z.registry<PropertyDoc>();
export const shapeDocs = z.registry<ShapeDoc>();

function enumProp<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values).register(propertyDocs, {
    description,
    expects: `one of: ${values.join(', ')}`,
    example: values[0],
  });
}

/** A property whose values are exactly one published vocabulary. */
function vocabularyProp(
  values: Iterable<string>,
  vocabulary: VocabularyId,
  description: string,
  expects: string,
  example: string,
) {
  const allowed: ReadonlySet<string> = new Set(values);
  return z
    .string()
    .refine((value) => allowed.has(value))
    .register(propertyDocs, { description, expects, example, vocabulary });
}

function discriminator<const V extends string>(value: V, description: string) {
  const schema = z.literal(value);
  // add() rather than register(): register()'s conditional type cannot resolve a generic literal.
  propertyDocs.add(schema, { description, expects: `"${value}"`, example: value });
  return schema;
}

function shape<T extends z.core.$ZodLooseShape>(description: string, props: T) {
  return z.strictObject(props).register(shapeDocs, { description });
}

const DIAGNOSTIC_CODE_EXPECTS = 'a code the tool named in "source" publishes (see the list of diagnostic codes)';

const runKind = () => enumProp(RUN_KIND_VALUES, 'Whether a debug session or a task was started.');

const ORIGIN_DESCRIPTION = 'Where the error came from.';

const ideErrorDiagnostic = shape(
  'A problem (diagnostic) appeared in a document. Counted once when it appears, not while it stays.',
  {
    origin: discriminator('diagnostic', ORIGIN_DESCRIPTION),
    source: vocabularyProp(
      DIAGNOSTIC_SOURCES,
      'diagnostic-sources',
      'The tool that reported the problem, from a list of well-known public tools (e.g. "ts", "eslint", "Pylance"); any other tool is "other".',
      'a listed tool',
      'ts',
    ),
    code: z.string().refine(isAnyDiagnosticCode).register(propertyDocs, {
      description:
        'The problem\'s code, from that tool\'s published code grammar or rule list (e.g. "TS2304", "E0425", "no-unused-vars"); any other code is "other", and "unknown" when the tool gives none.',
      expects: DIAGNOSTIC_CODE_EXPECTS,
      example: 'TS2304',
      vocabulary: 'diagnostic-codes',
    }),
    severity: enumProp(SEVERITY_VALUES, 'How severe the tool says the problem is.'),
  },
).refine((props) => isDiagnosticCodeOf(props.source, props.code), { path: ['code'], message: DIAGNOSTIC_CODE_EXPECTS });

const ideErrorException = shape('The debugged program threw an exception.', {
  origin: discriminator('exception', ORIGIN_DESCRIPTION),
  code: vocabularyProp(
    KNOWN_EXCEPTION_TYPES,
    'exception-types',
    'The exception\'s built-in type name, from a list of common runtimes\' types (e.g. "TypeError", "ZeroDivisionError"); any other type is "user_defined".',
    'a listed exception type',
    'TypeError',
  ),
});

const ideErrorExit = shape('A program or task exited with a non-zero code.', {
  origin: discriminator('exit', ORIGIN_DESCRIPTION),
  code: vocabularyProp(
    EXIT_CODE_TOKENS,
    'exit-codes',
    'The exit code: 0–255, -1, a signal name or a well-known Windows status (e.g. "exit:1", "exit:SIGSEGV", "exit:0xC0000005"); any other code is "exit:other".',
    'a listed exit code such as "exit:1"',
    'exit:1',
  ),
});

export interface EventDefinition {
  readonly category: Category;
  readonly description: string;
  readonly schema: z.ZodType;
}

export const EVENTS = {
  'ide.run': {
    category: 'usage',
    description: 'A program was run: a debug session was launched or attached, or a task started.',
    schema: shape('A run.', {
      kind: runKind(),
      runtime: vocabularyProp(
        KNOWN_RUNTIMES,
        'runtimes',
        'The debugger or task type from a list of well-known types (e.g. "node", "python", "npm"); anything else is "other".',
        'a listed debug or task type',
        'node',
      ),
    }),
  },
  'ide.reset': {
    category: 'usage',
    description: 'A run was started over: a debug session restarted, or a task re-run.',
    schema: shape('A restart.', { kind: runKind() }),
  },
  'ide.error': {
    category: 'errors',
    description: 'An error: a problem in a document, an exception in the debugged program, or a non-zero exit.',
    schema: z.discriminatedUnion('origin', [ideErrorDiagnostic, ideErrorException, ideErrorExit]),
  },
} as const satisfies Record<string, EventDefinition>;

export type EventName = keyof typeof EVENTS;

/** Every declared event name, in catalog order. */
export const EVENT_NAMES = Object.freeze(Object.keys(EVENTS)) as readonly EventName[];

/** The properties of a declared event, as the catalog types them. */
export type EventProps<N extends EventName> = z.infer<(typeof EVENTS)[N]['schema']>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}

export function eventCategory(name: EventName): Category {
  return EVENTS[name].category;
}
