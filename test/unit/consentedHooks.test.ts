import * as assert from 'node:assert/strict';
import { ConsentedHooks } from '../../src/ide/consentedHooks';
import { ALL, TestConsent } from './testConsent';

describe('ConsentedHooks', () => {
  it('creates no hook while consent is off, creates them when it turns on and disposes them when it turns off', () => {
    const consent = new TestConsent({ ...ALL, enabled: false });
    const log: string[] = [];
    let made = 0;
    const hooks = new ConsentedHooks(consent, () => {
      const n = ++made;
      log.push(`create ${n}`);
      return [{ dispose: () => log.push(`dispose ${n}`) }];
    });
    assert.equal(hooks.active, false);
    assert.deepEqual(log, []);
    consent.change(ALL);
    assert.equal(hooks.active, true);
    consent.change({ ...ALL, usage: false });
    assert.deepEqual(log, ['create 1'], 'a change that keeps recording on keeps the same hooks');
    consent.change({ ...ALL, enabled: false });
    assert.equal(hooks.active, false);
    consent.change(ALL);
    hooks.dispose();
    consent.change({ ...ALL, enabled: false });
    consent.change(ALL);
    assert.deepEqual(log, ['create 1', 'dispose 1', 'create 2', 'dispose 2']);
  });
});
