// "Export All Telemetry Data": what the store holds, as JSON (everything) or
// CSV (the recorded data, one row per counter and per recent event).
import type { ExportWithheld } from '../exportGate';
import { canonicalPropsKey } from '../report';
import { readConsentLog, type ConsentLogEntry } from './consentLogTable';
import { readCounters, readRecentEvents, type DayCounters, type RecentEvent } from './counters';
import { MAX_LOG_ROWS } from './limits';
import { readReceipts, type StoredReceipt } from './receipts';
import { readReports, type ReportRecord } from './reports';
import type { SqlDatabase } from './sqlite';

export interface RecordedData {
  readonly dayCounters: readonly DayCounters[];
  readonly recent: readonly RecentEvent[];
}

export interface ExportData extends RecordedData {
  readonly reports: readonly ReportRecord[];
  readonly receipts: readonly StoredReceipt[];
  readonly consent: readonly ConsentLogEntry[];
}

export function readRecordedData(db: SqlDatabase, recentLimit: number): RecordedData {
  return { dayCounters: readCounters(db), recent: readRecentEvents(db, recentLimit) };
}

export function readExportData(db: SqlDatabase, recentLimit: number): ExportData {
  return {
    ...readRecordedData(db, recentLimit),
    reports: readReports(db),
    receipts: readReceipts(db, MAX_LOG_ROWS),
    consent: readConsentLog(db),
  };
}

/** What the store holds, as pretty-printed JSON, after the outbound gate (src/core/exportGate.ts). */
export function renderJsonExport(data: ExportData, withheld: ExportWithheld): string {
  const document = {
    format: 'candor.export/1',
    counters: data.dayCounters.flatMap((d) =>
      d.counters.map((c) => ({ day: d.day, event: c.event, category: c.category, props: c.props, count: c.count })),
    ),
    recentEvents: data.recent.map((e) => ({
      time: new Date(e.ts).toISOString(),
      day: e.day,
      event: e.name,
      category: e.category,
      props: e.props,
    })),
    reports: data.reports.map((r) => ({
      day: r.day,
      status: r.status,
      attempts: r.attempts,
      sentAt: r.sentMs === undefined ? null : new Date(r.sentMs).toISOString(),
      ...withheldBody(r, withheld),
    })),
    receipts: data.receipts.map((r) => ({
      day: r.day,
      at: new Date(r.atMs).toISOString(),
      endpointHost: r.endpointHost,
      format: r.format,
      status: r.status,
      outcome: r.outcome,
      bytes: r.bytes,
      bodyBytes: r.bodyBytes,
      sha256: r.sha256,
      note: r.note ?? null,
    })),
    consentLog: data.consent.map((c) => ({ ...c, at: new Date(c.atMs).toISOString() })),
    // Records the gate left out are counted, never shown.
    withheld: {
      counters: withheld.counters,
      recentEvents: withheld.recentEvents,
      receipts: withheld.receipts,
      consentLog: withheld.consentLog,
    },
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function withheldBody(r: ReportRecord, withheld: ExportWithheld): { body: string | null; withheld?: string } {
  const reason = withheld.reports.get(r.day);
  return reason === undefined ? { body: r.body } : { body: null, withheld: reason };
}

/**
 * The recorded data as CSV (RFC 4180): one row per daily counter and one per
 * recent event, properties as canonical JSON in one column.
 */
export function renderCsvExport(data: RecordedData): string {
  const lines = [['record', 'day', 'time', 'event', 'category', 'count', 'props']];
  for (const d of data.dayCounters) {
    for (const c of d.counters) {
      lines.push(['counter', d.day, '', c.event, c.category, String(c.count), canonicalPropsKey(c.props)]);
    }
  }
  for (const e of data.recent) {
    lines.push(['event', e.day, new Date(e.ts).toISOString(), e.name, e.category, '1', canonicalPropsKey(e.props)]);
  }
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
