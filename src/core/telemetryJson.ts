// telemetry.json: VS Code's convention for declaring what an extension
// collects (`code --telemetry` reads it from every installed extension's folder
// and prints it). Generated from a plain list of event definitions, today the
// catalog's (src/core/collectionDescription.ts) followed by the events the
// extensions in this repository declare (src/core/declarations/repository.ts). `npm run telemetry-json` writes it;
// test/unit/telemetryJson.test.ts fails when the file is stale.
import { describeCollection } from './collectionDescription';
import { namespacedName, type ExtensionDeclaration } from './declarations/declaredEvents';
import type { Category } from './types';

/** One event as telemetry.json needs it: plain data, whatever declared it. */
export interface TelemetryEventDefinition {
  readonly name: string;
  readonly category: Category;
  readonly description: string;
  /** Every property the event may carry, over all its shapes. */
  readonly shapes: readonly {
    readonly properties: readonly { readonly name: string; readonly description: string }[];
  }[];
}

interface PropertyAnnotation {
  readonly classification: 'SystemMetaData';
  readonly purpose: 'FeatureInsight' | 'PerformanceAndHealth';
  readonly comment: string;
  readonly isMeasurement?: true;
}

const PURPOSE: Record<Category, PropertyAnnotation['purpose']> = {
  usage: 'FeatureInsight',
  errors: 'PerformanceAndHealth',
};

/** What every daily report carries beside its counters (src/core/report.ts). */
const COMMON_PROPERTIES: readonly (readonly [string, string])[] = [
  ['day', 'The UTC day the report counts (YYYY-MM-DD); nothing finer.'],
  ['client.extension', "Candor's version."],
  ['client.vscode', "VS Code's version."],
  ['client.os', 'The operating system family (process.platform).'],
  ['client.arch', 'The processor architecture (process.arch).'],
  ['client.ui', 'Whether VS Code runs as a desktop or a web application.'],
];

/** The file's text: events by name, their properties annotated, then the properties every report carries. */
export function renderTelemetryJson(definitions: readonly TelemetryEventDefinition[]): string {
  const events: Record<string, Record<string, string | PropertyAnnotation>> = {};
  for (const definition of [...definitions].sort((a, b) => a.name.localeCompare(b.name))) {
    if (events[definition.name] !== undefined) {
      throw new Error(`telemetry.json: the event "${definition.name}" is declared twice`);
    }
    const purpose = PURPOSE[definition.category];
    const entry: Record<string, string | PropertyAnnotation> = { comment: definition.description };
    for (const shape of definition.shapes) {
      for (const property of shape.properties) {
        // A property shared by several shapes is listed once, with the first shape's words.
        entry[property.name] ??= { classification: 'SystemMetaData', purpose, comment: property.description };
      }
    }
    entry.count = {
      classification: 'SystemMetaData',
      purpose,
      comment: 'How many times the event happened that day with exactly these property values.',
      isMeasurement: true,
    };
    events[definition.name] = entry;
  }
  const commonProperties = Object.fromEntries(
    COMMON_PROPERTIES.map(([name, comment]) => [
      name,
      { classification: 'SystemMetaData', purpose: 'PerformanceAndHealth', comment },
    ]),
  );
  return `${JSON.stringify({ events, commonProperties }, null, 2)}\n`;
}

/** The accepted declarations' events, under the names Candor stores them by (`publisher.name:event`). */
export function declaredDefinitions(extensions: readonly ExtensionDeclaration[]): TelemetryEventDefinition[] {
  return extensions.flatMap(({ id, declaration }) =>
    [...(declaration?.events.values() ?? [])].map((event) => ({
      name: namespacedName(id, event.name),
      category: event.category,
      description: event.description,
      shapes: [
        { properties: [...event.properties].map(([name, property]) => ({ name, description: property.description })) },
      ],
    })),
  );
}

/** telemetry.json for the catalog's events and those `extensions` declare. */
export function catalogTelemetryJson(extensions: readonly ExtensionDeclaration[] = []): string {
  return renderTelemetryJson([...describeCollection().events, ...declaredDefinitions(extensions)]);
}
