// Candor's extension API as another extension would use it.
import * as assert from 'node:assert/strict';
import { assertNoSecrets, candor, counters, countOf, enableAll, rawStorageText, resetData } from './support';

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
    assert.throws(() => api.track('made.up', {}), (e: Error) => e.name === 'InvalidEventError' && /made\.up/.test(e.message));
    assert.throws(() => api.track('example.loaded', { example_id: 'x', extra: 1 }), (e: Error) => /extra/.test(e.message));
    assert.throws(() => api.track('example.loaded', JSON.parse('{"__proto__": {"polluted": true}, "example_id": "a"}') as Record<string, unknown>), /__proto__/);
    assert.throws(() => api.track('ide.error', { origin: 'exit', code: 'exit:1' }), /reserved/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((await counters('made.up')).length, 0);
    assert.equal((await counters('ide.error')).length, 0);
  });

  it('drops values that look like personal data, so they never reach storage', async () => {
    const { api } = await candor();
    const planted = ['/home/alice/project', 'alice@example.com', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'https://internal.example.com/x'];
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

  it('exports what was recorded as JSON and CSV that parse back, with no planted secret', async () => {
    const { api, t } = await candor();
    assert.equal(api.track('example.loaded', { example_id: 'intro_tour' }), 'recorded');
    assert.throws(() => api.track('example.loaded', { example_id: 'x', owner: 'alice@example.com' }));
    const json = JSON.parse(await t.source.exportText('json')) as Record<string, unknown>;
    assert.ok(JSON.stringify(json).includes('intro_tour'));
    const csv = await t.source.exportText('csv');
    const lines = csv.trim().split(/\r?\n/);
    assert.ok(lines.length >= 2, 'the CSV has a header and at least one row');
    assert.ok(lines.some((line) => line.includes('intro_tour')));
    assertNoSecrets(JSON.stringify(json) + csv, ['alice@example.com'], 'the export');
  });
});
