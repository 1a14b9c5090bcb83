// The store's schema, as an ordered list of migrations. A database records the
// number of migrations applied (meta.schema_version); opening it applies the
// missing ones in order, each in its own transaction, so a database written by
// an older Candor is brought up to date without losing data.

import type { SqlDatabase } from './sqlite';

export type Migration = (db: SqlDatabase) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: the event store — daily counters, the recent-events list for the live
  // view, and the ids of journal segments already applied (idempotent replay).
  (db) => {
    db.run(`
      CREATE TABLE counters (
        day TEXT NOT NULL,
        event TEXT NOT NULL,
        props TEXT NOT NULL,
        category TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, event, props)
      ) WITHOUT ROWID;
      CREATE TABLE recent_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts INTEGER NOT NULL,
        day TEXT NOT NULL,
        event TEXT NOT NULL,
        props TEXT NOT NULL,
        category TEXT NOT NULL
      );
      CREATE INDEX recent_events_ts ON recent_events (ts);
      CREATE TABLE applied_segments (
        id TEXT PRIMARY KEY,
        applied_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
  // 2: the upload side — report queue with leases, receipts of every attempt,
  // and the consent log.
  (db) => {
    db.run(`
      CREATE TABLE reports (
        day TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dropped', 'discarded')),
        body TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
        sent_ms INTEGER,
        lease_owner TEXT,
        lease_until_ms INTEGER,
        approved INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE receipts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        day TEXT NOT NULL,
        format TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        body_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        endpoint_host TEXT NOT NULL,
        status TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        next_attempt_ms INTEGER,
        note TEXT
      );
      CREATE INDEX receipts_at ON receipts (at_ms);
      CREATE TABLE consent_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        level TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        usage INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        dnt INTEGER NOT NULL
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database was written by a newer Candor; it is left untouched rather than guessed at. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The Candor database has schema version ${found}; this version of Candor understands up to ${supported}`);
  }
}

export function readSchemaVersion(db: SqlDatabase): number {
  const hasMeta = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`);
  if (hasMeta.length === 0) {
    return 0;
  }
  const rows = db.exec(`SELECT value FROM meta WHERE key = 'schema_version'`);
  const value = rows[0]?.values[0]?.[0];
  return value === undefined || value === null ? 0 : Number(value);
}

/** Apply the migrations after the database's version, up to `target` (default: all). */
export function migrate(db: SqlDatabase, target: number = SCHEMA_VERSION): number {
  db.run(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const current = readSchemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new SchemaTooNewError(current, SCHEMA_VERSION);
  }
  for (let version = current + 1; version <= target; version++) {
    const step = MIGRATIONS[version - 1];
    if (step === undefined) {
      break;
    }
    db.run('BEGIN');
    try {
      step(db);
      db.run(
        `INSERT INTO meta (key, value) VALUES ('schema_version', ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [String(version)],
      );
      db.run('COMMIT');
    } catch (err) {
      db.run('ROLLBACK');
      throw err;
    }
  }
  return readSchemaVersion(db);
}
