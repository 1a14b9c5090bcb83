import assert from 'node:assert/strict';
import { Disposable, disposeAll } from '../../src/common/dispose';

class Owner extends Disposable {
  register(item: { dispose(): void }): void {
    this._register(item);
  }
  get wasDisposed(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string): { dispose(): void } {
  return { dispose: () => log.push(name) };
}

describe('Disposable', () => {
  it('disposes what it registered, last first, exactly once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(recorder(log, 'a'));
    owner.register(recorder(log, 'b'));
    owner.register(recorder(log, 'c'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['c', 'b', 'a']);
    assert.equal(owner.wasDisposed, true);
  });

  it('disposes at once anything registered after it was disposed', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.register(recorder(log, 'late'));
    assert.deepEqual(log, ['late']);
  });

  it('returns the registered value so it can be kept in a field', () => {
    class Keeper extends Disposable {
      readonly item = this._register({ dispose: () => undefined, name: 'kept' });
    }
    assert.equal(new Keeper().item.name, 'kept');
  });
});

describe('disposeAll', () => {
  it('empties the array', () => {
    const log: string[] = [];
    const items = [recorder(log, 'a'), recorder(log, 'b')];
    disposeAll(items);
    assert.equal(items.length, 0);
    assert.deepEqual(log, ['b', 'a']);
  });

  it('keeps disposing after one fails, then rethrows that failure', () => {
    const log: string[] = [];
    const boom = new Error('boom');
    const items = [
      recorder(log, 'a'),
      {
        dispose: () => {
          throw boom;
        },
      },
      recorder(log, 'c'),
    ];
    assert.throws(
      () => disposeAll(items),
      (err) => err === boom,
    );
    assert.deepEqual(log, ['c', 'a']);
  });

  it('reports several failures together', () => {
    const items = [
      {
        dispose: () => {
          throw new Error('first');
        },
      },
      {
        dispose: () => {
          throw new Error('second');
        },
      },
    ];
    assert.throws(
      () => disposeAll(items),
      (err) => err instanceof AggregateError && err.errors.length === 2,
    );
  });
});
