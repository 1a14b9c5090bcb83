// VS Code's own telemetry switches as the level oracle: Candor reads what VS Code
// allows from a telemetry logger's enable states (which also follow product and
// command-line switches), and the setting only for the reason it shows.
import * as assert from 'node:assert/strict';
import { candor, configure, enableAll, waitFor } from './support';

const CASES = [
  { level: 'error', switches: { usage: false, errors: true }, decision: 'error' },
  { level: 'crash', switches: { usage: false, errors: false }, decision: 'off' },
  { level: 'off', switches: { usage: false, errors: false }, decision: 'off' },
  { level: 'all', switches: { usage: true, errors: true }, decision: 'all' },
] as const;

describe("VS Code's telemetry level, read through a telemetry logger", function () {
  this.timeout(120_000);

  before(async () => {
    await enableAll();
  });

  after(async () => {
    await enableAll();
  });

  it('follows telemetry.telemetryLevel through the logger’s isUsageEnabled and isErrorsEnabled', async () => {
    const { t } = await candor();
    assert.deepEqual(t.consent.inputs.vscodeSwitches, { usage: true, errors: true }, 'level all at the start');
    for (const { level, switches, decision } of CASES) {
      await configure({ 'telemetry.telemetryLevel': level });
      const inputs = await waitFor(`the logger's enable states at level ${level}`, () => {
        const current = t.consent.inputs;
        const seen = current.vscodeSwitches;
        return current.vscodeLevel === level && seen?.usage === switches.usage && seen.errors === switches.errors
          ? current
          : undefined;
      });
      assert.deepEqual(inputs.vscodeSwitches, switches, level);
      assert.equal(t.consent.decision.level, decision, `the decision at level ${level}`);
    }
  });
});
