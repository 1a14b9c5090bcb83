import * as assert from 'node:assert/strict';
import { CandorStore } from '../../src/core/store';
import { StoreReportQueue } from '../../src/core/store';
import type { UploadReceipt } from '../../src/core/upload/uploader';
import { NOW, makeTempDir, removeDir } from './storeSupport';

const REPORT = {
  schema: 'candor.report/1',
  day: '2026-11-21',
  client: { extension: '0.1.0', vscode: '1.100', os: 'linux', arch: 'x64', ui: 'desktop' },
  counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 2 }],
};

function receipt(outcome: UploadReceipt['outcome'], atMs: number): UploadReceipt {
  return {
    day: REPORT.day,
    format: 'candor-json',
    bytes: 120,
    bodyBytes: 300,
    sha256: 'cd'.repeat(32),
    endpointHost: '127.0.0.1:4318',
    status: outcome === 'sent' ? '200' : '503',
    atMs,
    outcome,
  };
}

describe('StoreReportQueue', () => {
  let dir: string;
  let store: CandorStore;
  let queue: StoreReportQueue;

  beforeEach(async () => {
    dir = makeTempDir('queue');
    store = await CandorStore.open({ dir, now: () => NOW });
    queue = new StoreReportQueue(store);
  });
  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });

  it('hands out the stored report parsed, leased to one owner', async () => {
    await store.upsertPendingReport(REPORT.day, JSON.stringify(REPORT));
    const claimed = await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: false });
    assert.deepEqual(claimed, {
      day: REPORT.day,
      body: JSON.stringify(REPORT),
      attempts: 0,
      approved: false,
      slotMs: 0,
    });
    assert.equal(
      await queue.claimDueReport({ owner: 'B', nowMs: NOW, leaseMs: 60_000, approvedOnly: false }),
      undefined,
    );
  });

  it('remembers when the last request was made; a decision not to send is no request', async () => {
    await store.upsertPendingReport(REPORT.day, JSON.stringify(REPORT));
    assert.equal(await queue.lastRequestMs(), undefined);
    await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: false });
    await queue.reschedule('A', REPORT.day, NOW + 1000, receipt('retry', NOW));
    await queue.claimDueReport({ owner: 'A', nowMs: NOW + 1000, leaseMs: 60_000, approvedOnly: false });
    await queue.markDropped('A', REPORT.day, { ...receipt('dropped', NOW + 5000), bytes: 0 });
    assert.equal(await queue.lastRequestMs(), NOW);
  });

  it('"Send" in review mode makes a report due now, whatever send time it waited for', async () => {
    await store.upsertPendingReport(REPORT.day, JSON.stringify(REPORT));
    await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: false });
    await queue.defer('A', REPORT.day, NOW + 20 * 3_600_000);
    assert.equal(
      await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: true }),
      undefined,
    );
    assert.equal(await store.markReport(REPORT.day, 'approved'), true);
    const claimed = await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: true });
    assert.equal(claimed?.day, REPORT.day);
    assert.equal(claimed.slotMs, 0);
  });

  it('counts attempts on reschedule, keeps receipts, and ignores settlements from a non-holder', async () => {
    await store.upsertPendingReport(REPORT.day, JSON.stringify(REPORT));
    await queue.claimDueReport({ owner: 'A', nowMs: NOW, leaseMs: 60_000, approvedOnly: false });
    await queue.reschedule('A', REPORT.day, NOW + 1000, receipt('retry', NOW));
    const again = await queue.claimDueReport({ owner: 'A', nowMs: NOW + 1000, leaseMs: 60_000, approvedOnly: false });
    assert.equal(again?.attempts, 1);
    await queue.markSent('B', REPORT.day, receipt('sent', NOW + 1001));
    assert.equal((await store.reports())[0]?.status, 'pending');
    await queue.markSent('A', REPORT.day, receipt('sent', NOW + 1002));
    assert.equal((await store.reports())[0]?.status, 'sent');
    assert.deepEqual(
      (await store.receipts()).map((r) => r.outcome),
      ['sent', 'retry'],
    );
    assert.equal(await queue.bytesSentOnDay('2026-11-22'), 240);
  });

  it('hands a stored report out as stored, even one that no longer parses: the gate decides, not the queue', async () => {
    await store.upsertPendingReport('2026-11-20', '{ broken');
    await store.upsertPendingReport(REPORT.day, JSON.stringify(REPORT));
    const claimed = await new StoreReportQueue(store).claimDueReport({
      owner: 'A',
      nowMs: NOW,
      leaseMs: 1000,
      approvedOnly: false,
    });
    assert.deepEqual(claimed, { day: '2026-11-20', body: '{ broken', attempts: 0, approved: false, slotMs: 0 });
    assert.deepEqual(
      (await store.reports()).map((r) => r.status),
      ['pending', 'pending'],
    );
  });
});
