import assert from 'node:assert/strict';
import * as os from 'node:os';
import fc from 'fast-check';
import type { UploadFormat } from '../../../src/core/types';
import { postReport, type PostReportOptions, type SendResult } from '../../../src/core/upload/httpSend';
import { encodeReportBody, sha256Hex } from '../../../src/core/upload/payload';
import {
  backoffDelayMs,
  ReportUploader,
  reportIsSendable,
  sendability,
  type UploaderOptions,
} from '../../../src/core/upload/uploader';
import { LoopbackReceiver, reply, type ScriptedResponse } from '../../support/loopbackReceiver';
import { DAY_MS, dayStart, sampleReport } from './fixtures';
import { MemoryReportQueue } from './memoryReportQueue';
import { TEST_GATE } from '../../support/gate';

// "Now" is 10:00 UTC on 2026-11-23; sharing was switched on well before the reported days.
const NOW = Date.parse('2026-11-23T10:00:00Z');
const OPTED_IN = Date.parse('2026-11-01T09:30:00Z');

describe('upload/uploader sendability', () => {
  it('sends only closed days that began after the sharing opt-in', () => {
    const optIn = Date.parse('2026-11-20T13:00:00Z');
    assert.equal(sendability('2026-11-20', optIn, NOW), 'predates-opt-in'); // opted in during that day
    assert.equal(sendability('2026-11-19', optIn, NOW), 'predates-opt-in');
    assert.equal(sendability('2026-11-21', optIn, NOW), 'sendable');
    assert.equal(sendability('2026-11-22', optIn, NOW), 'sendable');
    assert.equal(sendability('2026-11-23', optIn, NOW), 'open-day'); // today
    assert.equal(sendability('2026-11-22', optIn, dayStart('2026-11-23') - 1), 'open-day');
    assert.equal(sendability('2026-11-22', optIn, dayStart('2026-11-23')), 'sendable');
    assert.equal(sendability('2026-11-21', dayStart('2026-11-21'), NOW), 'sendable'); // opted in at midnight exactly
    assert.equal(sendability('2026-11-22', undefined, NOW), 'not-opted-in');
    assert.equal(sendability('2026-13-01', optIn, NOW), 'invalid-day');
    assert.equal(reportIsSendable(sampleReport('2026-11-22'), optIn, NOW), true);
    assert.equal(reportIsSendable(sampleReport('2026-11-20'), optIn, NOW), false);
  });

  it('backs off with full jitter within [0, min(cap, base * 2^attempts))', () => {
    assert.equal(backoffDelayMs(3, 0.5, 1_000, 1_000_000), 4_000);
    assert.equal(backoffDelayMs(40, 0.5, 1_000, 1_000_000), 500_000);
    assert.equal(backoffDelayMs(0, 0, 1_000, 1_000_000), 0);
    fc.assert(
      fc.property(
        fc.nat(2_000),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.integer({ min: 1, max: 86_400_000 }),
        (attempts, random, base, cap) => {
          const delay = backoffDelayMs(attempts, random, base, cap);
          const ceiling = Math.min(cap, base * 2 ** attempts);
          return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
        },
      ),
    );
  });
});

describe('upload/uploader with a loopback receiver', () => {
  let receiver: LoopbackReceiver;
  let queue: MemoryReportQueue;
  let now: number;
  let allowed: boolean;
  let sendCalls: number;

  beforeEach(() => {
    queue = new MemoryReportQueue();
    now = NOW;
    allowed = true;
    sendCalls = 0;
  });

  afterEach(async () => {
    await receiver.close();
  });

  async function startReceiver(...script: ScriptedResponse[]): Promise<void> {
    receiver = await LoopbackReceiver.start({ script });
  }

  function uploader(overrides: Partial<UploaderOptions> = {}): ReportUploader {
    return new ReportUploader({
      queue,
      owner: 'host-a',
      endpoint: `${receiver.baseUrl}/collect`,
      format: 'candor-json',
      gate: TEST_GATE,
      // The send path with the user's approval; when automatic mode sends is uploadTiming's and the timing tests below.
      mode: 'review',
      userAgent: 'candor/0.1.0',
      isAllowed: () => allowed,
      sharingSinceMs: () => OPTED_IN,
      now: () => now,
      random: () => 0.5,
      timeoutMs: 2_000,
      backoffBaseMs: 60_000,
      backoffCapMs: 3_600_000,
      send: (options: PostReportOptions): Promise<SendResult> => {
        sendCalls++;
        return postReport(options);
      },
      ...overrides,
    });
  }

  for (const format of ['candor-json', 'otlp'] as UploadFormat[]) {
    it(`delivers exactly the bytes the view shows (${format}) and keeps a matching receipt`, async () => {
      await startReceiver(reply.status(200));
      const report = sampleReport('2026-11-22');
      queue.add(report);
      const summary = await uploader({ format }).uploadDue();

      assert.equal(summary.sent, 1);
      assert.equal(receiver.requests.length, 1);
      const [request] = receiver.requests;
      assert.ok(request);
      const shown = encodeReportBody(report, format);
      assert.deepEqual(request.body, shown.bytes);
      assert.equal(request.path, format === 'otlp' ? '/collect/v1/metrics' : '/collect');
      assert.equal(request.headers['content-encoding'], 'gzip');

      const [receipt] = queue.receipts;
      assert.ok(receipt);
      assert.deepEqual(receipt, {
        day: '2026-11-22',
        format,
        bytes: request.rawBody.length,
        bodyBytes: shown.bytes.length,
        sha256: sha256Hex(request.body ?? Buffer.alloc(0)),
        endpointHost: new URL(receiver.baseUrl).host,
        status: '200',
        atMs: NOW,
        outcome: 'sent',
      });
      assert.equal(receipt.sha256, sha256Hex(shown.bytes));
      assert.deepEqual(queue.sent, ['2026-11-22']);
      assert.equal(queue.pending.size, 0);
    });
  }

  it('sends nothing while sharing is not allowed, and leaves the queue untouched', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-21'));
    queue.add(sampleReport('2026-11-22'));
    allowed = false;
    const summary = await uploader().uploadDue();
    assert.equal(summary.stoppedBecause, 'not-allowed');
    assert.equal(sendCalls, 0);
    assert.equal(receiver.requests.length, 0);
    assert.equal(queue.pending.size, 2);
    assert.equal(queue.receipts.length, 0);
    assert.equal(queue.entry('2026-11-21')?.lease, undefined);
  });

  it('refuses a non-HTTPS, non-loopback endpoint without making a request', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-22'));
    const summary = await uploader({ endpoint: 'http://collector.example.invalid/collect' }).uploadDue();
    assert.equal(summary.stoppedBecause, 'endpoint-refused');
    assert.match(summary.reason ?? '', /https/);
    assert.equal(sendCalls, 0);
    assert.equal(queue.pending.size, 1);
    const empty = await uploader({ endpoint: '' }).uploadDue();
    assert.equal(empty.stoppedBecause, 'not-configured');
    assert.equal(sendCalls, 0);
  });

  it('never sends a day that began before the opt-in, nor an open day', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-20'));
    queue.add(sampleReport('2026-11-22'));
    queue.add(sampleReport('2026-11-23'));
    const summary = await uploader({ sharingSinceMs: () => Date.parse('2026-11-20T08:00:00Z') }).uploadDue();
    assert.deepEqual(
      receiver.requests.map((r) => (JSON.parse(r.body?.toString('utf8') ?? '{}') as { day: string }).day),
      ['2026-11-22'],
    );
    assert.deepEqual(queue.dropped, ['2026-11-20']);
    assert.equal(queue.receipts.find((r) => r.day === '2026-11-20')?.status, 'not-sent:predates-opt-in');
    assert.equal(queue.receipts.find((r) => r.day === '2026-11-20')?.bytes, 0);
    // The open day waits for a random moment (random() = 0.5: noon) of the day after it, not for midnight.
    assert.equal(queue.entry('2026-11-23')?.nextAttemptMs, dayStart('2026-11-24') + DAY_MS / 2);
    assert.equal(summary.deferred, 1);
  });

  it('in review mode sends only reports the user approved', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-21'), { approved: false });
    queue.add(sampleReport('2026-11-22'), { approved: true });
    await uploader({ mode: 'review' }).uploadDue();
    assert.equal(receiver.requests.length, 1);
    assert.deepEqual(queue.sent, ['2026-11-22']);
    assert.ok(queue.entry('2026-11-21'));
  });

  it('drops a report the server rejects with 400, with a receipt saying so', async () => {
    await startReceiver(reply.status(400));
    queue.add(sampleReport('2026-11-22'));
    const summary = await uploader().uploadDue();
    assert.equal(summary.dropped, 1);
    assert.deepEqual(queue.dropped, ['2026-11-22']);
    assert.equal(queue.receipts[0]?.status, '400');
    assert.equal(queue.receipts[0]?.outcome, 'dropped');
    assert.ok((queue.receipts[0]?.bytes ?? 0) > 0);
  });

  it('notes an OTLP partial success by its count only, in the receipt and the log, and reads no body for Candor JSON', async () => {
    const partial = JSON.stringify({
      partialSuccess: { rejectedDataPoints: '2', errorMessage: 'bad point from /home/alice' },
    });
    const answer = reply.status(200, { 'Content-Type': 'application/json' }, partial);
    await startReceiver(answer, answer, answer);
    queue.add(sampleReport('2026-11-21'));
    queue.add(sampleReport('2026-11-22'));
    const lines: string[] = [];
    let format: UploadFormat = 'otlp';
    const upload = (): Promise<unknown> => uploader({ format, log: (line) => lines.push(line) }).uploadDue();
    await upload();
    format = 'candor-json';
    queue.add(sampleReport('2026-11-20'));
    await upload();
    assert.deepEqual(
      queue.receipts.map((r) => [r.day, r.outcome, r.note]),
      [
        ['2026-11-21', 'sent', 'otlp-rejected-points:2'],
        ['2026-11-22', 'sent', 'otlp-rejected-points:2'],
        ['2026-11-20', 'sent', undefined],
      ],
    );
    assert.ok(lines.some((line) => line.includes('rejected 2 data points')));
    assert.equal(lines.join('\n').includes('alice'), false, "the server's message reached the log");
  });

  it('honours Retry-After on 429 and 503', async () => {
    await startReceiver(
      reply.status(429, { 'Retry-After': '120' }),
      reply.status(503, { 'Retry-After': 'Mon, 23 Nov 2026 12:00:00 GMT' }),
    );
    queue.add(sampleReport('2026-11-21'));
    queue.add(sampleReport('2026-11-22'));
    const summary = await uploader().uploadDue();
    assert.equal(summary.retried, 2);
    assert.equal(queue.entry('2026-11-21')?.nextAttemptMs, NOW + 120_000);
    assert.equal(queue.entry('2026-11-22')?.nextAttemptMs, Date.parse('2026-11-23T12:00:00Z'));
    assert.equal(queue.entry('2026-11-21')?.attempts, 1);
    assert.deepEqual(
      queue.receipts.map((r) => [r.status, r.outcome, r.nextAttemptMs]),
      [
        ['429', 'retry', NOW + 120_000],
        ['503', 'retry', Date.parse('2026-11-23T12:00:00Z')],
      ],
    );
  });

  it('keeps a report after 500, a time-out and a dropped connection, backing off with full jitter', async () => {
    await startReceiver(reply.status(500), reply.hang(), reply.drop(), reply.status(503));
    for (const day of ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']) {
      queue.add(sampleReport(day));
    }
    queue.pending.get('2026-11-19')!.attempts = 3; // ceiling 60 s * 2^3 = 480 s
    const randoms = [0.25, 0.5, 0.999, 0];
    const summary = await uploader({ timeoutMs: 300, random: () => randoms.shift() ?? 0.5 }).uploadDue();
    assert.equal(summary.retried, 4);
    assert.equal(queue.pending.size, 4);
    assert.deepEqual(
      queue.receipts.map((r) => [r.day, r.status, r.nextAttemptMs! - r.atMs]),
      [
        ['2026-11-19', '500', 120_000], // 0.25 * 480 s
        ['2026-11-20', 'error:timeout', 30_000], // 0.5 * 60 s
        ['2026-11-21', 'error:network', 59_940], // 0.999 * 60 s
        ['2026-11-22', '503', 0], // 503 without Retry-After backs off too: 0 * 60 s
      ],
    );
    assert.equal(queue.entry('2026-11-19')?.attempts, 4);
  });

  it('after a restart, sends a kept report once and only once', async () => {
    await startReceiver(reply.status(500), reply.status(200));
    queue.add(sampleReport('2026-11-22'));
    await uploader().uploadDue();
    const due = queue.entry('2026-11-22')?.nextAttemptMs ?? 0;
    assert.ok(due > NOW);
    // A new uploader over the same queue stands for the next session.
    now = due - 1;
    await uploader({ owner: 'host-b' }).uploadDue();
    assert.equal(receiver.requests.length, 1, 'not due yet');
    now = due;
    await uploader({ owner: 'host-b' }).uploadDue();
    await uploader({ owner: 'host-c' }).uploadDue();
    assert.equal(receiver.requests.length, 2);
    assert.deepEqual(queue.sent, ['2026-11-22']);
  });

  it('two hosts uploading at once send each report once', async () => {
    receiver = await LoopbackReceiver.start();
    for (let i = 0; i <= 8; i++) {
      queue.add(sampleReport(`2026-11-1${i}`));
    }
    const budget = 1_000_000;
    const summaries = await Promise.all([
      uploader({ owner: 'a', dailyByteBudget: budget }).uploadDue(),
      uploader({ owner: 'b', dailyByteBudget: budget }).uploadDue(),
    ]);
    assert.equal(summaries[0].sent + summaries[1].sent, 9);
    assert.equal(receiver.requests.length, 9);
    const days = receiver.requests.map((r) => (JSON.parse(r.body?.toString('utf8') ?? '{}') as { day: string }).day);
    assert.equal(new Set(days).size, 9);
    assert.deepEqual(queue.staleSettles, []);
  });

  it('never exceeds the daily byte budget across many reports and days', async () => {
    receiver = await LoopbackReceiver.start();
    const days: string[] = [];
    for (let i = 0; i < 40; i++) {
      const day = new Date(Date.parse('2026-09-01T00:00:00Z') + i * DAY_MS).toISOString().slice(0, 10);
      days.push(day);
      queue.add(sampleReport(day, i * 37));
    }
    const budget = 1_000;
    const u = uploader({ dailyByteBudget: budget, sharingSinceMs: () => Date.parse('2026-08-01T00:00:00Z') });
    for (let run = 0; run < 30 && queue.pending.size > 0; run++) {
      await u.uploadDue();
      now += DAY_MS; // the next run is on the next UTC day
    }
    assert.equal(queue.pending.size, 0);
    assert.deepEqual([...queue.sent].sort(), days);
    assert.equal(receiver.requests.length, 40);
    const perDay = new Map<string, number>();
    for (const receipt of queue.receipts) {
      const day = new Date(receipt.atMs).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + receipt.bytes);
    }
    const onWire = receiver.requests.reduce((sum, r) => sum + r.rawBody.length, 0);
    assert.equal(
      [...perDay.values()].reduce((a, b) => a + b, 0),
      onWire,
    );
    for (const [day, bytes] of perDay) {
      assert.ok(bytes <= budget, `${bytes} bytes sent on ${day}`);
    }
    assert.ok(perDay.size > 1, 'the budget spread the reports over several days');
  });

  it('drops a report that alone is larger than the daily budget, without sending it', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-22'));
    await uploader({ dailyByteBudget: 20 }).uploadDue();
    assert.equal(receiver.requests.length, 0);
    assert.equal(queue.receipts[0]?.status, 'not-sent:over-budget');
  });

  it('switching sharing off between reports stops the rest at once', async () => {
    await startReceiver();
    for (const day of ['2026-11-20', '2026-11-21', '2026-11-22']) {
      queue.add(sampleReport(day));
    }
    const summary = await uploader({
      send: async (options) => {
        const result = await postReport(options);
        allowed = false; // the user switches Candor off while the first upload is in flight
        return result;
      },
    }).uploadDue();
    assert.equal(summary.sent, 1);
    assert.equal(summary.stoppedBecause, 'not-allowed');
    assert.equal(receiver.requests.length, 1);
    assert.equal(queue.pending.size, 2);
    assert.ok([...queue.pending.values()].every((e) => e.lease === undefined && e.attempts === 0));
  });

  it('re-checks consent right before the bytes leave', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-22'));
    const bytesSentOnDay = queue.bytesSentOnDay.bind(queue);
    queue.bytesSentOnDay = (day) => {
      allowed = false; // switched off after the report was claimed, before it was sent
      return bytesSentOnDay(day);
    };
    const summary = await uploader().uploadDue();
    assert.equal(summary.stoppedBecause, 'not-allowed');
    assert.equal(sendCalls, 0);
    assert.equal(receiver.requests.length, 0);
    assert.equal(queue.entry('2026-11-22')?.attempts, 0);
    assert.equal(queue.entry('2026-11-22')?.lease, undefined);
  });

  it('stop() aborts an upload in flight and keeps the report', async () => {
    await startReceiver(reply.hang());
    queue.add(sampleReport('2026-11-22'));
    const u = uploader({ timeoutMs: 30_000 });
    const pending = u.uploadDue();
    await receiver.waitForRequests(1);
    u.stop();
    const summary = await pending;
    assert.equal(summary.stoppedBecause, 'stopped');
    assert.equal(queue.receipts[0]?.status, 'error:aborted');
    assert.ok(queue.entry('2026-11-22'));
    assert.equal((await u.uploadDue()).stoppedBecause, 'stopped');
  });

  it('shares one run between concurrent calls, so a report is not sent twice by one host', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-22'));
    const u = uploader();
    const [first, second] = await Promise.all([u.uploadDue(), u.uploadDue()]);
    assert.equal(first, second);
    assert.equal(receiver.requests.length, 1);
  });

  it('withholds a report it cannot read: nothing is sent, and it waits for a moment of the next UTC day', async () => {
    await startReceiver();
    queue.add({
      ...sampleReport('2026-11-22'),
      counters: [{ event: 'ide.run', props: { kind: 'debug' }, count: 1.5 }],
    });
    const lines: string[] = [];
    const summary = await uploader({ format: 'otlp', log: (line) => lines.push(line) }).uploadDue();
    assert.equal(summary.withheld, 1);
    assert.equal(summary.dropped + summary.sent, 0);
    assert.equal(receiver.requests.length, 0);
    const recheck = queue.entry('2026-11-22')?.nextAttemptMs ?? 0;
    assert.ok(recheck >= dayStart('2026-11-24') && recheck < dayStart('2026-11-25'), `re-checked at ${recheck}`);
    assert.deepEqual(lines, [
      'upload: report 2026-11-22 withheld, not sent: property "runtime" of event "ide.run" is missing',
    ]);
  });

  it('never throws, even when the queue fails', async () => {
    await startReceiver();
    const broken = new MemoryReportQueue();
    broken.claimDueReport = () => Promise.reject(new Error('disk full at /home/alice/.config'));
    const lines: string[] = [];
    const summary = await uploader({ queue: broken, log: (line) => lines.push(line) }).uploadDue();
    assert.equal(summary.stoppedBecause, 'queue-error');
    assert.equal(lines.join('\n').includes('/home/alice'), false);
  });

  it('puts no user, host or home path on the wire', async () => {
    await startReceiver();
    queue.add(sampleReport('2026-11-22'));
    await uploader({ format: 'otlp' }).uploadDue();
    const [request] = receiver.requests;
    assert.ok(request);
    const wire = JSON.stringify(request.headers) + (request.body?.toString('utf8') ?? '');
    for (const secret of [os.hostname(), os.userInfo().username, os.homedir()].filter((s) => s.length > 2)) {
      assert.equal(wire.includes(secret), false, `request contains ${secret}`);
    }
  });
});
