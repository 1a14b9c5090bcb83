// An event source with the shape of `vscode.Event`. Only the vscode *types* are
// used, so modules that fire events still load in plain Node and can be
// unit-tested without an editor.

import type * as vscode from 'vscode';

interface Subscription<T> {
  readonly listener: (value: T) => unknown;
  readonly thisArgs: unknown;
}

export class Emitter<T> implements vscode.Disposable {
  private readonly subscriptions = new Set<Subscription<T>>();
  private disposed = false;

  /**
   * @param onListenerError told when a listener throws; firing never throws,
   *   and the other listeners still run.
   */
  constructor(private readonly onListenerError: (error: unknown) => void) {}

  /** Subscribe; pass `disposables` to tie the subscription to an owner. */
  readonly event: vscode.Event<T> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    const subscription: Subscription<T> = { listener, thisArgs };
    if (!this.disposed) {
      this.subscriptions.add(subscription);
    }
    const handle = { dispose: () => void this.subscriptions.delete(subscription) };
    disposables?.push(handle);
    return handle;
  };

  fire(value: T): void {
    // A copy, so a listener that (un)subscribes does not change this round.
    for (const { listener, thisArgs } of [...this.subscriptions]) {
      try {
        listener.call(thisArgs, value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Drops every listener; later subscriptions and fires do nothing. */
  dispose(): void {
    this.disposed = true;
    this.subscriptions.clear();
  }
}
