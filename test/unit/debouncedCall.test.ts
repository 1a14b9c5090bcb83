import * as assert from 'node:assert/strict';
import { DebouncedCall } from '../../src/common/debouncedCall';

describe('DebouncedCall', () => {
  it('runs once for a burst of requests, and again for a later one', async () => {
    let runs = 0;
    let ran: () => void = () => undefined;
    const call = new DebouncedCall(() => {
      runs++;
      ran();
    }, 5);
    const first = new Promise<void>((resolve) => (ran = resolve));
    call.schedule();
    call.schedule();
    call.schedule();
    await first;
    assert.equal(runs, 1);
    const second = new Promise<void>((resolve) => (ran = resolve));
    call.schedule();
    await second;
    assert.equal(runs, 2);
  });

  it('drops a pending run when cancelled or disposed', async () => {
    let runs = 0;
    const cancelled = new DebouncedCall(() => runs++, 5);
    const disposed = new DebouncedCall(() => runs++, 5);
    cancelled.schedule();
    disposed.schedule();
    cancelled.cancel();
    disposed.dispose();
    // A later call with a longer delay has run, so the dropped ones would have run by now.
    await new Promise<void>((resolve) => new DebouncedCall(resolve, 25).schedule());
    assert.equal(runs, 0);
  });
});
