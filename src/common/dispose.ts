// Lifetime management for long-lived objects. Only the `vscode.Disposable`
// *type* is used, so this module loads in plain Node and can be unit-tested.

import type * as vscode from 'vscode';

/**
 * Disposes every item, last registered first, and empties the array. One
 * failing item does not stop the others; failures are rethrown at the end so
 * they are not silently lost.
 */
export function disposeAll(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  while (disposables.length > 0) {
    const item = disposables.pop();
    try {
      item?.dispose();
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, 'Several disposables failed to dispose');
  }
}

/** Base for objects that own other disposables; `dispose()` is idempotent. */
export abstract class Disposable implements vscode.Disposable {
  private disposed = false;
  /** Pass as the third argument of `event(listener, thisArg, disposables)`. */
  protected readonly _disposables: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Ties `value`'s lifetime to this object. Registering after disposal disposes it at once. */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this._disposables.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    disposeAll(this._disposables);
  }
}
