// When automatic mode lets a report leave, in the real extension host against a
// real loopback receiver, with the wall clock of VS Code's processes moved by
// the preloaded scripts/lib/clockOffset.cjs: nothing at start-up or when sharing
// begins, each report at the moment Candor chose for it (read from its store),
// and never two requests within an hour.
import * as assert from 'node:assert/strict';
import { parseReport } from '../../src/core/report';
import { LoopbackReceiver } from '../support/loopbackReceiver';
import { DAY_MS } from '../support/fixtures';
import {
  candor,
  configure,
  consentReacted,
  deliverAtChosenTimes,
  enableAll,
  logSharingSince,
  plantPendingRuns,
  resetData,
  sendTimeOf,
  shiftClock,
  trueNow,
  waitFor,
} from './support';

const HOUR_MS = 3_600_000;
const todayStart = Math.floor(trueNow() / DAY_MS) * DAY_MS;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const twoDaysAgo = dayOf(todayStart - 2 * DAY_MS);
const yesterday = dayOf(todayStart - DAY_MS);

async function setSendTime(day: string, atMs: number): Promise<void> {
  const { t } = await candor();
  // As an earlier window would have stored it.
  await t.store.write(({ db }) => db.run(`UPDATE reports SET next_attempt_ms = ? WHERE day = ?`, [atMs, day]));
}

describe('Automatic uploads go out at their chosen send times (wall clock moved)', function () {
  this.timeout(180_000);
  let receiver: LoopbackReceiver;

  before(async () => {
    receiver = await LoopbackReceiver.start();
  });
  after(async () => {
    await shiftClock(0);
    await configure({ 'candor.endpoint': '', 'candor.upload.mode': 'review' });
    await consentReacted('local only again', (d) => d.state !== 'sharing');
    await receiver.close();
  });

  it('sends nothing when sharing begins nor for a moment missed before start-up, each report at its moment, an hour apart', async () => {
    const { t } = await candor();
    await enableAll();
    await configure({ 'candor.endpoint': '' });
    await consentReacted('local only', (d) => d.state === 'local');
    await resetData();
    await shiftClock(0);
    await logSharingSince(todayStart - 3 * DAY_MS);
    for (const day of [twoDaysAgo, yesterday]) {
      await plantPendingRuns(day, 2);
    }
    receiver.requests.length = 0;

    // Sharing begins: Candor looks at the queue on its own and chooses a send time for each report.
    await configure({ 'candor.upload.mode': 'automatic', 'candor.upload.format': 'candor-json' });
    await configure({ 'candor.endpoint': receiver.baseUrl });
    await consentReacted('sharing', (d) => d.state === 'sharing');
    await waitFor(
      'a send time chosen for both reports',
      async () => (await sendTimeOf(twoDaysAgo)) > 0 && (await sendTimeOf(yesterday)) > 0,
    );
    const looked = await t.uploads.run();
    assert.ok(looked, 'no upload ran while sharing');
    assert.equal(looked.stoppedBecause, undefined);
    assert.equal(receiver.requests.length, 0, 'a report was sent when sharing began');
    for (const day of [twoDaysAgo, yesterday]) {
      const at = await sendTimeOf(day);
      assert.ok(at > Date.now(), `the send time of ${day} is not ahead`);
      assert.ok(at >= todayStart, `the send time of ${day} lies before the day after it`);
      assert.ok(at < Date.now() + DAY_MS + 1, `the send time of ${day} is more than a day ahead`);
    }

    // A moment that passed before this window started (VS Code was closed then) is not caught up.
    await setSendTime(twoDaysAgo, performance.timeOrigin - 60_000);
    const atStartUp = await t.uploads.run();
    assert.ok(atStartUp);
    assert.equal(atStartUp.sent + atStartUp.retried + atStartUp.dropped, 0);
    assert.equal(receiver.requests.length, 0, 'a missed send time was caught up');
    const chosenAgain = await sendTimeOf(twoDaysAgo);
    assert.ok(chosenAgain > Date.now(), 'no new send time was chosen for the missed one');

    // A minute before its moment: still nothing.
    await shiftClock(chosenAgain - 60_000 - trueNow());
    await t.uploads.run();
    assert.equal(receiver.requests.length, 0, 'a report was sent before its send time');

    // At its moment it leaves.
    const [firstAt] = await deliverAtChosenTimes([twoDaysAgo]);
    assert.equal(receiver.requests.length, 1);
    assert.equal(parseReport(receiver.requests[0].body?.toString('utf8') ?? '').day, twoDaysAgo);

    // The other report's moment 10 minutes after that request: too soon, a new moment at least an hour later.
    await setSendTime(yesterday, firstAt + 10 * 60_000);
    await shiftClock(firstAt + 10 * 60_000 + 2_000 - trueNow());
    await t.uploads.run();
    assert.equal(receiver.requests.length, 1, 'two requests within an hour');
    const moved = await sendTimeOf(yesterday);
    assert.ok(moved >= firstAt + HOUR_MS, `the next request may come ${moved - firstAt} ms after the last`);

    const [secondAt] = await deliverAtChosenTimes([yesterday]);
    assert.equal(receiver.requests.length, 2);
    assert.equal(parseReport(receiver.requests[1].body?.toString('utf8') ?? '').day, yesterday);
    assert.ok(secondAt - firstAt >= HOUR_MS, `requests ${secondAt - firstAt} ms apart`);
  });
});
