import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { Emitter } from '../../src/common/emitter';

describe('Emitter', () => {
  it('calls every listener with the value, with its thisArgs, until it is unsubscribed', () => {
    const emitter = new Emitter<number>(() => assert.fail('no listener threw'));
    const seen: string[] = [];
    function named(this: { name: string }, value: number): void {
      seen.push(`${this.name}:${value}`);
    }
    const first = emitter.event(named, { name: 'owner' });
    emitter.event((value) => seen.push(`plain:${value}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, ['owner:1', 'plain:1', 'plain:2']);
  });

  it('adds the subscription to the disposables it is given', () => {
    const emitter = new Emitter<string>(() => assert.fail('no listener threw'));
    const seen: string[] = [];
    const disposables: vscode.Disposable[] = [];
    emitter.event((value) => seen.push(value), undefined, disposables);
    assert.equal(disposables.length, 1);
    disposables[0]?.dispose();
    emitter.fire('after');
    assert.deepEqual(seen, []);
  });

  it('reports a listener that throws and still calls the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('listener broke');
    });
    emitter.event((value) => seen.push(value));
    assert.doesNotThrow(() => emitter.fire(7));
    assert.deepEqual(seen, [7]);
    assert.deepEqual(
      errors.map((e) => (e as Error).message),
      ['listener broke'],
    );
  });

  it('a listener added while firing hears only later values', () => {
    const emitter = new Emitter<number>(() => assert.fail('no listener threw'));
    const seen: string[] = [];
    emitter.event((value) => {
      seen.push(`outer:${value}`);
      if (value === 1) {
        emitter.event((inner) => seen.push(`inner:${inner}`));
      }
    });
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(seen, ['outer:1', 'outer:2', 'inner:2']);
  });

  it('after dispose, drops every listener and ignores new ones', () => {
    const emitter = new Emitter<number>(() => assert.fail('no listener threw'));
    const seen: number[] = [];
    emitter.event((value) => seen.push(value));
    emitter.dispose();
    emitter.event((value) => seen.push(value * 10));
    emitter.fire(3);
    assert.deepEqual(seen, []);
  });
});
