// The catalog's rejections, and reading a caller's properties without trusting
// them: a rejection names the event and the property but never repeats a value,
// and properties are copied without running any getter or proxy trap of theirs.

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
  ]
    .filter((part) => part !== '')
    .join(' ');
  return subject === '' ? `Candor: ${reason}` : `Candor: ${subject}: ${reason}`;
}

/** Keys that could tamper with prototypes if copied naively. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_PROPERTY_COUNT = 16;

// Names from the caller are echoed in messages only when they look like
// ordinary names; anything else (possibly a secret passed by mistake) is not.
// An optional `publisher.name:` namespace, then lowercase dotted tokens.
const ECHOABLE_EVENT_NAME =
  /^(?:[a-z0-9][a-z0-9-]{0,62}\.[a-z0-9][a-z0-9-]{0,62}:)?[a-z][a-z_]{0,30}(?:\.[a-z][a-z_]{0,30}){1,3}$/;
const ECHOABLE_PROPERTY_NAME = /^[A-Za-z_][A-Za-z_]{0,31}$/;
const UNPRINTABLE_EVENT = '(unprintable event name)';
const UNPRINTABLE_PROPERTY = '(unprintable property name)';

export function echoEventName(name: string): string {
  return ECHOABLE_EVENT_NAME.test(name) ? name : UNPRINTABLE_EVENT;
}

export function echoPropertyName(key: PropertyKey): string {
  if (typeof key !== 'string') {
    return '(symbol)';
  }
  return FORBIDDEN_KEYS.has(key) || ECHOABLE_PROPERTY_NAME.test(key) ? key : UNPRINTABLE_PROPERTY;
}

/**
 * Copies own data properties into a null-prototype object without invoking any
 * getter, rejecting everything that is not a plain record of primitive values.
 */
export function copyPlainData(eventName: string, props: unknown): Record<string, unknown> {
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
