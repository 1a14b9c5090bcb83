// Turns debug sessions into `ide.run`, `ide.reset` and `ide.error` events by
// watching the Debug Adapter Protocol traffic of every debug type. What the
// traffic means is decided in src/core/hooks/debugSessionEvents.ts; this only
// connects it to VS Code.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { DebugSessionEvents } from '../core/hooks/debugSessionEvents';
import type { HookEvent } from '../core/hooks/hookEvent';
import type { HookSink } from './hookSink';

export class DebugHooks extends Disposable {
  private readonly sessions = new DebugSessionEvents();

  constructor(private readonly sink: HookSink) {
    super();
    this._register(
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => {
          const observer = this.sessions.adapterStarted(session);
          return {
            onWillReceiveMessage: (message: unknown) => this.record(observer.toAdapter(message)),
            onDidSendMessage: (message: unknown) => this.record(observer.fromAdapter(message)),
          };
        },
      }),
    );
    vscode.debug.onDidTerminateDebugSession((session) => this.sessions.sessionEnded(session), this, this._disposables);
  }

  /** Telemetry never throws into a debug session: a failure here loses one observation, nothing more. */
  private record(events: readonly HookEvent[]): void {
    try {
      for (const event of events) {
        this.sink.record(event.name, event.props);
      }
    } catch {
      // Deliberately silent: nothing about the session is logged.
    }
  }
}
