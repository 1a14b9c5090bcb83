// What is and is never collected, generated from the catalog's schemas and
// their documentation (catalogSchema.ts), so it can never drift from them.

import { z } from 'zod';
import {
  CATALOG_VERSION,
  EVENTS,
  EVENT_NAMES,
  propertyDocs,
  shapeDocs,
  type EventDefinition,
  type EventName,
} from './catalogSchema';
import type { Category } from './types';
import { publishedVocabulary, type VocabularyId } from './vocabularies/published';

/** Where the full list of a property's values is published. */
export interface VocabularyReference {
  readonly id: VocabularyId;
  readonly title: string;
  readonly summary: string;
  /** The heading anchor of the full list in docs/telemetry-events.md. */
  readonly anchor: string;
}

export function vocabularyAnchor(id: VocabularyId): string {
  return `vocabulary-${id}`;
}

export interface CollectedProperty {
  readonly name: string;
  readonly description: string;
  /** Plain words, e.g. "a short token" or "one of: debug, task". */
  readonly expects: string;
  /** The complete list of values when the property is a short enumeration. */
  readonly values?: readonly string[];
  /** The published list of values, when it is too long to show inline. */
  readonly vocabulary?: VocabularyReference;
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
  const values =
    schema instanceof z.ZodEnum
      ? (schema.options as readonly string[])
      : schema instanceof z.ZodLiteral
        ? [String(schema.value)]
        : undefined;
  const base = { name, description: doc.description, expects: doc.expects, example: doc.example };
  if (doc.vocabulary !== undefined) {
    const published = publishedVocabulary(doc.vocabulary);
    const vocabulary = {
      id: published.id,
      title: published.title,
      summary: published.summary,
      anchor: vocabularyAnchor(published.id),
    };
    return { ...base, vocabulary };
  }
  return values === undefined ? base : { ...base, values: [...values] };
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
    const shapes =
      schema instanceof z.ZodDiscriminatedUnion
        ? (schema.options as readonly z.ZodObject[]).map((option) => describeShape(option, 'origin'))
        : [describeShape(schema as z.ZodObject, undefined)];
    return { name, category: definition.category, description: definition.description, shapes };
  });
  return { catalogVersion: CATALOG_VERSION, events, neverCollected: NEVER_COLLECTED };
}

/**
 * Every catalog text the payload view shows ("What is collected"), in English.
 * They are translated where they are shown, with these very texts as bundle
 * keys: `npm run l10n` (scripts/l10n.mjs) adds them to l10n/bundle.l10n.json,
 * since the exporter only finds literal `l10n.t('…')` calls.
 */
export function collectionTexts(): string[] {
  const texts = new Set<string>();
  const description = describeCollection();
  for (const event of description.events) {
    texts.add(event.description);
    for (const property of event.shapes.flatMap((shape) => shape.properties)) {
      texts.add(property.description);
      if (property.vocabulary !== undefined) {
        texts.add(property.vocabulary.title);
        texts.add(property.vocabulary.summary);
      }
    }
  }
  description.neverCollected.forEach((text) => texts.add(text));
  return [...texts];
}
