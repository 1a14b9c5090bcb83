// The rules an extension's `"candor": {"events": …}` declaration must follow,
// stated once: the zod schema (declarationSchema.ts), the JSON Schema
// (schemas/candor-events.schema.json, checked against these by a unit test)
// and the README quote these numbers and patterns.

export const DECLARATION_LIMITS = Object.freeze({
  /** Events one extension may declare. */
  events: 32,
  /** Properties one event may declare. */
  propertiesPerEvent: 8,
  /** Values one enum property may list. */
  valuesPerEnum: 64,
  /** Enum values over all events of one extension. */
  valuesPerExtension: 512,
  /** An integer property's maximum minus its minimum. */
  integerSpan: 1000,
  /** Largest magnitude of an integer bound (keeps every value a small, safe integer). */
  integerMagnitude: 1_000_000,
  /** Characters in an enum value. */
  valueLength: 48,
  /** Characters in a description. */
  descriptionLength: 200,
});

/** Lowercase dotted tokens, 2 to 4 parts: "example.loaded", "share.link_created". */
export const EVENT_NAME_PATTERN = /^[a-z][a-z_]{0,30}(?:\.[a-z][a-z_]{0,30}){1,3}$/;
/** Lowercase snake tokens: "example_id", "from_welcome". */
export const PROPERTY_NAME_PATTERN = /^[a-z][a-z_]{0,31}$/;
/** A short token: letters, digits, "_", "." and "-", starting with a letter or digit. */
export const ENUM_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/;
/** A VS Code extension id, "publisher.name", lowercased. */
export const EXTENSION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}\.[a-z0-9][a-z0-9-]{0,62}$/;

/** The rule a refused declaration broke; logged with the extension's id. */
export type DeclarationRule =
  | 'declaration-shape'
  | 'event-count'
  | 'event-name'
  | 'event-shape'
  | 'category'
  | 'description'
  | 'property-count'
  | 'property-name'
  | 'property-type'
  | 'enum-values'
  | 'value-count'
  | 'integer-range';

/**
 * The event an extension sends through `sender.sendErrorData(error)`: an
 * `errors` event with one enum property, `type`, listing the exception types
 * (from the published exception-types list) the extension wants counted.
 */
export const EXCEPTION_EVENT = 'error.exception';
export const EXCEPTION_PROPERTY = 'type';
