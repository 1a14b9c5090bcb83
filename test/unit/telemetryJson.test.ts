import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeCollection } from '../../src/core/catalog';
import { readRepositoryDeclarations } from '../../src/core/declarations/repository';
import { catalogTelemetryJson, renderTelemetryJson } from '../../src/core/telemetryJson';

const root = path.resolve(__dirname, '..', '..', '..');

interface Annotation {
  readonly classification: string;
  readonly purpose: string;
  readonly comment: string;
  readonly isMeasurement?: boolean;
}
type TelemetryJson = {
  readonly events: Record<string, Record<string, string | Annotation>>;
  readonly commonProperties: Record<string, Annotation>;
};

describe('telemetry.json', () => {
  it('is exactly what the catalog and extensions/ generate (run "npm run telemetry-json" after changing either)', () => {
    const committed = fs.readFileSync(path.join(root, 'telemetry.json'), 'utf8');
    assert.equal(committed, catalogTelemetryJson(readRepositoryDeclarations(root)));
  });

  it("declares each event an extension in extensions/ declares, under its stored name, with that extension's words", () => {
    const extensions = readRepositoryDeclarations(root);
    const declared = extensions.flatMap(({ id, declaration }) =>
      [...(declaration?.events.values() ?? [])].map((event) => ({ id, event })),
    );
    assert.ok(declared.length > 0, 'extensions/ declares no event');
    const parsed = JSON.parse(catalogTelemetryJson(extensions)) as TelemetryJson;
    for (const { id, event } of declared) {
      const entry = parsed.events[`${id}:${event.name}`];
      assert.ok(entry !== undefined, `${id}:${event.name} is missing`);
      assert.equal(entry.comment, event.description);
      for (const [name, property] of event.properties) {
        const annotation = entry[name];
        assert.ok(typeof annotation === 'object', `${id}:${event.name}.${name} is missing`);
        assert.equal(annotation.comment, property.description);
        assert.equal(annotation.purpose, event.category === 'errors' ? 'PerformanceAndHealth' : 'FeatureInsight');
      }
    }
  });

  it('declares every catalog event and each of its properties, annotated as VS Code reads them', () => {
    const parsed = JSON.parse(catalogTelemetryJson()) as TelemetryJson;
    const catalog = describeCollection().events;
    assert.deepEqual(Object.keys(parsed.events).sort(), catalog.map((e) => e.name).sort());
    for (const event of catalog) {
      const entry = parsed.events[event.name];
      assert.equal(entry.comment, event.description);
      for (const property of event.shapes.flatMap((s) => s.properties)) {
        const annotation = entry[property.name];
        assert.ok(typeof annotation === 'object', `${event.name}.${property.name} is missing`);
        assert.equal(annotation.classification, 'SystemMetaData');
        assert.equal(annotation.purpose, event.category === 'errors' ? 'PerformanceAndHealth' : 'FeatureInsight');
        assert.ok(annotation.comment.length > 0);
      }
      assert.deepEqual(entry.count, {
        classification: 'SystemMetaData',
        purpose: event.category === 'errors' ? 'PerformanceAndHealth' : 'FeatureInsight',
        comment: 'How many times the event happened that day with exactly these property values.',
        isMeasurement: true,
      });
    }
    assert.deepEqual(Object.keys(parsed.commonProperties), [
      'day',
      'client.extension',
      'client.vscode',
      'client.os',
      'client.arch',
      'client.ui',
    ]);
  });

  it('takes further event definitions as plain data, and refuses a name declared twice', () => {
    const declared = {
      name: 'acme.lint.run',
      category: 'usage' as const,
      description: 'A lint run of another extension.',
      shapes: [{ properties: [{ name: 'rule', description: 'The rule set that ran.' }] }],
    };
    const parsed = JSON.parse(renderTelemetryJson([...describeCollection().events, declared])) as TelemetryJson;
    assert.deepEqual(parsed.events['acme.lint.run'].rule, {
      classification: 'SystemMetaData',
      purpose: 'FeatureInsight',
      comment: 'The rule set that ran.',
    });
    assert.throws(() => renderTelemetryJson([declared, declared]), /"acme\.lint\.run" is declared twice/);
  });
});
