import * as assert from 'node:assert/strict';
import { EVENT_NAMES } from '../../src/core/catalog';
import { allowsEvent, decideConsent, doNotTrackSet, levelDropped } from '../../src/core/consent';
import type { ConsentDecision, ConsentInputs } from '../../src/core/types';

const LEVELS = ['all', 'error', 'crash', 'off', 'ALL', 'everything', ''] as const;
const BOOLS = [false, true] as const;
// A telemetry logger's enable states; undefined where only the setting is known.
const SWITCHES = [
  undefined,
  { usage: true, errors: true },
  { usage: false, errors: true },
  { usage: false, errors: false },
  { usage: true, errors: false },
] as const;

function* everyInput(): Generator<ConsentInputs> {
  for (const vscodeLevel of LEVELS) {
    for (const enabled of BOOLS) {
      for (const usage of BOOLS) {
        for (const errors of BOOLS) {
          for (const doNotTrack of BOOLS) {
            for (const endpointConfigured of BOOLS) {
              for (const vscodeSwitches of SWITCHES) {
                const base = { vscodeLevel, enabled, usage, errors, doNotTrack, endpointConfigured };
                yield vscodeSwitches === undefined ? base : { ...base, vscodeSwitches };
              }
            }
          }
        }
      }
    }
  }
}

/**
 * An independent statement of the rules, written as a rank comparison rather
 * than the branch structure of decideConsent.
 */
function expected(inputs: ConsentInputs): { usage: boolean; errors: boolean } {
  const rank: Record<string, number> = { off: 0, crash: 1, error: 2, all: 3 };
  const switches = inputs.vscodeSwitches;
  const switchRank = switches === undefined ? 3 : !switches.errors ? 0 : switches.usage ? 3 : 2;
  const vscodeRank = Math.min(rank[inputs.vscodeLevel] ?? 0, switchRank); // unknown ⇒ off (fail closed)
  const ceiling = inputs.doNotTrack || !inputs.enabled ? 0 : vscodeRank;
  return {
    usage: inputs.usage && ceiling >= 3,
    errors: inputs.errors && ceiling >= 2,
  };
}

function decide(overrides: Partial<ConsentInputs>): ConsentDecision {
  return decideConsent({
    vscodeLevel: 'all',
    enabled: true,
    usage: true,
    errors: true,
    doNotTrack: false,
    endpointConfigured: false,
    ...overrides,
  });
}

describe('consent', () => {
  describe('decideConsent over every combination of inputs', () => {
    const all = [...everyInput()];

    it('covers the full cross-product', () => {
      assert.equal(all.length, LEVELS.length * 2 ** 5 * SWITCHES.length);
    });

    it('allows exactly the categories the rules allow', () => {
      for (const inputs of all) {
        const decision = decideConsent(inputs);
        assert.deepEqual({ ...decision.categories }, expected(inputs), JSON.stringify(inputs));
      }
    });

    it('derives level and state from the categories and the endpoint', () => {
      for (const inputs of all) {
        const decision = decideConsent(inputs);
        const { usage, errors } = expected(inputs);
        const level = usage ? 'all' : errors ? 'error' : 'off';
        const state = level === 'off' ? 'off' : inputs.endpointConfigured ? 'sharing' : 'local';
        assert.equal(decision.level, level, JSON.stringify(inputs));
        assert.equal(decision.state, state, JSON.stringify(inputs));
      }
    });

    it('starts every reason with the state it explains', () => {
      const prefix = { off: 'Off — ', local: 'Local only — ', sharing: 'Sharing — ' } as const;
      for (const inputs of all) {
        const decision = decideConsent(inputs);
        assert.ok(decision.reason.startsWith(prefix[decision.state]), `${decision.reason} / ${JSON.stringify(inputs)}`);
      }
    });

    it('gives DO_NOT_TRACK precedence over every other reason', () => {
      for (const inputs of all.filter((candidate) => candidate.doNotTrack)) {
        assert.equal(decideConsent(inputs).reason, 'Off — DO_NOT_TRACK is set');
      }
    });

    it('then candor.enabled', () => {
      for (const inputs of all.filter((candidate) => !candidate.doNotTrack && !candidate.enabled)) {
        assert.equal(decideConsent(inputs).reason, 'Off — Candor is disabled (candor.enabled is false)');
      }
    });

    it('is frozen', () => {
      const decision = decide({});
      assert.ok(Object.isFrozen(decision));
      assert.ok(Object.isFrozen(decision.categories));
    });

    it('never repeats an unrecognised level value in the reason', () => {
      const decision = decide({ vscodeLevel: 'secret-policy-value' });
      assert.equal(decision.state, 'off');
      assert.ok(!decision.reason.includes('secret-policy-value'));
    });
  });

  describe('reasons in plain words', () => {
    const cases: ReadonlyArray<readonly [Partial<ConsentInputs>, string]> = [
      [{ doNotTrack: true, enabled: false, vscodeLevel: 'off' }, 'Off — DO_NOT_TRACK is set'],
      [{ enabled: false, vscodeLevel: 'off' }, 'Off — Candor is disabled (candor.enabled is false)'],
      [{ vscodeLevel: 'off' }, "Off — VS Code telemetry level is 'off'"],
      [{ vscodeLevel: 'crash' }, "Off — VS Code telemetry level is 'crash'; Candor has no crash events"],
      [{ vscodeLevel: 'bogus' }, "Off — VS Code telemetry level is not recognised, so it is treated as 'off'"],
      [
        { usage: false, errors: false },
        'Off — usage and errors are both switched off (candor.categories.usage, candor.categories.errors)',
      ],
      [
        { vscodeLevel: 'error', errors: false },
        "Off — errors are switched off (candor.categories.errors) and VS Code telemetry level 'error' allows nothing else",
      ],
      [{}, 'Local only — usage and errors; nothing is uploaded because no endpoint is set'],
      [
        { vscodeSwitches: { usage: false, errors: false } },
        'Off — VS Code telemetry is switched off (by the product or the command line)',
      ],
      [
        { vscodeSwitches: { usage: false, errors: true } },
        'Local only — errors only (VS Code allows errors only, by the product or the command line); nothing is uploaded because no endpoint is set',
      ],
      [
        { vscodeSwitches: { usage: false, errors: true }, errors: false },
        'Off — errors are switched off (candor.categories.errors) and VS Code allows errors only',
      ],
      [{ vscodeLevel: 'off', vscodeSwitches: { usage: true, errors: true } }, "Off — VS Code telemetry level is 'off'"],
      [
        { endpointConfigured: true },
        'Sharing — usage and errors; daily reports are uploaded to the configured endpoint',
      ],
      [
        { vscodeLevel: 'error' },
        "Local only — errors only (VS Code telemetry level is 'error'); nothing is uploaded because no endpoint is set",
      ],
      [
        { vscodeLevel: 'error', usage: false, endpointConfigured: true },
        "Sharing — errors only (VS Code telemetry level is 'error'); daily reports are uploaded to the configured endpoint",
      ],
      [
        { usage: false },
        'Local only — errors only (usage is switched off); nothing is uploaded because no endpoint is set',
      ],
      [
        { errors: false, endpointConfigured: true },
        'Sharing — usage only (errors are switched off); daily reports are uploaded to the configured endpoint',
      ],
    ];
    for (const [overrides, reason] of cases) {
      it(reason, () => assert.equal(decide(overrides).reason, reason));
    }
  });

  describe('allowsEvent', () => {
    it('allows usage events only at level all with usage on, and ide.error at error or all with errors on', () => {
      for (const inputs of everyInput()) {
        const decision = decideConsent(inputs);
        const rules = expected(inputs);
        for (const name of EVENT_NAMES) {
          assert.equal(
            allowsEvent(decision, name),
            name === 'ide.error' ? rules.errors : rules.usage,
            `${name} ${JSON.stringify(inputs)}`,
          );
        }
      }
    });

    it('never allows an undeclared event', () => {
      const decision = decide({});
      for (const name of ['ide.crash', '', 'toString', '__proto__', 'constructor']) {
        assert.equal(allowsEvent(decision, name), false, name);
      }
    });
  });

  describe('levelDropped', () => {
    it('lists the categories that were allowed and no longer are', () => {
      assert.deepEqual(levelDropped(decide({}), decide({ vscodeLevel: 'error' })), ['usage']);
      assert.deepEqual(levelDropped(decide({}), decide({ vscodeLevel: 'off' })), ['usage', 'errors']);
      assert.deepEqual(levelDropped(decide({}), decide({ doNotTrack: true })), ['usage', 'errors']);
      assert.deepEqual(levelDropped(decide({}), decide({ errors: false })), ['errors']);
      assert.deepEqual(levelDropped(decide({ vscodeLevel: 'error' }), decide({})), []);
      assert.deepEqual(levelDropped(decide({ vscodeLevel: 'off' }), decide({ enabled: false })), []);
      assert.deepEqual(levelDropped(decide({}), decide({ endpointConfigured: true })), []);
    });

    it('agrees with the category flags for every pair of decisions', () => {
      const decisions = [...everyInput()].filter((_, index) => index % 7 === 0).map(decideConsent);
      for (const before of decisions) {
        for (const after of decisions) {
          const dropped = levelDropped(before, after);
          for (const category of ['usage', 'errors'] as const) {
            assert.equal(dropped.includes(category), before.categories[category] && !after.categories[category]);
          }
        }
      }
    });
  });
});

describe('doNotTrackSet', () => {
  it('treats DO_NOT_TRACK=1 and any other non-empty value as set', () => {
    for (const value of ['1', 'true', 'yes', ' 1 ', 'TRUE']) {
      assert.equal(doNotTrackSet({ DO_NOT_TRACK: value }), true, value);
    }
  });
  it('treats unset, empty, "0" and "false" as not set', () => {
    for (const value of [undefined, '', '   ', '0', 'false', 'FALSE']) {
      assert.equal(doNotTrackSet({ DO_NOT_TRACK: value }), false, String(value));
    }
    assert.equal(doNotTrackSet({}), false);
  });
});
