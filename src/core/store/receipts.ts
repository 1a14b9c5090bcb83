// The receipts of upload attempts, as plain functions over an open database.
import type { UploadFormat } from '../types';
import type { UploadReceipt } from '../upload/ports';
import { DAY_MS } from '../utcDay';
import type { SqlDatabase } from './sqlite';
import { optionalNumber, query, scalar } from './sqlRows';

/** The record of one upload attempt, as the uploader makes it, with an optional note. */
export interface NewReceipt extends UploadReceipt {
  readonly note?: string;
}

export interface StoredReceipt extends NewReceipt {
  readonly id: number;
}

/** Stores a receipt; returns its id. */
export function insertReceipt(db: SqlDatabase, r: NewReceipt): number {
  db.run(
    `INSERT INTO receipts (day, format, bytes, body_bytes, sha256, endpoint_host, status, at_ms, outcome, next_attempt_ms, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.day,
      r.format,
      r.bytes,
      r.bodyBytes,
      r.sha256,
      r.endpointHost,
      r.status,
      r.atMs,
      r.outcome,
      r.nextAttemptMs ?? null,
      r.note ?? null,
    ],
  );
  return scalar(db, `SELECT last_insert_rowid()`);
}

/** Receipts, newest first. */
export function readReceipts(db: SqlDatabase, limit: number): StoredReceipt[] {
  return query(db, `SELECT * FROM receipts ORDER BY at_ms DESC, id DESC LIMIT ?`, [limit]).map((r) => {
    const receipt: StoredReceipt = {
      id: Number(r.id),
      day: String(r.day),
      format: String(r.format) as UploadFormat,
      bytes: Number(r.bytes),
      bodyBytes: Number(r.body_bytes),
      sha256: String(r.sha256),
      endpointHost: String(r.endpoint_host),
      status: String(r.status),
      atMs: Number(r.at_ms),
      outcome: String(r.outcome) as NewReceipt['outcome'],
      ...(r.next_attempt_ms === null || r.next_attempt_ms === undefined
        ? {}
        : { nextAttemptMs: Number(r.next_attempt_ms) }),
      ...(r.note === null || r.note === undefined ? {} : { note: String(r.note) }),
    };
    return receipt;
  });
}

/** Bytes on the wire (receipt `bytes`) of the attempts made on the UTC day `day`; 0 for a malformed day. */
export function bytesSentOnDay(db: SqlDatabase, day: string): number {
  const startMs = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(startMs)) {
    return 0;
  }
  const rows = query(db, `SELECT COALESCE(SUM(bytes), 0) AS total FROM receipts WHERE at_ms >= ? AND at_ms < ?`, [
    startMs,
    startMs + DAY_MS,
  ]);
  return Number(rows[0]?.total ?? 0);
}

/** When this install last made a request (a receipt with bytes on the wire); undefined if never. */
export function lastRequestMs(db: SqlDatabase): number | undefined {
  const rows = query(db, `SELECT MAX(at_ms) AS last FROM receipts WHERE bytes > 0`);
  return optionalNumber(rows[0]?.last);
}
