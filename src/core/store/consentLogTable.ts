// The consent log (every change of the consent decision, with its inputs), as
// plain functions over an open database.
import type { EffectiveLevel, PrivacyState } from '../types';
import type { SqlDatabase } from './sqlite';
import { query } from './sqlRows';

export interface ConsentLogEntry {
  readonly atMs: number;
  readonly level: EffectiveLevel;
  readonly state: PrivacyState;
  readonly reason: string;
  readonly enabled: boolean;
  readonly usage: boolean;
  readonly errors: boolean;
  readonly dnt: boolean;
}

export function insertConsentLogEntry(db: SqlDatabase, entry: ConsentLogEntry): void {
  db.run(
    `INSERT INTO consent_log (at_ms, level, state, reason, enabled, usage, errors, dnt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [entry.atMs, entry.level, entry.state, entry.reason, +entry.enabled, +entry.usage, +entry.errors, +entry.dnt],
  );
}

/** The consent log, oldest first. */
export function readConsentLog(db: SqlDatabase): ConsentLogEntry[] {
  return query(
    db,
    `SELECT at_ms, level, state, reason, enabled, usage, errors, dnt FROM consent_log ORDER BY at_ms, id`,
  ).map((r) => ({
    atMs: Number(r.at_ms),
    level: String(r.level) as EffectiveLevel,
    state: String(r.state) as PrivacyState,
    reason: String(r.reason),
    enabled: r.enabled === 1,
    usage: r.usage === 1,
    errors: r.errors === 1,
    dnt: r.dnt === 1,
  }));
}
