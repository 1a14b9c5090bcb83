// The payload view's state for extensions that declare events: one entry per
// extension with its switch and any refusal, and their declared events in
// "What is collected"; the messages the view may send about them.
import * as assert from 'node:assert/strict';
import { DeclaredEvents, readDeclaration, readInstalledDeclarations } from '../../src/core/declarations';
import { isViewToHostMessage } from '../../src/webview/protocol';
import { collectionView, extensionViews } from '../../src/webview/viewState';
import { event } from '../support/declarationSamples';

const { declarations } = readInstalledDeclarations([
  {
    id: 'Candor.Candor-Demo',
    packageJSON: {
      displayName: 'Candor Demo',
      candor: {
        events: {
          'example.loaded': event({
            example_id: { enum: ['hello_world', 'loops'], description: 'Which example.' },
            step: { type: 'integer', minimum: 0, maximum: 20, description: 'Tutorial step.' },
            from_welcome: { type: 'boolean', description: 'From the welcome page.' },
          }),
        },
      },
    },
  },
  { id: 'acme.broken', packageJSON: { displayName: 'Broken', candor: { events: {} } } },
]);
const declared = new DeclaredEvents(declarations);

describe('payload view: extensions that declare events', () => {
  it('lists each extension by display name, with its switch and any refusal', () => {
    assert.deepEqual(extensionViews(declared, ['acme.broken']), [
      {
        id: 'acme.broken',
        displayName: 'Broken',
        enabled: false,
        refused: 'rule event-count: an extension declares 1 to 32 events',
      },
      { id: 'candor.candor-demo', displayName: 'Candor Demo', enabled: true, refused: null },
    ]);
    assert.deepEqual(extensionViews(undefined, undefined), []);
  });

  it('adds every declared event to "What is collected", namespaced, with who declared it', () => {
    const catalogOnly = collectionView();
    const withDeclared = collectionView(declared);
    assert.deepEqual(withDeclared.events.slice(0, catalogOnly.events.length), catalogOnly.events);
    assert.deepEqual(withDeclared.events.slice(catalogOnly.events.length), [
      {
        name: 'candor.candor-demo:example.loaded',
        declaredBy: 'Candor Demo',
        category: 'usage',
        description: 'Something happened.',
        properties: [
          { name: 'example_id', description: 'Which example.', values: ['hello_world', 'loops'] },
          { name: 'step', description: 'Tutorial step.', values: ['an integer from 0 to 20'] },
          { name: 'from_welcome', description: 'From the welcome page.', values: ['true or false'] },
        ],
      },
    ]);
    assert.ok(readDeclaration({ events: {} }).ok === false);
  });

  it('accepts a switch message for a well-formed extension id only, and namespaced counters', () => {
    assert.ok(isViewToHostMessage({ type: 'setExtensionEnabled', extensionId: 'candor.candor-demo', enabled: false }));
    for (const bad of [
      { type: 'setExtensionEnabled', extensionId: 'Candor.Candor-Demo', enabled: false },
      { type: 'setExtensionEnabled', extensionId: 'candor', enabled: false },
      { type: 'setExtensionEnabled', extensionId: 'candor.candor-demo', enabled: 'false' },
      { type: 'setExtensionEnabled', extensionId: 'candor.candor-demo' },
    ]) {
      assert.equal(isViewToHostMessage(bad), false, JSON.stringify(bad));
    }
    const counter = { type: 'deleteCounter', day: '2026-11-22', propsKey: '{}' };
    assert.ok(isViewToHostMessage({ ...counter, event: 'candor.candor-demo:example.loaded' }));
    assert.equal(isViewToHostMessage({ ...counter, event: 'Candor.Demo:example.loaded' }), false);
  });
});
