// The outbound gate applied to an export. An export is the user's own data,
// written to a file the user picks, so it keeps more than an upload does (the
// recent events' times, receipts, the consent log). But a file can be passed
// on, so nothing outside Candor's published lists may be in it: each record
// passes the same checks as an upload (outboundGate.ts) or is left out and
// counted; a report that would be withheld is exported without its body, with
// the reason. See docs/privacy-model.md, "Export".

import { decideConsent } from './consent';
import { withheldWords, type OutboundGate } from './outboundGate';
import type { ExportData, RecordedData } from './store/export';
import type { DayCounters } from './store/counters';
import type { ReportRecord } from './store/reports';
import type { StoredReceipt } from './store/receipts';
import type { ConsentLogEntry } from './store/consentLogTable';
import { readReceiptNote } from './upload/receiptNote';
import { isUtcDay } from './utcDay';

/** What the gate left out of an export: counts per kind, and the reason for each report without its body. */
export interface ExportWithheld {
  readonly counters: number;
  readonly recentEvents: number;
  readonly receipts: number;
  readonly consentLog: number;
  /** Reports exported without their body, by day, with the reason in words (never the value). */
  readonly reports: ReadonlyMap<string, string>;
}

export interface GatedExport {
  readonly data: ExportData;
  readonly withheld: ExportWithheld;
}

const REPORT_STATUSES: ReadonlySet<string> = new Set(['pending', 'sent', 'dropped', 'discarded']);
const RECEIPT_STATUS = /^(?:\d{3}|error:[a-z-]{1,32}|not-sent:[a-z-]{1,32})$/;
const SHA256 = /^(?:[0-9a-f]{64})?$/;
/** `hostname[:port]` as the uploader stores it: the user's own endpoint setting, in host form only. */
const ENDPOINT_HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

let consentReasons: ReadonlySet<string> | undefined;

/** Every reason Candor's consent can give: the closed list a consent-log row's reason must be in. */
function knownConsentReasons(): ReadonlySet<string> {
  if (consentReasons === undefined) {
    const reasons = new Set<string>();
    const flags = [false, true];
    for (const vscodeLevel of ['all', 'error', 'crash', 'off', 'unrecognised']) {
      for (const enabled of flags) {
        for (const usage of flags) {
          for (const errors of flags) {
            for (const doNotTrack of flags) {
              for (const endpointConfigured of flags) {
                const inputs = { vscodeLevel, enabled, usage, errors, doNotTrack, endpointConfigured };
                reasons.add(decideConsent(inputs).reason);
              }
            }
          }
        }
      }
    }
    consentReasons = reasons;
  }
  return consentReasons;
}

function gateDayCounters(days: readonly DayCounters[], gate: OutboundGate): { kept: DayCounters[]; left: number } {
  let left = 0;
  const kept: DayCounters[] = [];
  for (const day of days) {
    if (!isUtcDay(day.day)) {
      left += day.counters.length;
      continue;
    }
    const counters = day.counters.filter((c) => gate.checkCounter(c) === undefined);
    left += day.counters.length - counters.length;
    if (counters.length > 0) {
      kept.push({ day: day.day, counters });
    }
  }
  return { kept, left };
}

/** The recorded data (counters and recent events) an export may hold, and how much was left out. */
export function gateRecordedData(
  data: RecordedData,
  gate: OutboundGate,
): { readonly data: RecordedData; readonly counters: number; readonly recentEvents: number } {
  const counters = gateDayCounters(data.dayCounters, gate);
  const recent = data.recent.filter(
    (e) => isUtcDay(e.day) && gate.checkCounter({ event: e.name, props: e.props }) === undefined,
  );
  return {
    data: { dayCounters: counters.kept, recent },
    counters: counters.left,
    recentEvents: data.recent.length - recent.length,
  };
}

function gateReports(
  reports: readonly ReportRecord[],
  gate: OutboundGate,
): { kept: ReportRecord[]; withheld: Map<string, string> } {
  const withheld = new Map<string, string>();
  const kept: ReportRecord[] = [];
  for (const record of reports) {
    if (!isUtcDay(record.day) || !REPORT_STATUSES.has(record.status)) {
      continue;
    }
    if (record.body === '') {
      kept.push(record);
      continue;
    }
    const verdict = gate.passStoredReport(record.day, record.body, 'candor-json');
    if (verdict.ok) {
      // The canonical text of the checked report, never the stored text (which could hold duplicate keys).
      kept.push({ ...record, body: verdict.value.body.text });
    } else {
      withheld.set(record.day, withheldWords(verdict.withheld));
      kept.push({ ...record, body: '' });
    }
  }
  return { kept, withheld };
}

function receiptPasses(r: StoredReceipt): boolean {
  return (
    isUtcDay(r.day) &&
    (r.format === 'candor-json' || r.format === 'otlp') &&
    (r.outcome === 'sent' || r.outcome === 'dropped' || r.outcome === 'retry') &&
    RECEIPT_STATUS.test(r.status) &&
    SHA256.test(r.sha256) &&
    ENDPOINT_HOST.test(r.endpointHost) &&
    (r.note === undefined || readReceiptNote(r.note) !== undefined)
  );
}

function consentEntryPasses(entry: ConsentLogEntry): boolean {
  return (
    ['all', 'error', 'off'].includes(entry.level) &&
    ['off', 'local', 'sharing'].includes(entry.state) &&
    knownConsentReasons().has(entry.reason)
  );
}

/** Everything an export may hold, and what the gate left out. */
export function gateExportData(data: ExportData, gate: OutboundGate): GatedExport {
  const recorded = gateRecordedData(data, gate);
  const reports = gateReports(data.reports, gate);
  const receipts = data.receipts.filter(receiptPasses);
  const consent = data.consent.filter(consentEntryPasses);
  return {
    data: { ...recorded.data, reports: reports.kept, receipts, consent },
    withheld: {
      counters: recorded.counters,
      recentEvents: recorded.recentEvents,
      receipts: data.receipts.length - receipts.length,
      consentLog: data.consent.length - consent.length,
      reports: reports.withheld,
    },
  };
}
