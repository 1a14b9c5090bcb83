// Turns tasks into `ide.run`, `ide.reset` (the same task started again while or
// right after it ran) and `ide.error` (a task process exiting non-zero). What a
// start or an end means is decided in src/core/hooks/taskRerunWindow.ts; this
// only connects it to VS Code.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import type { HookEvent } from '../core/hooks/hookEvent';
import { TaskRerunWindow, taskProcessExitEvent } from '../core/hooks/taskRerunWindow';
import type { HookSink } from './hookSink';

export { TASK_RERUN_WINDOW_MS } from '../core/hooks/taskRerunWindow';

export class TaskHooks extends Disposable {
  private readonly runs = new TaskRerunWindow();

  constructor(
    private readonly sink: HookSink,
    // Monotonic: the re-run window measures time that passed, so a wall clock put
    // back (or forward) between a task's end and its next start changes nothing.
    private readonly now: () => number = () => performance.now(),
  ) {
    super();
    vscode.tasks.onDidStartTask(
      (e) => this.guarded(() => this.runs.started(e.execution.task, this.now())),
      this,
      this._disposables,
    );
    vscode.tasks.onDidEndTask(
      (e) => this.guarded(() => this.runs.ended(e.execution.task, this.now())),
      this,
      this._disposables,
    );
    vscode.tasks.onDidEndTaskProcess(
      (e) => this.guarded(() => taskProcessExitEvent(e.exitCode)),
      this,
      this._disposables,
    );
  }

  /** Telemetry never throws into the editor: a task it cannot read loses that observation. */
  private guarded(observe: () => HookEvent | void): void {
    try {
      const event = observe();
      if (event) {
        this.sink.record(event.name, event.props);
      }
    } catch {
      // Deliberately silent: a task's definition may hold user data, so it is not logged.
    }
  }
}
