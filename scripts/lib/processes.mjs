// Every process the harness starts is tracked here, in its own process group,
// so that a pass, a failure, a time-out or Ctrl-C ends all of them.
import { spawn } from 'node:child_process';

const groups = new Set();
let stopping = false;

/** True once a signal asked the harness to stop: nothing new may start. */
export function isStopping() {
  return stopping;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command as the leader of a new process group. */
export function spawnGroup(command, args, options = {}) {
  if (stopping) throw new Error('the harness is stopping; not starting anything new');
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child.pid);
  child.once('exit', () => {
    // The leader exiting does not end its children; keep the group until stopped.
  });
  return child;
}

/** SIGTERM the whole group, then SIGKILL whatever is left after `graceMs`. */
export async function stopGroup(pid, graceMs = 3000) {
  if (!pid) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

function stopAllNow() {
  for (const pid of groups) {
    killGroup(pid, 'SIGKILL');
  }
  groups.clear();
}

let handlersInstalled = false;
/** On exit or on a signal, nothing the harness started is left running. */
export function installCleanupHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stopping = true;
      // SIGTERM first so that each child can end what it started in turn.
      void Promise.all([...groups].map((pid) => stopGroup(pid))).finally(() => {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
}
