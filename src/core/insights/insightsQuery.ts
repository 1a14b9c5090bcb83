// The one SQL query behind the Insights view: the counters of a range of days,
// each reduced to the few properties Insights looks at. It only reads.
//
// The properties are picked here rather than with json_extract in SQL: the
// store holds only a few hundred distinct property sets, so each is parsed
// once and shared by every row that has it.

import type { SqlDatabase } from '../store/sqlite';
import type { InsightsRow } from './types';

const QUERY = `SELECT day, event, props, count FROM counters WHERE day >= ? AND day <= ? ORDER BY day, event`;

interface PickedProps {
  readonly kind: string | null;
  readonly origin: string | null;
  readonly source: string | null;
  readonly code: string | null;
}

const NO_PROPS: PickedProps = { kind: null, origin: null, source: null, code: null };

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The properties Insights groups by; anything unreadable counts as having none. */
function pickProps(json: string): PickedProps {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) {
      return NO_PROPS;
    }
    const props = parsed as Record<string, unknown>;
    return {
      kind: text(props['kind']),
      origin: text(props['origin']),
      source: text(props['source']),
      code: text(props['code']),
    };
  } catch {
    return NO_PROPS;
  }
}

/**
 * The counter rows of the days `fromDay` … `toDay` (both included), by day then
 * event, each reduced to the properties Insights looks at. Rows that differ
 * only in other properties (runtime, severity) stay separate; the aggregations sum them.
 */
export function readInsightsRows(db: SqlDatabase, fromDay: string, toDay: string): InsightsRow[] {
  const picked = new Map<string, PickedProps>();
  const rows: InsightsRow[] = [];
  const statement = db.prepare(QUERY, [fromDay, toDay]);
  try {
    while (statement.step()) {
      const [day, event, props, count] = statement.get();
      const json = String(props);
      let p = picked.get(json);
      if (p === undefined) {
        picked.set(json, (p = pickProps(json)));
      }
      rows.push({
        day: String(day),
        event: String(event),
        kind: p.kind,
        origin: p.origin,
        source: p.source,
        code: p.code,
        count: Number(count),
      });
    }
  } finally {
    statement.free();
  }
  return rows;
}
