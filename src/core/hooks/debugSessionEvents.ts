// Decides which `ide.run`, `ide.reset` and `ide.error` events the Debug Adapter
// Protocol traffic of debug sessions stands for. It is fed every message VS Code
// sends to an adapter and every message an adapter sends back, and remembers per
// top-level session what it already counted, so that a program that dies once
// counts once, however many child sessions and stderr lines report it.
//
// An exit code is taken only from the protocol's `exited` event, never from
// output text. js-debug reports a failed exit only as a plain stderr `output`
// event ("Process exited with code N") with nothing that sets it apart from the
// same words printed by the program itself, so a js-debug session records no
// exit code; a failing task still does (src/ide/taskHooks.ts).

import { mapExitCode, mapRuntime } from '../errorCodes';
import { parseExceptionTypeFromText, uncaughtExceptionOnStderrLine } from '../exceptionText';
import type { HookEvent } from './hookEvent';

/** The facts of a debug session this module reads; `vscode.DebugSession` has them. */
export interface DebugSessionRef {
  readonly id: string;
  readonly type: string;
  readonly parentSession?: DebugSessionRef;
}

/** Classifies the messages of one debug adapter. Neither method throws. */
export interface DebugAdapterObserver {
  /** A message VS Code sends to the adapter (requests). */
  toAdapter(message: unknown): HookEvent[];
  /** A message the adapter sends to VS Code (events and responses). */
  fromAdapter(message: unknown): HookEvent[];
}

export interface DebugSessionLimits {
  /** Session ids remembered to recognise a relaunch; all are forgotten past this many. */
  readonly maxSeenSessions: number;
  /** Top-level sessions whose counted state is kept; the oldest is forgotten past this many. */
  readonly maxRoots: number;
}

export const DEBUG_SESSION_LIMITS: DebugSessionLimits = { maxSeenSessions: 1000, maxRoots: 1000 };

const MAX_STDERR_SCAN = 4096;

/** Per top-level debug session: what was already counted, so nothing counts twice. */
interface RootState {
  exitCounted: boolean;
  uncaughtCounted: boolean;
}

function reset(): HookEvent {
  return { name: 'ide.reset', props: { kind: 'debug' } };
}

/** Reads one field of a message of unknown shape, as `value?.[key]` would. */
function field(value: unknown, key: string): unknown {
  return value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
}

function rootOf(session: DebugSessionRef): DebugSessionRef {
  let root = session;
  while (root.parentSession !== undefined) {
    root = root.parentSession;
  }
  return root;
}

export class DebugSessionEvents {
  /** Session ids seen before: a new adapter for a known id is a restart. */
  private readonly seenSessions = new Set<string>();
  /** Root session id → its state; Map order is creation order, the oldest is forgotten first. */
  private readonly roots = new Map<string, RootState>();

  constructor(private readonly limits: DebugSessionLimits = DEBUG_SESSION_LIMITS) {}

  /** How many sessions and root states are remembered; bounded by the limits. */
  get remembered(): { readonly sessions: number; readonly roots: number } {
    return { sessions: this.seenSessions.size, roots: this.roots.size };
  }

  /** A debug adapter starts for `session`: a new session, a child session, or a relaunch of a known one. */
  adapterStarted(session: DebugSessionRef): DebugAdapterObserver {
    const isChild = session.parentSession !== undefined;
    const relaunched = this.seenSessions.has(session.id);
    this.seenSessions.add(session.id);
    if (this.seenSessions.size > this.limits.maxSeenSessions) {
      this.seenSessions.clear();
    }
    const runtime = mapRuntime(session.type, 'debug');
    return {
      toAdapter: (message) =>
        this.observe((events) => this.onRequest(session, message, isChild, relaunched, runtime, events)),
      fromAdapter: (message) =>
        this.observe((events) => {
          if (field(message, 'type') === 'event') {
            this.onAdapterEvent(session, message, events);
          }
        }),
    };
  }

  /** A session ended; a top-level session's counted state is no longer needed. */
  sessionEnded(session: DebugSessionRef): void {
    if (session.parentSession === undefined) {
      this.roots.delete(session.id);
    }
  }

  /**
   * Runs one classification and returns what it found. A message that cannot
   * be read loses that observation, nothing more: events found before the
   * failure are kept, and nothing is thrown into the debug session.
   */
  private observe(classify: (events: HookEvent[]) => void): HookEvent[] {
    const events: HookEvent[] = [];
    try {
      classify(events);
    } catch {
      // Deliberately silent: the message may hold user data, so it is not described anywhere.
    }
    return events;
  }

  private onRequest(
    session: DebugSessionRef,
    message: unknown,
    isChild: boolean,
    relaunched: boolean,
    runtime: string,
    events: HookEvent[],
  ): void {
    if (field(message, 'type') !== 'request') {
      return;
    }
    const command = field(message, 'command');
    if (command === 'restart') {
      events.push(reset());
      this.resetRoot(session);
    } else if ((command === 'launch' || command === 'attach') && !isChild) {
      // VS Code relaunches a session it restarts (same id, or `__restart` set).
      if (relaunched || field(field(message, 'arguments'), '__restart') !== undefined) {
        events.push(reset());
        this.resetRoot(session);
      } else {
        events.push({ name: 'ide.run', props: { kind: 'debug', runtime } });
      }
    }
  }

  private onAdapterEvent(session: DebugSessionRef, message: unknown, events: HookEvent[]): void {
    const event = field(message, 'event');
    const body = field(message, 'body') ?? {};
    if (event === 'stopped' && field(body, 'reason') === 'exception') {
      const code = parseExceptionTypeFromText(field(body, 'text') ?? field(body, 'description'));
      events.push({ name: 'ide.error', props: { origin: 'exception', code } });
      this.stateOf(session).uncaughtCounted = true;
    } else if (event === 'exited') {
      const state = this.stateOf(session);
      const exitCode = field(body, 'exitCode');
      if (!state.exitCounted && typeof exitCode === 'number' && exitCode !== 0) {
        state.exitCounted = true;
        events.push({ name: 'ide.error', props: { origin: 'exit', code: mapExitCode(exitCode) } });
      }
    } else if (event === 'output' && field(body, 'category') === 'stderr') {
      const output = field(body, 'output');
      if (typeof output === 'string') {
        this.onStderr(session, output, events);
      }
    }
  }

  private onStderr(session: DebugSessionRef, output: string, events: HookEvent[]): void {
    const state = this.stateOf(session);
    for (const line of output.slice(0, MAX_STDERR_SCAN).split('\n')) {
      if (state.uncaughtCounted) {
        continue;
      }
      const code = uncaughtExceptionOnStderrLine(line);
      if (code !== undefined) {
        // A program dies of one uncaught exception; runtimes and debuggers often print it twice.
        state.uncaughtCounted = true;
        events.push({ name: 'ide.error', props: { origin: 'exception', code } });
      }
    }
  }

  private stateOf(session: DebugSessionRef): RootState {
    const id = rootOf(session).id;
    const known = this.roots.get(id);
    return known ?? this.remember(id);
  }

  private resetRoot(session: DebugSessionRef): void {
    const id = rootOf(session).id;
    this.roots.delete(id);
    this.remember(id);
  }

  private remember(id: string): RootState {
    const state: RootState = { exitCounted: false, uncaughtCounted: false };
    this.roots.set(id, state);
    // A session whose end was never reported, or whose adapter spoke after it ended, must not stay forever.
    while (this.roots.size > this.limits.maxRoots) {
      const oldest = this.roots.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.roots.delete(oldest);
    }
    return state;
  }
}
