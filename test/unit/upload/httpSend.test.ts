import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as os from 'node:os';
import { gzipSync } from 'node:zlib';
import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  postReport,
  type PostReportOptions,
} from '../../../src/core/upload/httpSend';
import { LoopbackReceiver, reply } from '../../support/loopbackReceiver';

const BODY = Buffer.from('{"schema":"candor.report/1"}', 'utf8');

describe('upload/httpSend', () => {
  let receiver: LoopbackReceiver;

  afterEach(async () => {
    await receiver.close();
  });

  function options(overrides: Partial<PostReportOptions> = {}): PostReportOptions {
    return {
      url: new URL(`${receiver.baseUrl}/ingest`),
      gzippedBody: gzipSync(BODY),
      contentType: 'application/json',
      timeoutMs: 5_000,
      userAgent: 'candor/0.1.0',
      ...overrides,
    };
  }

  it('posts the gzip body with only the fixed, non-identifying headers', async () => {
    receiver = await LoopbackReceiver.start();
    const result = await postReport(options());
    assert.deepEqual(result, { kind: 'http', status: 200 });
    assert.equal(receiver.requests.length, 1);
    const [request] = receiver.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/ingest');
    assert.deepEqual(request.body, BODY);
    assert.deepEqual(Object.keys(request.headers).sort(), [
      'connection',
      'content-encoding',
      'content-length',
      'content-type',
      'host',
      'user-agent',
    ]);
    assert.equal(request.headers['content-encoding'], 'gzip');
    assert.equal(request.headers['user-agent'], 'candor/0.1.0');
    assert.equal(request.headers.connection, 'close');
    const wire = JSON.stringify(request.headers) + request.rawBody.toString('latin1');
    for (const secret of [os.hostname(), os.userInfo().username, os.homedir()].filter((s) => s.length > 2)) {
      assert.equal(wire.includes(secret), false, `request contains ${secret}`);
    }
  });

  it('opens a new connection for every request, although the receiver would keep one open', async () => {
    receiver = await LoopbackReceiver.start();
    // The control: this receiver does keep a connection open for a client that asks for it,
    // so a reused socket would show as two requests with the same connection number.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        await new Promise<void>((resolve, reject) => {
          const request = http.request(`${receiver.baseUrl}/control`, { method: 'POST', agent: keepAlive }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          request.on('error', reject);
          request.end('x');
        });
      }
    } finally {
      keepAlive.destroy();
    }
    const [first, second] = receiver.requests.map((r) => r.connection);
    assert.equal(first, second, 'the control did not reuse its socket: the check below would prove nothing');

    receiver.requests.length = 0;
    const before = receiver.connectionsAccepted;
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await postReport(options()), { kind: 'http', status: 200 });
    }
    const connections = receiver.requests.map((r) => r.connection);
    assert.equal(new Set(connections).size, 3, `reports shared a connection: ${connections.join(', ')}`);
    assert.equal(receiver.connectionsAccepted - before, 3);
    for (const request of receiver.requests) {
      assert.equal(request.headers.connection, 'close');
    }
  });

  it('reports the status and Retry-After of 429 and 503', async () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    receiver = await LoopbackReceiver.start({
      script: [
        reply.status(429, { 'Retry-After': '120' }),
        reply.status(503, { 'Retry-After': 'Mon, 23 Nov 2026 10:05:00 GMT' }),
        reply.status(400),
      ],
    });
    assert.deepEqual(await postReport(options({ nowMs: () => now })), {
      kind: 'http',
      status: 429,
      retryAfterMs: 120_000,
    });
    assert.deepEqual(await postReport(options({ nowMs: () => now })), {
      kind: 'http',
      status: 503,
      retryAfterMs: 300_000,
    });
    assert.deepEqual(await postReport(options()), { kind: 'http', status: 400 });
  });

  it('classifies a server that never answers as a time-out', async () => {
    receiver = await LoopbackReceiver.start({ script: [reply.hang()] });
    assert.deepEqual(await postReport(options({ timeoutMs: 300 })), { kind: 'error', errorClass: 'timeout' });
    assert.equal(receiver.requests.length, 1);
  });

  it('classifies a dropped connection and a closed port as network errors', async () => {
    receiver = await LoopbackReceiver.start({ script: [reply.drop()] });
    assert.deepEqual(await postReport(options()), { kind: 'error', errorClass: 'network' });
    const closedPortUrl = new URL(`${receiver.baseUrl}/ingest`);
    await receiver.close();
    receiver = await LoopbackReceiver.start();
    assert.deepEqual(await postReport(options({ url: closedPortUrl })), { kind: 'error', errorClass: 'network' });
  });

  it('classifies a failed TLS handshake as tls', async () => {
    receiver = await LoopbackReceiver.start();
    // Speaking TLS to a plain-HTTP server fails in the handshake.
    const result = await postReport(options({ url: new URL(`${receiver.baseUrl.replace('http:', 'https:')}/ingest`) }));
    assert.deepEqual(result, { kind: 'error', errorClass: 'tls' });
  });

  it('stops at once when aborted', async () => {
    receiver = await LoopbackReceiver.start({ script: [reply.hang()] });
    const controller = new AbortController();
    const pending = postReport(options({ signal: controller.signal, timeoutMs: 30_000 }));
    await receiver.waitForRequests(1);
    controller.abort();
    assert.deepEqual(await pending, { kind: 'error', errorClass: 'aborted' });
    assert.deepEqual(await postReport(options({ signal: controller.signal })), {
      kind: 'error',
      errorClass: 'aborted',
    });
  });

  it('refuses plain http to a non-loopback host without connecting', async () => {
    receiver = await LoopbackReceiver.start();
    const result = await postReport(options({ url: new URL('http://collector.example.invalid/ingest') }));
    assert.deepEqual(result, { kind: 'error', errorClass: 'refused' });
  });
});

describe('upload/httpSend parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('reads delay-seconds and HTTP-dates', () => {
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:01:30 GMT', now), 90_000);
    assert.equal(parseRetryAfter('Monday, 23-Nov-26 10:01:30 GMT', now), 90_000);
  });

  it('clamps to [0, 24 h] and ignores what it cannot read', () => {
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 10:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('99999999', now), MAX_RETRY_AFTER_MS);
    assert.equal(MAX_RETRY_AFTER_MS, 86_400_000);
    for (const bad of [undefined, '', '-5', '1.5', 'soon', '12abc']) {
      assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
    }
  });
});
