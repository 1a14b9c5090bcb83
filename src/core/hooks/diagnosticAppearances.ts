// Decides which diagnostics count as `ide.error` events. Diagnostics are
// re-published on every keystroke, so a (source, code, severity) counts when it
// appears in a document, not again while it stays there.

import { mapDiagnostic, mapSeverity, type Severity } from '../errorCodes';
import type { HookEvent } from './hookEvent';

/** Upper bound on documents remembered, so memory stays bounded in huge workspaces. */
export const MAX_DOCUMENTS = 5000;

/** The facts of a diagnostic this module reads; `vscode.Diagnostic` has them. */
export interface DiagnosticRef {
  readonly source?: unknown;
  readonly code?: unknown;
  /** VS Code's numbering: Error=0, Warning=1, Information=2, Hint=3. */
  readonly severity: number;
}

/** One document whose diagnostics changed: an in-memory key (never stored) and its diagnostics now. */
export type ChangedDocument = readonly [key: string, diagnostics: readonly DiagnosticRef[]];

const ERROR = 0;
const WARNING = 1;

/** Information and hints are advice, not failures. */
function isRecorded(severity: number): severity is 0 | 1 {
  return severity === ERROR || severity === WARNING;
}

function keysOf(diagnostics: readonly DiagnosticRef[]): Set<string> {
  const keys = new Set<string>();
  for (const d of diagnostics) {
    if (!isRecorded(d.severity)) {
      continue;
    }
    // mapDiagnostic keeps only the value of a `{ value, target }` code.
    const mapped = mapDiagnostic(d.source, d.code);
    keys.add(JSON.stringify([mapped.source, mapped.code, mapSeverity(d.severity)]));
  }
  return keys;
}

function appeared(key: string): HookEvent {
  const [source, code, severity] = JSON.parse(key) as [string, string, Severity];
  return { name: 'ide.error', props: { origin: 'diagnostic', source, code, severity } };
}

export class DiagnosticAppearances {
  /** Document key → the mapped keys present in it at the last pass; Map order is last-change order. */
  private readonly present = new Map<string, Set<string>>();

  constructor(private readonly maxDocuments = MAX_DOCUMENTS) {}

  /** How many documents are remembered; never more than the limit after a pass. */
  get size(): number {
    return this.present.size;
  }

  /**
   * One pass over the documents whose diagnostics changed: the events for what
   * appeared in them. A failure loses the rest of the pass, never throws, and
   * keeps what was found before it.
   */
  changed(documents: Iterable<ChangedDocument>): HookEvent[] {
    const events: HookEvent[] = [];
    try {
      for (const [key, diagnostics] of documents) {
        const now = keysOf(diagnostics);
        const before = this.present.get(key);
        for (const entry of now) {
          if (!before?.has(entry)) {
            events.push(appeared(entry));
          }
        }
        this.present.delete(key);
        if (now.size > 0) {
          this.present.set(key, now);
        }
      }
      while (this.present.size > this.maxDocuments) {
        const oldest = this.present.keys().next().value;
        if (oldest === undefined) {
          break;
        }
        this.present.delete(oldest);
      }
    } catch {
      // Telemetry never throws into the editor; the next change is looked at afresh.
    }
    return events;
  }
}
