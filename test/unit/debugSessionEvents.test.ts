// The debug hook's decisions, fed with Debug Adapter Protocol messages shaped
// like the ones VS Code and js-debug exchange.
import * as assert from 'node:assert/strict';
import {
  DEBUG_SESSION_LIMITS,
  DebugSessionEvents,
  type DebugSessionRef,
} from '../../src/core/hooks/debugSessionEvents';
import type { HookEvent } from '../../src/core/hooks/hookEvent';

function session(id: string, type = 'pwa-node', parentSession?: DebugSessionRef): DebugSessionRef {
  return parentSession === undefined ? { id, type } : { id, type, parentSession };
}

const request = (command: string, args?: unknown) => ({
  seq: 1,
  type: 'request',
  command,
  ...(args === undefined ? {} : { arguments: args }),
});
const event = (name: string, body?: unknown) => ({
  seq: 2,
  type: 'event',
  event: name,
  ...(body === undefined ? {} : { body }),
});
const stderr = (output: string) => event('output', { category: 'stderr', output });

const RUN_NODE: HookEvent = { name: 'ide.run', props: { kind: 'debug', runtime: 'node' } };
const RESET: HookEvent = { name: 'ide.reset', props: { kind: 'debug' } };
const exception = (code: string): HookEvent => ({ name: 'ide.error', props: { origin: 'exception', code } });
const exit = (code: string): HookEvent => ({ name: 'ide.error', props: { origin: 'exit', code } });

describe('DebugSessionEvents', () => {
  let events: DebugSessionEvents;
  beforeEach(() => {
    events = new DebugSessionEvents();
  });

  describe('requests VS Code sends to the adapter', () => {
    it('counts a launch or an attach of a new top-level session as a run of its mapped runtime', () => {
      assert.deepEqual(events.adapterStarted(session('a')).toAdapter(request('launch', { program: 'x.js' })), [
        RUN_NODE,
      ]);
      assert.deepEqual(events.adapterStarted(session('b', 'debugpy')).toAdapter(request('attach', {})), [
        { name: 'ide.run', props: { kind: 'debug', runtime: 'python' } },
      ]);
      assert.deepEqual(events.adapterStarted(session('c', 'my-own-debugger')).toAdapter(request('launch')), [
        { name: 'ide.run', props: { kind: 'debug', runtime: 'other' } },
      ]);
    });

    it('counts a launch carrying __restart as a reset, whatever its value', () => {
      for (const value of [true, false, null, 0, '', { port: 9229 }]) {
        const observer = new DebugSessionEvents().adapterStarted(session('a'));
        assert.deepEqual(observer.toAdapter(request('launch', { __restart: value })), [RESET], JSON.stringify(value));
      }
      const explicitUndefined = new DebugSessionEvents().adapterStarted(session('a'));
      assert.deepEqual(explicitUndefined.toAdapter(request('launch', { __restart: undefined })), [RUN_NODE]);
    });

    it('counts a new adapter for a session id seen before (VS Code relaunching it) as a reset', () => {
      assert.deepEqual(events.adapterStarted(session('a')).toAdapter(request('launch')), [RUN_NODE]);
      assert.deepEqual(events.adapterStarted(session('a')).toAdapter(request('launch')), [RESET]);
      assert.deepEqual(events.adapterStarted(session('b')).toAdapter(request('launch')), [RUN_NODE]);
    });

    it('counts a restart request as a reset, from a top-level or a child session', () => {
      const root = session('root');
      assert.deepEqual(events.adapterStarted(root).toAdapter(request('restart', { arguments: {} })), [RESET]);
      assert.deepEqual(events.adapterStarted(session('child', 'pwa-node', root)).toAdapter(request('restart')), [
        RESET,
      ]);
    });

    it('does not count the launch or attach of a child session: the run was counted for its parent', () => {
      const root = session('root');
      const child = events.adapterStarted(session('child', 'pwa-node', root));
      assert.deepEqual(child.toAdapter(request('launch', { __restart: true })), []);
      assert.deepEqual(child.toAdapter(request('attach')), []);
      // A child's adapter started again for the same id is not a reset either.
      assert.deepEqual(events.adapterStarted(session('child', 'pwa-node', root)).toAdapter(request('attach')), []);
    });

    it('ignores every other request and every message that is not a request', () => {
      const observer = events.adapterStarted(session('a'));
      for (const command of [
        'initialize',
        'setBreakpoints',
        'configurationDone',
        'continue',
        'disconnect',
        'terminate',
        'Launch',
        undefined,
      ]) {
        assert.deepEqual(observer.toAdapter({ type: 'request', command }), [], String(command));
      }
      for (const message of [
        { type: 'response', command: 'launch' },
        { type: 'event', event: 'stopped' },
        { command: 'launch' },
        null,
        undefined,
        42,
        'launch',
        [],
      ]) {
        assert.deepEqual(observer.toAdapter(message), [], JSON.stringify(message));
      }
    });
  });

  describe('a debugger stopping on an exception', () => {
    it('records the exception type read from the text, else the description', () => {
      const observer = events.adapterStarted(session('a'));
      assert.deepEqual(
        observer.fromAdapter(
          event('stopped', { reason: 'exception', text: 'TypeError: Cannot read properties of undefined' }),
        ),
        [exception('TypeError')],
      );
      assert.deepEqual(
        observer.fromAdapter(
          event('stopped', { reason: 'exception', description: 'ZeroDivisionError: division by zero' }),
        ),
        [exception('ZeroDivisionError')],
      );
      assert.deepEqual(
        observer.fromAdapter(event('stopped', { reason: 'exception', text: null, description: 'KeyError: secret' })),
        [exception('KeyError')],
      );
      assert.deepEqual(
        observer.fromAdapter(
          event('stopped', { reason: 'exception', text: 'RangeError', description: 'KeyError: secret' }),
        ),
        [exception('RangeError')],
      );
    });

    it('records a type that is not built in, or a missing text, as user_defined and nothing of the message', () => {
      const observer = events.adapterStarted(session('a'));
      const found = [
        ...observer.fromAdapter(
          event('stopped', { reason: 'exception', text: 'PasswordLeakError: hunter2 for alice@example.com' }),
        ),
        ...observer.fromAdapter(event('stopped', { reason: 'exception' })),
        ...observer.fromAdapter(event('stopped', { reason: 'exception', text: 42 })),
      ];
      assert.deepEqual(found, [exception('user_defined'), exception('user_defined'), exception('user_defined')]);
    });

    it('counts every stop on an exception, but no uncaught-exception line on stderr after one', () => {
      const observer = events.adapterStarted(session('a'));
      assert.deepEqual(observer.fromAdapter(event('stopped', { reason: 'exception', text: 'TypeError: a' })), [
        exception('TypeError'),
      ]);
      assert.deepEqual(observer.fromAdapter(event('stopped', { reason: 'exception', text: 'RangeError: b' })), [
        exception('RangeError'),
      ]);
      assert.deepEqual(observer.fromAdapter(stderr('Uncaught TypeError TypeError: a\n')), []);
    });

    it('ignores stops for other reasons', () => {
      const observer = events.adapterStarted(session('a'));
      for (const reason of ['breakpoint', 'step', 'pause', 'entry', 'Exception', undefined]) {
        assert.deepEqual(observer.fromAdapter(event('stopped', { reason, text: 'TypeError: x' })), [], String(reason));
      }
      assert.deepEqual(
        observer.fromAdapter(stderr('TypeError: x')),
        [exception('TypeError')],
        'a stop for another reason counts nothing',
      );
    });
  });

  describe('the debuggee exiting', () => {
    it('records a non-zero exit code of the DAP exited event once per session', () => {
      const observer = events.adapterStarted(session('a'));
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 0 })), []);
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 3 })), [exit('exit:3')]);
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 4 })), []);
    });

    it('reads only numeric exit codes, and maps what is not an integer status to exit:other', () => {
      assert.deepEqual(events.adapterStarted(session('a')).fromAdapter(event('exited', { exitCode: '1' })), []);
      assert.deepEqual(events.adapterStarted(session('b')).fromAdapter(event('exited', {})), []);
      assert.deepEqual(events.adapterStarted(session('c')).fromAdapter(event('exited')), []);
      assert.deepEqual(events.adapterStarted(session('d')).fromAdapter(event('exited', { exitCode: -1 })), [
        exit('exit:-1'),
      ]);
      assert.deepEqual(events.adapterStarted(session('e')).fromAdapter(event('exited', { exitCode: Number.NaN })), [
        exit('exit:other'),
      ]);
      assert.deepEqual(events.adapterStarted(session('f')).fromAdapter(event('exited', { exitCode: 1.5 })), [
        exit('exit:other'),
      ]);
    });

    it('never takes an exit code from output text, whatever its category or source', () => {
      // js-debug's own line and the same words printed by the program are the same output event.
      const observer = events.adapterStarted(session('a'));
      const lines = [
        'Process exited with code 1\r\n',
        'Process exited with code 7',
        '  Process exited with code -9  ',
        'Process exited with code 0\n',
      ];
      for (const output of lines) {
        for (const category of ['stderr', 'stdout', 'console', undefined]) {
          assert.deepEqual(observer.fromAdapter(event('output', { category, output })), [], `${category} ${output}`);
          const withSource = { category, output, source: { name: 'fake.js' }, line: 2 };
          assert.deepEqual(observer.fromAdapter(event('output', withSource)), [], `${category} ${output} (source)`);
        }
      }
      assert.deepEqual(
        observer.fromAdapter(event('exited', { exitCode: 1 })),
        [exit('exit:1')],
        'the printed lines used up nothing: the protocol exit still counts',
      );
    });
  });

  describe('stderr output', () => {
    it('records the uncaught exception js-debug prints, once however often it is printed', () => {
      const observer = events.adapterStarted(session('a'));
      const text =
        "Uncaught TypeError TypeError: Cannot read properties of undefined (reading 'secretDatabasePassword')\n    at main (/home/alice/throws.js:3:9)\n";
      assert.deepEqual(observer.fromAdapter(stderr(text)), [exception('TypeError')]);
      assert.deepEqual(observer.fromAdapter(stderr(text)), []);
      assert.deepEqual(observer.fromAdapter(stderr('RangeError: another\n')), []);
    });

    it('records the exception of a traceback, and no exit from the exit line that follows it', () => {
      const observer = events.adapterStarted(session('a'));
      const output =
        'Traceback (most recent call last):\n  File "x.py", line 1\nZeroDivisionError: division by zero\nProcess exited with code 1\n';
      assert.deepEqual(observer.fromAdapter(stderr(output)), [exception('ZeroDivisionError')]);
    });

    it('recognises the uncaught-exception headers of several runtimes', () => {
      const cases: readonly (readonly [string, string])[] = [
        ['Uncaught ReferenceError ReferenceError: x is not defined', 'ReferenceError'],
        ['  Uncaught  SyntaxError', 'SyntaxError'],
        ['Uncaught MyAppError', 'user_defined'],
        ['TypeError: boom', 'TypeError'],
        ['Exception in thread "main" java.lang.NullPointerException: oops', 'java.lang.NullPointerException'],
        ['Unhandled exception. System.InvalidOperationException: nope', 'System.InvalidOperationException'],
        ['KeyboardInterrupt', 'KeyboardInterrupt'],
        ['SystemExit: 2', 'SystemExit'],
        ['SecretTokenError: ghp_demoSecretToken', 'user_defined'],
      ];
      for (const [line, code] of cases) {
        assert.deepEqual(
          new DebugSessionEvents().adapterStarted(session('a')).fromAdapter(stderr(`${line}\n`)),
          [exception(code)],
          line,
        );
      }
    });

    it('does not take ordinary error output for an uncaught exception', () => {
      const observer = events.adapterStarted(session('a'));
      for (const line of [
        'Error connecting to the database',
        'warning: TypeError is deprecated',
        'could not open file: Error',
        'Debugger attached.',
        'Waiting for the debugger to disconnect...',
        '',
      ]) {
        assert.deepEqual(observer.fromAdapter(stderr(line)), [], line);
      }
    });

    it('reads only stderr output whose text is a string', () => {
      const observer = events.adapterStarted(session('a'));
      for (const category of ['stdout', 'console', 'important', 'telemetry', undefined]) {
        assert.deepEqual(
          observer.fromAdapter(event('output', { category, output: 'TypeError: x\nProcess exited with code 1' })),
          [],
          String(category),
        );
      }
      assert.deepEqual(observer.fromAdapter(event('output', { category: 'stderr', output: ['TypeError: x'] })), []);
      assert.deepEqual(observer.fromAdapter(event('output', { category: 'stderr' })), []);
    });

    it('scans only the first 4096 characters of one output event', () => {
      const observer = events.adapterStarted(session('a'));
      assert.deepEqual(
        observer.fromAdapter(stderr(`${'x'.repeat(4096)}\nTypeError: late\nProcess exited with code 1`)),
        [],
      );
      assert.deepEqual(observer.fromAdapter(stderr(`${'x'.repeat(4000)}\nTypeError: in time`)), [
        exception('TypeError'),
      ]);
    });
  });

  describe('messages that are not adapter events', () => {
    it('ignores responses, requests and malformed messages from the adapter', () => {
      const observer = events.adapterStarted(session('a'));
      const messages: unknown[] = [
        { type: 'response', command: 'launch', body: { exitCode: 1 } },
        { type: 'request', command: 'runInTerminal' },
        { type: 'event' },
        { type: 'event', event: 'exited', body: null },
        { type: 'event', event: 'exited', body: 'exitCode 1' },
        { type: 'event', event: 'terminated', body: { restart: true } },
        null,
        undefined,
        7,
        'event',
      ];
      for (const message of messages) {
        assert.deepEqual(observer.fromAdapter(message), [], JSON.stringify(message));
      }
    });

    it('never throws, whatever the message, and keeps what it found before a failure', () => {
      const hostile = new Proxy(
        {},
        {
          get: () => {
            throw new Error('secret in a getter');
          },
        },
      );
      const observer = events.adapterStarted(session('a'));
      assert.deepEqual(observer.toAdapter(hostile), []);
      assert.deepEqual(observer.fromAdapter(hostile), []);
      assert.deepEqual(observer.fromAdapter(event('stopped', hostile)), []);

      // The reset is found, then walking to the root session fails.
      let reads = 0;
      const flaky = {
        id: 'flaky',
        type: 'node',
        get parentSession(): DebugSessionRef | undefined {
          reads += 1;
          if (reads > 1) {
            throw new Error('gone');
          }
          return undefined;
        },
      };
      assert.deepEqual(events.adapterStarted(flaky).toAdapter(request('restart')), [RESET]);
    });
  });

  describe('child sessions and counting once', () => {
    it('counts an exception and an exit once for a root session and all its children', () => {
      const root = session('root');
      const child = session('child', 'pwa-node', root);
      const grandchild = session('grandchild', 'pwa-node', child);
      const rootObserver = events.adapterStarted(root);
      const childObserver = events.adapterStarted(child);
      const grandchildObserver = events.adapterStarted(grandchild);
      assert.deepEqual(grandchildObserver.fromAdapter(stderr('Uncaught TypeError TypeError: x')), [
        exception('TypeError'),
      ]);
      assert.deepEqual(childObserver.fromAdapter(stderr('TypeError: x')), []);
      assert.deepEqual(rootObserver.fromAdapter(stderr('Uncaught TypeError TypeError: x')), []);
      assert.deepEqual(childObserver.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.deepEqual(rootObserver.fromAdapter(event('exited', { exitCode: 1 })), []);
    });

    it('keeps separate counts for separate root sessions', () => {
      const a = events.adapterStarted(session('a'));
      const b = events.adapterStarted(session('b'));
      for (const observer of [a, b]) {
        assert.deepEqual(observer.fromAdapter(stderr('TypeError: x')), [exception('TypeError')]);
        assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      }
    });

    it('counts again after a restart: the restarted program may die again', () => {
      const root = session('root');
      const child = session('child', 'pwa-node', root);
      const observer = events.adapterStarted(root);
      const childObserver = events.adapterStarted(child);
      assert.deepEqual(childObserver.fromAdapter(stderr('TypeError: x')), [exception('TypeError')]);
      assert.deepEqual(childObserver.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.deepEqual(childObserver.toAdapter(request('restart')), [RESET]);
      assert.deepEqual(childObserver.fromAdapter(stderr('TypeError: x')), [exception('TypeError')]);
      assert.deepEqual(childObserver.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.deepEqual(events.adapterStarted(root).toAdapter(request('launch')), [RESET]);
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 7 })), [exit('exit:7')]);
      assert.deepEqual(events.adapterStarted(session('other')).toAdapter(request('launch', { __restart: {} })), [
        RESET,
      ]);
    });

    it("forgets a root session's counts when it ends, and keeps them when only a child ends", () => {
      const root = session('root');
      const child = session('child', 'pwa-node', root);
      const observer = events.adapterStarted(root);
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      events.sessionEnded(child);
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 1 })), []);
      assert.deepEqual(events.remembered.roots, 1);
      events.sessionEnded(root);
      assert.deepEqual(events.remembered.roots, 0);
      // An output event arriving after the end starts afresh.
      assert.deepEqual(observer.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
    });
  });

  describe('bounded memory', () => {
    it('forgets every remembered session id once more than the limit were seen', () => {
      const small = new DebugSessionEvents({ maxSeenSessions: 3, maxRoots: 10 });
      for (const id of ['s1', 's2', 's3']) {
        assert.deepEqual(small.adapterStarted(session(id)).toAdapter(request('launch')), [RUN_NODE]);
      }
      assert.equal(small.remembered.sessions, 3);
      assert.deepEqual(small.adapterStarted(session('s1')).toAdapter(request('launch')), [RESET]);
      assert.equal(small.remembered.sessions, 3);
      assert.deepEqual(small.adapterStarted(session('s4')).toAdapter(request('launch')), [RUN_NODE]);
      assert.equal(small.remembered.sessions, 0);
      assert.deepEqual(
        small.adapterStarted(session('s1')).toAdapter(request('launch')),
        [RUN_NODE],
        's1 was forgotten',
      );
    });

    it('remembers at most 1000 session ids by default', () => {
      assert.deepEqual(DEBUG_SESSION_LIMITS, { maxSeenSessions: 1000, maxRoots: 1000 });
      for (let i = 0; i < 1000; i++) {
        events.adapterStarted(session(`s${i}`));
      }
      assert.equal(events.remembered.sessions, 1000);
      assert.deepEqual(events.adapterStarted(session('s0')).toAdapter(request('launch')), [RESET]);
      events.adapterStarted(session('s1000'));
      assert.equal(events.remembered.sessions, 0);
    });

    it('keeps the counts of at most maxRoots root sessions, forgetting the oldest first', () => {
      const small = new DebugSessionEvents({ maxSeenSessions: 100, maxRoots: 2 });
      const [r1, r2, r3] = ['r1', 'r2', 'r3'].map((id) => small.adapterStarted(session(id)));
      assert.deepEqual(r1.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.deepEqual(r2.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.deepEqual(r3.fromAdapter(event('exited', { exitCode: 1 })), [exit('exit:1')]);
      assert.equal(small.remembered.roots, 2);
      assert.deepEqual(r3.fromAdapter(event('exited', { exitCode: 1 })), [], 'r3 is remembered');
      assert.deepEqual(r2.fromAdapter(event('exited', { exitCode: 1 })), [], 'r2 is remembered');
      assert.deepEqual(
        r1.fromAdapter(event('exited', { exitCode: 1 })),
        [exit('exit:1')],
        'r1 was the oldest and was forgotten',
      );
      assert.equal(small.remembered.roots, 2);
    });

    it('stays bounded when sessions never report their end', () => {
      for (let i = 0; i < 5000; i++) {
        events.adapterStarted(session(`s${i}`)).fromAdapter(stderr('Debugger attached.'));
      }
      assert.equal(events.remembered.roots, 1000);
      assert.ok(events.remembered.sessions <= 1000);
    });
  });
});
