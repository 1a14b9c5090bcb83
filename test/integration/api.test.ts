// Candor's extension API as another extension would use it.
import * as assert from 'node:assert/strict';
import { assertNoSecrets, candor, counters, countOf, enableAll, rawStorageText, resetData } from './support';
import { assertCsvMatchesDatabase, assertJsonMatchesDatabase } from '../support/exportCheck';

describe('Extension API', () => {
  before(async () => {
    await enableAll();
    await resetData();
  });

  it('records a declared event and counts it per UTC day', async () => {
    const { api } = await candor();
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'recorded');
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'recorded');
    assert.equal(countOf(await counters('example.loaded'), { example_id: 'hello_world' }), 2);
  });

  it('rejects bad input with a clear error and stores nothing', async () => {
    const { api } = await candor();
    assert.throws(
      () => api.track('made.up', {}),
      (e: Error) => e.name === 'InvalidEventError' && /made\.up/.test(e.message),
    );
    assert.throws(
      () => api.track('example.loaded', { example_id: 'x', extra: 1 }),
      (e: Error) => /extra/.test(e.message),
    );
    assert.throws(
      () =>
        api.track(
          'example.loaded',
          JSON.parse('{"__proto__": {"polluted": true}, "example_id": "a"}') as Record<string, unknown>,
        ),
      /__proto__/,
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
        result = api.track('docs.link_clicked', { topic: value });
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
    const { api, t } = await candor();
    assert.equal(api.track('example.loaded', { example_id: 'intro_tour' }), 'recorded');
    assert.equal(api.track('example.loaded', { example_id: 'intro_tour' }), 'recorded');
    assert.equal(api.track('example.loaded', { example_id: 'hello_world' }), 'recorded');
    assert.equal(api.track('docs.link_clicked', { topic: 'loops' }), 'recorded');
    // Planted through the real API in a declared free-text property whose schema accepts it
    // (a token may hold "@" and "."): only the privacy guard stands between it and the store.
    const planted = 'alice@example.com';
    const plantedOutcome = api.track('docs.link_clicked', { topic: planted });
    const json = await t.source.exportText('json');
    const csv = await t.source.exportText('csv');
    assertNoSecrets(json + csv, [planted], 'the export');
    assert.equal(plantedOutcome, 'blocked_by_guard');

    const doc = await assertJsonMatchesDatabase(json, t.store);
    // The database itself holds what was recorded, so the comparison above is not of two empty lists.
    const recorded = doc.counters.map((c) => [c.event, JSON.stringify(c.props), c.count]).sort();
    assert.deepEqual(recorded, [
      ['docs.link_clicked', JSON.stringify({ topic: 'loops' }), 1],
      ['example.loaded', JSON.stringify({ example_id: 'hello_world' }), 1],
      ['example.loaded', JSON.stringify({ example_id: 'intro_tour' }), 2],
    ]);
    assert.equal(doc.recentEvents.length, 4);
    assert.equal(await assertCsvMatchesDatabase(csv, t.store), 3 + 4, 'the CSV holds 3 counter rows and 4 event rows');
  });
});
