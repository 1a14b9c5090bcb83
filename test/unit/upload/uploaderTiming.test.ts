// When automatic mode lets a report leave, through the uploader and a real
// loopback receiver: at its chosen moment of the day after its day, never at
// start-up for a moment that passed unwatched, and never within an hour of the
// last request. Review mode's "Send" is not held back.
import assert from 'node:assert/strict';
import { ReportUploader, type UploaderOptions } from '../../../src/core/upload/uploader';
import { MIN_REQUEST_GAP_MS } from '../../../src/core/upload/uploadTiming';
import { TEST_GATE } from '../../support/gate';
import { LoopbackReceiver } from '../../support/loopbackReceiver';
import { DAY_MS, dayStart, sampleReport } from './fixtures';
import { MemoryReportQueue } from './memoryReportQueue';

const OPTED_IN = Date.parse('2026-11-01T09:30:00Z');
/** 10:00 UTC on 2026-11-23, when this window started. */
const START = Date.parse('2026-11-23T10:00:00Z');

describe('upload/uploader send times (automatic mode)', () => {
  let receiver: LoopbackReceiver;
  let queue: MemoryReportQueue;
  let now: number;
  let randoms: number[];

  beforeEach(async () => {
    receiver = await LoopbackReceiver.start();
    queue = new MemoryReportQueue();
    now = START;
    randoms = [];
  });
  afterEach(async () => {
    await receiver.close();
  });

  function uploader(overrides: Partial<UploaderOptions> = {}): ReportUploader {
    return new ReportUploader({
      queue,
      owner: 'host-a',
      endpoint: `${receiver.baseUrl}/collect`,
      format: 'candor-json',
      mode: 'automatic',
      userAgent: 'candor/0.1.0',
      isAllowed: () => true,
      sharingSinceMs: () => OPTED_IN,
      now: () => now,
      random: () => randoms.shift() ?? 0.5,
      watchingSinceMs: START,
      gate: TEST_GATE,
      ...overrides,
    });
  }

  it('sends a report at its chosen moment of the day after its day, not before', async () => {
    // Yesterday's report, chosen moment 15:00 of today (the day after it): still ahead at 10:00.
    queue.add(sampleReport('2026-11-22'), { approved: false });
    randoms = [15 / 24];
    const up = uploader();
    assert.equal((await up.uploadDue()).sent, 0);
    const slot = queue.entry('2026-11-22')?.nextAttemptMs;
    assert.equal(slot, dayStart('2026-11-23') + 15 * 3_600_000);
    now = slot - 60_000;
    assert.equal((await up.uploadDue()).sent, 0, 'sent before its moment');
    now = slot + 60_000;
    assert.equal((await up.uploadDue()).sent, 1);
    assert.equal(receiver.requests.length, 1);
  });

  it('does not catch up at start-up a moment that passed while no window was open', async () => {
    queue.add(sampleReport('2026-11-21'), { approved: false, nextAttemptMs: START - 3_600_000 });
    randoms = [0.75];
    const summary = await uploader().uploadDue();
    assert.equal(summary.sent, 0);
    assert.equal(receiver.requests.length, 0);
    // A new moment: the next 18:00 UTC after now.
    assert.equal(queue.entry('2026-11-21')?.nextAttemptMs, dayStart('2026-11-23') + 18 * 3_600_000);
  });

  it('keeps requests at least an hour apart, with a fresh random moment for the one that came too soon', async () => {
    // Both moments lie in this window, 10 minutes apart.
    queue.add(sampleReport('2026-11-20'), { approved: false, nextAttemptMs: START + 5 * 60_000 });
    queue.add(sampleReport('2026-11-21'), { approved: false, nextAttemptMs: START + 15 * 60_000 });
    now = START + 16 * 60_000;
    randoms = [0.1];
    const first = await uploader().uploadDue();
    assert.equal(first.sent, 1);
    assert.equal(receiver.requests.length, 1, 'two requests in one run');
    const sentAt = queue.receipts[0]?.atMs ?? 0;
    const next = queue.entry('2026-11-21')?.nextAttemptMs ?? 0;
    assert.ok(next >= sentAt + MIN_REQUEST_GAP_MS, `the second report may leave ${next - sentAt} ms after the first`);
    // A random moment (random() = 0.1: 02:24 UTC) after the gap, not "last + 1 h".
    assert.equal(next, dayStart('2026-11-24') + 0.1 * DAY_MS);
    now = next + 1_000;
    assert.equal((await uploader().uploadDue()).sent, 1);
    assert.equal(receiver.requests.length, 2);
  });

  it('review mode: a report the user approved is sent at once, with no chosen moment to wait for', async () => {
    queue.add(sampleReport('2026-11-22'), { approved: true });
    const summary = await uploader({ mode: 'review' }).uploadDue();
    assert.equal(summary.sent, 1);
    assert.equal(receiver.requests.length, 1);
  });
});
