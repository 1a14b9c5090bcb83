// Turns debug sessions into `ide.run`, `ide.reset` and `ide.error` events by
// watching the Debug Adapter Protocol traffic of every debug type.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { mapExceptionType, mapExitCode, mapRuntime, parseExceptionTypeFromText } from '../core/errorCodes';
import type { HookSink } from './hookSink';

/** Minimal DAP message shapes: only the fields Candor reads, all optional. */
interface DapMessage {
  readonly type?: unknown;
  readonly command?: unknown;
  readonly event?: unknown;
  readonly arguments?: { readonly __restart?: unknown } & Record<string, unknown>;
  readonly body?: Record<string, unknown>;
  readonly success?: unknown;
}

// Lines a runtime or debugger prints for an uncaught exception; only the type is kept.
// js-debug writes "Uncaught TypeError TypeError: …"; runtimes write "TypeError: …".
const UNCAUGHT_PREFIX = /^\s*Uncaught\s+([A-Za-z_$][\w$.]{0,127})/;
const EXCEPTION_HEADER = /^\s*(?:Unhandled exception\.\s+|Exception in thread "[^"\n]*"\s+)?[A-Za-z_$][\w$.]*(?:Error|Exception|Interrupt|Exit|Fault)\b\s*(?::|$)/;
// js-debug reports the debuggee's exit on stderr instead of a DAP `exited` event.
const PROCESS_EXITED = /^\s*Process exited with code (-?\d{1,10})\s*$/;
const MAX_STDERR_SCAN = 4096;

/** Per top-level debug session: what was already counted, so nothing counts twice. */
interface RootState {
  exitCounted: boolean;
  uncaughtCounted: boolean;
}

export class DebugHooks extends Disposable {
  /** Session ids seen before: a new adapter for a known id is a restart. */
  private readonly seenSessions = new Set<string>();
  private readonly roots = new Map<string, RootState>();

  constructor(private readonly sink: HookSink) {
    super();
    this._register(vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => this.createTracker(session),
    }));
    this._register(vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.parentSession === undefined) this.roots.delete(session.id);
    }));
  }

  private rootOf(session: vscode.DebugSession): vscode.DebugSession {
    let root = session;
    while (root.parentSession !== undefined) root = root.parentSession;
    return root;
  }

  private stateOf(session: vscode.DebugSession): RootState {
    const root = this.rootOf(session);
    let state = this.roots.get(root.id);
    if (state === undefined) {
      state = { exitCounted: false, uncaughtCounted: false };
      this.roots.set(root.id, state);
    }
    return state;
  }

  private createTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const isChild = session.parentSession !== undefined;
    const relaunched = this.seenSessions.has(session.id);
    this.seenSessions.add(session.id);
    if (this.seenSessions.size > 1000) this.seenSessions.clear(); // bounded memory
    const runtime = mapRuntime(session.type, 'debug');
    return {
      onWillReceiveMessage: (raw: unknown) => this.guarded(() => {
        const message = raw as DapMessage;
        if (message?.type !== 'request') return;
        if (message.command === 'restart') {
          this.sink.record('ide.reset', { kind: 'debug' });
          this.resetRoot(session);
        } else if ((message.command === 'launch' || message.command === 'attach') && !isChild) {
          // VS Code relaunches a session it restarts (same id, or `__restart` set).
          if (relaunched || message.arguments?.__restart !== undefined) {
            this.sink.record('ide.reset', { kind: 'debug' });
            this.resetRoot(session);
          } else {
            this.sink.record('ide.run', { kind: 'debug', runtime });
          }
        }
      }),
      onDidSendMessage: (raw: unknown) => this.guarded(() => {
        const message = raw as DapMessage;
        if (message?.type === 'event') this.onAdapterEvent(session, message);
      }),
    };
  }

  /** Telemetry never throws into a debug session: a failure here loses one observation, nothing more. */
  private guarded(observe: () => void): void {
    try {
      observe();
    } catch {
      // Deliberately silent: the message being observed may hold user data, so it is not logged.
    }
  }

  private resetRoot(session: vscode.DebugSession): void {
    this.roots.set(this.rootOf(session).id, { exitCounted: false, uncaughtCounted: false });
  }

  private onAdapterEvent(session: vscode.DebugSession, message: DapMessage): void {
    const body = message.body ?? {};
    if (message.event === 'stopped' && body.reason === 'exception') {
      const fromText = parseExceptionTypeFromText(body.text ?? body.description);
      this.sink.record('ide.error', { origin: 'exception', code: fromText });
      this.stateOf(session).uncaughtCounted = true;
    } else if (message.event === 'exited') {
      const state = this.stateOf(session);
      const exitCode = body.exitCode;
      if (!state.exitCounted && typeof exitCode === 'number' && exitCode !== 0) {
        state.exitCounted = true;
        this.sink.record('ide.error', { origin: 'exit', code: mapExitCode(exitCode) });
      }
    } else if (message.event === 'output' && body.category === 'stderr' && typeof body.output === 'string') {
      this.onStderr(session, body.output);
    }
  }

  private onStderr(session: vscode.DebugSession, output: string): void {
    const state = this.stateOf(session);
    for (const line of output.slice(0, MAX_STDERR_SCAN).split('\n')) {
      const exited = PROCESS_EXITED.exec(line);
      if (exited) {
        if (!state.exitCounted && Number(exited[1]) !== 0) {
          state.exitCounted = true;
          this.sink.record('ide.error', { origin: 'exit', code: mapExitCode(Number(exited[1])) });
        }
        continue;
      }
      if (state.uncaughtCounted) continue;
      const uncaught = UNCAUGHT_PREFIX.exec(line);
      if (uncaught || EXCEPTION_HEADER.test(line)) {
        // A program dies of one uncaught exception; runtimes and debuggers often print it twice.
        state.uncaughtCounted = true;
        const code = uncaught ? mapExceptionType(uncaught[1]) : parseExceptionTypeFromText(line);
        this.sink.record('ide.error', { origin: 'exception', code });
      }
    }
  }
}
