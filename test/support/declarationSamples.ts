// Event declarations (the value of a package.json "candor" key), good and bad,
// shared by the validator's unit tests and the JSON Schema agreement test.
import { DECLARATION_LIMITS as LIMITS, type DeclarationRule } from '../../src/core/declarations';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const GOOD_PROPERTIES: Record<string, Json> = {
  example_id: { enum: ['hello_world', 'loops', 'functions'], description: 'Which example.' },
  from_welcome: { type: 'boolean', description: 'Opened from the welcome page.' },
  step: { type: 'integer', minimum: 0, maximum: 20, description: 'Tutorial step.' },
};

export function event(properties: Record<string, Json> = {}, extra: Record<string, Json> = {}): Record<string, Json> {
  return { category: 'usage', description: 'Something happened.', properties, ...extra };
}

/** A declaration with one event `a.b` holding the one property `p`. */
export function withProperty(property: Json): Json {
  return { events: { 'a.b': event({ p: property }) } };
}

function manyEvents(count: number): Record<string, Json> {
  const events: Record<string, Json> = {};
  for (let i = 0; i < count; i++) {
    events[`e.${letters(i)}`] = event();
  }
  return events;
}

/** 0 → "a", 25 → "z", 26 → "ba": distinct names without digits. */
function letters(i: number): string {
  let out = '';
  let n = i;
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

function manyProperties(count: number): Record<string, Json> {
  const properties: Record<string, Json> = {};
  for (let i = 0; i < count; i++) {
    properties[`p_${letters(i)}`] = { type: 'boolean', description: 'A flag.' };
  }
  return properties;
}

function values(count: number, prefix = 'v'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

/** `perEvent` enum values in each of `events` events. */
function valuesOver(events: number, perEvent: number): Json {
  const declared: Record<string, Json> = {};
  for (let i = 0; i < events; i++) {
    declared[`e.${letters(i)}`] = event({ p: { enum: values(perEvent), description: 'A value.' } });
  }
  return { events: declared };
}

function eventsOf(candor: Json): Record<string, Json> {
  return (candor as { events: Record<string, Json> }).events;
}

export interface GoodSample {
  readonly title: string;
  readonly candor: Json;
}

export interface BadSample {
  readonly title: string;
  readonly candor: Json;
  readonly rule: DeclarationRule;
  readonly event?: string;
  readonly property?: string;
  /** True when JSON Schema cannot express the rule; the schema accepts it and only Candor refuses it. */
  readonly candorOnly?: boolean;
}

const wholeValues = LIMITS.valuesPerExtension / LIMITS.valuesPerEnum;

export const GOOD: readonly GoodSample[] = [
  { title: 'the issue example', candor: { events: { 'example.loaded': event({ ...GOOD_PROPERTIES }) } } },
  { title: 'an event without properties', candor: { events: { 'share.link_created': event() } } },
  {
    title: 'an event with no "properties" key',
    candor: { events: { 'share.link_created': { category: 'errors', description: 'x' } } },
  },
  { title: 'four-part names', candor: { events: { 'a.b_c.d.e': event() } } },
  { title: 'the most events', candor: { events: manyEvents(LIMITS.events) } },
  { title: 'the most properties', candor: { events: { 'a.b': event(manyProperties(LIMITS.propertiesPerEvent)) } } },
  { title: 'an enum with type "string"', candor: withProperty({ type: 'string', enum: ['x'], description: 'd' }) },
  { title: 'the most enum values', candor: withProperty({ enum: values(LIMITS.valuesPerEnum), description: 'd' }) },
  { title: 'the most values per extension', candor: valuesOver(wholeValues, LIMITS.valuesPerEnum) },
  {
    title: 'the longest enum value',
    candor: withProperty({ enum: ['A'.repeat(LIMITS.valueLength)], description: 'd' }),
  },
  {
    title: 'dotted and dashed enum values',
    candor: withProperty({ enum: ['java.lang.Error', 'a-b_c'], description: 'd' }),
  },
  {
    title: 'the widest integer range',
    candor: withProperty({ type: 'integer', minimum: -500, maximum: 500, description: 'd' }),
  },
  {
    title: 'a one-value integer range at the magnitude limit',
    candor: withProperty({
      type: 'integer',
      minimum: LIMITS.integerMagnitude,
      maximum: LIMITS.integerMagnitude,
      description: 'd',
    }),
  },
  {
    title: 'the longest description',
    candor: withProperty({ type: 'boolean', description: 'd'.repeat(LIMITS.descriptionLength) }),
  },
  {
    title: 'the longest property name',
    candor: { events: { 'a.b': event({ ['p'.repeat(32)]: { type: 'boolean', description: 'd' } }) } },
  },
  { title: 'the longest event name part', candor: { events: { [`${'a'.repeat(31)}.b`]: event() } } },
];

export const BAD: readonly BadSample[] = [
  { title: 'not an object', candor: 'events', rule: 'declaration-shape' },
  { title: 'null', candor: null, rule: 'declaration-shape' },
  { title: 'an array', candor: [], rule: 'declaration-shape' },
  { title: 'no "events" key', candor: {}, rule: 'declaration-shape' },
  { title: 'an extra top-level key', candor: { events: { 'a.b': event() }, version: 1 }, rule: 'declaration-shape' },
  { title: '"events" is an array', candor: { events: [] }, rule: 'declaration-shape' },
  { title: 'no events', candor: { events: {} }, rule: 'event-count' },
  { title: 'one event too many', candor: { events: manyEvents(LIMITS.events + 1) }, rule: 'event-count' },
  {
    title: 'an event name without a dot',
    candor: { events: { loaded: event() } },
    rule: 'event-name',
    event: 'loaded',
  },
  {
    title: 'an upper-case event name',
    candor: { events: { 'Example.loaded': event() } },
    rule: 'event-name',
    event: 'Example.loaded',
  },
  {
    title: 'a digit in an event name',
    candor: { events: { 'step2.done': event() } },
    rule: 'event-name',
    event: 'step2.done',
  },
  { title: 'five name parts', candor: { events: { 'a.b.c.d.e': event() } }, rule: 'event-name', event: 'a.b.c.d.e' },
  {
    title: 'a name part too long',
    candor: { events: { [`${'a'.repeat(32)}.b`]: event() } },
    rule: 'event-name',
    event: `${'a'.repeat(32)}.b`,
  },
  {
    title: 'a namespaced event name',
    candor: { events: { 'pub.ext:a.b': event() } },
    rule: 'event-name',
    event: 'pub.ext:a.b',
  },
  {
    title: 'an event that is not an object',
    candor: { events: { 'a.b': 'usage' } },
    rule: 'event-shape',
    event: 'a.b',
  },
  {
    title: 'an extra key in an event',
    candor: { events: { 'a.b': event({}, { sampled: true }) } },
    rule: 'event-shape',
    event: 'a.b',
  },
  {
    title: '"properties" is an array',
    candor: { events: { 'a.b': event(undefined, { properties: [] }) } },
    rule: 'event-shape',
    event: 'a.b',
  },
  { title: 'a missing category', candor: { events: { 'a.b': { description: 'x' } } }, rule: 'category', event: 'a.b' },
  {
    title: 'an unknown category',
    candor: { events: { 'a.b': event({}, { category: 'crash' }) } },
    rule: 'category',
    event: 'a.b',
  },
  {
    title: 'a missing event description',
    candor: { events: { 'a.b': { category: 'usage' } } },
    rule: 'description',
    event: 'a.b',
  },
  {
    title: 'an empty event description',
    candor: { events: { 'a.b': event({}, { description: '' }) } },
    rule: 'description',
    event: 'a.b',
  },
  {
    title: 'an event description too long',
    candor: { events: { 'a.b': event({}, { description: 'd'.repeat(LIMITS.descriptionLength + 1) }) } },
    rule: 'description',
    event: 'a.b',
  },
  {
    title: 'a missing property description',
    candor: withProperty({ type: 'boolean' }),
    rule: 'description',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'one property too many',
    candor: { events: { 'a.b': event(manyProperties(LIMITS.propertiesPerEvent + 1)) } },
    rule: 'property-count',
    event: 'a.b',
  },
  {
    title: 'a camel-case property name',
    candor: { events: { 'a.b': event({ exampleId: { type: 'boolean', description: 'd' } }) } },
    rule: 'property-name',
    event: 'a.b',
    property: 'exampleId',
  },
  {
    title: 'a property name too long',
    candor: { events: { 'a.b': event({ ['p'.repeat(33)]: { type: 'boolean', description: 'd' } }) } },
    rule: 'property-name',
    event: 'a.b',
    property: 'p'.repeat(33),
  },
  {
    title: 'a free string',
    candor: withProperty({ type: 'string', description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a string with a pattern',
    candor: withProperty({ type: 'string', pattern: '^[a-z]+$', description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a float',
    candor: withProperty({ type: 'number', minimum: 0, maximum: 1, description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a nested object',
    candor: withProperty({ type: 'object', properties: {}, description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an array property',
    candor: withProperty({ type: 'array', description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a property that is a string',
    candor: withProperty('boolean'),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an extra key on a boolean',
    candor: withProperty({ type: 'boolean', default: false, description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum with type "integer"',
    candor: withProperty({ type: 'integer', enum: ['a'], description: 'd' }),
    rule: 'property-type',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum of numbers',
    candor: withProperty({ enum: [1, 2], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an empty enum',
    candor: withProperty({ enum: [], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'one enum value too many',
    candor: withProperty({ enum: values(LIMITS.valuesPerEnum + 1), description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a duplicate enum value',
    candor: withProperty({ enum: ['a', 'a'], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum value too long',
    candor: withProperty({ enum: ['A'.repeat(LIMITS.valueLength + 1)], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum value with a space',
    candor: withProperty({ enum: ['hello world'], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum value like an e-mail address',
    candor: withProperty({ enum: ['me@example.com'], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an enum value starting with a dot',
    candor: withProperty({ enum: ['.hidden'], description: 'd' }),
    rule: 'enum-values',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'one value too many per extension',
    candor: {
      events: {
        ...eventsOf(valuesOver(wholeValues, LIMITS.valuesPerEnum)),
        'z.z': event({ p: { enum: ['x'], description: 'd' } }),
      },
    },
    rule: 'value-count',
    candorOnly: true,
  },
  {
    title: 'an integer without a maximum',
    candor: withProperty({ type: 'integer', minimum: 0, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'an integer without a minimum',
    candor: withProperty({ type: 'integer', maximum: 5, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a fractional bound',
    candor: withProperty({ type: 'integer', minimum: 0.5, maximum: 5, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a bound given as a string',
    candor: withProperty({ type: 'integer', minimum: '0', maximum: 5, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a bound beyond the magnitude limit',
    candor: withProperty({
      type: 'integer',
      minimum: LIMITS.integerMagnitude + 1,
      maximum: LIMITS.integerMagnitude + 1,
      description: 'd',
    }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
  },
  {
    title: 'a minimum above the maximum',
    candor: withProperty({ type: 'integer', minimum: 5, maximum: 4, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
    candorOnly: true,
  },
  {
    title: 'a range 1001 wide',
    candor: withProperty({ type: 'integer', minimum: 0, maximum: LIMITS.integerSpan + 1, description: 'd' }),
    rule: 'integer-range',
    event: 'a.b',
    property: 'p',
    candorOnly: true,
  },
];
