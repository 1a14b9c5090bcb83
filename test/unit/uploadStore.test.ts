// The upload path against the REAL store and REAL OS processes: a ReportUploader
// over a StoreReportQueue on a sql.js CandorStore in a temp directory, posting
// to a real loopback HTTP receiver. "Windows" are forked Node processes
// (fixtures/uploadWorker.ts), each with its own store instance on the shared
// directory, so restarts, concurrent extension hosts and a crash mid-send are
// what they would be in VS Code.

import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore, type ReportRecord, type StoredReceipt } from '../../src/core/store';
import { StoreReportQueue } from '../../src/core/store';
import type { Counter, DailyReport, UploadFormat } from '../../src/core/types';
import { encodeReportBody } from '../../src/core/upload/payload';
import { ReportUploader, type UploaderOptions, type UploadSummary } from '../../src/core/upload/uploader';
import { LoopbackReceiver, reply, type ReceivedRequest, type ScriptedResponse } from '../support/loopbackReceiver';
import type { ClaimAttempt, UploadJob, UploadWorkerCommand, UploadWorkerMessage } from './fixtures/uploadWorker';
import { makeTempDir, removeDir } from './storeSupport';
import { CLIENT, DAY_MS } from '../support/fixtures';
import { TEST_GATE } from '../support/gate';

// Compiled next to this file, whichever output folder the tests run from.
const WORKER = path.join(__dirname, 'fixtures', 'uploadWorker.js');

/** Sharing was switched on at 08:00 UTC on 2026-11-09: days from 11-10 on may leave. */
const OPTED_IN = Date.parse('2026-11-09T08:00:00Z');
/** "Now": 10:00 UTC on 2026-11-23, so 2026-11-22 is the newest closed day. */
const NOW = Date.parse('2026-11-23T10:00:00Z');

function counters(seed: number): Counter[] {
  return [
    { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 3 + seed },
    {
      event: 'ide.error',
      props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
      count: 1 + (seed % 4),
    },
    { event: 'ide.reset', props: { kind: 'task' }, count: 2 },
  ];
}

/** Closed days after the opt-in, oldest first: 2026-11-10 … (at most 13, up to 2026-11-22). */
function closedDays(count: number): string[] {
  assert.ok(count <= 13, 'only 13 days lie between the opt-in and today');
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.parse('2026-11-10T00:00:00Z') + i * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Stores one pending report per day, the way the extension does, and returns them.
 * Approved (review mode's "Send") unless told otherwise: these tests are about the
 * send path, not about when automatic mode sends (test/unit/upload/uploadTiming.test.ts).
 */
async function seedReports(dir: string, days: readonly string[], approve = true): Promise<Map<string, DailyReport>> {
  const store = await CandorStore.open({ dir, now: () => NOW });
  const reports = new Map<string, DailyReport>();
  try {
    for (const [index, day] of days.entries()) {
      const report = buildDailyReport(day, CLIENT, counters(index));
      assert.equal(await store.upsertPendingReport(day, serializeReport(report)), true);
      if (approve) {
        assert.equal(await store.markReport(day, 'approved'), true);
      }
      reports.set(day, report);
    }
  } finally {
    await store.close();
  }
  return reports;
}

/** What a fresh store instance sees on disk (reports by day, receipts oldest first). */
async function readBack(dir: string): Promise<{ reports: Map<string, ReportRecord>; receipts: StoredReceipt[] }> {
  const store = await CandorStore.open({ dir, now: () => NOW });
  try {
    const reports = new Map((await store.reports()).map((r) => [r.day, r]));
    const receipts = (await store.receipts()).sort((a, b) => a.id - b.id);
    return { reports, receipts };
  } finally {
    await store.close();
  }
}

/** The day a Candor JSON request was for, read from the bytes that arrived. */
function dayOf(request: ReceivedRequest): string {
  assert.ok(request.body !== undefined, 'the body must gunzip');
  const parsed = JSON.parse(request.body.toString('utf8')) as { day?: unknown };
  assert.equal(typeof parsed.day, 'string');
  return String(parsed.day);
}

function answeredOk(request: ReceivedRequest): boolean {
  return request.response.kind === 'status' && request.response.status >= 200 && request.response.status < 300;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return counts;
}

/** Computed here, independently of the uploader's own hashing. */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---- worker processes ---------------------------------------------------------------------

const live = new Set<UploadWorker>();

class UploadWorker {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  private readonly listeners = new Set<(m: UploadWorkerMessage) => void>();

  constructor() {
    this.child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: UploadWorkerMessage) => {
      for (const listener of this.listeners) {
        listener(m);
      }
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  static async start(): Promise<UploadWorker> {
    const worker = new UploadWorker();
    await worker.waitFor('ready');
    return worker;
  }

  waitFor<T extends UploadWorkerMessage['type']>(type: T): Promise<Extract<UploadWorkerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const off = (): void => void this.listeners.delete(listener);
      const listener = (m: UploadWorkerMessage): void => {
        if (m.type === type) {
          off();
          resolve(m as Extract<UploadWorkerMessage, { type: T }>);
        } else if (m.type === 'failed') {
          off();
          reject(new Error(`upload worker failed: ${m.message}`));
        }
      };
      this.listeners.add(listener);
      void this.exited.then(() => reject(new Error(`upload worker exited while waiting for "${type}"`)));
    });
  }

  /** Starts a job; resolve the returned promise for its summaries. */
  run(job: UploadJob): Promise<readonly UploadSummary[]> {
    return this.runRecorded(job).then((m) => m.summaries);
  }

  /** Starts a job; resolves with its summaries and every claim it attempted. */
  runRecorded(
    job: UploadJob,
  ): Promise<{ readonly summaries: readonly UploadSummary[]; readonly claims: readonly ClaimAttempt[] }> {
    const done = this.waitFor('uploaded');
    this.send({ cmd: 'upload', job });
    return done;
  }

  async exit(): Promise<void> {
    this.send({ cmd: 'exit' });
    await this.exited;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private send(command: UploadWorkerCommand): void {
    this.child.send(command);
  }
}

/** One simulated window: a new OS process that runs one job and exits. */
async function runInNewProcess(job: UploadJob): Promise<readonly UploadSummary[]> {
  const worker = await UploadWorker.start();
  try {
    return await worker.run(job);
  } finally {
    await worker.exit();
  }
}

function job(dir: string, endpoint: string, overrides: Partial<UploadJob> = {}): UploadJob {
  return {
    dir,
    owner: 'window-1',
    endpoint,
    format: 'candor-json',
    mode: 'review',
    nowMs: NOW,
    sharingSinceMs: OPTED_IN,
    timeoutMs: 5_000,
    random: 0.5,
    runs: 1,
    ...overrides,
  };
}

function total(summaries: readonly UploadSummary[], field: 'sent' | 'dropped' | 'retried' | 'deferred'): number {
  return summaries.reduce((sum, s) => sum + s[field], 0);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---- tests --------------------------------------------------------------------------------

describe('upload over the real store and real processes', function () {
  this.timeout(60_000);

  let dir: string;
  let receiver: LoopbackReceiver | undefined;

  beforeEach(() => {
    dir = makeTempDir('upload');
  });

  afterEach(async () => {
    // Every process this suite started ends here, whatever happened.
    await Promise.all([...live].map((w) => w.kill()));
    await receiver?.close();
    receiver = undefined;
    removeDir(dir);
  });

  async function startReceiver(script: readonly ScriptedResponse[] = []): Promise<LoopbackReceiver> {
    receiver = await LoopbackReceiver.start({ script, fallback: reply.status(200) });
    return receiver;
  }

  /** An uploader in this process, over its own store instance. */
  function inProcessUploader(
    store: CandorStore,
    endpoint: string,
    overrides: Partial<UploaderOptions> = {},
  ): ReportUploader {
    return new ReportUploader({
      queue: new StoreReportQueue(store),
      owner: 'window-main',
      endpoint,
      format: 'candor-json',
      gate: TEST_GATE,
      mode: 'review',
      userAgent: 'candor/0.1.0',
      isAllowed: () => true,
      sharingSinceMs: () => OPTED_IN,
      now: () => NOW,
      random: () => 0.5,
      timeoutMs: 5_000,
      ...overrides,
    });
  }

  for (const format of ['candor-json', 'otlp'] as const satisfies readonly UploadFormat[]) {
    it(`${format}: every stored report arrives once, byte for byte as shown, with a matching receipt; a second run sends nothing`, async () => {
      const days = closedDays(4);
      const reports = await seedReports(dir, days);
      const rx = await startReceiver();
      const store = await CandorStore.open({ dir, now: () => NOW });
      try {
        const uploader = inProcessUploader(store, `${rx.baseUrl}/collect`, { format });
        const first = await uploader.uploadDue();
        assert.equal(first.stoppedBecause, undefined);
        assert.equal(first.sent, days.length);
        assert.equal(rx.requests.length, days.length);

        // The text the payload view shows is the stored report; the uploaded body is its encoding.
        const stored = new Map((await store.reports()).map((r) => [r.day, r]));
        const expected = new Map(days.map((day) => [day, encodeReportBody(reports.get(day)!, format).bytes]));
        if (format === 'candor-json') {
          for (const day of days) {
            assert.equal(expected.get(day)!.toString('utf8'), stored.get(day)!.body);
          }
        }
        const seen = new Map<string, ReceivedRequest>();
        for (const request of rx.requests) {
          assert.equal(request.method, 'POST');
          assert.equal(request.path, format === 'otlp' ? '/collect/v1/metrics' : '/collect');
          assert.equal(request.headers['content-encoding'], 'gzip');
          assert.equal(request.headers.cookie, undefined);
          const day = days.find((d) => request.body !== undefined && request.body.equals(expected.get(d)!));
          assert.ok(day !== undefined, 'a received body matches no stored report byte for byte');
          assert.ok(!seen.has(day), `${day} arrived twice`);
          seen.set(day, request);
        }

        const receipts = await store.receipts();
        assert.equal(receipts.length, days.length);
        for (const day of days) {
          const request = seen.get(day)!;
          const receipt = receipts.find((r) => r.day === day);
          assert.ok(receipt !== undefined, `no receipt for ${day}`);
          assert.equal(receipt.outcome, 'sent');
          assert.equal(receipt.status, '200');
          assert.equal(receipt.format, format);
          assert.equal(receipt.sha256, sha256(request.body!));
          assert.equal(receipt.bodyBytes, request.body!.length);
          assert.equal(receipt.bytes, request.rawBody.length);
          assert.equal(receipt.endpointHost, new URL(rx.baseUrl).host);
          const record = stored.get(day)!;
          assert.equal(record.status, 'sent');
          assert.equal(record.sentMs, NOW);
          assert.equal(record.leaseOwner, undefined);
        }

        const second = await uploader.uploadDue();
        assert.equal(second.sent + second.retried + second.dropped, 0);
        assert.equal(rx.requests.length, days.length);
        assert.equal((await store.receipts()).length, days.length);
      } finally {
        await store.close();
      }
    });
  }

  const faults: ReadonlyArray<{ name: string; answer: ScriptedResponse; status: string }> = [
    { name: 'a 500', answer: reply.status(500), status: '500' },
    { name: 'a dropped connection', answer: reply.drop(), status: 'error:network' },
    { name: 'a hung request (time-out)', answer: reply.hang(), status: 'error:timeout' },
  ];
  for (const fault of faults) {
    it(`after ${fault.name} and a restart in a new process, the unsent report is sent once and only once`, async () => {
      const [failing, other] = closedDays(2) as [string, string];
      await seedReports(dir, [failing, other]);
      const rx = await startReceiver([fault.answer]);
      const endpoint = `${rx.baseUrl}/collect`;
      const t1 = NOW;

      // Window 1: the oldest report meets the fault, the next one goes through.
      const [run1] = await runInNewProcess(job(dir, endpoint, { owner: 'window-1', nowMs: t1, timeoutMs: 400 }));
      assert.deepEqual([run1.sent, run1.retried], [1, 1]);
      const afterFault = await readBack(dir);
      const kept = afterFault.reports.get(failing)!;
      assert.equal(kept.status, 'pending');
      assert.equal(kept.attempts, 1);
      assert.equal(kept.leaseOwner, undefined);
      // Full jitter with random 0.5 on the first attempt: half of the 60 s base.
      assert.equal(kept.nextAttemptMs, t1 + 30_000);
      const retryReceipt = afterFault.receipts.find((r) => r.day === failing)!;
      assert.equal(retryReceipt.outcome, 'retry');
      assert.equal(retryReceipt.status, fault.status);
      assert.equal(retryReceipt.nextAttemptMs, kept.nextAttemptMs);
      assert.equal(afterFault.reports.get(other)!.status, 'sent');

      // Window 2 starts before the report is due: it sends nothing.
      const [early] = await runInNewProcess(job(dir, endpoint, { owner: 'window-2', nowMs: kept.nextAttemptMs - 1 }));
      assert.equal(early.sent + early.retried + early.dropped, 0);
      assert.equal(rx.requests.length, 2);

      // Window 3, once it is due: sent, exactly once.
      const [due] = await runInNewProcess(job(dir, endpoint, { owner: 'window-3', nowMs: kept.nextAttemptMs }));
      assert.equal(due.sent, 1);
      assert.equal(due.retried, 0);
      // Window 4, a day later: nothing left to send.
      const [later] = await runInNewProcess(
        job(dir, endpoint, { owner: 'window-4', nowMs: kept.nextAttemptMs + DAY_MS }),
      );
      assert.equal(later.sent + later.retried + later.dropped, 0);

      assert.equal(rx.requests.length, 3);
      const delivered = countBy(rx.requests.filter(answeredOk), dayOf);
      assert.deepEqual([...delivered].sort(), [
        [failing, 1],
        [other, 1],
      ]);
      const final = await readBack(dir);
      assert.equal(final.reports.get(failing)!.status, 'sent');
      assert.deepEqual(
        final.receipts.filter((r) => r.day === failing).map((r) => [r.outcome, r.status]),
        [
          ['retry', fault.status],
          ['sent', '200'],
        ],
      );
    });
  }

  it('three extension hosts at once send each report exactly once (5 rounds), each contending for the reports', async () => {
    const rx = await startReceiver();
    const workers = await Promise.all([UploadWorker.start(), UploadWorker.start(), UploadWorker.start()]);
    const days = closedDays(10);
    for (let round = 0; round < 5; round++) {
      const roundDir = path.join(dir, `round-${round}`);
      await seedReports(roundDir, days);
      const endpoint = `${rx.baseUrl}/round-${round}`;
      // The round's first request is held at the receiver: whichever host claimed that report
      // stays mid-send, holding its lease, until every host has attempted a claim. Evidence of
      // contention, not left to scheduling: a host that never asks (or asks only once all the
      // work is done) fails the round.
      let letGo = (): void => undefined;
      rx.enqueue(
        reply.heldUntil(
          new Promise<void>((resolve) => {
            letGo = resolve;
          }),
        ),
      );
      const attempted = workers.map((w, i) =>
        withTimeout(
          w.waitFor('claim-attempted'),
          20_000,
          `round ${round}: host-${i} did not attempt a claim while another host was sending`,
        ),
      );
      // A time-out longer than the wait below: the held sender cannot give up and let the others in late.
      const results = Promise.all(
        workers.map((w, i) =>
          w.runRecorded(job(roundDir, endpoint, { owner: `host-${i}`, runs: 2, timeoutMs: 60_000 })),
        ),
      );
      results.catch(() => undefined); // awaited below, after the hosts have contended
      await rx.waitForRequests(rx.requests.length + 1, 20_000);
      const firstClaims = await Promise.all(attempted);
      const releasedMs = Date.now();
      letGo();
      const outcomes = await results;
      const summaries = outcomes.flatMap((r) => r.summaries);
      assert.equal(total(summaries, 'sent'), days.length, `round ${round}: sent count`);
      assert.equal(total(summaries, 'retried') + total(summaries, 'dropped'), 0, `round ${round}: failures`);
      // Exactly one host got a report at its first claim; the others asked while its lease was held and got none.
      assert.equal(
        firstClaims.filter((m) => m.attempt.day !== undefined).length,
        1,
        `round ${round}: first claims ${JSON.stringify(firstClaims.map((m) => m.attempt.day ?? null))}`,
      );
      for (const [i, outcome] of outcomes.entries()) {
        assert.ok(
          outcome.claims.some((c) => c.endedMs <= releasedMs),
          `round ${round}: host-${i} attempted no claim while a report was being sent`,
        );
      }
      assert.equal(
        outcomes.flatMap((r) => r.claims).filter((c) => c.day !== undefined).length,
        days.length,
        `round ${round}: each report is claimed once`,
      );

      const requests = rx.requests.filter((r) => r.path === `/round-${round}`);
      const perDay = countBy(requests, dayOf);
      assert.deepEqual([...perDay.keys()].sort(), days, `round ${round}: days received`);
      assert.deepEqual(
        [...perDay].filter(([, n]) => n !== 1),
        [],
        `round ${round}: a report was sent twice`,
      );
      const state = await readBack(roundDir);
      assert.deepEqual(
        [...state.reports.values()].filter((r) => r.status !== 'sent').map((r) => r.day),
        [],
      );
      assert.deepEqual(
        countBy(state.receipts, (r) => `${r.day}:${r.outcome}`),
        new Map(days.map((d) => [`${d}:sent`, 1])),
      );
    }
    await Promise.all(workers.map((w) => w.exit()));
  });

  it('a window SIGKILLed mid-send loses no report: another window sends it once the lease expires', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const [hungDay, nextDay] = closedDays(2) as [string, string];
    await seedReports(dir, [hungDay, nextDay]);
    const rx = await startReceiver([reply.hang()]);
    const endpoint = `${rx.baseUrl}/collect`;
    const t1 = NOW;

    // Window 1 claims the oldest report and is killed while its request hangs.
    const victim = await UploadWorker.start();
    const outcome = victim.run(job(dir, endpoint, { owner: 'victim', nowMs: t1, timeoutMs: 30_000 }));
    outcome.catch(() => undefined); // it never reports back: it is killed
    await rx.waitForRequests(1);
    await victim.kill();
    await assert.rejects(outcome, /exited/);
    const afterKill = await readBack(dir);
    const leased = afterKill.reports.get(hungDay)!;
    assert.equal(leased.status, 'pending');
    assert.equal(leased.leaseOwner, 'victim');
    assert.equal(leased.attempts, 0);
    const leaseUntil = leased.leaseUntilMs!;
    assert.ok(leaseUntil > t1);
    // The kill came before the attempt could be recorded.
    assert.deepEqual(afterKill.receipts, []);

    // Window 2, while the dead window's lease still runs: the leased report is left alone.
    await runInNewProcess(job(dir, endpoint, { owner: 'window-2', nowMs: t1 + 1_000 }));
    assert.equal(rx.requests.filter((r) => dayOf(r) === hungDay).length, 1);
    const whileLeased = (await readBack(dir)).reports.get(hungDay)!;
    assert.deepEqual([whileLeased.status, whileLeased.leaseOwner], ['pending', 'victim']);

    // Window 3, once the lease has expired: the report is not lost.
    const [recovered] = await runInNewProcess(job(dir, endpoint, { owner: 'window-3', nowMs: leaseUntil }));
    assert.ok(recovered.sent >= 1);
    const [after] = await runInNewProcess(job(dir, endpoint, { owner: 'window-4', nowMs: leaseUntil + DAY_MS }));
    assert.equal(after.sent + after.retried + after.dropped, 0);

    // At the HTTP level the crashed attempt's bytes did arrive (never answered): delivery is
    // at-least-once in a crash, but at most one request per day was answered with success.
    assert.deepEqual(
      countBy(rx.requests, dayOf),
      new Map([
        [hungDay, 2],
        [nextDay, 1],
      ]),
    );
    assert.deepEqual(
      countBy(rx.requests.filter(answeredOk), dayOf),
      new Map([
        [hungDay, 1],
        [nextDay, 1],
      ]),
    );
    const [crashed, resent] = rx.requests.filter((r) => dayOf(r) === hungDay);
    assert.ok(!answeredOk(crashed) && answeredOk(resent));
    assert.ok(crashed.body!.equals(resent.body!), 'the resent body is the same bytes');
    const final = await readBack(dir);
    assert.deepEqual(
      [...final.reports.values()].map((r) => [r.day, r.status]),
      [
        [hungDay, 'sent'],
        [nextDay, 'sent'],
      ],
    );
    // No receipt for the killed attempt (it died before writing one); one per delivery.
    assert.deepEqual(final.receipts.map((r) => [r.day, r.outcome]).sort(), [
      [hungDay, 'sent'],
      [nextDay, 'sent'],
    ]);
  });

  // Each window checks the budget, then sends: only one window may upload at a time (store leases).
  it('three extension hosts at once never exceed the daily byte budget together (5 rounds)', async () => {
    const rx = await startReceiver();
    const workers = await Promise.all([UploadWorker.start(), UploadWorker.start(), UploadWorker.start()]);
    const days = closedDays(10);
    const budget = 1_000; // room for four of these reports (about 240 bytes each on the wire)
    for (let round = 0; round < 5; round++) {
      const roundDir = path.join(dir, `round-${round}`);
      await seedReports(roundDir, days);
      const endpoint = `${rx.baseUrl}/round-${round}`;
      await Promise.all(
        workers.map((w, i) => w.run(job(roundDir, endpoint, { owner: `host-${i}`, dailyByteBudget: budget }))),
      );
      const requests = rx.requests.filter((r) => r.path === `/round-${round}`);
      const onWire = requests.reduce((sum, r) => sum + r.rawBody.length, 0);
      assert.ok(requests.length > 0, `round ${round}: nothing was sent at all`);
      assert.ok(onWire <= budget, `round ${round}: ${onWire} bytes sent against a budget of ${budget}`);
      assert.deepEqual(
        [...countBy(requests, dayOf)].filter(([, n]) => n !== 1),
        [],
        `round ${round}: a report was sent twice`,
      );
      const state = await readBack(roundDir);
      // The receipts account for every byte that went out; the rest waits for tomorrow's budget.
      assert.equal(
        state.receipts.reduce((sum, r) => sum + r.bytes, 0),
        onWire,
      );
      const waiting = [...state.reports.values()].filter((r) => r.status === 'pending');
      assert.equal(waiting.length, days.length - requests.length);
      for (const r of waiting) {
        // A random moment of tomorrow (the workers' random() is 0.5: noon), not midnight itself.
        assert.equal(r.nextAttemptMs, Date.parse('2026-11-24T12:00:00Z'));
      }
    }
    await Promise.all(workers.map((w) => w.exit()));
  });

  describe('consent and review gates, with the real store', () => {
    let store: CandorStore | undefined;

    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('sends nothing while sharing is not allowed, and stops at once when it is switched off mid-run', async () => {
      const days = closedDays(3);
      await seedReports(dir, days);
      const rx = await startReceiver();
      store = await CandorStore.open({ dir, now: () => NOW });
      const off = await inProcessUploader(store, `${rx.baseUrl}/collect`, { isAllowed: () => false }).uploadDue();
      assert.equal(off.stoppedBecause, 'not-allowed');
      assert.equal(rx.requests.length, 0);
      assert.deepEqual(
        (await store.reports()).map((r) => [r.status, r.attempts, r.leaseOwner]),
        days.map(() => ['pending', 0, undefined]),
      );
      assert.deepEqual(await store.receipts(), []);

      // Switched off as soon as the first request has arrived.
      const midRun = await inProcessUploader(store, `${rx.baseUrl}/collect`, {
        isAllowed: () => rx.requests.length === 0,
      }).uploadDue();
      assert.equal(midRun.stoppedBecause, 'not-allowed');
      assert.equal(rx.requests.length, 1);
      assert.deepEqual(
        (await store.reports()).map((r) => r.status),
        ['sent', 'pending', 'pending'],
      );
      assert.deepEqual(
        (await store.reports()).map((r) => r.leaseOwner),
        [undefined, undefined, undefined],
      );
    });

    it('review mode sends nothing before approval, then only the approved report', async () => {
      const [first, second] = closedDays(2) as [string, string];
      await seedReports(dir, [first, second], false);
      const rx = await startReceiver();
      store = await CandorStore.open({ dir, now: () => NOW });
      const uploader = inProcessUploader(store, `${rx.baseUrl}/collect`, { mode: 'review' });

      const before = await uploader.uploadDue();
      assert.equal(before.sent, 0);
      assert.equal(rx.requests.length, 0);
      assert.deepEqual(await store.receipts(), []);

      assert.equal(await store.markReport(second, 'approved'), true);
      const approved = await uploader.uploadDue();
      assert.equal(approved.sent, 1);
      assert.deepEqual(rx.requests.map(dayOf), [second]);
      assert.deepEqual(
        (await store.reports()).map((r) => [r.day, r.status]),
        [
          [first, 'pending'],
          [second, 'sent'],
        ],
      );

      assert.equal((await uploader.uploadDue()).sent, 0);
      assert.equal(rx.requests.length, 1);
    });

    it('a report of a day that began before the opt-in is never sent (dropped with a receipt)', async () => {
      const [early, later] = closedDays(2) as [string, string];
      await seedReports(dir, [early, later]);
      const rx = await startReceiver();
      store = await CandorStore.open({ dir, now: () => NOW });
      // Opted in at noon of the first day: that day may hold data from before the "yes".
      const optedIn = Date.parse(`${early}T12:00:00Z`);
      const summary = await inProcessUploader(store, `${rx.baseUrl}/collect`, {
        sharingSinceMs: () => optedIn,
      }).uploadDue();
      assert.deepEqual([summary.sent, summary.dropped], [1, 1]);
      assert.deepEqual(rx.requests.map(dayOf), [later]);
      const receipt = (await store.receipts()).find((r) => r.day === early)!;
      assert.deepEqual([receipt.outcome, receipt.status, receipt.bytes], ['dropped', 'not-sent:predates-opt-in', 0]);
      assert.equal((await store.reports())[0].status, 'dropped');
    });
  });
});
