// The one SQL query behind the Insights view: the counters of a range of days,
// grouped by the few properties Insights looks at. It only reads.

import type { SqlDatabase } from '../sqlite';
import type { InsightsRow } from './types';

const QUERY = `
  SELECT day, event,
         json_extract(props, '$.kind') AS kind,
         json_extract(props, '$.origin') AS origin,
         json_extract(props, '$.source') AS source,
         json_extract(props, '$.code') AS code,
         SUM(count) AS n
  FROM counters
  WHERE day >= ? AND day <= ?
  GROUP BY day, event, kind, origin, source, code
  ORDER BY day, event`;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Grouped counter rows of the days `fromDay` … `toDay` (both included). */
export function readInsightsRows(db: SqlDatabase, fromDay: string, toDay: string): InsightsRow[] {
  const statement = db.prepare(QUERY, [fromDay, toDay]);
  try {
    const rows: InsightsRow[] = [];
    while (statement.step()) {
      const [day, event, kind, origin, source, code, n] = statement.get();
      rows.push({ day: String(day), event: String(event), kind: text(kind), origin: text(origin), source: text(source), code: text(code), count: Number(n) });
    }
    return rows;
  } finally {
    statement.free();
  }
}
