import * as assert from 'node:assert/strict';
import { InvalidEventError } from '../../src/core/catalog';
import { decideConsent } from '../../src/core/consent';
import { DeclaredEvents, readInstalledDeclarations, setCurrentDeclaredEvents } from '../../src/core/declarations';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { Recorder, type EventSink, type RecorderOptions } from '../../src/core/recorder';
import { CandorStore, type StoredEvent } from '../../src/core/store';
import type { Category, ConsentDecision, ConsentInputs } from '../../src/core/types';
import { NOW, makeTempDir, removeDir } from './storeSupport';

const SHARING: ConsentInputs = {
  vscodeLevel: 'all',
  enabled: true,
  usage: true,
  errors: true,
  doNotTrack: false,
  endpointConfigured: false,
};

const RUN = { kind: 'debug', runtime: 'node' };
const TS_ERROR = { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' };

/** An in-memory sink for the recorder's pure logic; the real store is used further down. */
class MemorySink implements EventSink {
  readonly written: StoredEvent[][] = [];
  readonly purged: Category[][] = [];
  failNext = 0;
  compactions = 0;
  appendCalls = 0;
  gate: Promise<void> | undefined;

  async appendEvents(events: readonly StoredEvent[]): Promise<void> {
    this.appendCalls++;
    if (this.gate !== undefined) {
      await this.gate;
    }
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    }
    this.written.push([...events]);
  }

  compact(): Promise<void> {
    this.compactions++;
    return Promise.resolve();
  }

  purgeCategories(categories: readonly Category[]): Promise<void> {
    this.purged.push([...categories]);
    return Promise.resolve();
  }

  get events(): StoredEvent[] {
    return this.written.flat();
  }
}

describe('Recorder', () => {
  let sink: MemorySink;
  let consent: ConsentDecision;
  let logs: string[];
  let recorders: Recorder[];

  function recorder(extra: Partial<RecorderOptions> = {}): Recorder {
    const r = new Recorder({
      sink,
      guard: createPrivacyGuard({ userName: 'zeldauser', homeDir: '/home/zeldauser', hostName: 'zelda-laptop' }),
      getConsent: () => consent,
      now: () => NOW,
      flushIntervalMs: 0,
      log: (m) => logs.push(m),
      ...extra,
    });
    recorders.push(r);
    return r;
  }

  beforeEach(() => {
    sink = new MemorySink();
    consent = decideConsent(SHARING);
    logs = [];
    recorders = [];
  });
  afterEach(async () => {
    for (const r of recorders) {
      await r.dispose();
    }
  });

  it('records a valid, consented event synchronously and writes it on flush with its time and category', async () => {
    const r = recorder();
    const outcome = r.record('ide.run', RUN);
    assert.deepEqual(outcome, { status: 'recorded' });
    assert.equal(sink.appendCalls, 0, 'record() itself does no I/O');
    assert.equal(r.pending, 1);
    await r.flush();
    assert.deepEqual(sink.events, [{ ts: NOW, name: 'ide.run', props: RUN, category: 'usage' }]);
    assert.equal(r.pending, 0);
  });

  it('rejects an event the catalog does not allow, with the typed error, and buffers nothing', () => {
    const r = recorder();
    const outcome = r.record('ide.run', { ...RUN, extra: 'x' });
    assert.equal(outcome.status, 'rejected');
    assert.ok(outcome.status === 'rejected' && outcome.error instanceof InvalidEventError);
    assert.equal(r.record('no.such.event', {}).status, 'rejected');
    assert.equal(r.record(undefined, undefined).status, 'rejected');
    assert.equal(r.pending, 0);
    assert.equal(r.droppedCounts().rejected, 3);
  });

  it('drops an event the privacy guard flags, naming the kind and property only', () => {
    // An extension could declare a value that happens to be this user's name; the guard still stops it.
    const { declarations } = readInstalledDeclarations([
      {
        id: 'some.tool',
        packageJSON: {
          candor: {
            events: {
              'docs.link_clicked': {
                category: 'usage',
                description: 'A documentation link was followed.',
                properties: { topic: { enum: ['loops', 'zeldauser'], description: 'Which topic.' } },
              },
            },
          },
        },
      },
    ]);
    setCurrentDeclaredEvents(new DeclaredEvents(declarations));
    try {
      const r = recorder();
      assert.deepEqual(r.record('some.tool:docs.link_clicked', { topic: 'loops' }), { status: 'recorded' });
      const outcome = r.record('some.tool:docs.link_clicked', { topic: 'zeldauser' });
      assert.deepEqual(outcome, { status: 'blocked_by_guard', kind: 'identity', property: 'topic' });
      assert.equal(r.pending, 1);
      assert.equal(r.droppedCounts().blocked_by_guard, 1);
    } finally {
      setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
    }
  });

  it('records only what consent allows, read live on every event', () => {
    const r = recorder();
    consent = decideConsent({ ...SHARING, vscodeLevel: 'error' });
    assert.equal(r.record('ide.run', RUN).status, 'not_consented');
    assert.equal(r.record('ide.error', TS_ERROR).status, 'recorded');
    consent = decideConsent({ ...SHARING, doNotTrack: true });
    assert.equal(r.record('ide.error', TS_ERROR).status, 'not_consented');
    consent = decideConsent(SHARING);
    assert.equal(r.record('ide.run', RUN).status, 'recorded');
    assert.equal(r.droppedCounts().not_consented, 2);
    assert.equal(r.pending, 2);
  });

  it('bounds the buffer, in-flight events included, and counts what it refuses', async () => {
    const r = recorder({ maxBuffered: 3 });
    let release!: () => void;
    sink.gate = new Promise((resolve) => (release = resolve));
    r.record('ide.run', RUN);
    r.record('ide.run', RUN);
    const flushing = r.flush();
    r.record('ide.run', RUN);
    assert.equal(r.record('ide.run', RUN).status, 'buffer_full', 'two in flight + one buffered = full');
    release();
    await flushing;
    assert.equal(r.record('ide.run', RUN).status, 'recorded');
    assert.equal(r.droppedCounts().buffer_full, 1);
  });

  it('keeps events when a write fails and writes them on the next flush, in order', async () => {
    const r = recorder();
    r.record('ide.run', RUN);
    sink.failNext = 1;
    await r.flush();
    assert.equal(r.pending, 1);
    assert.match(logs[0] ?? '', /Local storage is full \(ENOSPC\) — 1 event waiting/);
    assert.deepEqual(r.storageFault, { code: 'ENOSPC', waiting: 1, dropped: 0 });
    r.record('ide.error', TS_ERROR);
    await r.flush();
    assert.deepEqual(
      sink.events.map((e) => e.name),
      ['ide.run', 'ide.error'],
    );
    assert.equal(r.pending, 0);
    assert.equal(r.storageFault, undefined);
    assert.match(logs[1] ?? '', /recording resumed/);
  });

  it('keeps every event through a failed write while new ones arrive (the bound already counts in-flight events)', async () => {
    const r = recorder({ maxBuffered: 3 });
    r.record('ide.run', RUN);
    r.record('ide.reset', { kind: 'debug' });
    let release!: () => void;
    sink.gate = new Promise((resolve) => (release = resolve));
    sink.failNext = 1;
    const flushing = r.flush();
    r.record('ide.error', TS_ERROR);
    release();
    await flushing;
    sink.gate = undefined;
    assert.equal(r.droppedCounts().write_failed, 0);
    assert.equal(r.pending, 3);
    await r.flush();
    assert.deepEqual(
      sink.events.map((e) => e.name),
      ['ide.run', 'ide.reset', 'ide.error'],
    );
  });

  it('never throws into the caller, even when its collaborators do', () => {
    const r = recorder({
      getConsent: () => {
        throw new Error('settings unavailable');
      },
    });
    assert.deepEqual(r.record('ide.run', RUN), { status: 'failed' });
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    assert.doesNotThrow(() => r.record('ide.run', hostile));
    assert.equal(r.pending, 0);
  });

  it('flush never rejects, whatever the sink does', async () => {
    const r = recorder({
      sink: {
        appendEvents: () => Promise.reject(new Error('EACCES')),
      },
    });
    r.record('ide.run', RUN);
    await r.flush();
    assert.equal(r.pending, 1);
    assert.equal(logs.length, 1);
  });

  it('flushes on its timer', async () => {
    const r = recorder({ flushIntervalMs: 10 });
    r.record('ide.run', RUN);
    for (let i = 0; i < 200 && sink.events.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(sink.events.length, 1);
  });

  it('compacts the store after the configured number of flushes', async () => {
    const r = recorder({ compactEveryFlushes: 2 });
    for (let i = 0; i < 5; i++) {
      r.record('ide.run', RUN);
      await r.flush();
    }
    assert.equal(sink.compactions, 2);
  });

  it('purges withdrawn categories from the buffer and then from the store', async () => {
    const r = recorder();
    r.record('ide.run', RUN);
    r.record('ide.error', TS_ERROR);
    await r.purgeCategories(['errors']);
    assert.deepEqual(sink.purged, [['errors']]);
    await r.flush();
    assert.deepEqual(
      sink.events.map((e) => e.category),
      ['usage'],
    );
  });

  it('flushes on dispose and refuses events afterwards', async () => {
    const r = recorder();
    r.record('ide.run', RUN);
    await r.dispose();
    assert.equal(sink.events.length, 1);
    assert.equal(r.record('ide.run', RUN).status, 'closed');
  });

  describe('with the real store', () => {
    let dir: string;
    beforeEach(() => (dir = makeTempDir('recorder')));
    afterEach(() => removeDir(dir));

    it('records through to daily counters', async () => {
      const store = await CandorStore.open({ dir, now: () => NOW });
      try {
        const r = recorder({ sink: store });
        for (let i = 0; i < 3; i++) {
          r.record('ide.error', TS_ERROR);
        }
        r.record('ide.run', RUN);
        r.record('ide.run', { kind: 'debug', runtime: '/home/zeldauser/bin/node' });
        await r.dispose();
        const [today] = await store.counters();
        assert.deepEqual(
          today?.counters.map((c) => [c.event, c.count]),
          [
            ['ide.error', 3],
            ['ide.run', 1],
          ],
        );
      } finally {
        await store.close();
      }
    });
  });
});
