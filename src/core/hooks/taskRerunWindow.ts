// Decides what a task starting or ending stands for: `ide.run`, or `ide.reset`
// when the same task is started again while it runs or shortly after it ended
// (the user is retrying), and `ide.error` when a task's process exits non-zero.

import { mapExitCode, mapRuntime } from '../errorCodes';
import type { HookEvent } from './hookEvent';

/** A re-run within this long after the previous run ended counts as a reset. */
export const TASK_RERUN_WINDOW_MS = 10_000;
/** Tasks remembered at most; the one started longest ago is forgotten first. */
export const MAX_TRACKED_TASKS = 200;

/** The facts of a task this module reads; `vscode.Task` has them. */
export interface TaskRef {
  readonly source: string;
  readonly name: string;
  /** A workspace folder, or VS Code's number for the global or workspace scope. */
  readonly scope?: number | { readonly uri: { toString(): string } };
  readonly definition: { readonly type?: unknown; readonly [key: string]: unknown };
}

/** Identifies "the same task" in memory only; never stored or sent. */
export function taskKey(task: TaskRef): string {
  const scope = typeof task.scope === 'object' ? task.scope.uri.toString() : String(task.scope ?? '');
  return JSON.stringify([task.source, task.name, scope, task.definition]);
}

export class TaskRerunWindow {
  /** Task key → end time (undefined while running); Map order is start order. */
  private readonly lastRuns = new Map<string, number | undefined>();

  constructor(
    private readonly windowMs = TASK_RERUN_WINDOW_MS,
    private readonly maxTracked = MAX_TRACKED_TASKS,
  ) {}

  /** How many tasks are remembered; never more than the limit. */
  get size(): number {
    return this.lastRuns.size;
  }

  /** A task started at `nowMs`: a run, or a reset when it is a re-run. */
  started(task: TaskRef, nowMs: number): HookEvent {
    const key = taskKey(task);
    const isRerun = this.isRerun(key, nowMs);
    this.lastRuns.delete(key); // re-insert: Map order doubles as recency
    this.lastRuns.set(key, undefined);
    if (this.lastRuns.size > this.maxTracked) {
      const oldest = this.lastRuns.keys().next().value;
      if (oldest !== undefined) {
        this.lastRuns.delete(oldest);
      }
    }
    return isRerun
      ? { name: 'ide.reset', props: { kind: 'task' } }
      : { name: 'ide.run', props: { kind: 'task', runtime: mapRuntime(task.definition.type, 'task') } };
  }

  /** A task ended at `nowMs`; its re-run window opens. A task never seen starting is ignored. */
  ended(task: TaskRef, nowMs: number): void {
    const key = taskKey(task);
    if (this.lastRuns.has(key)) {
      this.lastRuns.set(key, nowMs);
    }
  }

  private isRerun(key: string, nowMs: number): boolean {
    if (!this.lastRuns.has(key)) {
      return false;
    }
    const endedMs = this.lastRuns.get(key);
    return endedMs === undefined || nowMs - endedMs <= this.windowMs;
  }
}

/** A task's process ended: an error only for a numeric, non-zero exit code. */
export function taskProcessExitEvent(exitCode: number | undefined): HookEvent | undefined {
  return typeof exitCode === 'number' && exitCode !== 0
    ? { name: 'ide.error', props: { origin: 'exit', code: mapExitCode(exitCode) } }
    : undefined;
}
