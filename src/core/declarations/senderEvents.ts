// What Candor's `vscode.TelemetrySender` makes of the calls
// `vscode.env.createTelemetryLogger(sender)` forwards to it, as plain values:
//  - `logUsage(name, data)` and `logError(name, data)` arrive as
//    `sendEventData("<extension id>/<name>", data)`, with VS Code's built-in
//    common properties (`common.*`) mixed into `data` (or into
//    `data.properties` when the data is split into properties and measurements);
//  - `logError(error, data)` arrives as `sendErrorData(error, data)`.
// Nothing is read through a getter or a proxy trap, and an Error is read no
// further than its constructor's name.

import { mapExceptionType } from '../exceptionTypes';
import { EXCEPTION_EVENT, EXCEPTION_PROPERTY } from './limits';
import { namespacedName } from './declaredEvents';

/** Most keys read from one call's data; a larger object is dropped whole. */
const MAX_DATA_KEYS = 64;
const COMMON_PREFIX = 'common.';

export interface SenderEvent {
  readonly name: string;
  readonly props: Record<string, unknown>;
}

function ownValue(target: object, key: string): unknown {
  const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event name without the `<extension id>/` prefix VS Code's logger adds (only the name for publisher "vscode"). */
export function unprefixedEventName(extensionId: string, eventName: string): string {
  const lower = eventName.toLowerCase();
  const prefixes = [`${extensionId}/`];
  if (extensionId.startsWith('vscode.')) {
    prefixes.push(`${extensionId.slice('vscode.'.length)}/`);
  }
  for (const prefix of prefixes) {
    if (lower.startsWith(prefix)) {
      return eventName.slice(prefix.length);
    }
  }
  return eventName;
}

function copyData(target: Record<string, unknown>, source: object): boolean {
  const keys = Reflect.ownKeys(source);
  if (keys.length > MAX_DATA_KEYS) {
    return false;
  }
  for (const key of keys) {
    if (typeof key !== 'string' || key.startsWith(COMMON_PREFIX)) {
      continue;
    }
    target[key] = ownValue(source, key);
  }
  return true;
}

/**
 * The namespaced event a `sendEventData` call stands for, with its properties
 * (built-in `common.*` properties left out), or undefined when the data cannot
 * be read as plain values. The catalog decides whether it matches a declaration.
 */
export function eventFromSendEventData(
  extensionId: string,
  eventName: unknown,
  data: unknown,
): SenderEvent | undefined {
  if (typeof eventName !== 'string') {
    return undefined;
  }
  const props: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (data !== undefined) {
    if (!isRecord(data)) {
      return undefined;
    }
    const properties = ownValue(data, 'properties');
    const parts = isRecord(properties) ? [properties, ownValue(data, 'measurements')] : [data];
    for (const part of parts) {
      if (part !== undefined && (!isRecord(part) || !copyData(props, part))) {
        return undefined;
      }
    }
  }
  return { name: namespacedName(extensionId, unprefixedEventName(extensionId, eventName)), props };
}

/** The constructor's name of an Error, read without running any getter; undefined when it has none. */
function constructorName(error: unknown): string | undefined {
  if (!isRecord(error) && typeof error !== 'function') {
    return undefined;
  }
  const prototype: unknown = Reflect.getPrototypeOf(error);
  if (!isRecord(prototype)) {
    return undefined;
  }
  const constructor = ownValue(prototype, 'constructor');
  if (typeof constructor !== 'function') {
    return undefined;
  }
  const name = ownValue(constructor, 'name');
  return typeof name === 'string' ? name : undefined;
}

/**
 * The error's type name: its constructor's name, or, for a plain `Error`, its own
 * `name`. VS Code's `TelemetryLogger.logError(error)` hands the sender a plain
 * `Error` rebuilt from the original with only the name copied over, so the
 * constructor alone would always say "Error". Read without running any getter.
 */
function errorTypeName(error: unknown): string | undefined {
  const fromConstructor = constructorName(error);
  if (fromConstructor !== 'Error' || !isRecord(error)) {
    return fromConstructor;
  }
  const own = ownValue(error, 'name');
  return typeof own === 'string' ? own : fromConstructor;
}

/**
 * The event a `sendErrorData(error)` call stands for: the extension's declared
 * `error.exception` event with `type` set to the error's type name (errorTypeName),
 * mapped through the published exception types ("TypeError", … or "user_defined").
 */
export function eventFromSendErrorData(extensionId: string, error: unknown): SenderEvent {
  let type: string;
  try {
    type = mapExceptionType(errorTypeName(error));
  } catch {
    type = mapExceptionType(undefined);
  }
  return { name: namespacedName(extensionId, EXCEPTION_EVENT), props: { [EXCEPTION_PROPERTY]: type } };
}
