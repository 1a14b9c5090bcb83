// Faults of a real endpoint, on a real HTTPS server on loopback with a
// certificate this test makes: an untrusted certificate, the same server once
// its CA is trusted, a redirect, an answer that drips or never ends, a 100 MB
// answer, and an OTLP partial success. The test CA is trusted only through
// NODE_EXTRA_CA_CERTS, which Node reads at process start, so every request to
// a trusted server is made by a child process (fixtures/postWorker.ts,
// fixtures/uploadWorker.ts). In each case nothing acknowledged is lost.

import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CandorStore, type ReportRecord, type StoredReceipt } from '../../../src/core/store';
import { buildDailyReport, serializeReport } from '../../../src/core/report';
import { postReport } from '../../../src/core/upload/httpSend';
import { LoopbackReceiver, reply, type ScriptedResponse } from '../../support/loopbackReceiver';
import { makeTestCertificates, type TestCertificates } from '../../support/testCertificates';
import type { PostJob, PostWorkerAnswer } from '../fixtures/postWorker';
import type { UploadJob, UploadWorkerMessage } from '../fixtures/uploadWorker';
import { makeTempDir, removeDir } from '../storeSupport';
import { CLIENT, DAY_MS, sampleReport } from './fixtures';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const NOW = Date.parse('2026-11-23T10:00:00Z');
const OPTED_IN = Date.parse('2026-11-01T09:30:00Z');
const DAY = '2026-11-22';
const MB = 1024 * 1024;
/** The report as the extension stores it (counters in canonical order). */
const REPORT_TEXT = serializeReport(buildDailyReport(DAY, CLIENT, sampleReport(DAY).counters));

/** Every byte under `dir` (database file and journal segments), as latin1 text. */
function storedText(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? storedText(full) : fs.readFileSync(full).toString('latin1');
    })
    .join('\n');
}

/** Runs `script` in a fresh Node process with `env` added; resolves with its one answer. */
function inChild<T>(script: string, job: unknown, env: Record<string, string>): Promise<T> {
  const child = fork(path.join(FIXTURES, script), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise<T>((resolve, reject) => {
    child.on('message', (m: unknown) => {
      if (m === 'ready' || (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ready')) {
        child.send(script === 'uploadWorker.js' ? { cmd: 'upload', job } : (job as object));
        return;
      }
      // The worker reports its first claim attempt before its result; only the result answers.
      if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'claim-attempted') {
        return;
      }
      if (script === 'uploadWorker.js') {
        child.send({ cmd: 'exit' });
      }
      resolve(m as T);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before answering`)));
  });
}

describe('upload faults on a real HTTPS endpoint', function () {
  this.timeout(60_000);
  let certs: TestCertificates;
  let stranger: TestCertificates;
  let certDir: string;
  let trusted: Record<string, string>;
  const receivers: LoopbackReceiver[] = [];

  before(() => {
    certDir = makeTempDir('tls');
    certs = makeTestCertificates(path.join(certDir, 'trusted'));
    // The same names, signed by another CA that nobody trusts.
    stranger = makeTestCertificates(path.join(certDir, 'stranger'), 'Unknown CA');
    trusted = { NODE_EXTRA_CA_CERTS: certs.caFile };
  });
  after(() => removeDir(certDir));
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function start(script: readonly ScriptedResponse[] = [], tls = certs): Promise<LoopbackReceiver> {
    const receiver = await LoopbackReceiver.start({ tls: { key: tls.key, cert: tls.cert }, script });
    receivers.push(receiver);
    return receiver;
  }

  function post(receiver: LoopbackReceiver, job: Partial<PostJob> = {}): Promise<PostWorkerAnswer> {
    return inChild<PostWorkerAnswer>(
      'postWorker.js',
      { url: `${receiver.baseUrl}/v1/metrics`, timeoutMs: 10_000, readPartialSuccess: false, ...job },
      trusted,
    );
  }

  async function seedStore(): Promise<string> {
    const dir = makeTempDir('tls-upload');
    const store = await CandorStore.open({ dir, now: () => NOW });
    assert.equal(await store.upsertPendingReport(DAY, REPORT_TEXT), true);
    // Approved (review mode's "Send"): these tests are about the way to the endpoint, not about when automatic mode sends.
    assert.equal(await store.markReport(DAY, 'approved'), true);
    await store.close();
    return dir;
  }

  function uploadJob(dir: string, endpoint: string, overrides: Partial<UploadJob> = {}): UploadJob {
    return {
      dir,
      owner: 'window-1',
      endpoint,
      format: 'candor-json',
      mode: 'review',
      nowMs: NOW,
      sharingSinceMs: OPTED_IN,
      timeoutMs: 10_000,
      random: 0.5,
      runs: 1,
      ...overrides,
    };
  }

  async function readBack(dir: string): Promise<{ receipts: StoredReceipt[]; reports: ReportRecord[] }> {
    const store = await CandorStore.open({ dir, now: () => NOW });
    try {
      return { receipts: (await store.receipts()).sort((a, b) => a.id - b.id), reports: await store.reports() };
    } finally {
      await store.close();
    }
  }

  it('refuses a certificate of an untrusted CA as a tls failure, before any request is made', async () => {
    const receiver = await start();
    const result = await postReport({
      url: new URL(`${receiver.baseUrl}/v1/metrics`),
      gzippedBody: gzipSync('{}'),
      contentType: 'application/json',
      timeoutMs: 10_000,
      userAgent: 'candor/0.1.0',
    });
    assert.deepEqual(result, { kind: 'error', errorClass: 'tls' });
    assert.equal(receiver.requests.length, 0);
    // The child that trusts the test CA reaches the very same server.
    assert.deepEqual((await post(receiver)).result, { kind: 'http', status: 200 });
    assert.equal(receiver.requests.length, 1);
  });

  it('keeps the report through a TLS fault (receipt "error:tls", a code only) and sends it by itself once the certificate is trusted', async () => {
    const dir = await seedStore();
    try {
      const receiver = await start([], stranger);
      const first = await inChild<UploadWorkerMessage>('uploadWorker.js', uploadJob(dir, receiver.baseUrl), trusted);
      assert.equal(first.type, 'uploaded', JSON.stringify(first));
      assert.equal(receiver.requests.length, 0);

      // The fault goes away: the same server now shows a certificate of the trusted CA.
      receiver.setCertificate({ key: certs.key, cert: certs.cert });
      const second = await inChild<UploadWorkerMessage>(
        'uploadWorker.js',
        uploadJob(dir, receiver.baseUrl, { nowMs: NOW + DAY_MS / 2 }),
        trusted,
      );
      assert.equal(second.type, 'uploaded', JSON.stringify(second));
      assert.equal(receiver.requests.length, 1);
      assert.equal(receiver.requests[0]?.body?.toString('utf8'), REPORT_TEXT);

      const { receipts, reports } = await readBack(dir);
      assert.deepEqual(
        receipts.map((r) => [r.status, r.outcome]),
        [
          ['error:tls', 'retry'],
          ['200', 'sent'],
        ],
      );
      assert.deepEqual(
        reports.map((r) => [r.day, r.status]),
        [[DAY, 'sent']],
      );
      const text = JSON.stringify(receipts) + storedText(dir);
      for (const secret of [certDir, 'certificate', 'Unknown CA', 'self-signed', 'unable to verify']) {
        assert.equal(text.includes(secret), false, `the store holds "${secret}"`);
      }
    } finally {
      removeDir(dir);
    }
  });

  it('never follows a redirect: the report stays pending for retry and the redirect target is never contacted', async () => {
    const dir = await seedStore();
    try {
      const target = await start();
      const receiver = await start([reply.status(307, { Location: `${target.baseUrl}/elsewhere` })]);
      const answer = await inChild<UploadWorkerMessage>('uploadWorker.js', uploadJob(dir, receiver.baseUrl), trusted);
      assert.equal(answer.type, 'uploaded', JSON.stringify(answer));
      assert.equal(receiver.requests.length, 1);
      assert.equal(target.requests.length, 0, 'the redirect was followed');
      const { receipts, reports } = await readBack(dir);
      assert.deepEqual(
        receipts.map((r) => [r.status, r.outcome]),
        [['307', 'retry']],
      );
      assert.deepEqual(
        reports.map((r) => [r.day, r.status]),
        [[DAY, 'pending']],
      );
    } finally {
      removeDir(dir);
    }
  });

  it('cuts off a response head that drips and never completes at the time limit', async () => {
    const receiver = await start([reply.dripHead(50)]);
    const answer = await post(receiver, { timeoutMs: 1_000 });
    assert.deepEqual(answer.result, { kind: 'error', errorClass: 'timeout' });
    await receiver.requests[0]?.progress.closed;
  });

  it('cuts off an OTLP answer body that never ends at the time limit, and counts the report as accepted', async () => {
    const receiver = await start([reply.stream(Infinity, 16, 20)]);
    const answer = await post(receiver, { timeoutMs: 1_000, readPartialSuccess: true });
    assert.deepEqual(answer.result, { kind: 'http', status: 200 });
    const [request] = receiver.requests;
    assert.ok(request);
    await request.progress.closed;
    assert.ok(request.progress.bytes > 0, 'the body started to drip');
  });

  for (const readPartialSuccess of [false, true]) {
    it(`does not read a 100 MB answer into memory (${readPartialSuccess ? 'OTLP: at most 64 KiB is read' : 'the body is not read'})`, async () => {
      // A small answer first, so the big one meets an already set-up TLS client.
      const receiver = await start([reply.status(200), reply.stream(100 * MB, 64 * 1024)]);
      const answer = await post(receiver, { readPartialSuccess, warmUp: true });
      assert.deepEqual(answer.result, { kind: 'http', status: 200 });
      const request = receiver.requests[1];
      assert.ok(request);
      await request.progress.closed;
      // The server only makes what the socket takes: what the kernel's buffers hold, not 100 MB.
      assert.ok(request.progress.bytes < 16 * MB, `${request.progress.bytes} bytes of the answer were produced`);
    });
  }

  it("records an OTLP partial success as the number of rejected data points, never the server's message", async () => {
    const dir = await seedStore();
    try {
      const secret = 'rejected because /home/alice/secret.ts is odd';
      const receiver = await start([
        reply.status(
          200,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ partialSuccess: { rejectedDataPoints: '3', errorMessage: secret } }),
        ),
      ]);
      const answer = await inChild<UploadWorkerMessage>(
        'uploadWorker.js',
        uploadJob(dir, receiver.baseUrl, { format: 'otlp' }),
        trusted,
      );
      assert.equal(answer.type, 'uploaded', JSON.stringify(answer));
      assert.equal(receiver.requests[0]?.path, '/v1/metrics');
      const { receipts, reports } = await readBack(dir);
      assert.deepEqual(
        receipts.map((r) => [r.status, r.outcome, r.note]),
        [['200', 'sent', 'otlp-rejected-points:3']],
      );
      assert.deepEqual(
        reports.map((r) => r.status),
        ['sent'],
      );
      assert.equal(storedText(dir).includes('alice'), false, "the server's message reached the store");
    } finally {
      removeDir(dir);
    }
  });
});
