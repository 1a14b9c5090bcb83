import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { serializeReport } from '../../../src/core/report';
import { reportToOtlpJson } from '../../../src/core/upload/otlp';
import { encodeReportBody, gzipBody, sha256Hex } from '../../../src/core/upload/payload';
import { sampleReport } from './fixtures';

describe('upload/payload', () => {
  const report = sampleReport('2026-11-22');

  it('uses the canonical report serialisation for Candor JSON', () => {
    const body = encodeReportBody(report, 'candor-json');
    assert.equal(body.text, serializeReport(report));
    assert.deepEqual(body.bytes, Buffer.from(serializeReport(report), 'utf8'));
    assert.equal(body.contentType, 'application/json');
  });

  it('uses the OTLP JSON export for otlp', () => {
    const body = encodeReportBody(report, 'otlp');
    assert.equal(body.text, reportToOtlpJson(report));
    assert.deepEqual(body.bytes, Buffer.from(body.text, 'utf8'));
    assert.equal(body.contentType, 'application/json');
  });

  it('encodes non-ASCII text as UTF-8 bytes, so the hash is over what is sent', () => {
    const accented = { ...report, client: { ...report.client, vscode: '1.100-ü' } };
    const body = encodeReportBody(accented, 'otlp');
    assert.equal(body.bytes.length, Buffer.byteLength(body.text, 'utf8'));
    assert.ok(body.bytes.length > body.text.length);
  });

  it('hashes with SHA-256 (FIPS 180-2 test vector)', () => {
    assert.equal(sha256Hex(Buffer.from('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gzips deterministically and losslessly', () => {
    const { bytes } = encodeReportBody(report, 'candor-json');
    const first = gzipBody(bytes);
    assert.deepEqual(gzipBody(bytes), first);
    assert.deepEqual(gunzipSync(first), bytes);
  });
});
