import * as assert from 'node:assert/strict';
import { SerialRefresh } from '../../src/common/serialRefresh';

/** A pass that waits until the test lets it finish, counting how often it ran. */
function gatedPass(keepGoing = true) {
  const releases: (() => void)[] = [];
  let runs = 0;
  const pass = async (): Promise<boolean> => {
    runs += 1;
    await new Promise<void>((resolve) => releases.push(resolve));
    return keepGoing;
  };
  const releaseNext = async (): Promise<void> => {
    for (let i = 0; i < 50 && releases.length === 0; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    releases.shift()?.();
  };
  return { pass, releaseNext, runs: () => runs };
}

describe('SerialRefresh', () => {
  it('runs once when nothing else asks', async () => {
    const gate = gatedPass();
    const refresh = new SerialRefresh(gate.pass);
    const done = refresh.run();
    await gate.releaseNext();
    await done;
    assert.equal(gate.runs(), 1);
  });

  it('never runs two passes at once, and a burst of requests during a pass costs exactly one more pass', async () => {
    const gate = gatedPass();
    let concurrent = 0;
    let most = 0;
    const refresh = new SerialRefresh(async () => {
      concurrent += 1;
      most = Math.max(most, concurrent);
      try {
        return await gate.pass();
      } finally {
        concurrent -= 1;
      }
    });
    const first = refresh.run();
    await Promise.all([refresh.run(), refresh.run(), refresh.run()]); // resolve at once: they only asked again
    assert.equal(gate.runs(), 1);
    await gate.releaseNext();
    await gate.releaseNext();
    await first;
    assert.equal(gate.runs(), 2, 'the requests during the first pass were lost or each ran');
    assert.equal(most, 1);
  });

  it('stops when a pass says so, even if asked again meanwhile', async () => {
    const gate = gatedPass(false);
    const refresh = new SerialRefresh(gate.pass);
    const first = refresh.run();
    void refresh.run();
    await gate.releaseNext();
    await first;
    assert.equal(gate.runs(), 1);
  });

  it('lets an error through and can run again afterwards', async () => {
    let calls = 0;
    const refresh = new SerialRefresh(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('storage-unavailable')) : Promise.resolve(true);
    });
    await assert.rejects(refresh.run(), /storage-unavailable/);
    await refresh.run();
    assert.equal(calls, 2);
  });
});
