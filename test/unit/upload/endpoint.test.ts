import assert from 'node:assert/strict';
import { isLoopbackHost, metricsUrl, parseEndpoint, uploadUrl } from '../../../src/core/upload/endpoint';

function problemOf(raw: string): string {
  const parsed = parseEndpoint(raw);
  return parsed.ok ? 'ok' : parsed.problem;
}

describe('upload/endpoint', () => {
  it('treats an empty setting as "not configured", distinct from an invalid one', () => {
    assert.equal(problemOf(''), 'not-configured');
    assert.equal(problemOf('   '), 'not-configured');
    assert.equal(problemOf('not a url'), 'invalid-url');
  });

  it('accepts https and keeps only hostname[:port] as the host', () => {
    const parsed = parseEndpoint(' https://collector.example.org:4318/otlp/ ');
    assert.ok(parsed.ok);
    assert.equal(parsed.host, 'collector.example.org:4318');
    assert.equal(parsed.url.href, 'https://collector.example.org:4318/otlp');
  });

  it('refuses plain http to a non-loopback host with a message that says https', () => {
    for (const raw of [
      'http://collector.example.org',
      'http://10.0.0.1:4318',
      'http://128.0.0.1',
      'http://127.0.0.1.nip.io',
      'http://localhost.evil.example',
    ]) {
      const parsed = parseEndpoint(raw);
      assert.equal(parsed.ok, false, raw);
      if (!parsed.ok) {
        assert.equal(parsed.problem, 'plain-http', raw);
        assert.match(parsed.reason, /https:\/\//);
      }
    }
  });

  it('allows plain http to loopback addresses only', () => {
    for (const raw of [
      'http://127.0.0.1:4318',
      'http://127.8.9.10',
      'http://localhost:1234',
      'http://[::1]:4318',
      'http://127.1/',
    ]) {
      assert.equal(problemOf(raw), 'ok', raw);
    }
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('126.255.255.255'), false);
    assert.equal(isLoopbackHost('[::2]'), false);
  });

  it('refuses credentials, queries, fragments and other schemes', () => {
    assert.equal(problemOf('https://user:secret@collector.example.org'), 'credentials');
    assert.equal(problemOf('https://token@collector.example.org'), 'credentials');
    assert.equal(problemOf('https://collector.example.org/?key=abc'), 'query-or-fragment');
    assert.equal(problemOf('https://collector.example.org/?'), 'query-or-fragment');
    assert.equal(problemOf('https://collector.example.org/#x'), 'query-or-fragment');
    assert.equal(problemOf('ftp://collector.example.org'), 'unsupported-scheme');
    assert.equal(problemOf('file:///etc/passwd'), 'unsupported-scheme');
  });

  it('builds <endpoint>/v1/metrics without double slashes', () => {
    const at = (raw: string): string => {
      const parsed = parseEndpoint(raw);
      assert.ok(parsed.ok, raw);
      return metricsUrl(parsed.url).href;
    };
    assert.equal(at('https://c.example.org'), 'https://c.example.org/v1/metrics');
    assert.equal(at('https://c.example.org/'), 'https://c.example.org/v1/metrics');
    assert.equal(at('https://c.example.org/otlp//'), 'https://c.example.org/otlp/v1/metrics');
    assert.equal(at('https://c.example.org/v1/metrics'), 'https://c.example.org/v1/metrics');
  });

  it('posts Candor JSON to the endpoint itself and OTLP to /v1/metrics', () => {
    const parsed = parseEndpoint('https://c.example.org/ingest');
    assert.ok(parsed.ok);
    assert.equal(uploadUrl(parsed.url, 'candor-json').href, 'https://c.example.org/ingest');
    assert.equal(uploadUrl(parsed.url, 'otlp').href, 'https://c.example.org/ingest/v1/metrics');
  });
});
