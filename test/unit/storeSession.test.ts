// The store session against the real sql.js store in a temporary folder: no
// editor needed, since the session only uses vscode's types.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/common/emitter';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { CandorStore, StoreClosedError } from '../../src/core/store';
import { utcDay } from '../../src/core/utcDay';
import { StoreSession, type DataChange, type StoreSessionDeps } from '../../src/ide/storeSession';
import { ALL, TestConsent } from './testConsent';
import { CLIENT } from '../support/fixtures';
import { DAY_MS, NOW, makeTempDir, removeDir } from './storeSupport';

const RUN = { kind: 'debug', runtime: 'node' };
const TS_ERROR = { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' };
const YESTERDAY = utcDay(NOW - DAY_MS);

describe('StoreSession', () => {
  let dir: string;
  let consent: TestConsent;
  let retention: Emitter<number>;
  let logs: string[];
  let sessions: StoreSession[];
  /** When the recorder says events happen; yesterday's events let a day be closed. */
  let eventTime: number;

  const openStore = (): Promise<CandorStore> => CandorStore.open({ dir, now: () => NOW });

  /** A session whose store is opened on demand first, unless `open` is false. */
  async function session(extra: Partial<StoreSessionDeps> = {}, open = true): Promise<StoreSession> {
    const opened = new StoreSession({
      openStore,
      client: CLIENT,
      consent,
      onDidChangeRetentionDays: retention.event,
      recorder: {
        guard: createPrivacyGuard({ userName: 'zeldauser', homeDir: '/home/zeldauser', hostName: 'zelda-laptop' }),
        getConsent: () => consent.decision,
        now: () => eventTime,
        flushIntervalMs: 0,
      },
      log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`) },
      now: () => NOW,
      ...extra,
    });
    sessions.push(opened);
    if (open) {
      await opened.open();
    }
    return opened;
  }

  function changesOf(s: StoreSession): DataChange[] {
    const seen: DataChange[] = [];
    s.onDidChangeData((change) => seen.push(change));
    return seen;
  }

  function nextChange(s: StoreSession): Promise<DataChange> {
    return new Promise((resolve) => {
      const subscription = s.onDidChangeData((change) => {
        subscription.dispose();
        resolve(change);
      });
    });
  }

  beforeEach(() => {
    dir = makeTempDir('session');
    consent = new TestConsent(ALL);
    retention = new Emitter<number>((error) => assert.fail(String(error)));
    logs = [];
    sessions = [];
    eventTime = NOW;
  });
  afterEach(async () => {
    for (const s of sessions) {
      s.dispose();
      await s.shutdown();
    }
    removeDir(dir);
  });

  it('writes flushed events to the store and says that only events changed', async () => {
    const s = await session();
    const changes = changesOf(s);
    assert.equal(s.recorder.record('ide.run', RUN).status, 'recorded');
    await s.recorder.flush();
    assert.deepEqual(changes, [{ eventsOnly: true }]);
    const counters = (await s.store!.counters()).flatMap((d) => d.counters);
    assert.deepEqual(
      counters.map((c) => [c.event, c.count]),
      [['ide.run', 1]],
    );
  });

  it('logs the consent found at start once, not again when the log already says it', async () => {
    await (await session()).start();
    const second = await session();
    await second.start();
    const log = await second.store!.consentLog();
    assert.deepEqual(
      log.map((e) => [e.state, e.reason]),
      [['local', consent.decision.reason]],
    );
  });

  it('on a consent change, purges what is no longer allowed, logs the decision, then says data changed', async () => {
    const s = await session();
    await s.start();
    s.recorder.record('ide.run', RUN);
    s.recorder.record('ide.error', TS_ERROR);
    await s.recorder.flush();
    s.recorder.record('ide.run', RUN);
    const changed = nextChange(s);
    consent.change({ ...ALL, usage: false });
    assert.deepEqual(await changed, { eventsOnly: false });
    assert.equal(s.recorder.pending, 0, 'the buffered usage event was dropped');
    const counters = (await s.store!.counters()).flatMap((d) => d.counters);
    assert.deepEqual(
      counters.map((c) => c.event),
      ['ide.error'],
    );
    const log = await s.store!.consentLog();
    assert.deepEqual(
      log.map((e) => [e.level, e.usage]),
      [
        ['all', true],
        ['error', false],
      ],
    );
    assert.ok(logs.includes(`info: Consent: ${consent.decision.reason}`));
  });

  it('closes finished days at start and says data changed', async () => {
    eventTime = NOW - DAY_MS;
    const s = await session();
    s.recorder.record('ide.run', RUN);
    await s.recorder.flush();
    assert.equal(await s.countPendingReports(), 0, 'nothing is closed before start');
    const changes = changesOf(s);
    await s.start();
    assert.deepEqual(changes, [{ eventsOnly: false }]);
    assert.deepEqual(
      (await s.store!.pendingReports()).map((r) => r.day),
      [YESTERDAY],
    );
    assert.equal(await s.countPendingReports(), 1);
  });

  it('flush() writes buffered events and closes finished days, so what is read next is current', async () => {
    eventTime = NOW - DAY_MS;
    const s = await session();
    s.recorder.record('ide.run', RUN);
    await s.flush();
    assert.equal(s.recorder.pending, 0);
    assert.deepEqual(
      (await s.store!.pendingReports()).map((r) => r.day),
      [YESTERDAY],
    );
  });

  it('closes days again on its timer', async () => {
    const s = await session({ closeDaysEveryMs: 20 });
    await s.start();
    eventTime = NOW - DAY_MS;
    s.recorder.record('ide.run', RUN);
    await s.recorder.flush();
    // The timer, not a flush or a start, is what closes yesterday now.
    for (;;) {
      assert.deepEqual(await nextChange(s), { eventsOnly: false });
      if ((await s.store!.pendingReports()).length > 0) {
        break;
      }
    }
    assert.deepEqual(
      (await s.store!.pendingReports()).map((r) => r.day),
      [YESTERDAY],
    );
  });

  it('applies a changed retention setting to the store', async () => {
    eventTime = NOW - 10 * DAY_MS;
    const s = await session();
    s.recorder.record('ide.run', RUN);
    await s.recorder.flush();
    await s.store!.compact();
    assert.deepEqual(await s.store!.days(), [utcDay(NOW - 10 * DAY_MS)]);
    retention.fire(5);
    await s.store!.compact();
    assert.deepEqual(await s.store!.days(), []);
  });

  it('on dispose writes what is buffered, then closes the store; shutdown() is that same work', async () => {
    const s = await session();
    s.recorder.record('ide.run', RUN);
    s.dispose();
    await s.shutdown();
    assert.equal(s.recorder.record('ide.run', RUN).status, 'closed');
    await assert.rejects(s.store!.counters(), StoreClosedError);
    const reopened = await openStore();
    const counters = (await reopened.counters()).flatMap((d) => d.counters);
    await reopened.close();
    assert.deepEqual(
      counters.map((c) => [c.event, c.count]),
      [['ide.run', 1]],
    );
  });

  it('without a store, keeps events buffered, logs and closes nothing, and counts no pending report', async () => {
    const s = await session({ openStore: () => Promise.resolve(undefined) });
    const changes = changesOf(s);
    assert.equal(s.store, undefined);
    s.recorder.record('ide.run', RUN);
    await s.flush();
    assert.equal(s.recorder.pending, 1, 'the event stays in the bounded buffer');
    assert.ok(
      logs.some((m) => m.startsWith('warn: ') && m.includes('Local storage is unavailable — 1 event waiting')),
      logs.join('\n'),
    );
    assert.equal(s.recorder.storageFault?.code, 'UNAVAILABLE', 'the indicator can say why');
    await s.start();
    consent.change({ ...ALL, enabled: false });
    await s.recorder.flush();
    assert.equal(await s.countPendingReports(), 0);
    assert.ok(
      changes.length > 0 && changes.every((c) => !c.eventsOnly),
      'the fault and the consent change were announced; no events were written',
    );
    await s.shutdown();
  });

  it('opens without a store when opening throws, and says why by the code, never the message', async () => {
    const failure = Object.assign(new Error("EACCES: permission denied, open '/home/zelda/.config/candor.sqlite'"), {
      code: 'EACCES',
    });
    const s = await session({ openStore: () => Promise.reject(failure) });
    assert.equal(s.store, undefined);
    assert.ok(logs.includes('warn: Telemetry storage is unavailable: permission was denied (EACCES)'), logs.join('\n'));
    assert.ok(!logs.join('\n').includes('zelda'), logs.join('\n'));
  });
});
