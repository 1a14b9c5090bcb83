// The declarations of the installed extensions, as one immutable snapshot:
// which namespaced events (`publisher.name:event`) exist, their category, and
// the strict zod schema each event's properties must match. The catalog
// (src/core/catalog.ts) validates namespaced events against the snapshot in
// force; src/ide/declarationRegistry.ts builds a new one when extensions change.

import { z } from 'zod';
import type { Category } from '../types';
import { EXTENSION_ID_PATTERN } from './limits';
import type { Declaration, DeclarationRefusal, DeclaredEvent, DeclaredProperty } from './readDeclaration';

export const NAMESPACE_SEPARATOR = ':';

/** One installed extension that has a `"candor"` key, accepted or refused. */
export interface ExtensionDeclaration {
  /** Lowercased `publisher.name`. */
  readonly id: string;
  /** The extension's display name (or its id when it has none). */
  readonly displayName: string;
  readonly declaration?: Declaration;
  readonly refusal?: DeclarationRefusal;
}

export interface DeclaredEventMatch {
  readonly extensionId: string;
  readonly event: DeclaredEvent;
  readonly schema: z.ZodType<Record<string, string | number | boolean>>;
}

/** `publisher.name:event` → its parts; undefined when the name is not namespaced. */
export function splitNamespaced(name: string): { readonly extensionId: string; readonly event: string } | undefined {
  const at = name.indexOf(NAMESPACE_SEPARATOR);
  if (at <= 0) {
    return undefined;
  }
  const extensionId = name.slice(0, at);
  return EXTENSION_ID_PATTERN.test(extensionId) ? { extensionId, event: name.slice(at + 1) } : undefined;
}

export function namespacedName(extensionId: string, event: string): string {
  return `${extensionId.toLowerCase()}${NAMESPACE_SEPARATOR}${event}`;
}

/** Lowercases an extension id; undefined unless it is `publisher.name`. */
export function normalizeExtensionId(id: unknown): string | undefined {
  if (typeof id !== 'string') {
    return undefined;
  }
  const lower = id.toLowerCase();
  return EXTENSION_ID_PATTERN.test(lower) ? lower : undefined;
}

function propertySchema(property: DeclaredProperty): z.ZodType<string | number | boolean> {
  switch (property.kind) {
    case 'enum':
      return z.enum(property.values as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'integer':
      return z.number().int().min(property.minimum).max(property.maximum);
  }
}

/** Plain words for what a declared property takes, also used in validation errors. */
export function describeDeclaredValues(property: DeclaredProperty): string {
  switch (property.kind) {
    case 'enum':
      return `one of: ${property.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `an integer from ${property.minimum} to ${property.maximum}`;
  }
}

function eventSchema(event: DeclaredEvent): z.ZodType<Record<string, string | number | boolean>> {
  const shape: Record<string, z.ZodOptional<z.ZodType<string | number | boolean>>> = {};
  for (const [name, property] of event.properties) {
    // Every declared property may be left out; nothing undeclared may be added.
    shape[name] = propertySchema(property).optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, string | number | boolean>>;
}

export class DeclaredEvents {
  static readonly EMPTY = new DeclaredEvents([]);

  private readonly byName = new Map<string, DeclaredEventMatch>();
  private readonly byId = new Map<string, ExtensionDeclaration>();
  private published: ReadonlySet<string> | undefined;

  constructor(extensions: readonly ExtensionDeclaration[]) {
    for (const extension of extensions) {
      this.byId.set(extension.id, extension);
      for (const event of extension.declaration?.events.values() ?? []) {
        this.byName.set(namespacedName(extension.id, event.name), {
          extensionId: extension.id,
          event,
          schema: eventSchema(event),
        });
      }
    }
  }

  /** Every extension with a `"candor"` key, accepted or refused, by display name. */
  get extensions(): readonly ExtensionDeclaration[] {
    return [...this.byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1));
  }

  extension(id: string): ExtensionDeclaration | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** The declared event behind a namespaced name, if its extension is installed and its declaration accepted. */
  lookup(name: string): DeclaredEventMatch | undefined {
    return this.byName.get(name);
  }

  /**
   * Whether `value` is a name the accepted declarations publish: a namespaced event name or a property
   * name, the same on every machine with these extensions installed. Enum values are not: a third party
   * chose them, and one that names this user is still stopped by the privacy guard.
   */
  publishes(value: string): boolean {
    this.published ??= new Set([...this.byName].flatMap(([name, match]) => [name, ...match.event.properties.keys()]));
    return this.published.has(value);
  }

  category(name: string): Category | undefined {
    return this.byName.get(name)?.event.category;
  }
}
