// Extensions' event declarations in the real extension host: the registry
// over vscode.extensions.all, the candor.extensions setting and the purge of a
// switched-off extension's pending data. The tests with two installed fixture
// extensions (one valid, one invalid) live beside the demo extension's tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candor, configure, consentReacted, enableAll, resetData, waitFor } from './support';

const PLANTED = 'acme.planted';
const KEPT = 'acme.kept';

/** Stored counters, event names only, after flushing what is buffered. */
async function storedEvents(): Promise<string[]> {
  const { t } = await candor();
  await t.flush();
  return (await t.store.counters()).flatMap((d) => d.counters.map((c) => c.event)).sort();
}

describe('Extension declarations', () => {
  before(async () => {
    await enableAll();
    await configure({ 'candor.extensions': {} });
    await consentReacted('no extension switched off', (d) => (d.extensionsOff ?? []).length === 0);
    await resetData();
  });

  after(async () => {
    await configure({ 'candor.extensions': undefined });
    await resetData();
  });

  it('reads every installed extension, Candor included, and refuses nothing undeclared', async () => {
    const { t, api } = await candor();
    const installed = vscode.extensions.all.map((e) => e.id.toLowerCase());
    assert.deepEqual([...t.declarations.installedIds].sort(), [...installed].sort());
    assert.ok(t.declarations.installedIds.includes('candor.candor'));
    // Candor's own events are its catalog; it declares none of its own in package.json.
    assert.equal(t.declarations.current.extension('candor.candor'), undefined);
    assert.throws(
      () => api.register('candor.candor').track('example.loaded', {}),
      /"candor\.candor:example\.loaded": the event is not declared by that extension/,
    );
    const tracker = api.register('candor.candor');
    tracker.sender.sendEventData('candor.candor/example.loaded', { example_id: 'loops' });
    tracker.sender.sendErrorData(new TypeError('x'));
    assert.equal(tracker.dropped, 2);
    assert.deepEqual(await storedEvents(), []);
  });

  it('switching an extension off in candor.extensions purges its pending data and keeps the rest', async () => {
    const { t } = await candor();
    const now = Date.now();
    // Planted below the recorder (no fixture extension is installed here): two extensions' counters and Candor's own.
    await t.store.appendEvents([
      { ts: now, name: `${PLANTED}:example.loaded`, props: {}, category: 'usage' },
      { ts: now, name: `${KEPT}:docs.link_clicked`, props: {}, category: 'usage' },
      { ts: now, name: 'ide.reset', props: { kind: 'task' }, category: 'usage' },
    ]);
    assert.deepEqual(await storedEvents(), [`${KEPT}:docs.link_clicked`, `${PLANTED}:example.loaded`, 'ide.reset']);

    // The view's switch writes the setting; consent and the purge follow from the setting change.
    await t.source.setExtensionEnabled('Acme.Planted', false);
    assert.deepEqual(vscode.workspace.getConfiguration('candor').get('extensions'), { [PLANTED]: false });
    await consentReacted(`${PLANTED} switched off`, (d) => (d.extensionsOff ?? []).includes(PLANTED));
    await waitFor(
      `the counters of ${PLANTED} to be purged`,
      async () => !(await storedEvents()).includes(`${PLANTED}:example.loaded`),
      30_000,
    );
    assert.deepEqual(await storedEvents(), [`${KEPT}:docs.link_clicked`, 'ide.reset']);

    await t.source.setExtensionEnabled(PLANTED, true);
    await consentReacted(`${PLANTED} switched on`, (d) => !(d.extensionsOff ?? []).includes(PLANTED));
    assert.deepEqual(vscode.workspace.getConfiguration('candor').get('extensions'), { [PLANTED]: true });
  });
});
