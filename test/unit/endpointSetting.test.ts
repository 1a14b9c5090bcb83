// The endpoint setting's JSON schema (package.json) and the runtime check
// (src/core/upload/endpoint.ts) accept and refuse the same values, so the
// Settings editor flags exactly what Candor would refuse to upload to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEndpoint } from '../../src/core/upload/endpoint';

const root = path.resolve(__dirname, '..', '..', '..');

interface EndpointSchema {
  readonly type: string;
  readonly default: string;
  readonly pattern: string;
  readonly patternErrorMessage: string;
  readonly format?: string;
}

const schema = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, EndpointSchema> } };
  }
).contributes.configuration.properties['candor.endpoint'];
// VS Code's settings validation compiles `pattern` with the "u" flag.
const accepts = (value: string): boolean => new RegExp(schema.pattern, 'u').test(value);

const GOOD = [
  '',
  'https://collector.example.com',
  'https://collector.example.com/v1/reports',
  'https://collector.example.com:8443/',
  'http://localhost:4318',
  'http://127.0.0.1:8080/ingest',
  'http://[::1]:4318',
];
const BAD = [
  'collector.example.com',
  'not a url',
  'ftp://collector.example.com',
  'http://collector.example.com',
  'https://user:secret@collector.example.com',
  'https://collector.example.com/?key=abc',
  'https://collector.example.com/#frag',
];

describe('the candor.endpoint setting', () => {
  it('has an empty default that its own schema accepts (no "format": "uri", which refuses it)', () => {
    assert.equal(schema.type, 'string');
    assert.equal(schema.default, '');
    assert.equal(schema.format, undefined);
    assert.equal(accepts(schema.default), true);
    // The message is a %key% of package.nls.json (the Settings editor shows it in the display language).
    const key = /^%(.+)%$/.exec(schema.patternErrorMessage)?.[1];
    assert.ok(key !== undefined, 'patternErrorMessage is not a %key%');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    assert.match(nls[key], /https:\/\//);
  });

  for (const value of GOOD) {
    it(`accepts ${JSON.stringify(value)}, as the runtime check does`, () => {
      assert.equal(accepts(value), true);
      const parsed = parseEndpoint(value);
      assert.ok(parsed.ok || parsed.problem === 'not-configured', JSON.stringify(parsed));
    });
  }

  for (const value of BAD) {
    it(`rejects ${JSON.stringify(value)}, and the runtime check refuses it with a reason`, () => {
      assert.equal(accepts(value), false);
      const parsed = parseEndpoint(value);
      assert.equal(parsed.ok, false);
      assert.ok(!parsed.ok && parsed.problem !== 'not-configured' && parsed.reason.length > 0);
    });
  }
});
