// Reading the local consent log: when did the user last start sharing, and
// does the current decision need a new entry.
import type { ConsentLogEntry } from './store';
import type { ConsentDecision } from './types';

/**
 * The moment sharing was last switched on: the first entry of the final run of
 * consecutive 'sharing' entries. Undefined when the latest entry is not
 * sharing. Reports of days that began before this moment are never sent.
 */
export function sharingSinceMs(entries: readonly ConsentLogEntry[]): number | undefined {
  const ordered = [...entries].sort((a, b) => a.atMs - b.atMs);
  let since: number | undefined;
  for (const entry of ordered) {
    if (entry.state !== 'sharing') {
      since = undefined;
    } else {
      since ??= entry.atMs;
    }
  }
  return since;
}

/** Whether the log's latest entry already says what `decision` says. */
export function isLogged(entries: readonly ConsentLogEntry[], decision: ConsentDecision): boolean {
  const last = entries.reduce<ConsentLogEntry | undefined>(
    (latest, e) => (latest === undefined || e.atMs >= latest.atMs ? e : latest),
    undefined,
  );
  return (
    last !== undefined &&
    last.state === decision.state &&
    last.level === decision.level &&
    last.reason === decision.reason
  );
}
