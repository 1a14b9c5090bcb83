// Marks every process a test run starts, so that the run can find — and end —
// exactly its own leftovers, and never another checkout's processes on the same
// machine. The marker is an environment variable: children inherit it, and the
// extension hosts and servers they start inherit it in turn.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

export const RUN_MARKER_VARIABLE = 'CANDOR_TEST_RUN_ID';

/** Sets this run's marker in our own environment (inherited by every child) and returns it. */
export function markThisRun() {
  const id = randomUUID();
  process.env[RUN_MARKER_VARIABLE] = id;
  return id;
}

/** Pids of live processes, other than this one, whose environment carries `id`. */
export function processesOfRun(id) {
  const needle = `${RUN_MARKER_VARIABLE}=${id}`;
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environment = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && environment.includes(needle)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** SIGKILLs the given pids (each of them started by this run). */
export function killProcesses(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
