// When the store session opens the store: on demand and never on the caller's
// path. Against the real sql.js store in a temporary folder; the only stand-in is
// a counter around the opener and around Node's timer functions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Emitter } from '../../src/common/emitter';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { CandorStore } from '../../src/core/store';
import { StoreSession } from '../../src/ide/storeSession';
import { CLIENT } from '../support/fixtures';
import { NOW, makeTempDir, removeDir } from './storeSupport';
import { ALL, TestConsent } from './testConsent';

const OFF = { ...ALL, enabled: false };
const RUN = { kind: 'debug', runtime: 'node' };

/** Counts the timers Node is asked for while `fn` runs. */
function timersStartedDuring(fn: () => void): number {
  const original = { setInterval, setTimeout, setImmediate };
  let started = 0;
  globalThis.setInterval = (...args: Parameters<typeof setInterval>) => {
    started++;
    return original.setInterval(...args);
  };
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    started++;
    return original.setTimeout(...args);
  }) as typeof setTimeout;
  globalThis.setImmediate = ((...args: Parameters<typeof setImmediate>) => {
    started++;
    return original.setImmediate(...args);
  }) as typeof setImmediate;
  try {
    fn();
  } finally {
    Object.assign(globalThis, original);
  }
  return started;
}

describe('StoreSession opens the store on demand', () => {
  let dir: string;
  let consent: TestConsent;
  let opens: number;
  let sessions: StoreSession[];

  function session(): StoreSession {
    const s = new StoreSession({
      openStore: () => {
        opens++;
        return CandorStore.open({ dir, now: () => NOW });
      },
      client: CLIENT,
      consent,
      onDidChangeRetentionDays: new Emitter<number>(() => undefined).event,
      recorder: {
        guard: createPrivacyGuard({ userName: 'zeldauser', homeDir: '/home/zeldauser', hostName: 'zelda-laptop' }),
        getConsent: () => consent.decision,
        now: () => NOW,
      },
      log: { info: () => undefined, warn: () => undefined },
      now: () => NOW,
    });
    sessions.push(s);
    return s;
  }

  beforeEach(() => {
    dir = makeTempDir('on-demand');
    opens = 0;
    sessions = [];
  });
  afterEach(async () => {
    for (const s of sessions) {
      s.dispose();
      await s.shutdown();
    }
    removeDir(dir);
  });

  it('with consent off, starting opens nothing, creates no file and starts no timer, even as events arrive', async () => {
    consent = new TestConsent(OFF);
    let s: StoreSession | undefined;
    const timers = timersStartedDuring(() => {
      s = session();
      void s.start();
      s.recorder.record('ide.run', RUN);
    });
    assert.ok(s);
    await s.start();
    assert.equal(timers, 0, 'a timer was started while consent is off');
    assert.equal(s.recorder.record('ide.run', RUN).status, 'not_consented');
    assert.equal(await s.countPendingReports(), 0);
    await s.flush();
    assert.equal(opens, 0);
    assert.equal(s.openRequested, false);
    assert.deepEqual(fs.readdirSync(dir), [], 'a file was created while consent is off');
  });

  it('opens when consent turns on, and logs the decision found then', async () => {
    consent = new TestConsent(OFF);
    const s = session();
    await s.start();
    assert.equal(opens, 0);
    const opened = new Promise<void>((resolve) => s.onDidChangeData(() => resolve()));
    consent.change(ALL);
    await opened;
    assert.equal(opens, 1);
    const store = await s.open();
    assert.ok(store);
    await waitUntil(async () => (await store.consentLog()).length > 0);
    assert.deepEqual(
      (await store.consentLog()).map((e) => e.state),
      ['local'],
    );
  });

  it('with consent on, opens only after start() has returned, off the caller’s path', async () => {
    consent = new TestConsent(ALL);
    const s = session();
    const started = s.start();
    assert.equal(opens, 0, 'the store was opened on the caller’s path');
    assert.equal(s.store, undefined);
    await started;
    assert.equal(opens, 1);
    assert.ok(s.store);
  });

  it('buffers events while the store opens and writes them to it', async () => {
    consent = new TestConsent(ALL);
    const s = session();
    void s.start();
    assert.equal(s.recorder.record('ide.run', RUN).status, 'recorded');
    assert.equal(s.recorder.record('ide.run', RUN).status, 'recorded');
    await s.flush();
    const store = await s.open();
    assert.ok(store);
    const counters = (await store.counters()).flatMap((d) => d.counters);
    assert.deepEqual(
      counters.map((c) => [c.event, c.count]),
      [['ide.run', 2]],
    );
    assert.equal(opens, 1, 'the flush and start share one opening');
  });

  it('opens once when asked (the view, an export, a delete), whoever asks first, also with consent off', async () => {
    consent = new TestConsent(OFF);
    const s = session();
    await s.start();
    const [a, b] = await Promise.all([s.open(), s.open()]);
    assert.ok(a);
    assert.equal(a, b);
    assert.equal(opens, 1);
    assert.ok(fs.readdirSync(dir).length > 0, 'opening created the database');
  });

  it('writes events buffered before shutdown when the store was still opening', async () => {
    consent = new TestConsent(ALL);
    const s = session();
    void s.start();
    s.recorder.record('ide.run', RUN);
    await s.shutdown();
    const reopened = await CandorStore.open({ dir, now: () => NOW });
    const counters = (await reopened.counters()).flatMap((d) => d.counters);
    await reopened.close();
    assert.deepEqual(
      counters.map((c) => [c.event, c.count]),
      [['ide.run', 1]],
    );
    assert.equal(await s.open(), undefined, 'nothing opens after shutdown');
  });
});

async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
