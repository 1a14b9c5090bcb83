// A debugged program that prints the JavaScript debugger's own exit line
// ("Process exited with code N") must not become an exit event: an exit code
// comes only from the debug adapter's protocol or the task system. The test
// watches the same Debug Adapter Protocol messages Candor's tracker sees, so it
// knows the fake lines really reached VS Code before it reads the store.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  countOf,
  counters,
  debugSessionEnded,
  enableAll,
  resetData,
  runTask,
  waitForCount,
  workspaceDir,
} from './support';

interface SeenOutput {
  readonly category: unknown;
  readonly output: string;
  readonly hasSource: boolean;
}

/** Collects the `output` events every debug adapter sends while the test runs. */
function watchOutputEvents(): { readonly seen: SeenOutput[]; readonly dispose: () => void } {
  const seen: SeenOutput[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage: (message: unknown) => {
        const m = message as {
          type?: unknown;
          event?: unknown;
          body?: { category?: unknown; output?: unknown; source?: unknown };
        };
        if (m.type === 'event' && m.event === 'output' && typeof m.body?.output === 'string') {
          seen.push({ category: m.body.category, output: m.body.output, hasSource: m.body.source !== undefined });
        }
      },
    }),
  });
  return {
    seen,
    dispose: () => {
      registration.dispose();
    },
  };
}

async function debugFakeExit(name: string, outputCapture: 'console' | 'std'): Promise<void> {
  const ended = debugSessionEnded(name);
  const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
    name,
    type: 'node',
    request: 'launch',
    program: path.join(workspaceDir(), 'src', 'fakeExit.js'),
    console: 'internalConsole',
    outputCapture,
  });
  assert.equal(started, true, `the debug session "${name}" did not start`);
  await ended;
}

const fakeLine = (code: number) => (o: SeenOutput) => o.output.includes(`Process exited with code ${code}`);

describe('A fake exit line in a debugged program', function () {
  this.timeout(180_000);

  before(async () => {
    await enableAll();
  });

  it('records nothing from the line, printed by console.error or written raw to stderr', async () => {
    await resetData();
    const watch = watchOutputEvents();
    try {
      // Console capture: console.error arrives through the runtime's console API.
      await debugFakeExit('Candor test: fake exit (console)', 'console');
      // Raw capture: both lines are the process's plain stderr, exactly like js-debug's own line.
      await debugFakeExit('Candor test: fake exit (std)', 'std');
    } finally {
      watch.dispose();
    }
    const stderrLines = watch.seen.filter((o) => o.category === 'stderr');
    assert.ok(stderrLines.some(fakeLine(7)), 'the console.error line reached VS Code as stderr output');
    assert.ok(
      stderrLines.some((o) => fakeLine(9)(o) && !o.hasSource),
      'the raw stderr line reached VS Code as stderr output without a source, as the debugger prints its own',
    );
    await waitForCount(
      'ide.run (debug, node) of both sessions',
      async () => countOf(await counters('ide.run'), { kind: 'debug', runtime: 'node' }),
      2,
    );
    // Both sessions have ended and every output event came before their end; the store is flushed by `counters`.
    assert.deepEqual(await counters('ide.error'), [], 'no exit (and no other error) was recorded');
  });

  it('still records the exit code of a real failing task', async () => {
    await resetData();
    assert.equal(await runTask('failing build'), 1);
    await waitForCount(
      'exit:1 of the task',
      async () => countOf(await counters('ide.error'), { origin: 'exit', code: 'exit:1' }),
      1,
    );
  });
});
