// The task hook's decisions: run or re-run, which tasks are "the same", and
// how many it remembers.
import * as assert from 'node:assert/strict';
import type { HookEvent } from '../../src/core/hooks/hookEvent';
import {
  MAX_TRACKED_TASKS,
  TASK_RERUN_WINDOW_MS,
  TaskRerunWindow,
  taskKey,
  taskProcessExitEvent,
  type TaskRef,
} from '../../src/core/hooks/taskRerunWindow';

const folder = (uri: string) => ({ uri: { toString: () => uri } });
const WORKSPACE_SCOPE = 2; // vscode.TaskScope.Workspace

function task(name: string, type: unknown = 'shell', extra: Partial<TaskRef> = {}): TaskRef {
  return { source: 'Workspace', name, scope: WORKSPACE_SCOPE, definition: { type, command: `make ${name}` }, ...extra };
}

const RESET: HookEvent = { name: 'ide.reset', props: { kind: 'task' } };
const run = (runtime: string): HookEvent => ({ name: 'ide.run', props: { kind: 'task', runtime } });

describe('TaskRerunWindow', () => {
  it('re-runs within 10 seconds of the end, the boundary included', () => {
    assert.equal(TASK_RERUN_WINDOW_MS, 10_000);
    const window = new TaskRerunWindow();
    const build = task('build');
    assert.deepEqual(window.started(build, 1_000), run('shell'));
    window.ended(build, 2_000);
    assert.deepEqual(window.started(build, 12_000), RESET, 'exactly 10 s after the end');
    window.ended(build, 13_000);
    assert.deepEqual(window.started(build, 23_001), run('shell'), '10 s and 1 ms after the end');
  });

  it('counts a start while the same task still runs as a re-run', () => {
    const window = new TaskRerunWindow();
    assert.deepEqual(window.started(task('watch'), 0), run('shell'));
    assert.deepEqual(window.started(task('watch'), 60 * 60_000), RESET, 'still running an hour later');
  });

  it('counts a re-run when the clock went back after the end', () => {
    const window = new TaskRerunWindow();
    window.started(task('build'), 50_000);
    window.ended(task('build'), 50_000);
    assert.deepEqual(window.started(task('build'), 10_000), RESET);
  });

  it('ignores the end of a task it never saw start', () => {
    const window = new TaskRerunWindow();
    window.ended(task('build'), 5_000);
    assert.equal(window.size, 0);
    assert.deepEqual(window.started(task('build'), 6_000), run('shell'));
  });

  it('takes the window and the limit from its constructor', () => {
    const window = new TaskRerunWindow(100, 5);
    window.started(task('a'), 0);
    window.ended(task('a'), 0);
    assert.deepEqual(window.started(task('a'), 100), RESET);
    window.ended(task('a'), 100);
    assert.deepEqual(window.started(task('a'), 201), run('shell'));
  });

  it('records the mapped runtime of a run, "other" for unknown or missing types', () => {
    const window = new TaskRerunWindow();
    assert.deepEqual(window.started(task('a', 'npm'), 0), run('npm'));
    assert.deepEqual(window.started(task('b', 'cargo'), 0), run('cargo'));
    assert.deepEqual(window.started(task('c', 'my-company-builder'), 0), run('other'));
    assert.deepEqual(
      window.started({ source: 'Workspace', name: 'd', definition: { type: undefined } }, 0),
      run('other'),
    );
    assert.deepEqual(window.started({ source: 'npm', name: 'e', definition: {} }, 0), run('other'));
  });

  describe('the same task', () => {
    it('is keyed by source, name, scope and definition', () => {
      assert.equal(
        taskKey({ source: 'Workspace', name: 'build', scope: 2, definition: { type: 'shell', command: 'make' } }),
        '["Workspace","build","2",{"type":"shell","command":"make"}]',
      );
      assert.equal(
        taskKey({
          source: 'npm',
          name: 'test',
          scope: folder('file:///w/app'),
          definition: { type: 'npm', script: 'test' },
        }),
        '["npm","test","file:///w/app",{"type":"npm","script":"test"}]',
      );
      assert.equal(
        taskKey({ source: 'npm', name: 'test', definition: { type: 'npm' } }),
        '["npm","test","",{"type":"npm"}]',
      );
    });

    it('is told apart by each part of its key', () => {
      const window = new TaskRerunWindow();
      const base = task('build');
      window.started(base, 0);
      const others: TaskRef[] = [
        { ...base, source: 'npm' },
        { ...base, name: 'build2' },
        { ...base, scope: 1 },
        { ...base, scope: folder('file:///w/one') },
        { ...base, scope: undefined },
        { ...base, definition: { type: 'shell', command: 'make other' } },
      ];
      for (const other of others) {
        assert.deepEqual(window.started(other, 1), run('shell'), taskKey(other));
      }
      assert.deepEqual(
        window.started({ ...base, definition: { type: 'shell', command: 'make build' } }, 2),
        RESET,
        'an equal definition',
      );
      assert.deepEqual(window.started({ ...others[3], scope: folder('file:///w/one') }, 3), RESET, 'the same folder');
    });
  });

  describe('bounded memory', () => {
    it('forgets the task started longest ago beyond the limit; a restart makes a task recent again', () => {
      const window = new TaskRerunWindow(TASK_RERUN_WINDOW_MS, 3);
      for (const name of ['a', 'b', 'c']) {
        window.started(task(name), 0);
      }
      assert.deepEqual(window.started(task('a'), 1), RESET, 'a is remembered; restarting it makes it the most recent');
      window.started(task('d'), 2);
      assert.equal(window.size, 3);
      assert.deepEqual(window.started(task('c'), 3), RESET, 'c is remembered');
      assert.deepEqual(window.started(task('b'), 4), run('shell'), 'b was started longest ago and was forgotten');
    });

    it('an end does not make a task recent', () => {
      const window = new TaskRerunWindow(TASK_RERUN_WINDOW_MS, 2);
      window.started(task('a'), 0);
      window.started(task('b'), 0);
      window.ended(task('a'), 1);
      window.started(task('c'), 2);
      assert.deepEqual(window.started(task('a'), 3), run('shell'), 'a was forgotten although it ended last');
    });

    it('remembers at most 200 tasks by default', () => {
      assert.equal(MAX_TRACKED_TASKS, 200);
      const window = new TaskRerunWindow();
      for (let i = 0; i < 1000; i++) {
        window.started(task(`t${i}`), i);
        window.ended(task(`t${i}`), i);
      }
      assert.equal(window.size, 200);
      assert.deepEqual(window.started(task('t799'), 1000), run('shell'), 't799 was forgotten');
      assert.deepEqual(window.started(task('t999'), 1000), RESET, 't999 is remembered');
    });
  });
});

describe('taskProcessExitEvent', () => {
  it('records a non-zero exit code, and nothing for zero or no code', () => {
    assert.deepEqual(taskProcessExitEvent(1), { name: 'ide.error', props: { origin: 'exit', code: 'exit:1' } });
    assert.deepEqual(taskProcessExitEvent(-1), { name: 'ide.error', props: { origin: 'exit', code: 'exit:-1' } });
    assert.deepEqual(taskProcessExitEvent(127), { name: 'ide.error', props: { origin: 'exit', code: 'exit:127' } });
    assert.deepEqual(taskProcessExitEvent(Number.NaN), {
      name: 'ide.error',
      props: { origin: 'exit', code: 'exit:other' },
    });
    assert.equal(taskProcessExitEvent(0), undefined);
    assert.equal(taskProcessExitEvent(undefined), undefined);
  });
});
