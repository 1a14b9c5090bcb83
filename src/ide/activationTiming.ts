// For `npm run bench` (scripts/bench-activation.mjs): when the benchmark sets
// CANDOR_ACTIVATION_TIMES_FILE, each activation appends how long activate()
// took, in milliseconds, as one line. Without the variable nothing is measured
// or written.
import { appendFileSync } from 'node:fs';

export const ACTIVATION_TIMES_ENV = 'CANDOR_ACTIVATION_TIMES_FILE';

/** Runs `activate`, timing it when the benchmark asks. */
export function timeActivation<T>(activate: () => T): T {
  const file = process.env[ACTIVATION_TIMES_ENV];
  if (!file) {
    return activate();
  }
  const start = performance.now();
  try {
    return activate();
  } finally {
    try {
      appendFileSync(file, `${(performance.now() - start).toFixed(3)}\n`);
    } catch {
      // A benchmark aid must never fail activation.
    }
  }
}
