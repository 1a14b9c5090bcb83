// The payload view's state, computed from what the store holds, the consent
// decision and the settings. Pure: the host reads those inputs (see
// src/ide/payloadSource.ts) and this decides what the view shows. The payload
// text comes from the same encoder the upload uses, so what is shown is what is sent.

import * as l10n from '@vscode/l10n';
import { describeCollection } from '../core/catalog';
import { buildPassingReport, withheldWords, type OutboundGate } from '../core/outboundGate';
import { canonicalPropsKey } from '../core/report';
import { describeRefusal, describeDeclaredValues, type DeclaredEvents } from '../core/declarations';
import type { UploadMode } from '../core/settingsDefaults';
import type { DayCounters, StoredReceipt, StoreStats } from '../core/store';
import type { ClientInfo, ConsentDecision, Counter, UploadFormat } from '../core/types';
import { describeStorageFault, type StorageFault } from '../core/storageFault';
import { readReceiptNote } from '../core/upload/receiptNote';
import type {
  CollectedEventView,
  CollectionView,
  ExtensionView,
  PendingReportView,
  RecordingView,
  SentReceiptView,
  TodayView,
  ViewCounter,
  ViewState,
  WithheldReportView,
} from './protocol';

export interface ViewSettings {
  readonly uploadFormat: UploadFormat;
  readonly uploadMode: UploadMode;
  readonly retentionDays: number;
}

/** A pending report as stored: its text, which the outbound gate checks before any of it is shown. */
export interface StoredPendingReport {
  readonly day: string;
  readonly approved: boolean;
  readonly body: string;
}

/** What the view needs of the store, read in one snapshot. */
export interface StoredViewData {
  readonly counters: readonly DayCounters[];
  readonly pendingReports: readonly StoredPendingReport[];
  readonly receipts: readonly StoredReceipt[];
  readonly stats: Pick<StoreStats, 'events' | 'dbBytes'>;
}

export interface ViewStateInputs {
  readonly consent: Pick<ConsentDecision, 'state' | 'reason' | 'level' | 'extensionsOff'>;
  readonly settings: ViewSettings;
  readonly client: ClientInfo;
  /** The outbound gate: the view shows only what it lets pass, the same bytes an upload would send. */
  readonly gate: OutboundGate;
  /** Today's UTC day, YYYY-MM-DD. */
  readonly today: string;
  /** Undefined when this window has no storage: the view then shows an empty today and nothing stored. */
  readonly stored: StoredViewData | undefined;
  /** The installed extensions' declarations; left out, the view shows Candor's own events only. */
  readonly declared?: DeclaredEvents;
  /** The recorder's health; left out, the view shows nothing about it. */
  readonly recording?: { readonly droppedEvents: number; readonly fault: StorageFault | undefined };
}

export function toViewCounters(counters: readonly Counter[]): ViewCounter[] {
  return counters.map((c) => ({
    event: c.event,
    props: c.props,
    propsKey: canonicalPropsKey(c.props),
    count: c.count,
  }));
}

/** Every event the installed extensions declare, in the view's shape, generated from their declarations. */
export function declaredEventViews(declared: DeclaredEvents | undefined): CollectedEventView[] {
  return (declared?.extensions ?? []).flatMap((extension) =>
    [...(extension.declaration?.events.values() ?? [])].map((event) => ({
      name: `${extension.id}:${event.name}`,
      declaredBy: extension.displayName,
      category: event.category,
      description: event.description,
      properties: [...event.properties].map(([name, property]) => ({
        name,
        description: property.description,
        ...(property.kind === 'enum' ? { values: property.values } : { values: [describeDeclaredValues(property)] }),
      })),
    })),
  );
}

/** The extensions that declare events, with the user's toggle and any refusal. */
export function extensionViews(
  declared: DeclaredEvents | undefined,
  extensionsOff: readonly string[] | undefined,
): ExtensionView[] {
  const off = new Set(extensionsOff ?? []);
  return (declared?.extensions ?? []).map((extension) => ({
    id: extension.id,
    displayName: extension.displayName,
    enabled: !off.has(extension.id),
    refused: extension.refusal === undefined ? null : describeRefusal(extension.refusal),
  }));
}

/** The catalog and the installed extensions' declarations, flattened into the view's shape: generated, never written twice. */
export function collectionView(declared?: DeclaredEvents): CollectionView {
  const description = describeCollection();
  // The catalog's texts are the bundle's keys (collectionTexts() lists them), so
  // they are looked up as they are; names and values stay as recorded.
  const words = (text: string): string => l10n.t(text);
  return {
    events: description.events
      .map((event): CollectedEventView => ({
        name: event.name,
        category: event.category,
        description: words(event.description),
        properties: event.shapes.flatMap((shape) =>
          shape.properties
            .filter((p) => shape.when === undefined || p.name !== shape.when.property)
            .map((p) => ({
              name: p.name,
              description: shape.when
                ? l10n.t('{0} (when {1} is "{2}")', words(p.description), shape.when.property, shape.when.value)
                : words(p.description),
              ...(p.values ? { values: p.values } : {}),
              ...(p.vocabulary
                ? {
                    vocabulary: {
                      title: words(p.vocabulary.title),
                      summary: words(p.vocabulary.summary),
                      anchor: p.vocabulary.anchor,
                    },
                  }
                : {}),
            })),
        ),
      }))
      .concat(declaredEventViews(declared)),
    never: description.neverCollected.map(words),
  };
}

export function receiptView(
  r: Pick<StoredReceipt, 'day' | 'atMs' | 'bytes' | 'sha256' | 'endpointHost' | 'status' | 'outcome' | 'note'>,
): SentReceiptView {
  const status = /^\d{3}$/.test(r.status) ? Number(r.status) : null;
  // Only a note of a known shape is shown (a count), never anything a server wrote.
  const rejected = readReceiptNote(r.note)?.rejectedDataPoints;
  const accepted =
    rejected === undefined
      ? l10n.t('accepted')
      : rejected === 1
        ? l10n.t('accepted, but the server rejected 1 data point')
        : l10n.t('accepted, but the server rejected {0} data points', rejected);
  const outcome =
    r.outcome === 'sent'
      ? accepted
      : r.outcome === 'dropped'
        ? l10n.t('dropped ({0})', r.status)
        : l10n.t('will retry ({0})', r.status);
  return { day: r.day, atMs: r.atMs, bytes: r.bytes, sha256: r.sha256, endpointHost: r.endpointHost, status, outcome };
}

/** Today's report as it would be built now, from today's counters that pass the outbound gate. */
export function todayView(
  day: string,
  client: ClientInfo,
  counters: readonly Counter[],
  format: UploadFormat,
  gate: OutboundGate,
): TodayView {
  const { report, leftOut } = buildPassingReport(gate, day, client, counters);
  const reasons = new Set(leftOut.map(withheldWords));
  const passed = gate.passReport(report, format);
  if (!passed.ok) {
    reasons.add(withheldWords(passed.withheld));
    return { day, counters: [], payloadText: '', bytes: 0, leftOut: [...reasons] };
  }
  const { body } = passed.value;
  return {
    day,
    counters: toViewCounters(report.counters),
    payloadText: body.text,
    bytes: body.bytes.length,
    ...(reasons.size === 0 ? {} : { leftOut: [...reasons] }),
  };
}

function pendingView(
  pending: readonly StoredPendingReport[],
  inputs: ViewStateInputs,
): { pending: PendingReportView[]; withheld: WithheldReportView[] } {
  const { consent, settings, gate } = inputs;
  const views: PendingReportView[] = [];
  const withheld: WithheldReportView[] = [];
  for (const record of pending) {
    // The same gate and encoder as the upload: what is shown is what would be sent, and nothing else.
    const passed = gate.passStoredReport(record.day, record.body, settings.uploadFormat);
    if (!passed.ok) {
      withheld.push({ day: record.day, reason: withheldWords(passed.withheld) });
      continue;
    }
    const { report, body } = passed.value;
    views.push({
      day: record.day,
      format: settings.uploadFormat,
      payloadText: body.text,
      bytes: body.bytes.length,
      counters: toViewCounters(report.counters),
      // Send/Discard only mean something when there is somewhere to send to.
      reviewRequired: consent.state === 'sharing' && settings.uploadMode === 'review' && !record.approved,
    });
  }
  return { pending: views, withheld };
}

function recordingView(inputs: ViewStateInputs): { recording?: RecordingView } {
  const r = inputs.recording;
  return r === undefined
    ? {}
    : {
        recording: {
          droppedEvents: r.droppedEvents,
          problem: r.fault === undefined ? null : describeStorageFault(r.fault),
        },
      };
}

export function buildViewState(inputs: ViewStateInputs): ViewState {
  const { consent, settings, client, today, stored, gate } = inputs;
  const privacy = { state: consent.state, reason: consent.reason, level: consent.level };
  const collection = collectionView(inputs.declared);
  const extensions = extensionViews(inputs.declared, consent.extensionsOff);
  if (stored === undefined) {
    return {
      privacy,
      extensions,
      pending: [],
      withheld: [],
      today: todayView(today, client, [], settings.uploadFormat, gate),
      collection,
      sent: [],
      ...recordingView(inputs),
    };
  }
  const todayCounters = stored.counters.find((d) => d.day === today)?.counters ?? [];
  const days = stored.counters.map((d) => d.day).sort();
  const { pending, withheld } = pendingView(stored.pendingReports, inputs);
  return {
    privacy,
    extensions,
    pending,
    withheld,
    today: todayView(today, client, todayCounters, settings.uploadFormat, gate),
    collection,
    sent: stored.receipts.map(receiptView),
    stats: {
      storedEvents: stored.stats.events,
      databaseBytes: stored.stats.dbBytes,
      retentionDays: settings.retentionDays,
      oldestDay: days[0] ?? null,
    },
    ...recordingView(inputs),
  };
}
