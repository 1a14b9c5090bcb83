// The event catalog: validation of every event against the declarations in
// catalogSchema.ts. Everything the catalog offers is re-exported here, so
// callers import from one place.

import { z } from 'zod';
import {
  EVENTS,
  eventCategory,
  isEventName,
  propertyDocs,
  type EventDefinition,
  type EventName,
  type PropertyDoc,
} from './catalogSchema';
import { InvalidEventError, copyPlainData, echoEventName, echoPropertyName } from './invalidEvent';
import { currentDeclaredEvents } from './declarations/current';
import { describeDeclaredValues, splitNamespaced, type DeclaredEvents } from './declarations/declaredEvents';
import type { CatalogEvent, Category, PropValue } from './types';

export {
  ARCH_VALUES,
  CATALOG_VERSION,
  EVENT_NAMES,
  OS_VALUES,
  RUN_KIND_VALUES,
  SEVERITY_VALUES,
  TOKEN_MAX_LENGTH,
  TOKEN_PATTERN,
  UI_VALUES,
  VERSION_PATTERN,
  eventCategory,
  isEventName,
  isToken,
} from './catalogSchema';
export type { EventName, EventProps } from './catalogSchema';
export { InvalidEventError } from './invalidEvent';
export { NEVER_COLLECTED, describeCollection } from './collectionDescription';
export type {
  CollectedEvent,
  CollectedProperty,
  CollectedShape,
  CollectionDescription,
  VocabularyReference,
} from './collectionDescription';
export { renderCollectionMarkdown } from './collectionMarkdown';

/**
 * Checks an event against the catalog, or — for a namespaced name
 * (`publisher.name:event`) — against that extension's declaration in
 * `declared` (by default the declarations in force). Takes `unknown` because it
 * is the public entry point (other extensions call it through Candor's API).
 * Returns a fresh, frozen event holding only declared properties; throws
 * InvalidEventError — and nothing else — otherwise.
 */
export function validateEvent(
  name: unknown,
  props: unknown,
  declared: DeclaredEvents = currentDeclaredEvents(),
): CatalogEvent {
  try {
    return typeof name === 'string' && splitNamespaced(name) !== undefined
      ? validateDeclared(name, props, declared)
      : validateUnchecked(name, props);
  } catch (error) {
    if (error instanceof InvalidEventError) {
      throw error;
    }
    // A hostile object (proxy trap, exotic object) threw while being read.
    const shownName = typeof name === 'string' && isEventName(name) ? name : undefined;
    throw new InvalidEventError(shownName, undefined, 'properties could not be read');
  }
}

/** The category of a catalog event or of a declared (namespaced) one; undefined for anything else. */
export function categoryOf(name: string, declared: DeclaredEvents = currentDeclaredEvents()): Category | undefined {
  return isEventName(name) ? eventCategory(name) : declared.category(name);
}

function validateDeclared(name: string, props: unknown, declared: DeclaredEvents): CatalogEvent {
  const match = declared.lookup(name);
  if (match === undefined) {
    throw new InvalidEventError(
      echoEventName(name),
      undefined,
      'the event is not declared by that extension (or its declaration was refused)',
    );
  }
  const data = copyPlainData(name, props === undefined ? {} : props);
  const result = match.schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new InvalidEventError(
        name,
        echoPropertyName(issue.keys[0] ?? ''),
        'the property is not declared for this event',
      );
    }
    const key = issue?.path[0];
    const property = typeof key === 'string' ? match.event.properties.get(key) : undefined;
    if (typeof key !== 'string' || property === undefined) {
      throw new InvalidEventError(name, undefined, 'properties do not match the declaration');
    }
    throw new InvalidEventError(name, key, `expected ${describeDeclaredValues(property)}`);
  }
  // Declared order, so equal events look the same wherever they are shown.
  const copy: Record<string, PropValue> = {};
  for (const key of match.event.properties.keys()) {
    const value = result.data[key];
    if (value !== undefined) {
      copy[key] = value;
    }
  }
  return Object.freeze({ name, props: Object.freeze(copy) });
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
