// Turns tasks into `ide.run`, `ide.reset` (the same task started again while or
// right after it ran) and `ide.error` (a task process exiting non-zero).
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { mapExitCode, mapRuntime } from '../core/errorCodes';
import type { HookSink } from './hookSink';

/** A re-run within this long after the previous run ended counts as a reset. */
export const TASK_RERUN_WINDOW_MS = 10_000;
const MAX_TRACKED_TASKS = 200;

/** Identifies "the same task" in memory only; never stored or sent. */
function taskKey(task: vscode.Task): string {
  const scope = typeof task.scope === 'object' ? task.scope.uri.toString() : String(task.scope ?? '');
  return JSON.stringify([task.source, task.name, scope, task.definition]);
}

export class TaskHooks extends Disposable {
  /** Task key → end time (undefined while running). */
  private readonly lastRuns = new Map<string, number | undefined>();

  constructor(private readonly sink: HookSink, private readonly now: () => number = Date.now) {
    super();
    vscode.tasks.onDidStartTask((e) => this.onStart(e.execution.task), this, this._disposables);
    vscode.tasks.onDidEndTask((e) => this.onEnd(e.execution.task), this, this._disposables);
    vscode.tasks.onDidEndTaskProcess((e) => this.onProcessEnd(e.exitCode), this, this._disposables);
  }

  private onStart(task: vscode.Task): void {
    const key = taskKey(task);
    const isRerun = this.lastRuns.has(key) && (this.lastRuns.get(key) === undefined
      || this.now() - (this.lastRuns.get(key) ?? 0) <= TASK_RERUN_WINDOW_MS);
    this.lastRuns.delete(key); // re-insert: Map order doubles as recency
    this.lastRuns.set(key, undefined);
    if (this.lastRuns.size > MAX_TRACKED_TASKS) {
      const oldest = this.lastRuns.keys().next().value;
      if (oldest !== undefined) this.lastRuns.delete(oldest);
    }
    if (isRerun) this.sink.record('ide.reset', { kind: 'task' });
    else this.sink.record('ide.run', { kind: 'task', runtime: mapRuntime(task.definition.type, 'task') });
  }

  private onEnd(task: vscode.Task): void {
    const key = taskKey(task);
    if (this.lastRuns.has(key)) this.lastRuns.set(key, this.now());
  }

  private onProcessEnd(exitCode: number | undefined): void {
    if (typeof exitCode === 'number' && exitCode !== 0) {
      this.sink.record('ide.error', { origin: 'exit', code: mapExitCode(exitCode) });
    }
  }
}
