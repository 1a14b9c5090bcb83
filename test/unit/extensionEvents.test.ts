// Another extension's declared events end to end in plain Node: register(),
// track and the TelemetrySender through the real recorder into the real store,
// reports carrying namespaced events, and the purges of a switched-off or an
// uninstalled extension.
import * as assert from 'node:assert/strict';
import { InvalidEventError } from '../../src/core/catalog';
import { decideConsent } from '../../src/core/consent';
import {
  DeclaredEvents,
  eventFromSendEventData,
  readDeclaration,
  setCurrentDeclaredEvents,
  unprefixedEventName,
} from '../../src/core/declarations';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { Recorder } from '../../src/core/recorder';
import { buildDailyReport, parseReport, serializeReport } from '../../src/core/report';
import { CandorStore } from '../../src/core/store';
import type { ConsentDecision, ConsentInputs } from '../../src/core/types';
import { createExtensionApi } from '../../src/ide/extensionApi';
import { CLIENT } from '../support/fixtures';
import { event } from '../support/declarationSamples';
import { NOW, makeTempDir, removeDir } from './storeSupport';

const DEMO = 'candor.candor-demo';
const OTHER = 'acme.docs';

function declarationOf(candor: unknown) {
  const result = readDeclaration(candor);
  assert.ok(result.ok);
  return result.declaration;
}

const DECLARED = new DeclaredEvents([
  {
    id: DEMO,
    displayName: 'Candor Demo',
    declaration: declarationOf({
      events: {
        'example.loaded': event({
          example_id: { enum: ['hello_world', 'loops'], description: 'Which example.' },
          step: { type: 'integer', minimum: 0, maximum: 20, description: 'Tutorial step.' },
        }),
        'error.exception': event(
          { type: { enum: ['TypeError', 'user_defined'], description: 'The exception type.' } },
          { category: 'errors' },
        ),
      },
    }),
  },
  { id: OTHER, displayName: 'Docs', declaration: declarationOf({ events: { 'docs.link_clicked': event() } }) },
]);

const INPUTS: ConsentInputs = {
  vscodeLevel: 'all',
  enabled: true,
  usage: true,
  errors: true,
  doNotTrack: false,
  endpointConfigured: false,
};
const ON = decideConsent(INPUTS);

describe('extensions reporting their declared events', () => {
  let dir: string;
  let store: CandorStore;
  let recorder: Recorder;
  let consent: ConsentDecision;

  beforeEach(async () => {
    setCurrentDeclaredEvents(DECLARED);
    dir = makeTempDir('extensions');
    store = await CandorStore.open({ dir, now: () => NOW });
    consent = ON;
    recorder = new Recorder({
      sink: store,
      guard: createPrivacyGuard({ userName: 'alice', homeDir: '/home/alice', hostName: 'alice-laptop' }),
      getConsent: () => consent,
      now: () => NOW,
      flushIntervalMs: 0,
    });
  });

  afterEach(async () => {
    setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
    await recorder.dispose();
    await store.close();
    removeDir(dir);
  });

  async function storedEvents(): Promise<string[]> {
    await recorder.flush();
    const days = await store.counters();
    return days.flatMap((d) => d.counters.map((c) => `${c.event} ${JSON.stringify(c.props)} ${c.count}`));
  }

  describe('register(id).track', () => {
    it('records a declared event under the namespaced name', async () => {
      const tracker = createExtensionApi(recorder).register('Candor.Candor-Demo');
      assert.equal(tracker.track('example.loaded', { example_id: 'loops', step: 3 }), 'recorded');
      assert.deepEqual(await storedEvents(), [`${DEMO}:example.loaded {"example_id":"loops","step":3} 1`]);
    });

    it('throws on an undeclared event, an out-of-range integer or another extension’s event; nothing is stored', async () => {
      const tracker = createExtensionApi(recorder).register(DEMO);
      assert.throws(() => tracker.track('example.closed'), InvalidEventError);
      assert.throws(
        () => tracker.track('example.loaded', { step: 21 }),
        /property "step": expected an integer from 0 to 20/,
      );
      assert.throws(() => tracker.track('docs.link_clicked'), InvalidEventError);
      assert.throws(() => tracker.track(`${OTHER}:docs.link_clicked`), InvalidEventError);
      assert.deepEqual(await storedEvents(), []);
    });

    it('refuses an id that is not publisher.name, and namespaced names through the old track', () => {
      const api = createExtensionApi(recorder);
      assert.throws(() => api.register('demo'), InvalidEventError);
      assert.throws(() => api.track(`${DEMO}:example.loaded`, {}), InvalidEventError);
    });

    it('is gated by the extension toggle like every other input', async () => {
      consent = decideConsent({ ...INPUTS, extensions: { [DEMO]: false } });
      const api = createExtensionApi(recorder);
      assert.equal(api.register(DEMO).track('example.loaded', {}), 'not_consented');
      assert.equal(api.register(OTHER).track('docs.link_clicked'), 'recorded');
      assert.deepEqual(await storedEvents(), [`${OTHER}:docs.link_clicked {} 1`]);
    });
  });

  describe('the TelemetrySender', () => {
    it('records what createTelemetryLogger forwards: the id prefix and common.* properties removed', async () => {
      const tracker = createExtensionApi(recorder).register(DEMO);
      tracker.sender.sendEventData('Candor.Candor-Demo/example.loaded', {
        example_id: 'hello_world',
        'common.vscodemachineid': 'f00dfeed',
        'common.extname': 'Candor.Candor-Demo',
      });
      tracker.sender.sendEventData('Candor.Candor-Demo/example.loaded', {
        properties: { example_id: 'loops', 'common.vscodesessionid': 'abc' },
        measurements: { step: 2 },
      });
      assert.equal(tracker.dropped, 0);
      assert.deepEqual(await storedEvents(), [
        `${DEMO}:example.loaded {"example_id":"hello_world"} 1`,
        `${DEMO}:example.loaded {"example_id":"loops","step":2} 1`,
      ]);
    });

    it('drops and counts, never throwing, anything that matches no declaration', async () => {
      const tracker = createExtensionApi(recorder).register(DEMO);
      tracker.sender.sendEventData('Candor.Candor-Demo/example.closed', {});
      tracker.sender.sendEventData('Candor.Candor-Demo/example.loaded', { example_id: 'C:\\Users\\alice' });
      tracker.sender.sendEventData('Candor.Candor-Demo/example.loaded', { free_text: 'anything' });
      tracker.sender.sendEventData(
        'Candor.Candor-Demo/example.loaded',
        'not data' as unknown as Record<string, unknown>,
      );
      const hostile = new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      );
      tracker.sender.sendEventData('Candor.Candor-Demo/example.loaded', hostile);
      assert.equal(tracker.dropped, 5);
      assert.deepEqual(await storedEvents(), []);
    });

    it('records an Error as its type only, mapped through the exception list', async () => {
      const tracker = createExtensionApi(recorder).register(DEMO);
      let read = false;
      const error = new TypeError('secret /home/alice/project');
      Object.defineProperty(error, 'message', {
        get: () => {
          read = true;
          return 'x';
        },
      });
      tracker.sender.sendErrorData(error);
      class ProjectSpecificError extends Error {}
      tracker.sender.sendErrorData(new ProjectSpecificError('y'));
      tracker.sender.sendErrorData(new RangeError('not declared by this extension'));
      assert.equal(read, false);
      assert.equal(tracker.dropped, 1);
      assert.deepEqual(await storedEvents(), [
        `${DEMO}:error.exception {"type":"TypeError"} 1`,
        `${DEMO}:error.exception {"type":"user_defined"} 1`,
      ]);
    });

    it("reads a plain Error's own name, as VS Code's TelemetryLogger.logError rebuilds the error, never by a getter", async () => {
      const tracker = createExtensionApi(recorder).register(DEMO);
      // What VS Code's logger passes on: new Error(cleaned message), then error.name = the original's name.
      const rebuilt = new Error('secret /home/alice/project');
      rebuilt.name = 'TypeError';
      tracker.sender.sendErrorData(rebuilt);
      const named = new Error('x');
      named.name = 'AcmePayrollError';
      tracker.sender.sendErrorData(named);
      let read = false;
      const tricky = new Error('x');
      Object.defineProperty(tricky, 'name', {
        get: () => {
          read = true;
          return 'TypeError';
        },
      });
      tracker.sender.sendErrorData(tricky);
      assert.equal(read, false, 'a getter ran');
      // The getter's error counts as a plain "Error", which this extension does not declare.
      assert.equal(tracker.dropped, 1);
      assert.deepEqual(await storedEvents(), [
        `${DEMO}:error.exception {"type":"TypeError"} 1`,
        `${DEMO}:error.exception {"type":"user_defined"} 1`,
      ]);
    });

    it('drops an Error when the extension declares no error.exception event', () => {
      const tracker = createExtensionApi(recorder).register(OTHER);
      tracker.sender.sendErrorData(new TypeError('x'));
      assert.equal(tracker.dropped, 1);
    });

    it('takes off only the prefix VS Code adds', () => {
      assert.equal(unprefixedEventName(DEMO, 'Candor.Candor-Demo/a.b'), 'a.b');
      assert.equal(unprefixedEventName('vscode.git', 'git/a.b'), 'a.b');
      assert.equal(unprefixedEventName(DEMO, 'other.ext/a.b'), 'other.ext/a.b');
      assert.equal(unprefixedEventName(DEMO, 'a.b'), 'a.b');
      assert.equal(eventFromSendEventData(DEMO, 'a.b', [1]), undefined);
    });
  });

  describe('reports and purges', () => {
    it('builds and parses a report holding namespaced events, which fail once undeclared', () => {
      const report = buildDailyReport('2026-11-21', CLIENT, [
        { event: `${DEMO}:example.loaded`, props: { step: 1 }, count: 2 },
        { event: 'ide.reset', props: { kind: 'task' }, count: 1 },
      ]);
      const text = serializeReport(report);
      assert.deepEqual(parseReport(text), report);
      setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
      assert.throws(() => parseReport(text), /counter 0: an event did not match the catalog/);
    });

    it('purges a switched-off extension: buffered and stored events, pending reports; others stay', async () => {
      const api = createExtensionApi(recorder);
      api.register(DEMO).track('example.loaded', { step: 1 });
      api.register(OTHER).track('docs.link_clicked');
      recorder.record('ide.reset', { kind: 'task' });
      await recorder.flush();
      await store.upsertPendingReport('2026-11-21', '{}');
      api.register(DEMO).track('example.loaded', { step: 2 }); // still buffered
      await recorder.purgeExtensions([DEMO]);
      assert.deepEqual(await storedEvents(), [`${OTHER}:docs.link_clicked {} 1`, 'ide.reset {"kind":"task"} 1']);
      assert.deepEqual(await store.pendingReports(), []);
      assert.equal((await store.recentEvents()).filter((e) => e.name.startsWith(DEMO)).length, 0);
    });

    it('purges at start-up the data of extensions no longer installed', async () => {
      const api = createExtensionApi(recorder);
      api.register(DEMO).track('example.loaded', { step: 1 });
      api.register(OTHER).track('docs.link_clicked');
      recorder.record('ide.reset', { kind: 'task' });
      await recorder.flush();
      assert.ok((await store.purgeUninstalledExtensions([OTHER, 'ms-python.python'])) > 0);
      assert.deepEqual(await storedEvents(), [`${OTHER}:docs.link_clicked {} 1`, 'ide.reset {"kind":"task"} 1']);
      assert.equal(await store.purgeUninstalledExtensions([OTHER]), 0);
    });
  });
});
