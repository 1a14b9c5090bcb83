// The outbound daily report: built from one UTC day's counters and serialised
// exactly once, canonically, so the bytes shown to the user are the bytes sent.

import { describeError } from './describeError';
import { z } from 'zod';
import { ARCH_VALUES, OS_VALUES, UI_VALUES, VERSION_PATTERN, validateEvent } from './catalog';
import type { SensitiveKind } from './privacyGuard';
import { isUtcDay } from './utcDay';
import type { ClientInfo, Counter, DailyReport, PropValue } from './types';

export const REPORT_SCHEMA = 'candor.report/1';

/** Upper bounds so a damaged or hostile stored report cannot cost much to read. */
export const MAX_REPORT_COUNTERS = 10_000;
export const MAX_REPORT_TEXT_LENGTH = 4 * 1024 * 1024;

export class InvalidReportError extends Error {
  override readonly name = 'InvalidReportError';

  constructor(readonly reason: string) {
    super(`Candor: invalid report: ${reason}`);
  }
}

/** Thrown by the final outbound check; the offending value is never repeated. */
export class ReportNotCleanError extends Error {
  override readonly name = 'ReportNotCleanError';

  constructor(
    readonly kind: SensitiveKind,
    readonly location: string,
  ) {
    super(`Candor: report withheld: ${location} looks like ${kind === 'ip' ? 'an IP address' : `a ${kind}`} value`);
  }
}

// ---------------------------------------------------------------------------
// Canonical form

function sortedKeys(props: Readonly<Record<string, PropValue>>): string[] {
  // Plain code-unit order: independent of locale, identical everywhere.
  return Object.keys(props).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedProps(props: Readonly<Record<string, PropValue>>): Record<string, PropValue> {
  const sorted: Record<string, PropValue> = {};
  for (const key of sortedKeys(props)) {
    sorted[key] = props[key];
  }
  return sorted;
}

/** A stable key for a set of props: canonical JSON with sorted keys. Used for aggregation and ordering. */
export function canonicalPropsKey(props: Readonly<Record<string, PropValue>>): string {
  return JSON.stringify(sortedProps(props));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Building

const clientSchema = z.strictObject({
  extension: z.string().max(64).regex(VERSION_PATTERN),
  vscode: z.string().max(64).regex(VERSION_PATTERN),
  os: z.enum(OS_VALUES),
  arch: z.enum(ARCH_VALUES),
  ui: z.enum(UI_VALUES),
});

function checkClient(client: unknown): ClientInfo {
  const result = clientSchema.safeParse(client);
  if (!result.success) {
    const field = result.error.issues[0]?.path[0];
    throw new InvalidReportError(`client field "${typeof field === 'string' ? field : '?'}" is not valid`);
  }
  const { extension, vscode, os, arch, ui } = result.data;
  return Object.freeze({ extension, vscode, os, arch, ui });
}

function checkCount(count: unknown, index: number): number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new InvalidReportError(`counter ${index}: count must be a non-negative integer`);
  }
  return count;
}

/**
 * Splits counters into those a report may carry and those it must leave out:
 * values that are no longer in the published lists (written by an earlier
 * version, or planted in the file) never reach a report, and never stop the
 * other counters of their day from being reported.
 */
export function reportableCounters(counters: readonly Counter[]): {
  readonly kept: Counter[];
  readonly withheld: number;
} {
  const kept: Counter[] = [];
  let withheld = 0;
  for (const counter of counters) {
    try {
      validateEvent(counter.event, counter.props);
      kept.push(counter);
    } catch {
      withheld++;
    }
  }
  return { kept, withheld };
}

/**
 * Builds the report of one closed UTC day. Every counter is re-validated against
 * the catalog; counters with equal event and props are summed, zero counts are
 * left out, and the order is deterministic (event, then canonical props).
 */
export function buildDailyReport(day: string, client: ClientInfo, counters: readonly Counter[]): DailyReport {
  if (!isUtcDay(day)) {
    throw new InvalidReportError('day must be a calendar date written YYYY-MM-DD');
  }
  const checkedClient = checkClient(client);
  const merged = new Map<string, { event: string; props: Record<string, PropValue>; count: number }>();
  counters.forEach((counter, index) => {
    const count = checkCount(counter.count, index);
    let props: Readonly<Record<string, PropValue>>;
    try {
      props = validateEvent(counter.event, counter.props).props;
    } catch (error) {
      throw new InvalidReportError(`counter ${index}: ${describeError(error)}`);
    }
    if (count === 0) {
      return;
    }
    const key = `${counter.event}\u0000${canonicalPropsKey(props)}`;
    const existing = merged.get(key);
    const total = (existing?.count ?? 0) + count;
    if (!Number.isSafeInteger(total)) {
      throw new InvalidReportError(`counter ${index}: count is too large`);
    }
    merged.set(key, { event: counter.event, props: sortedProps(props), count: total });
  });
  if (merged.size > MAX_REPORT_COUNTERS) {
    throw new InvalidReportError(`too many counters (at most ${MAX_REPORT_COUNTERS})`);
  }
  const sorted = [...merged.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, counter]) =>
      Object.freeze({ event: counter.event, props: Object.freeze(counter.props), count: counter.count }),
    );
  return Object.freeze({ schema: REPORT_SCHEMA, day, client: checkedClient, counters: Object.freeze(sorted) });
}

/**
 * The one serialisation of a report: compact JSON with a fixed key order
 * (schema, day, client{extension, vscode, os, arch, ui}, counters[{event, props, count}])
 * and props keys sorted. Objects are rebuilt here so the caller's key order cannot leak in.
 */
export function serializeReport(report: DailyReport): string {
  const { extension, vscode, os, arch, ui } = report.client;
  return JSON.stringify({
    schema: report.schema,
    day: report.day,
    client: { extension, vscode, os, arch, ui },
    counters: report.counters.map((counter) => ({
      event: counter.event,
      props: sortedProps(counter.props),
      count: counter.count,
    })),
  });
}

// ---------------------------------------------------------------------------
// Parsing (stored or user-edited reports)

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const propValueSchema = z.union([z.string(), z.number(), z.boolean()]);

const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  day: z.string(),
  client: z.unknown(),
  counters: z
    .array(
      z.strictObject({
        // Catalog events and namespaced declared ones; buildDailyReport validates each against them.
        event: z.string().max(200),
        props: z.record(z.string(), propValueSchema),
        count: z.number().int().positive(),
      }),
    )
    .max(MAX_REPORT_COUNTERS),
});

/**
 * Reads a report back from its JSON text and returns it in canonical form.
 * Everything is checked again, counters against the catalog; a stored report
 * never has a zero count.
 */
export function parseReport(text: string): DailyReport {
  if (typeof text !== 'string' || text.length > MAX_REPORT_TEXT_LENGTH) {
    throw new InvalidReportError('report text is missing or too large');
  }
  let json: unknown;
  let forbiddenKey = false;
  try {
    // zod drops a "__proto__" key silently; a stored report holding one was tampered with, so refuse it.
    json = JSON.parse(text, (key: string, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) {
        forbiddenKey = true;
      }
      return value;
    });
  } catch {
    throw new InvalidReportError('report is not valid JSON');
  }
  if (forbiddenKey) {
    throw new InvalidReportError('report contains a forbidden key');
  }
  const result = reportSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'report' : issue.path.map(String).join('.');
    throw new InvalidReportError(`${where} does not match the report schema`);
  }
  const { day, client, counters } = result.data;
  return buildDailyReport(day, client as ClientInfo, counters);
}

// ---------------------------------------------------------------------------
// Final outbound guard

/** Throws ReportNotCleanError if any string in the report looks sensitive. */
export function assertReportClean(
  report: DailyReport,
  guard: { findSensitive(value: string): SensitiveKind | undefined },
): void {
  const check = (value: string, location: string): void => {
    const kind = guard.findSensitive(value);
    if (kind !== undefined) {
      throw new ReportNotCleanError(kind, location);
    }
  };
  check(report.schema, 'schema');
  check(report.day, 'day');
  for (const field of ['extension', 'vscode', 'os', 'arch', 'ui'] as const) {
    check(report.client[field], `client.${field}`);
  }
  report.counters.forEach((counter, index) => {
    check(counter.event, `counters[${index}].event`);
    for (const [key, value] of Object.entries(counter.props)) {
      check(key, `counters[${index}].props`);
      if (typeof value === 'string') {
        check(value, `counters[${index}].props.${key}`);
      }
    }
  });
}
