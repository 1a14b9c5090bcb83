import * as assert from 'node:assert/strict';
import { isLogged, sharingSinceMs } from '../../src/core/consentLog';
import { decideConsent } from '../../src/core/consent';
import type { ConsentLogEntry } from '../../src/core/store';
import type { PrivacyState } from '../../src/core/types';

function entry(atMs: number, state: PrivacyState, reason = `${state} reason`): ConsentLogEntry {
  return {
    atMs,
    level: state === 'off' ? 'off' : 'all',
    state,
    reason,
    enabled: state !== 'off',
    usage: true,
    errors: true,
    dnt: false,
  };
}

describe('consent log', () => {
  it('sharing starts at the first entry of the last unbroken run of sharing entries', () => {
    const log = [
      entry(10, 'local'),
      entry(20, 'sharing'),
      entry(30, 'sharing'),
      entry(40, 'off'),
      entry(50, 'sharing'),
      entry(60, 'sharing'),
    ];
    assert.equal(sharingSinceMs(log), 50);
  });

  it('reads the log in time order, whatever order it is given in', () => {
    assert.equal(sharingSinceMs([entry(60, 'sharing'), entry(40, 'off'), entry(50, 'sharing')]), 50);
  });

  it('is undefined when the latest entry is not sharing, or the log is empty', () => {
    assert.equal(sharingSinceMs([entry(10, 'sharing'), entry(20, 'local')]), undefined);
    assert.equal(sharingSinceMs([]), undefined);
  });

  it('knows whether the current decision is already the latest entry', () => {
    const decision = decideConsent({
      vscodeLevel: 'all',
      enabled: true,
      usage: true,
      errors: true,
      doNotTrack: false,
      endpointConfigured: false,
    });
    const logged: ConsentLogEntry = { ...entry(5, 'local'), reason: decision.reason, level: decision.level };
    assert.equal(isLogged([logged], decision), true);
    assert.equal(isLogged([logged, entry(9, 'off')], decision), false);
    assert.equal(isLogged([], decision), false);
  });
});
