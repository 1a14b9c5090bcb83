// Checks an export file against the database it was taken from, row by row:
// the JSON document and the CSV (parsed here as RFC 4180, independently of the
// code that wrote it) must hold exactly what the store holds.
import * as assert from 'node:assert/strict';
import type { CandorStore } from '../../src/core/store';

/** Parses RFC 4180 text: comma-separated fields, CRLF-ended records, `"`-quoted fields with `""` for a quote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at offset ${i}`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += 2;
    } else {
      assert.notEqual(ch, '\n', `a bare LF ends a record at offset ${i} (RFC 4180 wants CRLF)`);
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  assert.equal(quoted, false, 'the CSV ends inside a quoted field');
  assert.equal(fieldStarted || field !== '', false, 'the last CSV record is not ended by CRLF');
  return records;
}

type StoreView = Pick<CandorStore, 'counters' | 'recentEvents' | 'reports' | 'receipts' | 'consentLog'>;

const sortRows = <T>(rows: readonly T[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
/** Property objects compared regardless of key order. */
const canonical = (props: unknown): [string, unknown][] =>
  Object.entries(props as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
const iso = (ms: number): string => new Date(ms).toISOString();

/** The rows the database holds, in the export's shape, each list sorted. */
async function databaseRows(store: StoreView) {
  const counters = (await store.counters()).flatMap((d) =>
    d.counters.map((c) => ({
      day: d.day,
      event: c.event,
      category: c.category,
      props: canonical(c.props),
      count: c.count,
    })),
  );
  const events = (await store.recentEvents()).map((e) => ({
    time: iso(e.ts),
    day: e.day,
    event: e.name,
    category: e.category,
    props: canonical(e.props),
  }));
  return { counters, events };
}

/** The CSV file holds exactly the database's counters and recent events, row for row. Returns the number of data rows. */
export async function assertCsvMatchesDatabase(csv: string, store: StoreView): Promise<number> {
  const [header, ...rows] = parseCsv(csv);
  assert.deepEqual(header, ['record', 'day', 'time', 'event', 'category', 'count', 'props']);
  for (const row of rows) {
    assert.equal(row.length, header.length, `a CSV row has ${row.length} fields: ${JSON.stringify(row)}`);
  }
  const kinds = new Set(rows.map((r) => r[0]));
  assert.deepEqual(
    [...kinds].filter((k) => k !== 'counter' && k !== 'event'),
    [],
    'the CSV holds rows of an unknown kind',
  );
  const fromCsv = {
    counters: rows
      .filter((r) => r[0] === 'counter')
      .map(([, day, time, event, category, count, props]) => {
        assert.equal(time, '', 'a counter row has a time');
        return { day, event, category, props: canonical(JSON.parse(props)), count: Number(count) };
      }),
    events: rows
      .filter((r) => r[0] === 'event')
      .map(([, day, time, event, category, count, props]) => {
        assert.equal(count, '1', 'an event row counts one event');
        return { time, day, event, category, props: canonical(JSON.parse(props)) };
      }),
  };
  const db = await databaseRows(store);
  assert.deepEqual(sortRows(fromCsv.counters), sortRows(db.counters), 'the CSV counters differ from the database');
  assert.deepEqual(sortRows(fromCsv.events), sortRows(db.events), 'the CSV events differ from the database');
  return rows.length;
}

interface ExportDocument {
  format: string;
  counters: { day: string; event: string; category: string; props: unknown; count: number }[];
  recentEvents: { time: string; day: string; event: string; category: string; props: unknown }[];
  reports: { day: string; status: string; attempts: number; sentAt: string | null; body: string }[];
  receipts: {
    day: string;
    at: string;
    endpointHost: string;
    format: string;
    status: string;
    outcome: string;
    bytes: number;
    bodyBytes: number;
    sha256: string;
  }[];
  consentLog: {
    at: string;
    level: string;
    state: string;
    reason: string;
    enabled: boolean;
    usage: boolean;
    errors: boolean;
    dnt: boolean;
  }[];
}

/** The JSON export holds exactly what the database holds, list by list and row by row. */
export async function assertJsonMatchesDatabase(json: string, store: StoreView): Promise<ExportDocument> {
  const doc = JSON.parse(json) as ExportDocument;
  assert.equal(doc.format, 'candor.export/1');
  const db = await databaseRows(store);
  assert.deepEqual(
    sortRows(doc.counters.map((c) => ({ ...c, props: canonical(c.props) }))),
    sortRows(db.counters),
    'the JSON counters differ from the database',
  );
  assert.deepEqual(
    sortRows(doc.recentEvents.map((e) => ({ ...e, props: canonical(e.props) }))),
    sortRows(db.events),
    'the JSON events differ from the database',
  );
  const reports = (await store.reports()).map((r) => ({
    day: r.day,
    status: r.status,
    attempts: r.attempts,
    sentAt: r.sentMs === undefined ? null : iso(r.sentMs),
    body: r.body,
  }));
  assert.deepEqual(sortRows(doc.reports), sortRows(reports), 'the JSON reports differ from the database');
  const receipts = (await store.receipts()).map((r) => ({
    day: r.day,
    at: iso(r.atMs),
    endpointHost: r.endpointHost,
    format: r.format,
    status: r.status,
    outcome: r.outcome,
    bytes: r.bytes,
    bodyBytes: r.bodyBytes,
    sha256: r.sha256,
  }));
  assert.deepEqual(
    sortRows(
      doc.receipts.map((r) => ({
        day: r.day,
        at: r.at,
        endpointHost: r.endpointHost,
        format: r.format,
        status: r.status,
        outcome: r.outcome,
        bytes: r.bytes,
        bodyBytes: r.bodyBytes,
        sha256: r.sha256,
      })),
    ),
    sortRows(receipts),
    'the JSON receipts differ from the database',
  );
  const consent = (await store.consentLog()).map((c) => ({
    at: iso(c.atMs),
    level: c.level,
    state: c.state,
    reason: c.reason,
    enabled: c.enabled,
    usage: c.usage,
    errors: c.errors,
    dnt: c.dnt,
  }));
  assert.deepEqual(
    sortRows(
      doc.consentLog.map((c) => ({
        at: c.at,
        level: c.level,
        state: c.state,
        reason: c.reason,
        enabled: c.enabled,
        usage: c.usage,
        errors: c.errors,
        dnt: c.dnt,
      })),
    ),
    sortRows(consent),
    'the JSON consent log differs from the database',
  );
  return doc;
}
