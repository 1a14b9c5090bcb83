// The event catalog: every event and every property Candor may record, declared
// once as strict zod schemas. Documentation lives next to each schema (in a zod
// registry) so the "what is collected" list is generated from the same source
// that validates events and can never drift from it.

import { z } from 'zod';
import type { CatalogEvent, Category, PropValue } from './types';

/** Bumped whenever an event or property is added, removed or changes meaning. */
export const CATALOG_VERSION = 1;

/** The short-token rule: a free-form value is one word of at most 64 plain characters, so no sentence or message fits. */
export const TOKEN_PATTERN = /^[A-Za-z0-9@][A-Za-z0-9_.:/@-]{0,63}$/;
export const TOKEN_MAX_LENGTH = 64;

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TOKEN_MAX_LENGTH && TOKEN_PATTERN.test(value);
}

/** Exit codes as produced by errorCodes.mapExitCode. */
export const EXIT_CODE_PATTERN = /^exit:(?:-?\d{1,10}|unknown)$/;

/** A dotted numeric version with an optional short pre-release tag ("1.100", "0.1.0", "1.101.0-insider"). */
export const VERSION_PATTERN = /^\d{1,6}(?:\.\d{1,6}){0,3}(?:-[0-9A-Za-z]{1,24}(?:\.[0-9A-Za-z]{1,24}){0,3})?$/;

/** Node's process.platform values, plus "other". */
export const OS_VALUES = [
  'linux', 'darwin', 'win32', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'android', 'cygwin', 'haiku', 'other',
] as const;

/** Node's process.arch values, plus "other". */
export const ARCH_VALUES = [
  'x64', 'arm64', 'ia32', 'arm', 'loong64', 'mips', 'mipsel', 'ppc', 'ppc64', 'riscv64', 's390', 's390x', 'other',
] as const;

export const UI_VALUES = ['desktop', 'web'] as const;
export const SEVERITY_VALUES = ['error', 'warning', 'info', 'hint'] as const;
export const RUN_KIND_VALUES = ['debug', 'task'] as const;

// ---------------------------------------------------------------------------
// Documentation registry: what a property means and what values it may take.

interface PropertyDoc {
  readonly description: string;
  /** Plain-words expectation, also used in validation errors ("expected …"). */
  readonly expects: string;
  readonly example: string;
}

interface ShapeDoc {
  readonly description: string;
}

const propertyDocs = z.registry<PropertyDoc>();
const shapeDocs = z.registry<ShapeDoc>();

function tokenProp(description: string, example: string) {
  return z.string().max(TOKEN_MAX_LENGTH).regex(TOKEN_PATTERN)
    .register(propertyDocs, { description, expects: 'a short token', example });
}

function enumProp<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values).register(propertyDocs, {
    description,
    expects: `one of: ${values.join(', ')}`,
    example: values[0],
  });
}

function patternProp(pattern: RegExp, description: string, expects: string, example: string) {
  return z.string().max(TOKEN_MAX_LENGTH).regex(pattern).register(propertyDocs, { description, expects, example });
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

const runKind = () => enumProp(RUN_KIND_VALUES, 'Whether a debug session or a task was started.');

const ORIGIN_DESCRIPTION = 'Where the error came from.';

const ideErrorDiagnostic = shape('A problem (diagnostic) appeared in a document. Counted once when it appears, not while it stays.', {
  origin: discriminator('diagnostic', ORIGIN_DESCRIPTION),
  source: tokenProp('The tool that reported the problem, e.g. "ts", "eslint", "Pylance".', 'ts'),
  code: tokenProp('The problem\'s code, e.g. "TS2304", "E0425", "no-unused-vars"; "unknown" when the tool gives none.', 'TS2304'),
  severity: enumProp(SEVERITY_VALUES, 'How severe the tool says the problem is.'),
});

const ideErrorException = shape('The debugged program threw an exception.', {
  origin: discriminator('exception', ORIGIN_DESCRIPTION),
  code: tokenProp('The exception\'s built-in type name, e.g. "TypeError", "ZeroDivisionError"; any other type is "user_defined".', 'TypeError'),
});

const ideErrorExit = shape('A program or task exited with a non-zero code.', {
  origin: discriminator('exit', ORIGIN_DESCRIPTION),
  code: patternProp(EXIT_CODE_PATTERN, 'The exit code, e.g. "exit:1"; "exit:unknown" when there is none.', 'an exit code such as "exit:1"', 'exit:1'),
});

interface EventDefinition {
  readonly category: Category;
  readonly description: string;
  readonly schema: z.ZodType;
}

const EVENTS = {
  'ide.run': {
    category: 'usage',
    description: 'A program was run: a debug session was launched or attached, or a task started.',
    schema: shape('A run.', {
      kind: runKind(),
      runtime: tokenProp('The debugger or task type from a list of well-known types (e.g. "node", "python", "npm"); anything else is "other".', 'node'),
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
  'example.loaded': {
    category: 'usage',
    description: 'An example was opened (reported by a tool through Candor\'s API).',
    schema: shape('An example was opened.', {
      example_id: tokenProp('The example\'s catalogue identifier chosen by the tool, e.g. "hello_world".', 'hello_world'),
    }),
  },
  'share.link_created': {
    category: 'usage',
    description: 'A share link was created (reported by a tool through Candor\'s API). Nothing about the link or its content is recorded.',
    schema: shape('A share link was created.', {}),
  },
  'docs.link_clicked': {
    category: 'usage',
    description: 'A documentation link was followed (reported by a tool through Candor\'s API).',
    schema: shape('A documentation link was followed.', {
      topic: tokenProp('The documentation topic chosen by the tool, e.g. "loops".', 'loops'),
    }),
  },
  'session.started': {
    category: 'usage',
    description: 'A tool started a session (reported through Candor\'s API).',
    schema: shape('A session started.', {
      version: patternProp(VERSION_PATTERN, 'The tool\'s version number.', 'a version number such as "1.2.3"', '1.2.3'),
      os: enumProp(OS_VALUES, 'The operating system family.'),
      arch: enumProp(ARCH_VALUES, 'The processor architecture.'),
      ui: enumProp(UI_VALUES, 'Whether VS Code runs as a desktop application or in a browser.'),
    }),
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

// ---------------------------------------------------------------------------
// Validation

/**
 * A rejected event. The message names the event and the property but never
 * repeats the offending value: values may be secrets.
 */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';

  constructor(
    readonly eventName: string | undefined,
    readonly property: string | undefined,
    readonly reason: string,
  ) {
    super(formatInvalidEvent(eventName, property, reason));
  }
}

function formatInvalidEvent(eventName: string | undefined, property: string | undefined, reason: string): string {
  const subject = [
    eventName === undefined ? '' : `event "${eventName}"`,
    property === undefined ? '' : `property "${property}"`,
  ].filter((part) => part !== '').join(' ');
  return subject === '' ? `Candor: ${reason}` : `Candor: ${subject}: ${reason}`;
}

/** Keys that could tamper with prototypes if copied naively. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_PROPERTY_COUNT = 16;

// Names from the caller are echoed in messages only when they look like
// ordinary names; anything else (possibly a secret passed by mistake) is not.
const ECHOABLE_EVENT_NAME = /^[a-z][a-z_]{0,30}(?:\.[a-z][a-z_]{0,30}){1,3}$/;
const ECHOABLE_PROPERTY_NAME = /^[A-Za-z_][A-Za-z_]{0,31}$/;
const UNPRINTABLE_EVENT = '(unprintable event name)';
const UNPRINTABLE_PROPERTY = '(unprintable property name)';

function echoEventName(name: string): string {
  return ECHOABLE_EVENT_NAME.test(name) ? name : UNPRINTABLE_EVENT;
}

function echoPropertyName(key: PropertyKey): string {
  if (typeof key !== 'string') {
    return '(symbol)';
  }
  return FORBIDDEN_KEYS.has(key) || ECHOABLE_PROPERTY_NAME.test(key) ? key : UNPRINTABLE_PROPERTY;
}

/**
 * Checks an event against the catalog. Takes `unknown` because it is the public
 * entry point (other extensions call it through Candor's API). Returns a fresh,
 * frozen event holding only declared properties; throws InvalidEventError — and
 * nothing else — otherwise.
 */
export function validateEvent(name: unknown, props: unknown): CatalogEvent {
  try {
    return validateUnchecked(name, props);
  } catch (error) {
    if (error instanceof InvalidEventError) {
      throw error;
    }
    // A hostile object (proxy trap, exotic object) threw while being read.
    const shownName = typeof name === 'string' && isEventName(name) ? name : undefined;
    throw new InvalidEventError(shownName, undefined, 'properties could not be read');
  }
}

function validateUnchecked(name: unknown, props: unknown): CatalogEvent {
  if (typeof name !== 'string') {
    throw new InvalidEventError(undefined, undefined, 'the event name must be a string');
  }
  if (!isEventName(name)) {
    throw new InvalidEventError(echoEventName(name), undefined, 'the event is not declared in the catalog');
  }
  const data = copyPlainData(name, props === undefined ? {} : props);
  const schema = selectSchema(name, data);
  const result = schema.safeParse(data);
  if (!result.success) {
    throw invalidFromIssues(name, data, result.error.issues);
  }
  return Object.freeze({ name, props: freezeInDeclaredOrder(result.data as Record<string, PropValue>) });
}

/**
 * Copies own data properties into a null-prototype object without invoking any
 * getter, rejecting everything that is not a plain record of primitive values.
 */
function copyPlainData(eventName: EventName, props: unknown): Record<string, unknown> {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    throw new InvalidEventError(eventName, undefined, 'properties must be a plain object');
  }
  const prototype: unknown = Object.getPrototypeOf(props);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new InvalidEventError(eventName, undefined, 'properties must be a plain object');
  }
  const keys = Reflect.ownKeys(props);
  if (keys.length > MAX_PROPERTY_COUNT) {
    throw new InvalidEventError(eventName, undefined, `too many properties (at most ${MAX_PROPERTY_COUNT})`);
  }
  const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of keys) {
    if (typeof key === 'symbol') {
      throw new InvalidEventError(eventName, echoPropertyName(key), 'symbol keys are not allowed');
    }
    if (FORBIDDEN_KEYS.has(key)) {
      throw new InvalidEventError(eventName, key, 'this key is not allowed');
    }
    const descriptor = Reflect.getOwnPropertyDescriptor(props, key);
    if (descriptor === undefined) {
      continue;
    }
    if (!('value' in descriptor)) {
      throw new InvalidEventError(eventName, echoPropertyName(key), 'accessor properties are not allowed');
    }
    data[key] = descriptor.value;
  }
  return data;
}

function selectSchema(eventName: EventName, data: Record<string, unknown>): z.ZodType {
  const definition: EventDefinition = EVENTS[eventName];
  const schema = definition.schema;
  if (!(schema instanceof z.ZodDiscriminatedUnion)) {
    return schema;
  }
  // Pick the variant ourselves so a wrong discriminator gets a precise message.
  const options = schema.options as readonly z.ZodObject[];
  const discriminatorKey = 'origin';
  const wanted = data[discriminatorKey];
  for (const option of options) {
    const literal: unknown = option.shape[discriminatorKey];
    if (literal instanceof z.ZodLiteral && literal.value === wanted) {
      return option;
    }
  }
  const allowed = options.map((option) => (option.shape[discriminatorKey] as z.ZodLiteral).value as string);
  const reason = wanted === undefined ? 'required property is missing' : `expected one of: ${allowed.join(', ')}`;
  throw new InvalidEventError(eventName, discriminatorKey, reason);
}

function invalidFromIssues(
  eventName: EventName,
  data: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): InvalidEventError {
  // Report an undeclared property first: it is the most likely mistake.
  const unknownKeys = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys !== undefined && unknownKeys.code === 'unrecognized_keys') {
    const first = unknownKeys.keys[0] ?? '';
    return new InvalidEventError(eventName, echoPropertyName(first), 'the property is not declared for this event');
  }
  const issue = issues[0];
  const key = issue?.path[0];
  if (typeof key !== 'string') {
    return new InvalidEventError(eventName, undefined, 'properties do not match the catalog');
  }
  if (data[key] === undefined) {
    return new InvalidEventError(eventName, key, 'required property is missing');
  }
  const doc = findPropertyDoc(eventName, data, key);
  return new InvalidEventError(eventName, key, `expected ${doc?.expects ?? 'a declared value'}`);
}

function findPropertyDoc(eventName: EventName, data: Record<string, unknown>, key: string): PropertyDoc | undefined {
  const schema = selectSchema(eventName, data);
  if (!(schema instanceof z.ZodObject)) {
    return undefined;
  }
  const propSchema = (schema.shape as Record<string, z.ZodType | undefined>)[key];
  return propSchema === undefined ? undefined : propertyDocs.get(propSchema);
}

function freezeInDeclaredOrder(props: Record<string, PropValue>): Readonly<Record<string, PropValue>> {
  const copy: Record<string, PropValue> = {};
  for (const key of Object.keys(props)) {
    copy[key] = props[key];
  }
  return Object.freeze(copy);
}

// ---------------------------------------------------------------------------
// What is and is never collected, generated from the schemas above.

export interface CollectedProperty {
  readonly name: string;
  readonly description: string;
  /** Plain words, e.g. "a short token" or "one of: debug, task". */
  readonly expects: string;
  /** The complete list of values when the property is an enumeration. */
  readonly values?: readonly string[];
  readonly example: string;
}

export interface CollectedShape {
  /** Set when the event has several shapes, told apart by one property. */
  readonly when?: { readonly property: string; readonly value: string };
  readonly description: string;
  readonly properties: readonly CollectedProperty[];
}

export interface CollectedEvent {
  readonly name: EventName;
  readonly category: Category;
  readonly description: string;
  readonly shapes: readonly CollectedShape[];
}

export interface CollectionDescription {
  readonly catalogVersion: number;
  readonly events: readonly CollectedEvent[];
  readonly neverCollected: readonly string[];
}

/** What Candor never records, in any event, report or log it uploads. */
export const NEVER_COLLECTED: readonly string[] = Object.freeze([
  'Error messages, output or any other free text',
  'Line or column numbers',
  'File paths, file names or folder names',
  'Identifiers from your code (names of variables, functions, classes, modules)',
  'Stack traces',
  'Source code or document contents',
  'Command lines, arguments or environment variables',
  'User names, home folder names or host (computer) names',
  'IP addresses, URLs or e-mail addresses',
  'Tokens, keys, passwords or other credentials',
  'Machine, installation, session or user identifiers of any kind',
  'Timestamps finer than the UTC day in anything uploaded',
]);

function describeProperty(name: string, schema: z.ZodType): CollectedProperty {
  const doc = propertyDocs.get(schema);
  if (doc === undefined) {
    throw new Error(`catalog property "${name}" has no documentation`);
  }
  const values = schema instanceof z.ZodEnum
    ? (schema.options as readonly string[])
    : schema instanceof z.ZodLiteral ? [String(schema.value)] : undefined;
  return values === undefined
    ? { name, description: doc.description, expects: doc.expects, example: doc.example }
    : { name, description: doc.description, expects: doc.expects, values: [...values], example: doc.example };
}

function describeShape(object: z.ZodObject, discriminatorKey: string | undefined): CollectedShape {
  const shapeEntries: Record<string, z.ZodType> = object.shape;
  const entries = Object.entries(shapeEntries);
  const properties = entries.map(([name, schema]) => describeProperty(name, schema));
  const description = shapeDocs.get(object)?.description ?? '';
  if (discriminatorKey === undefined) {
    return { description, properties };
  }
  const literal = object.shape[discriminatorKey] as z.ZodLiteral;
  return { when: { property: discriminatorKey, value: String(literal.value) }, description, properties };
}

export function describeCollection(): CollectionDescription {
  const events = EVENT_NAMES.map((name): CollectedEvent => {
    const definition: EventDefinition = EVENTS[name];
    const schema = definition.schema;
    const shapes = schema instanceof z.ZodDiscriminatedUnion
      ? (schema.options as readonly z.ZodObject[]).map((option) => describeShape(option, 'origin'))
      : [describeShape(schema as z.ZodObject, undefined)];
    return { name, category: definition.category, description: definition.description, shapes };
  });
  return { catalogVersion: CATALOG_VERSION, events, neverCollected: NEVER_COLLECTED };
}

const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  usage: 'Usage (needs VS Code telemetry level "all")',
  errors: 'Errors (needs VS Code telemetry level "error" or "all")',
};

function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The human-readable list of what is and is never collected, as Markdown. */
export function renderCollectionMarkdown(): string {
  const description = describeCollection();
  const lines: string[] = [
    '# What Candor collects',
    '',
    '<!-- Generated from src/core/catalog.ts by renderCollectionMarkdown(); do not edit by hand. -->',
    '',
    `Catalog version ${description.catalogVersion}. Only the events and properties listed here can be recorded;`,
    'anything else is rejected before it is stored. Uploaded reports contain daily counts of these events, nothing more.',
    '',
  ];
  for (const category of ['usage', 'errors'] as const) {
    lines.push(`## ${CATEGORY_TITLES[category]}`, '');
    for (const event of description.events.filter((candidate) => candidate.category === category)) {
      lines.push(`### \`${event.name}\``, '', event.description, '');
      for (const shape of event.shapes) {
        if (shape.when !== undefined) {
          lines.push(`When \`${shape.when.property}\` is \`${shape.when.value}\`: ${shape.description}`, '');
        }
        if (shape.properties.length === 0) {
          lines.push('No properties.', '');
          continue;
        }
        lines.push('| Property | Meaning | Allowed values | Example |', '|---|---|---|---|');
        for (const property of shape.properties) {
          const allowed = property.values === undefined
            ? property.expects
            : property.values.map((value) => `\`${value}\``).join(', ');
          lines.push(`| \`${property.name}\` | ${escapeMarkdownCell(property.description)} | ${escapeMarkdownCell(allowed)} | \`${property.example}\` |`);
        }
        lines.push('');
      }
    }
  }
  lines.push('## Never collected', '');
  for (const item of description.neverCollected) {
    lines.push(`- ${item}`);
  }
  lines.push('');
  return lines.join('\n');
}
