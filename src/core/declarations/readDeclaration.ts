// Reads the `"candor"` key of an extension's package.json with zod and either
// returns its declared events or refuses the whole declaration with the rule
// it broke. The reason names the rule, the event and the property — the
// extension author's names, never anything a user typed.

import { z } from 'zod';
import {
  DECLARATION_LIMITS as LIMITS,
  ENUM_VALUE_PATTERN,
  EVENT_NAME_PATTERN,
  PROPERTY_NAME_PATTERN,
  type DeclarationRule,
} from './limits';
import type { Category } from '../types';

export type DeclaredProperty =
  | { readonly kind: 'enum'; readonly description: string; readonly values: readonly string[] }
  | { readonly kind: 'boolean'; readonly description: string }
  | { readonly kind: 'integer'; readonly description: string; readonly minimum: number; readonly maximum: number };

export interface DeclaredEvent {
  readonly name: string;
  readonly category: Category;
  readonly description: string;
  /** In declaration order. */
  readonly properties: ReadonlyMap<string, DeclaredProperty>;
}

export interface Declaration {
  /** In declaration order. */
  readonly events: ReadonlyMap<string, DeclaredEvent>;
}

export interface DeclarationRefusal {
  readonly rule: DeclarationRule;
  readonly event?: string;
  readonly property?: string;
  /** Plain words, e.g. "the maximum is more than 1000 above the minimum". */
  readonly reason: string;
}

export type DeclarationResult =
  | { readonly ok: true; readonly declaration: Declaration }
  | { readonly ok: false; readonly refusal: DeclarationRefusal };

class Refused extends Error {
  constructor(readonly refusal: DeclarationRefusal) {
    super(refusal.reason);
  }
}

function refuse(rule: DeclarationRule, reason: string, event?: string, property?: string): never {
  throw new Refused({
    rule,
    reason,
    ...(event === undefined ? {} : { event }),
    ...(property === undefined ? {} : { property }),
  });
}

/** Names are echoed only when they look like names; anything else is not repeated. */
function shown(name: string): string {
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(name) ? name : '(unprintable name)';
}

const description = z.string().min(1).max(LIMITS.descriptionLength).regex(/\S/);
const bound = z.number().int().min(-LIMITS.integerMagnitude).max(LIMITS.integerMagnitude);

const declarationSchema = z.strictObject({ events: z.record(z.string(), z.unknown()) });

// Keys checked one by one below are optional here, so their own rule names what is missing.
const eventSchema = z.strictObject({
  category: z.unknown().optional(),
  description: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const enumSchema = z.strictObject({
  type: z.literal('string').optional(),
  enum: z.array(z.unknown()),
  description: z.unknown().optional(),
});
const booleanSchema = z.strictObject({ type: z.literal('boolean'), description: z.unknown().optional() });
const integerSchema = z.strictObject({
  type: z.literal('integer'),
  minimum: z.unknown().optional(),
  maximum: z.unknown().optional(),
  description: z.unknown().optional(),
});

function checkDescription(value: unknown, event: string, property?: string): string {
  const result = description.safeParse(value);
  if (!result.success) {
    refuse('description', `a description of 1 to ${LIMITS.descriptionLength} characters is required`, event, property);
  }
  return result.data.trim();
}

function checkValues(values: readonly unknown[], event: string, property: string): string[] {
  if (values.length === 0 || values.length > LIMITS.valuesPerEnum) {
    refuse('enum-values', `an enum lists 1 to ${LIMITS.valuesPerEnum} values`, event, property);
  }
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || !ENUM_VALUE_PATTERN.test(value)) {
      refuse(
        'enum-values',
        `every value is a short token (letters, digits, "_", "." or "-", at most ${LIMITS.valueLength} characters)`,
        event,
        property,
      );
    }
    if (seen.has(value)) {
      refuse('enum-values', 'a value is listed twice', event, property);
    }
    seen.add(value);
  }
  return [...seen];
}

function readProperty(value: unknown, event: string, property: string): DeclaredProperty {
  const kindOf =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const expected = 'a property is an enum of strings, a boolean, or an integer with a minimum and a maximum';
  if (kindOf === undefined) {
    refuse('property-type', expected, event, property);
  }
  if ('enum' in kindOf) {
    const parsed = enumSchema.safeParse(kindOf);
    if (!parsed.success) {
      const enumIssue = parsed.error.issues.find((issue) => issue.path[0] === 'enum');
      if (enumIssue !== undefined) {
        refuse('enum-values', 'an enum is a list of strings', event, property);
      }
      refuse(
        'property-type',
        `${expected}; an enum property has only "enum", "description" and an optional "type": "string"`,
        event,
        property,
      );
    }
    const values = checkValues(parsed.data.enum, event, property);
    return { kind: 'enum', description: checkDescription(parsed.data.description, event, property), values };
  }
  if (kindOf.type === 'boolean') {
    const parsed = booleanSchema.safeParse(kindOf);
    if (!parsed.success) {
      refuse('property-type', `${expected}; a boolean property has only "type" and "description"`, event, property);
    }
    return { kind: 'boolean', description: checkDescription(parsed.data.description, event, property) };
  }
  if (kindOf.type === 'integer') {
    const parsed = integerSchema.safeParse(kindOf);
    if (!parsed.success) {
      refuse(
        'property-type',
        `${expected}; an integer property has only "type", "minimum", "maximum" and "description"`,
        event,
        property,
      );
    }
    const minimum = bound.safeParse(parsed.data.minimum);
    const maximum = bound.safeParse(parsed.data.maximum);
    if (!minimum.success || !maximum.success) {
      refuse(
        'integer-range',
        `"minimum" and "maximum" are integers from -${LIMITS.integerMagnitude} to ${LIMITS.integerMagnitude}`,
        event,
        property,
      );
    }
    if (minimum.data > maximum.data) {
      refuse('integer-range', 'the minimum is above the maximum', event, property);
    }
    if (maximum.data - minimum.data > LIMITS.integerSpan) {
      refuse('integer-range', `the maximum is more than ${LIMITS.integerSpan} above the minimum`, event, property);
    }
    return {
      kind: 'integer',
      description: checkDescription(parsed.data.description, event, property),
      minimum: minimum.data,
      maximum: maximum.data,
    };
  }
  return refuse(
    'property-type',
    `${expected}; nothing else (no free strings, numbers or nested objects)`,
    event,
    property,
  );
}

function readEvent(name: string, value: unknown): DeclaredEvent {
  const parsed = eventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path[0];
    if (where === 'properties') {
      refuse('event-shape', '"properties" is an object of property declarations', name);
    }
    refuse('event-shape', 'an event has only "category", "description" and "properties"', name);
  }
  const { category, properties = {} } = parsed.data;
  if (category !== 'usage' && category !== 'errors') {
    refuse('category', 'the category is "usage" or "errors"', name);
  }
  const eventDescription = checkDescription(parsed.data.description, name);
  const names = Object.keys(properties);
  if (names.length > LIMITS.propertiesPerEvent) {
    refuse('property-count', `an event declares at most ${LIMITS.propertiesPerEvent} properties`, name);
  }
  const declared = new Map<string, DeclaredProperty>();
  for (const property of names) {
    if (!PROPERTY_NAME_PATTERN.test(property)) {
      refuse(
        'property-name',
        'a property name is a lowercase token (letters and "_", at most 32 characters)',
        name,
        shown(property),
      );
    }
    declared.set(property, readProperty(properties[property], name, property));
  }
  return { name, category, description: eventDescription, properties: declared };
}

function readUnchecked(candor: unknown): Declaration {
  const parsed = declarationSchema.safeParse(candor);
  if (!parsed.success) {
    refuse('declaration-shape', '"candor" is an object with one key, "events", an object of event declarations');
  }
  const names = Object.keys(parsed.data.events);
  if (names.length === 0 || names.length > LIMITS.events) {
    refuse('event-count', `an extension declares 1 to ${LIMITS.events} events`);
  }
  const events = new Map<string, DeclaredEvent>();
  let values = 0;
  for (const name of names) {
    if (!EVENT_NAME_PATTERN.test(name)) {
      refuse(
        'event-name',
        'an event name is 2 to 4 lowercase dotted tokens (letters and "_"), e.g. "example.loaded"',
        shown(name),
      );
    }
    const event = readEvent(name, parsed.data.events[name]);
    for (const property of event.properties.values()) {
      values += property.kind === 'enum' ? property.values.length : 0;
    }
    events.set(name, event);
  }
  if (values > LIMITS.valuesPerExtension) {
    refuse('value-count', `an extension's enums list at most ${LIMITS.valuesPerExtension} values in all`);
  }
  return { events };
}

/**
 * Validates the value of an extension's `"candor"` package.json key. Never
 * throws: anything malformed, hostile or unexpected is a refusal.
 */
export function readDeclaration(candor: unknown): DeclarationResult {
  try {
    return { ok: true, declaration: readUnchecked(candor) };
  } catch (error) {
    if (error instanceof Refused) {
      return { ok: false, refusal: error.refusal };
    }
    return { ok: false, refusal: { rule: 'declaration-shape', reason: 'the declaration could not be read' } };
  }
}

/** One line for the log: the rule, and the event and property it concerns. */
export function describeRefusal(refusal: DeclarationRefusal): string {
  const where = [
    refusal.event === undefined ? '' : `event "${refusal.event}"`,
    refusal.property === undefined ? '' : `property "${refusal.property}"`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  return `rule ${refusal.rule}${where === '' ? '' : ` (${where})`}: ${refusal.reason}`;
}
