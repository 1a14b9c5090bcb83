import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHostToViewMessage, isViewToHostMessage, type ViewToHostMessage } from '../../src/webview/protocol';

const VALID: readonly ViewToHostMessage[] = [
  { type: 'ready' },
  { type: 'refresh' },
  { type: 'openPolicy' },
  { type: 'openVocabulary', anchor: 'vocabulary-diagnostic-codes' },
  { type: 'deleteCounter', day: '2026-11-22', event: 'ide.run', propsKey: '{"kind":"debug","runtime":"node"}' },
  { type: 'deleteCounter', day: '2026-11-22', event: 'ide.error', propsKey: '' },
  { type: 'deleteReport', day: '2026-11-22' },
  { type: 'sendReport', day: '2026-01-01' },
  { type: 'discardReport', day: '2026-12-31' },
  { type: 'exportData', format: 'json' },
  { type: 'exportData', format: 'csv' },
];

describe('webview protocol: isViewToHostMessage', () => {
  it('accepts every well-formed message', () => {
    for (const message of VALID) {
      assert.equal(isViewToHostMessage(message), true, JSON.stringify(message));
    }
  });

  it('accepts messages after a JSON round trip, as they arrive from the webview', () => {
    for (const message of VALID) {
      assert.equal(isViewToHostMessage(JSON.parse(JSON.stringify(message))), true, JSON.stringify(message));
    }
  });

  it('rejects non-objects', () => {
    for (const value of [
      null,
      undefined,
      0,
      1,
      NaN,
      '',
      'ready',
      '{"type":"ready"}',
      true,
      Symbol('ready'),
      () => 1,
      10n,
    ]) {
      assert.equal(isViewToHostMessage(value), false, String(value));
    }
  });

  it('rejects arrays, even of valid messages', () => {
    assert.equal(isViewToHostMessage([]), false);
    assert.equal(isViewToHostMessage([{ type: 'ready' }]), false);
    const arrayWithType = Object.assign([], { type: 'ready' });
    assert.equal(isViewToHostMessage(arrayWithType), false);
  });

  it('rejects unknown, misspelled and non-string types', () => {
    for (const type of [
      'nope',
      'READY',
      'Ready',
      'ready ',
      '',
      'deleteAll',
      'state',
      'flash',
      1,
      null,
      true,
      {},
      ['ready'],
    ]) {
      assert.equal(isViewToHostMessage({ type }), false, JSON.stringify(type));
    }
    assert.equal(isViewToHostMessage({}), false);
  });

  it('rejects types that are names of Object.prototype members', () => {
    for (const type of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', '__defineGetter__']) {
      assert.equal(isViewToHostMessage({ type }), false, type);
    }
  });

  it('rejects messages with a missing field', () => {
    assert.equal(isViewToHostMessage({ type: 'deleteCounter', day: '2026-11-22', event: 'ide.run' }), false);
    assert.equal(isViewToHostMessage({ type: 'deleteCounter', day: '2026-11-22', propsKey: 'k' }), false);
    assert.equal(isViewToHostMessage({ type: 'deleteCounter', event: 'ide.run', propsKey: 'k' }), false);
    assert.equal(isViewToHostMessage({ type: 'deleteReport' }), false);
    assert.equal(isViewToHostMessage({ type: 'sendReport' }), false);
    assert.equal(isViewToHostMessage({ type: 'discardReport' }), false);
    assert.equal(isViewToHostMessage({ type: 'exportData' }), false);
  });

  it('rejects a field explicitly set to undefined', () => {
    assert.equal(isViewToHostMessage({ type: 'deleteReport', day: undefined }), false);
    assert.equal(isViewToHostMessage({ type: 'ready', day: undefined }), false);
  });

  it('rejects fields of the wrong type or shape', () => {
    assert.equal(isViewToHostMessage({ type: 'deleteReport', day: 20261122 }), false);
    assert.equal(isViewToHostMessage({ type: 'deleteReport', day: ['2026-11-22'] }), false);
    assert.equal(isViewToHostMessage({ type: 'exportData', format: 'xml' }), false);
    assert.equal(isViewToHostMessage({ type: 'exportData', format: 'JSON' }), false);
    assert.equal(
      isViewToHostMessage({ type: 'deleteCounter', day: '2026-11-22', event: 'ide.run', propsKey: 42 }),
      false,
    );
    assert.equal(
      isViewToHostMessage({ type: 'deleteCounter', day: '2026-11-22', event: { name: 'ide.run' }, propsKey: 'k' }),
      false,
    );
  });

  it('rejects days that are not a plain YYYY-MM-DD date', () => {
    for (const day of [
      '2026-13-01',
      '2026-00-10',
      '2026-11-32',
      '2026-11-00',
      '26-11-22',
      '2026-11-22T00:00:00Z',
      ' 2026-11-22',
      '2026-11-22\n',
      '../../etc/passwd',
      '2026/11/22',
      '',
    ]) {
      assert.equal(isViewToHostMessage({ type: 'deleteReport', day }), false, JSON.stringify(day));
    }
  });

  it('rejects event names that are not catalog-shaped tokens', () => {
    for (const event of [
      '',
      '<script>alert(1)</script>',
      'ide run',
      '1ide.run',
      'ide.run;drop',
      'a'.repeat(129),
      'ide.run\u0000',
    ]) {
      assert.equal(
        isViewToHostMessage({ type: 'deleteCounter', day: '2026-11-22', event, propsKey: 'k' }),
        false,
        JSON.stringify(event),
      );
    }
  });

  it('rejects an oversized propsKey but keeps any ordinary one verbatim', () => {
    const base = { type: 'deleteCounter', day: '2026-11-22', event: 'ide.run' };
    assert.equal(isViewToHostMessage({ ...base, propsKey: 'x'.repeat(4096) }), true);
    assert.equal(isViewToHostMessage({ ...base, propsKey: 'x'.repeat(4097) }), false);
    assert.equal(isViewToHostMessage({ ...base, propsKey: '{"code":"<script>alert(1)</script>"}' }), true);
  });

  it('rejects extra keys, including on messages that take no fields', () => {
    assert.equal(isViewToHostMessage({ type: 'ready', extra: 1 }), false);
    assert.equal(isViewToHostMessage({ type: 'openPolicy', command: 'workbench.action.terminal.new' }), false);
    assert.equal(isViewToHostMessage({ type: 'deleteReport', day: '2026-11-22', all: true }), false);
    assert.equal(isViewToHostMessage({ type: 'exportData', format: 'json', path: '/etc/passwd' }), false);
  });

  it('opens only a list heading of the generated docs, never another place', () => {
    for (const anchor of [
      'javascript:alert(1)',
      '../../../etc/passwd',
      'vocabulary-',
      'vocabulary-Codes',
      'x',
      `vocabulary-${'a'.repeat(41)}`,
      42,
      undefined,
    ]) {
      assert.equal(isViewToHostMessage({ type: 'openVocabulary', anchor }), false, String(anchor));
    }
    assert.equal(isViewToHostMessage({ type: 'openVocabulary' }), false);
  });

  it('rejects symbol keys', () => {
    const message: Record<PropertyKey, unknown> = { type: 'ready' };
    message[Symbol('sneaky')] = true;
    assert.equal(isViewToHostMessage(message), false);
  });

  it('rejects prototype-pollution attempts and pollutes nothing', () => {
    const attempts = [
      '{"type":"ready","__proto__":{"polluted":true}}',
      '{"type":"deleteReport","day":"2026-11-22","__proto__":{"polluted":true}}',
      '{"type":"exportData","format":"json","constructor":{"prototype":{"polluted":true}}}',
      '{"__proto__":{"type":"ready"}}',
    ];
    for (const text of attempts) {
      const parsed: unknown = JSON.parse(text);
      assert.equal(isViewToHostMessage(parsed), false, text);
    }
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('rejects objects whose type is inherited rather than their own', () => {
    assert.equal(isViewToHostMessage(Object.create({ type: 'ready' })), false);
    const child: unknown = Object.assign(Object.create({ day: '2026-11-22' }), { type: 'deleteReport' });
    assert.equal(isViewToHostMessage(child), false);
  });

  it('rejects class instances and exotic objects', () => {
    class Ready {
      readonly type = 'ready';
    }
    assert.equal(isViewToHostMessage(new Ready()), false);
    assert.equal(isViewToHostMessage(new Map([['type', 'ready']])), false);
    assert.equal(isViewToHostMessage(new Date()), false);
  });

  it('rejects getters, whose value could change between the check and the use', () => {
    let reads = 0;
    const message = {
      type: 'deleteReport',
      get day(): string {
        reads += 1;
        return reads === 1 ? '2026-11-22' : '../../evil';
      },
    };
    assert.equal(isViewToHostMessage(message), false);
    assert.equal(reads, 0);
  });

  it('accepts an object with a null prototype (structured clone may produce one)', () => {
    const message = Object.assign(Object.create(null) as Record<string, unknown>, { type: 'refresh' });
    assert.equal(isViewToHostMessage(message), true);
  });

  it('never accepts arbitrary values unless they are exactly a valid message (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        if (isViewToHostMessage(value)) {
          // Anything accepted is plain data of a known type: it survives JSON unchanged.
          assert.ok(VALID.some((v) => v.type === value.type));
          const roundTripped: unknown = JSON.parse(JSON.stringify(value));
          assert.deepEqual(roundTripped, { ...value });
          assert.equal(isViewToHostMessage(roundTripped), true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any valid message with one extra key added (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.anything(),
        (message, key, value) => {
          fc.pre(!Object.hasOwn(message, key));
          const withExtra: Record<string, unknown> = { ...message };
          Object.defineProperty(withExtra, key, { value, enumerable: true, configurable: true, writable: true });
          assert.equal(isViewToHostMessage(withExtra), false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('webview protocol: isHostToViewMessage', () => {
  it('accepts state and flash messages', () => {
    assert.equal(isHostToViewMessage({ type: 'state', state: {} }), true);
    assert.equal(isHostToViewMessage({ type: 'flash', level: 'info', text: 'Counter deleted.' }), true);
    assert.equal(isHostToViewMessage({ type: 'flash', level: 'error', text: '' }), true);
  });

  it('rejects anything else', () => {
    assert.equal(isHostToViewMessage(null), false);
    assert.equal(isHostToViewMessage('state'), false);
    assert.equal(isHostToViewMessage({ type: 'state' }), false);
    assert.equal(isHostToViewMessage({ type: 'state', state: 'x' }), false);
    assert.equal(isHostToViewMessage({ type: 'state', state: [] }), false);
    assert.equal(isHostToViewMessage({ type: 'flash', level: 'fatal', text: 'x' }), false);
    assert.equal(isHostToViewMessage({ type: 'flash', level: 'info' }), false);
    assert.equal(isHostToViewMessage({ type: 'ready' }), false);
  });
});
