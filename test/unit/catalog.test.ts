import * as assert from 'node:assert/strict';
import {
  CATALOG_VERSION,
  EVENT_NAMES,
  InvalidEventError,
  NEVER_COLLECTED,
  TOKEN_PATTERN,
  describeCollection,
  eventCategory,
  isToken,
  renderCollectionMarkdown,
  validateEvent,
} from '../../src/core/catalog';

/** Asserts that validation fails with InvalidEventError naming the given event/property. */
function rejects(
  name: unknown,
  props: unknown,
  expected: { event?: string; property?: string; reason?: RegExp },
): InvalidEventError {
  let caught: unknown;
  try {
    validateEvent(name, props);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InvalidEventError, `expected InvalidEventError, got ${String(caught)}`);
  assert.equal(caught.eventName, expected.event);
  assert.equal(caught.property, expected.property);
  if (expected.reason !== undefined) {
    assert.match(caught.reason, expected.reason);
  }
  assert.ok(caught.message.startsWith('Candor: '));
  return caught;
}

const VALID_EVENTS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['ide.run', { kind: 'debug', runtime: 'node' }],
  ['ide.run', { kind: 'task', runtime: 'npm' }],
  ['ide.reset', { kind: 'debug' }],
  ['ide.reset', { kind: 'task' }],
  ['ide.error', { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' }],
  [
    'ide.error',
    { origin: 'diagnostic', source: 'eslint', code: '@typescript-eslint/no-explicit-any', severity: 'hint' },
  ],
  ['ide.error', { origin: 'exception', code: 'ZeroDivisionError' }],
  ['ide.error', { origin: 'exit', code: 'exit:1' }],
  ['ide.error', { origin: 'exit', code: 'exit:0xC0000005' }],
  ['ide.error', { origin: 'exit', code: 'exit:other' }],
];

describe('catalog', () => {
  it('is versioned and lists exactly the declared events', () => {
    // Version 2: the events only other tools sent moved out, into those tools' own declarations.
    assert.equal(CATALOG_VERSION, 2);
    assert.deepEqual([...EVENT_NAMES].sort(), ['ide.error', 'ide.reset', 'ide.run']);
    assert.ok(Object.isFrozen(EVENT_NAMES));
  });

  it('puts ide.error in "errors" and every other event in "usage"', () => {
    for (const name of EVENT_NAMES) {
      assert.equal(eventCategory(name), name === 'ide.error' ? 'errors' : 'usage', name);
    }
  });

  describe('token rule', () => {
    it('accepts codes and identifiers of the allowed shape', () => {
      for (const value of [
        'TS2304',
        'E0425',
        'no-unused-vars',
        '@typescript-eslint/no-explicit-any',
        'exit:1',
        'a',
        'x'.repeat(64),
      ]) {
        assert.ok(isToken(value), value);
      }
    });
    it('rejects empty, long, spaced or oddly started strings and non-strings', () => {
      for (const value of [
        '',
        'x'.repeat(65),
        'has space',
        '-lead',
        '_lead',
        '.lead',
        'tab\t',
        'new\nline',
        'é',
        'a\\b',
        42,
        null,
        undefined,
      ]) {
        assert.equal(isToken(value), false, String(value));
      }
      assert.equal(TOKEN_PATTERN.source, '^[A-Za-z0-9@][A-Za-z0-9_.:/@-]{0,63}$');
    });
  });

  describe('validateEvent accepts', () => {
    for (const [name, props] of VALID_EVENTS) {
      it(`${name} ${JSON.stringify(props)}`, () => {
        const event = validateEvent(name, props);
        assert.equal(event.name, name);
        assert.deepEqual({ ...event.props }, props);
      });
    }

    it('treats missing props as {}, which an event with required properties then refuses', () => {
      rejects('ide.reset', undefined, { event: 'ide.reset', property: 'kind', reason: /missing/ });
    });

    it('accepts a null-prototype object', () => {
      const props = Object.create(null) as Record<string, unknown>;
      props.kind = 'task';
      assert.equal(validateEvent('ide.reset', props).props.kind, 'task');
    });

    it('returns a fresh, frozen, plain copy that later changes to the input cannot reach', () => {
      const props = { kind: 'debug', runtime: 'node' };
      const event = validateEvent('ide.run', props);
      assert.ok(Object.isFrozen(event));
      assert.ok(Object.isFrozen(event.props));
      assert.notEqual(event.props, props);
      props.runtime = 'changed';
      assert.equal(event.props.runtime, 'node');
      assert.equal(Object.getPrototypeOf(event.props), Object.prototype);
    });
  });

  describe('validateEvent rejects', () => {
    it('a non-string event name', () => {
      for (const name of [undefined, null, 1, {}, Symbol('x'), ['ide.run']]) {
        rejects(name, {}, { event: undefined, property: undefined, reason: /must be a string/ });
      }
    });

    it('an undeclared event, naming it when it looks like an event name', () => {
      const error = rejects('ide.crash', {}, { event: 'ide.crash', property: undefined, reason: /not declared/ });
      assert.equal(error.message, 'Candor: event "ide.crash": the event is not declared in the catalog');
      // Inherited names are not declared events.
      rejects('toString', {}, { event: '(unprintable event name)', property: undefined, reason: /not declared/ });
      rejects('__proto__', {}, { event: '(unprintable event name)', property: undefined, reason: /not declared/ });
    });

    it('an undeclared event without echoing a name that may be a secret', () => {
      const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
      const error = rejects(secret, {}, { event: '(unprintable event name)', property: undefined });
      assert.ok(!error.message.includes(secret));
    });

    it('an extra property', () => {
      const error = rejects(
        'ide.run',
        { kind: 'debug', runtime: 'node', file: 'x' },
        { event: 'ide.run', property: 'file', reason: /not declared/ },
      );
      assert.equal(
        error.message,
        'Candor: event "ide.run" property "file": the property is not declared for this event',
      );
      rejects('ide.reset', { kind: 'task', url: 'x' }, { event: 'ide.reset', property: 'url' });
    });

    it('a property that belongs to another shape of the same event', () => {
      rejects(
        'ide.error',
        { origin: 'exit', code: 'exit:1', severity: 'error' },
        { event: 'ide.error', property: 'severity', reason: /not declared/ },
      );
    });

    it('a missing property', () => {
      rejects('ide.run', { kind: 'debug' }, { event: 'ide.run', property: 'runtime', reason: /missing/ });
      rejects('ide.error', { code: 'exit:1' }, { event: 'ide.error', property: 'origin', reason: /missing/ });
      rejects(
        'ide.run',
        { kind: 'debug', runtime: undefined },
        { event: 'ide.run', property: 'runtime', reason: /missing/ },
      );
    });

    it('wrong types, with the expectation in the message', () => {
      const error = rejects(
        'ide.run',
        { kind: 'debug', runtime: 42 },
        { event: 'ide.run', property: 'runtime', reason: /^expected a listed debug or task type$/ },
      );
      assert.equal(error.message, 'Candor: event "ide.run" property "runtime": expected a listed debug or task type');
      rejects(
        'ide.run',
        { kind: 'run', runtime: 'node' },
        { event: 'ide.run', property: 'kind', reason: /one of: debug, task/ },
      );
      rejects('ide.run', { kind: true, runtime: 'node' }, { event: 'ide.run', property: 'kind' });
      rejects('ide.run', { kind: 'debug', runtime: null }, { event: 'ide.run', property: 'runtime' });
      rejects('ide.run', { kind: 'debug', runtime: ['node'] }, { event: 'ide.run', property: 'runtime' });
      rejects(
        'ide.run',
        { kind: 'debug', runtime: { toString: () => 'node' } },
        { event: 'ide.run', property: 'runtime' },
      );
      rejects('ide.run', { kind: 'debug', runtime: Symbol('node') }, { event: 'ide.run', property: 'runtime' });
      rejects(
        'ide.error',
        { origin: 'crash' },
        { event: 'ide.error', property: 'origin', reason: /one of: diagnostic, exception, exit/ },
      );
      rejects(
        'ide.error',
        { origin: 'exit', code: 'exit:1.5' },
        { event: 'ide.error', property: 'code', reason: /exit code/ },
      );
      rejects('ide.error', { origin: 'exit', code: 1 }, { event: 'ide.error', property: 'code' });
      rejects(
        'ide.error',
        { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'fatal' },
        { event: 'ide.error', property: 'severity' },
      );
    });

    it('strings outside a vocabulary, never repeating the value', () => {
      const secrets = [
        'x'.repeat(10 * 1024),
        "Cannot read properties of undefined (reading 'secretName')",
        '/home/alice/project/secret.ts',
        'a'.repeat(65),
        'line\nbreak',
      ];
      for (const secret of secrets) {
        const error = rejects(
          'ide.run',
          { kind: 'debug', runtime: secret },
          { event: 'ide.run', property: 'runtime', reason: /listed debug or task type/ },
        );
        assert.ok(!error.message.includes(secret.slice(0, 20)), 'message must not echo the value');
        assert.ok(!error.reason.includes(secret.slice(0, 20)));
      }
    });

    it('non-objects and non-plain objects as props', () => {
      for (const props of [
        null,
        'kind=debug',
        42,
        true,
        Symbol('p'),
        ['debug', 'node'],
        new Date(0),
        new Map([['kind', 'debug']]),
        () => ({}),
      ]) {
        rejects('ide.run', props, { event: 'ide.run', property: undefined, reason: /plain object/ });
      }
      class Props {
        kind = 'debug';
        runtime = 'node';
      }
      rejects('ide.run', new Props(), { event: 'ide.run', property: undefined, reason: /plain object/ });
      rejects('ide.run', Object.create({ kind: 'debug', runtime: 'node' }) as unknown, {
        event: 'ide.run',
        property: undefined,
        reason: /plain object/,
      });
    });

    it('prototype-polluting keys, including an own "__proto__" from JSON.parse', () => {
      const polluted: unknown = JSON.parse('{"kind":"debug","runtime":"node","__proto__":{"polluted":true}}');
      rejects('ide.run', polluted, { event: 'ide.run', property: '__proto__', reason: /not allowed/ });
      rejects(
        'ide.run',
        { kind: 'debug', runtime: 'node', constructor: 'x' },
        { event: 'ide.run', property: 'constructor' },
      );
      rejects(
        'ide.run',
        { kind: 'debug', runtime: 'node', prototype: {} },
        { event: 'ide.run', property: 'prototype' },
      );
      const viaDefine = { kind: 'debug', runtime: 'node' };
      Object.defineProperty(viaDefine, '__proto__', { value: 'x', enumerable: false });
      rejects('ide.run', viaDefine, { event: 'ide.run', property: '__proto__' });
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype stays clean');
    });

    it('symbol keys', () => {
      rejects(
        'ide.run',
        { kind: 'debug', runtime: 'node', [Symbol('s')]: 'x' },
        { event: 'ide.run', property: '(symbol)', reason: /symbol/ },
      );
    });

    it('accessor properties without ever calling the getter', () => {
      let calls = 0;
      const props = {
        kind: 'debug',
        get runtime(): string {
          calls += 1;
          throw new Error('getter must not run');
        },
      };
      rejects('ide.run', props, { event: 'ide.run', property: 'runtime', reason: /accessor/ });
      assert.equal(calls, 0);
    });

    it('hostile proxies with InvalidEventError only', () => {
      const throwing = new Proxy(
        {},
        {
          ownKeys() {
            throw new TypeError('trap');
          },
        },
      );
      rejects('ide.run', throwing, { event: 'ide.run', property: undefined, reason: /could not be read/ });
      const lyingPrototype = new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new RangeError('trap');
          },
        },
      );
      rejects('ide.run', lyingPrototype, { event: 'ide.run', property: undefined, reason: /could not be read/ });
    });

    it('too many properties', () => {
      const props: Record<string, string> = { kind: 'debug', runtime: 'node' };
      for (let i = 0; i < 20; i++) {
        props[`p${'x'.repeat(i)}`] = 'v';
      }
      rejects('ide.run', props, { event: 'ide.run', property: undefined, reason: /too many/ });
    });

    it('property names that may be secrets are not echoed', () => {
      const key = 'AKIAIOSFODNN7EXAMPLE';
      const error = rejects(
        'ide.run',
        { kind: 'debug', runtime: 'node', [key]: 'x' },
        { event: 'ide.run', property: '(unprintable property name)' },
      );
      assert.ok(!error.message.includes(key));
    });
  });

  describe('describeCollection', () => {
    const description = describeCollection();

    it('describes every event once, in catalog order, with its category', () => {
      assert.deepEqual(
        description.events.map((event) => event.name),
        [...EVENT_NAMES],
      );
      assert.equal(description.catalogVersion, CATALOG_VERSION);
      for (const event of description.events) {
        assert.equal(event.category, eventCategory(event.name));
        assert.ok(event.description.length > 10, event.name);
      }
    });

    it('describes ide.error by its three origins', () => {
      const error = description.events.find((event) => event.name === 'ide.error');
      assert.deepEqual(
        error?.shapes.map((shape) => shape.when?.value),
        ['diagnostic', 'exception', 'exit'],
      );
      assert.deepEqual(
        error?.shapes[0]?.properties.map((property) => property.name),
        ['origin', 'source', 'code', 'severity'],
      );
    });

    it('gives every property a description and an example the catalog itself accepts', () => {
      for (const event of description.events) {
        for (const shape of event.shapes) {
          const props = Object.fromEntries(shape.properties.map((property) => [property.name, property.example]));
          assert.doesNotThrow(() => validateEvent(event.name, props), `${event.name} example`);
          for (const property of shape.properties) {
            assert.ok(property.description.length > 5, `${event.name}.${property.name}`);
          }
        }
      }
    });

    it('lists exactly the values an enumerated property accepts', () => {
      const run = description.events.find((event) => event.name === 'ide.run');
      const kind = run?.shapes[0]?.properties.find((property) => property.name === 'kind');
      assert.deepEqual(kind?.values, ['debug', 'task']);
      const diagnostic = description.events.find((event) => event.name === 'ide.error')?.shapes[0];
      const severity = diagnostic?.properties.find((property) => property.name === 'severity');
      assert.deepEqual(severity?.values, ['error', 'warning', 'info', 'hint']);
      for (const property of diagnostic?.properties ?? []) {
        for (const value of property.values ?? []) {
          const props = Object.fromEntries((diagnostic?.properties ?? []).map((p) => [p.name, p.example]));
          props[property.name] = value;
          assert.doesNotThrow(() => validateEvent('ide.error', props), `${property.name}=${value}`);
        }
      }
    });

    it('states what is never collected', () => {
      const text = NEVER_COLLECTED.join('\n').toLowerCase();
      for (const word of [
        'message',
        'line or column',
        'path',
        'identifier',
        'stack trace',
        'source code',
        'command line',
        'user name',
        'host',
        'ip address',
        'e-mail',
        'token',
      ]) {
        assert.ok(text.includes(word), word);
      }
      assert.equal(description.neverCollected, NEVER_COLLECTED);
    });
  });

  describe('renderCollectionMarkdown', () => {
    const markdown = renderCollectionMarkdown();

    it('names every event and property and every never-collected item', () => {
      for (const event of describeCollection().events) {
        assert.ok(markdown.includes(`### \`${event.name}\``), event.name);
        for (const shape of event.shapes) {
          for (const property of shape.properties) {
            assert.ok(markdown.includes(`| \`${property.name}\` |`), property.name);
          }
        }
      }
      for (const item of NEVER_COLLECTED) {
        assert.ok(markdown.includes(`- ${item}`), item);
      }
    });

    it('is deterministic and has no unfilled placeholders', () => {
      assert.equal(renderCollectionMarkdown(), markdown);
      // Outside code spans: published values such as ESLint's "no-undefined" rule may contain the word.
      assert.ok(!/\bundefined\b/.test(markdown.replace(/`[^`\n]*`/g, '')));
      assert.ok(markdown.startsWith('# What Candor collects\n'));
    });
  });
});
