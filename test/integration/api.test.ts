// Candor's extension API as another extension would use it. Declared events of
// installed extensions are tested with the fixtures in test/e2e/extensionDeclarations.test.ts:
// VS Code's test mode, which runs this layer, hides installed extensions.
import * as assert from 'node:assert/strict';
import { assertNoSecrets, candor, counters, enableAll, rawStorageText, resetData } from './support';
import { assertCsvMatchesDatabase, assertJsonMatchesDatabase } from '../support/exportCheck';

describe('Extension API', () => {
  before(async () => {
    await enableAll();
    await resetData();
  });

  it("refuses the events that moved out of Candor's catalog into the demo extension's own declaration", async () => {
    const { api } = await candor();
    // They now belong to extensions/candor-demo; in this test window it is not installed.
    for (const [event, props] of [
      ['example.loaded', { example_id: 'hello_world' }],
      ['share.link_created', {}],
      ['docs.link_clicked', { topic: 'loops' }],
      ['session.started', { ui: 'web' }],
    ] as const) {
      assert.throws(
        () => api.track(event, props),
        (e: Error) => e.name === 'InvalidEventError' && e.message.includes(`"${event}"`),
      );
      assert.throws(
        () => api.register('candor.candor-demo').track(event, props),
        (e: Error) => e.name === 'InvalidEventError' && e.message.includes(`candor.candor-demo:${event}`),
      );
    }
    assert.equal((await counters('example.loaded')).length, 0);
    assert.equal((await counters('candor.candor-demo:example.loaded')).length, 0);
  });

  it('rejects bad input with a clear error and stores nothing', async () => {
    const { api } = await candor();
    assert.throws(
      () => api.track('made.up', {}),
      (e: Error) => e.name === 'InvalidEventError' && /made\.up/.test(e.message),
    );
    assert.throws(
      () => api.track('made.up', JSON.parse('{"__proto__": {"polluted": true}, "a": "b"}') as Record<string, unknown>),
      (e: Error) => e.name === 'InvalidEventError',
    );
    assert.throws(() => api.track('ide.error', { origin: 'exit', code: 'exit:1' }), /reserved/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((await counters('made.up')).length, 0);
    assert.equal((await counters('ide.error')).length, 0);
  });

  it('drops values that look like personal data, so they never reach storage', async () => {
    const { api } = await candor();
    const planted = [
      '/home/alice/project',
      'alice@example.com',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'https://internal.example.com/x',
    ];
    for (const value of planted) {
      let result: string;
      try {
        result = api.register('candor.candor-demo').track('docs.link_clicked', { topic: value });
      } catch (error) {
        result = `rejected: ${(error as Error).name}`;
      }
      assert.notEqual(result, 'recorded', `"${value}" was recorded`);
    }
    assertNoSecrets(await rawStorageText(), planted, 'the database files');
  });
});

describe('Export of all data', () => {
  before(async () => {
    await enableAll();
    await resetData();
  });

  it("exports JSON and CSV that hold exactly the database's rows, and no value the guard refused", async () => {
    const { t } = await candor();
    // Candor's own events, recorded as its hooks record them.
    assert.equal(t.recorder.record('ide.run', { kind: 'debug', runtime: 'node' }).status, 'recorded');
    assert.equal(t.recorder.record('ide.run', { kind: 'debug', runtime: 'node' }).status, 'recorded');
    assert.equal(t.recorder.record('ide.run', { kind: 'task', runtime: 'npm' }).status, 'recorded');
    assert.equal(t.recorder.record('ide.reset', { kind: 'task' }).status, 'recorded');
    // A planted value never gets past the vocabularies (and the guard behind them).
    const planted = 'alice@example.com';
    const plantedOutcome = t.recorder.record('ide.error', { origin: 'exception', code: planted }).status;
    const json = await t.source.exportText('json');
    const csv = await t.source.exportText('csv');
    assertNoSecrets(json + csv, [planted], 'the export');
    assert.equal(plantedOutcome, 'rejected');

    const doc = await assertJsonMatchesDatabase(json, t.store);
    // The database itself holds what was recorded, so the comparison above is not of two empty lists.
    const recorded = doc.counters.map((c) => [c.event, JSON.stringify(c.props), c.count]).sort();
    assert.deepEqual(recorded, [
      ['ide.reset', JSON.stringify({ kind: 'task' }), 1],
      ['ide.run', JSON.stringify({ kind: 'debug', runtime: 'node' }), 2],
      ['ide.run', JSON.stringify({ kind: 'task', runtime: 'npm' }), 1],
    ]);
    assert.equal(doc.recentEvents.length, 4);
    assert.equal(await assertCsvMatchesDatabase(csv, t.store), 3 + 4, 'the CSV holds 3 counter rows and 4 event rows');
  });
});
