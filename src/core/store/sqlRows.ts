// Small helpers the table modules share to read rows out of sql.js.
import type { Category, PropValue } from '../types';
import type { SqlDatabase } from './sqlite';

export type Row = Record<string, string | number | Uint8Array | null>;

export function query(db: SqlDatabase, sql: string, params: (string | number | null)[] = []): Row[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: Row[] = [];
    while (statement.step()) {
      rows.push(statement.getAsObject());
    }
    return rows;
  } finally {
    statement.free();
  }
}

export function scalar(db: SqlDatabase, sql: string): number {
  const value = db.exec(sql)[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function parseProps(value: unknown): Record<string, PropValue> {
  const parsed: unknown = JSON.parse(String(value));
  const props: Record<string, PropValue> = {};
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [key, v] of Object.entries(parsed)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        props[key] = v;
      }
    }
  }
  return props;
}

export function asCategory(value: unknown): Category {
  return value === 'errors' ? 'errors' : 'usage';
}

export function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}
