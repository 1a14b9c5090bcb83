// schemas/candor-events.schema.json, which editors use to check an extension's
// package.json, must agree with the zod validator Candor runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import {
  DECLARATION_LIMITS as LIMITS,
  ENUM_VALUE_PATTERN,
  EVENT_NAME_PATTERN,
  PROPERTY_NAME_PATTERN,
  readDeclaration,
} from '../../src/core/declarations';
import { BAD, GOOD } from '../support/declarationSamples';

const root = path.resolve(__dirname, '..', '..', '..');

interface SchemaFile {
  readonly definitions: Record<string, Record<string, unknown>>;
}

function load(): SchemaFile {
  return JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'candor-events.schema.json'), 'utf8')) as SchemaFile;
}

function at(schema: unknown, ...keys: string[]): unknown {
  let node = schema;
  for (const key of keys) {
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('schemas/candor-events.schema.json', () => {
  const schema = load();
  const validate = new Ajv({ allErrors: false, strict: true }).compile(schema);
  /** The schema describes a whole package.json; samples are the value of its "candor" key. */
  const schemaAccepts = (candor: unknown): boolean => validate({ name: 'x', candor }) === true;

  for (const sample of GOOD) {
    it(`accepts ${sample.title}, as Candor does`, () => {
      assert.ok(readDeclaration(sample.candor).ok);
      assert.ok(schemaAccepts(sample.candor), JSON.stringify(validate.errors));
    });
  }
  for (const sample of BAD) {
    it(
      sample.candorOnly === true
        ? `accepts ${sample.title}, which only Candor refuses (rule ${sample.rule})`
        : `refuses ${sample.title}, as Candor does`,
      () => {
        assert.equal(readDeclaration(sample.candor).ok, false);
        assert.equal(schemaAccepts(sample.candor), sample.candorOnly === true);
      },
    );
  }

  it('states the same limits and patterns as src/core/declarations/limits.ts', () => {
    const d = schema.definitions;
    assert.equal(at(d, 'declaration', 'properties', 'events', 'maxProperties'), LIMITS.events);
    assert.equal(at(d, 'declaration', 'properties', 'events', 'propertyNames', 'pattern'), EVENT_NAME_PATTERN.source);
    assert.equal(at(d, 'event', 'properties', 'properties', 'maxProperties'), LIMITS.propertiesPerEvent);
    assert.equal(at(d, 'event', 'properties', 'properties', 'propertyNames', 'pattern'), PROPERTY_NAME_PATTERN.source);
    assert.equal(at(d, 'enumProperty', 'properties', 'enum', 'maxItems'), LIMITS.valuesPerEnum);
    assert.equal(at(d, 'enumProperty', 'properties', 'enum', 'items', 'pattern'), ENUM_VALUE_PATTERN.source);
    assert.equal(at(d, 'integerProperty', 'properties', 'minimum', 'maximum'), LIMITS.integerMagnitude);
    assert.equal(at(d, 'integerProperty', 'properties', 'maximum', 'minimum'), -LIMITS.integerMagnitude);
    assert.equal(at(d, 'description', 'maxLength'), LIMITS.descriptionLength);
  });

  it('is what package.json gives editors for package.json files', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation?: { fileMatch: string; url: string }[] };
    };
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: 'package.json', url: './schemas/candor-events.schema.json' },
    ]);
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), /^!schemas\/candor-events\.schema\.json$/m);
  });
});
