import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidEventError, categoryOf, validateEvent } from '../../src/core/catalog';
import { allowsEvent, decideConsent, extensionsDropped, switchedOffExtensions } from '../../src/core/consent';
import {
  DECLARATION_LIMITS,
  DeclaredEvents,
  describeRefusal,
  readDeclaration,
  readInstalledDeclarations,
  refusalLogLine,
  splitNamespaced,
  type Declaration,
} from '../../src/core/declarations';
import type { ConsentInputs } from '../../src/core/types';
import { BAD, GOOD, GOOD_PROPERTIES, event, type Json } from '../support/declarationSamples';

const DEMO = 'candor.candor-demo';

function accepted(candor: Json): Declaration {
  const result = readDeclaration(candor);
  assert.ok(result.ok, result.ok ? '' : describeRefusal(result.refusal));
  return result.declaration;
}

function declared(candor: Json, id = DEMO): DeclaredEvents {
  return new DeclaredEvents([{ id, displayName: 'Candor Demo', declaration: accepted(candor) }]);
}

function rejection(name: string, props: unknown, events: DeclaredEvents): InvalidEventError {
  try {
    validateEvent(name, props, events);
  } catch (error) {
    assert.ok(error instanceof InvalidEventError, String(error));
    return error;
  }
  return assert.fail(`${name} was accepted`);
}

const ISSUE_EXAMPLE: Json = { events: { 'example.loaded': event({ ...GOOD_PROPERTIES }) } };

describe('extension event declarations', () => {
  describe('readDeclaration: every rule, good and bad, limits at their edges', () => {
    for (const sample of GOOD) {
      it(`accepts ${sample.title}`, () => {
        accepted(sample.candor);
      });
    }
    for (const sample of BAD) {
      it(`refuses ${sample.title} (rule ${sample.rule})`, () => {
        const result = readDeclaration(sample.candor);
        assert.equal(result.ok, false, 'accepted');
        if (result.ok) {
          return;
        }
        assert.equal(result.refusal.rule, sample.rule, describeRefusal(result.refusal));
        assert.equal(result.refusal.event, sample.event);
        assert.equal(result.refusal.property, sample.property);
      });
    }

    it('reads the issue example in declaration order, with its kinds and bounds', () => {
      const declaration = accepted(ISSUE_EXAMPLE);
      const loaded = declaration.events.get('example.loaded');
      assert.equal(loaded?.category, 'usage');
      assert.deepEqual([...(loaded?.properties.keys() ?? [])], ['example_id', 'from_welcome', 'step']);
      assert.deepEqual(loaded?.properties.get('example_id'), {
        kind: 'enum',
        description: 'Which example.',
        values: ['hello_world', 'loops', 'functions'],
      });
      assert.deepEqual(loaded?.properties.get('step'), {
        kind: 'integer',
        description: 'Tutorial step.',
        minimum: 0,
        maximum: 20,
      });
    });

    it('refuses a hostile declaration (a getter that throws) without throwing', () => {
      const hostile = {
        get events(): never {
          throw new Error('boom');
        },
      };
      const result = readDeclaration(hostile);
      assert.equal(result.ok, false);
    });

    it('never repeats an event name that does not look like a name', () => {
      const result = readDeclaration({ events: { 'secret token ghp_abc': event() } });
      assert.ok(!result.ok);
      assert.equal(result.refusal.event, '(unprintable name)');
    });

    it("states every limit in the README's rules for extension authors, as the numbers it enforces", () => {
      const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
      const n = (value: number) => value.toLocaleString('en-US');
      const L = DECLARATION_LIMITS;
      for (const phrase of [
        `at most ${n(L.events)} events per extension`,
        `${n(L.propertiesPerEvent)} properties per event`,
        `${n(L.valuesPerEnum)} values per enum`,
        `${n(L.valuesPerExtension)} enum values in all`,
        `at most ${n(L.valueLength)} characters`,
        `at most ${n(L.integerSpan)} apart`,
        `within ±${n(L.integerMagnitude)}`,
        `(1–${n(L.descriptionLength)} characters)`,
      ]) {
        assert.ok(readme.toLowerCase().includes(phrase.toLowerCase()), `the README does not say "${phrase}"`);
      }
    });
  });

  describe('installed extensions', () => {
    it('lists declaring extensions, accepted or refused, with a log line naming the extension and the rule', () => {
      const { declarations, installedIds } = readInstalledDeclarations([
        { id: 'Candor.Candor-Demo', packageJSON: { displayName: 'Candor\u0007 Demo', candor: ISSUE_EXAMPLE } },
        {
          id: 'acme.broken',
          packageJSON: { candor: { events: { 'a.b': event({ p: { type: 'string', description: 'd' } }) } } },
        },
        { id: 'ms-python.python', packageJSON: { displayName: 'Python' } },
        { id: 'not an id', packageJSON: { candor: ISSUE_EXAMPLE } },
      ]);
      assert.deepEqual(installedIds, ['candor.candor-demo', 'acme.broken', 'ms-python.python']);
      assert.deepEqual(
        declarations.map((d) => [d.id, d.displayName, d.refusal?.rule]),
        [
          ['candor.candor-demo', 'Candor Demo', undefined],
          ['acme.broken', 'acme.broken', 'property-type'],
        ],
      );
      assert.equal(refusalLogLine(declarations[0]), undefined);
      assert.equal(
        refusalLogLine(declarations[1]),
        'Refused the event declaration of extension "acme.broken": rule property-type (event "a.b" property "p"): ' +
          'a property is an enum of strings, a boolean, or an integer with a minimum and a maximum; nothing else ' +
          '(no free strings, numbers or nested objects). Its events are rejected until the declaration is fixed.',
      );
    });
  });

  describe('validating namespaced events against the declarations', () => {
    const events = declared(ISSUE_EXAMPLE);
    const name = `${DEMO}:example.loaded`;

    it('accepts declared values, any subset of properties, and returns them in declared order', () => {
      const checked = validateEvent(name, { step: 20, example_id: 'loops', from_welcome: false }, events);
      assert.deepEqual(Object.keys(checked.props), ['example_id', 'from_welcome', 'step']);
      assert.deepEqual(validateEvent(name, {}, events).props, {});
      assert.deepEqual(validateEvent(name, { step: 0 }, events).props, { step: 0 });
      assert.ok(Object.isFrozen(checked.props));
    });

    it('rejects an undeclared event, of a known or an unknown extension', () => {
      assert.match(rejection(`${DEMO}:example.closed`, {}, events).message, /not declared by that extension/);
      assert.equal(rejection('acme.other:example.loaded', {}, events).eventName, 'acme.other:example.loaded');
      assert.throws(() => validateEvent(name, {}, DeclaredEvents.EMPTY), InvalidEventError);
    });

    it('rejects an integer outside its range, a fraction, and a number as a string', () => {
      for (const step of [21, -1, 1.5, '3', Number.NaN]) {
        const error = rejection(name, { step }, events);
        assert.equal(error.property, 'step');
        assert.equal(error.reason, 'expected an integer from 0 to 20');
      }
    });

    it('rejects an undeclared enum value and never repeats it', () => {
      const error = rejection(name, { example_id: 'user-4711' }, events);
      assert.equal(error.property, 'example_id');
      assert.ok(!error.message.includes('4711'));
      assert.equal(error.reason, 'expected one of: hello_world, loops, functions');
    });

    it('rejects a non-boolean flag and an undeclared property', () => {
      assert.equal(rejection(name, { from_welcome: 'yes' }, events).reason, 'expected true or false');
      const extra = rejection(name, { example_id: 'loops', machine_id: 'abc' }, events);
      assert.equal(extra.property, 'machine_id');
      assert.equal(extra.reason, 'the property is not declared for this event');
    });

    it('gives declared events their category; catalog events keep theirs; others have none', () => {
      const both = declared({
        events: { 'a.used': event(), 'a.failed': event({}, { category: 'errors' }) },
      });
      assert.equal(categoryOf(`${DEMO}:a.used`, both), 'usage');
      assert.equal(categoryOf(`${DEMO}:a.failed`, both), 'errors');
      assert.equal(categoryOf('ide.run', both), 'usage');
      assert.equal(categoryOf(`${DEMO}:a.other`, both), undefined);
    });

    it('splits namespaced names only at a well-formed extension id', () => {
      assert.deepEqual(splitNamespaced('pub.name:a.b'), { extensionId: 'pub.name', event: 'a.b' });
      assert.equal(splitNamespaced('ide.run'), undefined);
      assert.equal(splitNamespaced('Pub.Name:a.b'), undefined);
      assert.equal(splitNamespaced(':a.b'), undefined);
    });
  });

  describe('consent per extension', () => {
    const events = declared(ISSUE_EXAMPLE);
    const inputs: ConsentInputs = {
      vscodeLevel: 'all',
      enabled: true,
      usage: true,
      errors: true,
      doNotTrack: false,
      endpointConfigured: false,
    };
    const name = `${DEMO}:example.loaded`;

    it('allows an extension unless it is switched off, and never beyond the other inputs', () => {
      assert.ok(allowsEvent(decideConsent(inputs), name, events));
      assert.ok(allowsEvent(decideConsent({ ...inputs, extensions: { [DEMO]: true } }), name, events));
      assert.ok(!allowsEvent(decideConsent({ ...inputs, extensions: { 'Candor.Candor-Demo': false } }), name, events));
      assert.ok(!allowsEvent(decideConsent({ ...inputs, usage: false }), name, events));
      assert.ok(!allowsEvent(decideConsent({ ...inputs, doNotTrack: true }), name, events));
      assert.ok(!allowsEvent(decideConsent({ ...inputs, vscodeLevel: 'error' }), name, events));
      assert.ok(!allowsEvent(decideConsent(inputs), `${DEMO}:example.closed`, events));
      // Switching one extension off leaves Candor's own events alone.
      assert.ok(allowsEvent(decideConsent({ ...inputs, extensions: { [DEMO]: false } }), 'ide.reset', events));
    });

    it('says which extensions a change switched off', () => {
      const before = decideConsent({ ...inputs, extensions: { 'a.b': false } });
      const after = decideConsent({ ...inputs, extensions: { 'a.b': false, [DEMO]: false, 'c.d': true } });
      assert.deepEqual(after.extensionsOff, ['a.b', DEMO]);
      assert.deepEqual(extensionsDropped(before, after), [DEMO]);
      assert.deepEqual(extensionsDropped(after, before), []);
    });

    it('ignores malformed entries of the setting', () => {
      assert.deepEqual(switchedOffExtensions({ 'not an id': false, 'a.b': 'false', 'c.d': 0, 'e.f': false }), ['e.f']);
      assert.deepEqual(switchedOffExtensions(['a.b']), []);
      assert.deepEqual(switchedOffExtensions(null), []);
    });
  });
});
