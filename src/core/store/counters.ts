// The daily counters and the recent-events list, as plain functions over an
// open database. Deleting recorded data also touches the pending reports built
// from it, so those rules live here too.
import { canonicalPropsKey } from '../report';
import { splitNamespaced } from '../declarations/declaredEvents';
import type { Category, Counter, PropValue } from '../types';
import type { SqlDatabase } from './sqlite';
import { asCategory, parseProps, query, type Row } from './sqlRows';

export interface StoredCounter extends Counter {
  readonly category: Category;
}

export interface DayCounters {
  readonly day: string;
  readonly counters: readonly StoredCounter[];
}

export interface RecentEvent {
  readonly ts: number;
  readonly day: string;
  readonly name: string;
  readonly category: Category;
  readonly props: Readonly<Record<string, PropValue>>;
}

/** Counters per UTC day (oldest day first), optionally of one day only. */
export function readCounters(db: SqlDatabase, day?: string): DayCounters[] {
  const rows =
    day === undefined
      ? query(db, `SELECT day, event, props, category, count FROM counters ORDER BY day, event, props`)
      : query(db, `SELECT day, event, props, category, count FROM counters WHERE day = ? ORDER BY event, props`, [day]);
  const byDay = new Map<string, StoredCounter[]>();
  for (const row of rows) {
    const d = String(row.day);
    let list = byDay.get(d);
    if (list === undefined) {
      byDay.set(d, (list = []));
    }
    list.push({
      event: String(row.event),
      props: parseProps(row.props),
      category: asCategory(row.category),
      count: Number(row.count),
    });
  }
  return [...byDay].map(([d, counters]) => ({ day: d, counters }));
}

/** The UTC days that hold counters, oldest first. */
export function readCounterDays(db: SqlDatabase): string[] {
  return query(db, `SELECT DISTINCT day FROM counters ORDER BY day`).map((r) => String(r.day));
}

/** Days before `beforeDay` that hold counters but have no report of any status yet, oldest first. */
export function readDaysWithoutReport(db: SqlDatabase, beforeDay: string): string[] {
  return query(
    db,
    `SELECT DISTINCT day FROM counters WHERE day < ? AND day NOT IN (SELECT day FROM reports) ORDER BY day`,
    [beforeDay],
  ).map((r) => String(r.day));
}

/** The newest recorded events, newest first. */
export function readRecentEvents(db: SqlDatabase, limit: number): RecentEvent[] {
  return query(db, `SELECT ts, day, event, props, category FROM recent_events ORDER BY ts DESC, id DESC LIMIT ?`, [
    Math.max(0, Math.floor(limit)),
  ]).map(toRecentEvent);
}

/**
 * Delete one counter. The day's pending report (which still contains it) is
 * deleted too, so that it is rebuilt without it. Returns whether a counter was deleted.
 */
export function deleteCounter(
  db: SqlDatabase,
  day: string,
  event: string,
  props: Readonly<Record<string, PropValue>>,
): boolean {
  db.run(`DELETE FROM counters WHERE day = ? AND event = ? AND props = ?`, [day, event, canonicalPropsKey(props)]);
  const deleted = db.getRowsModified() > 0;
  if (deleted) {
    db.run(`DELETE FROM reports WHERE day = ? AND status = 'pending'`, [day]);
  }
  return deleted;
}

/** Delete a day's counters and recent events; its pending report is marked discarded (and emptied). */
export function deleteDay(db: SqlDatabase, day: string): void {
  db.run(`DELETE FROM counters WHERE day = ?`, [day]);
  db.run(`DELETE FROM recent_events WHERE day = ?`, [day]);
  db.run(
    `UPDATE reports SET status = 'discarded', body = '', lease_owner = NULL, lease_until_ms = NULL
          WHERE day = ? AND status = 'pending'`,
    [day],
  );
}

/**
 * Consent for these categories was withdrawn: purge what has not been sent —
 * their counters, their recent events — and every pending report (a report
 * mixes categories; it is rebuilt from what remains).
 */
export function purgeCategories(db: SqlDatabase, categories: readonly Category[]): void {
  for (const category of categories) {
    db.run(`DELETE FROM counters WHERE category = ?`, [category]);
    db.run(`DELETE FROM recent_events WHERE category = ?`, [category]);
  }
  db.run(`DELETE FROM reports WHERE status = 'pending'`);
}

function toRecentEvent(r: Row): RecentEvent {
  return {
    ts: Number(r.ts),
    day: String(r.day),
    name: String(r.event),
    category: asCategory(r.category),
    props: parseProps(r.props),
  };
}

/** Events stored (counters or recent events) under a `publisher.name:` namespace, with their extension's id. */
function namespacedEvents(db: SqlDatabase): { readonly event: string; readonly extensionId: string }[] {
  const names = query(
    db,
    `SELECT DISTINCT event FROM counters WHERE instr(event, ':') > 0
     UNION SELECT DISTINCT event FROM recent_events WHERE instr(event, ':') > 0`,
  ).map((row) => String(row.event));
  return names.flatMap((event) => {
    const parts = splitNamespaced(event);
    return parts === undefined ? [] : [{ event, extensionId: parts.extensionId }];
  });
}

function purgeEvents(db: SqlDatabase, events: readonly string[]): number {
  let removed = 0;
  for (const event of events) {
    db.run(`DELETE FROM counters WHERE event = ?`, [event]);
    removed += db.getRowsModified();
    db.run(`DELETE FROM recent_events WHERE event = ?`, [event]);
    removed += db.getRowsModified();
  }
  if (removed > 0) {
    // A pending report may hold them; it is rebuilt from what remains.
    db.run(`DELETE FROM reports WHERE status = 'pending'`);
  }
  return removed;
}

/**
 * These extensions were switched off: purge what has not been sent — their
 * counters and recent events — and every pending report that could hold them.
 * Returns how many rows were removed.
 */
export function purgeExtensions(db: SqlDatabase, extensionIds: readonly string[]): number {
  const ids = new Set(extensionIds);
  return purgeEvents(
    db,
    namespacedEvents(db)
      .filter((e) => ids.has(e.extensionId))
      .map((e) => e.event),
  );
}

/** Purges, as for a switched-off extension, the data of every extension not in `installed`. Returns the rows removed. */
export function purgeExtensionsExcept(db: SqlDatabase, installed: readonly string[]): number {
  const keep = new Set(installed);
  return purgeEvents(
    db,
    namespacedEvents(db)
      .filter((e) => !keep.has(e.extensionId))
      .map((e) => e.event),
  );
}
