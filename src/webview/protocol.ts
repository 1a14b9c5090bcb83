// The one message protocol between the extension host and the payload webview.
// Both sides import it: the host for the runtime guard, the browser script for the
// types only. It must stay free of `vscode` and Node imports for that reason.

import type { Category, PrivacyState, PropValue, UploadFormat } from '../core/types';

// ---------------------------------------------------------------------------
// The state the view renders. The host builds it; the view only displays it.

/** One aggregated counter as the view shows it. */
export interface ViewCounter {
  readonly event: string;
  readonly props: Readonly<Record<string, PropValue>>;
  /** The host's stable key for these props; sent back verbatim to delete the counter. */
  readonly propsKey: string;
  readonly count: number;
}

/** A closed day's report waiting to be uploaded (or reviewed). */
export interface PendingReportView {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly format: UploadFormat;
  /** Exactly the bytes that would be uploaded, decoded as UTF-8. Rendered verbatim. */
  readonly payloadText: string;
  /** Size of `payloadText` in UTF-8 bytes, before compression. */
  readonly bytes: number;
  readonly counters: readonly ViewCounter[];
  /** True when the user has asked to review each report before it is sent. */
  readonly reviewRequired: boolean;
}

/** Today's report, still collecting; it changes as events arrive. */
export interface TodayView {
  readonly day: string;
  readonly counters: readonly ViewCounter[];
  readonly payloadText: string;
  readonly bytes: number;
}

export interface CollectedPropertyView {
  readonly name: string;
  readonly description: string;
  /** Allowed values, when the catalog restricts the property to a short fixed set. */
  readonly values?: readonly string[];
  /** The published list the values come from, when it is too long to show here. */
  readonly vocabulary?: VocabularyView;
}

/** A published list of allowed values, summarised; the full list is in docs/telemetry-events.md. */
export interface VocabularyView {
  readonly title: string;
  readonly summary: string;
  /** Heading anchor of the full list in docs/telemetry-events.md. */
  readonly anchor: string;
}

export interface CollectedEventView {
  /** Candor's own events as named; an extension's as `publisher.name:event`. */
  readonly name: string;
  /** The display name of the extension that declared the event; absent for Candor's own events. */
  readonly declaredBy?: string;
  readonly category: Category;
  readonly description: string;
  readonly properties: readonly CollectedPropertyView[];
}

/** Generated from the catalog by the host, never written by hand. */
export interface CollectionView {
  readonly events: readonly CollectedEventView[];
  /** Plain-words list of what is never recorded. */
  readonly never: readonly string[];
}

/** A receipt of one upload attempt. */
export interface SentReceiptView {
  readonly day: string;
  /** When the attempt finished, milliseconds since the epoch. */
  readonly atMs: number;
  readonly bytes: number;
  /** Hex SHA-256 of the bytes sent. */
  readonly sha256: string;
  readonly endpointHost: string;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Short plain-words result, e.g. "accepted", "rejected", "will retry". */
  readonly outcome: string;
}

/** What is stored on this machine; optional because older hosts may not know it. */
export interface StorageStatsView {
  readonly storedEvents: number;
  readonly databaseBytes: number;
  readonly retentionDays: number;
  /** Oldest UTC day still stored, or null when nothing is. */
  readonly oldestDay: string | null;
}

/** Whether recorded events reach the disk; what waits in memory or was lost meanwhile. */
export interface RecordingView {
  /** Events lost because storage failed and the bounded buffer was full (this window, since it started). */
  readonly droppedEvents: number;
  /** Why local storage cannot be written now, in words by error code (never a path); null while it works. */
  readonly problem: string | null;
}

export interface PrivacyView {
  readonly state: PrivacyState;
  /** Plain-words reason, e.g. "Off — DO_NOT_TRACK is set". */
  readonly reason: string;
  /** The effective level, e.g. "all", "error", "off". */
  readonly level: string;
}

/** An installed extension that declares events (package.json "candor"), and whether the user lets it record. */
export interface ExtensionView {
  /** Lowercased `publisher.name`; counters of its events are named `<id>:<event>`. */
  readonly id: string;
  readonly displayName: string;
  /** False when `candor.extensions` switches it off. */
  readonly enabled: boolean;
  /** Why its declaration was refused (the rule), or null when it was accepted. */
  readonly refused: string | null;
}

export interface ViewState {
  readonly privacy: PrivacyView;
  /** Every installed extension that declares events; counters are grouped by these. */
  readonly extensions?: readonly ExtensionView[];
  readonly pending: readonly PendingReportView[];
  readonly today: TodayView;
  readonly collection: CollectionView;
  readonly sent: readonly SentReceiptView[];
  readonly stats?: StorageStatsView;
  readonly recording?: RecordingView;
}

// ---------------------------------------------------------------------------
// Host → view

export interface StateMessage {
  readonly type: 'state';
  readonly state: ViewState;
}

export type FlashLevel = 'info' | 'warning' | 'error';

/** A transient notice, e.g. "Counter deleted." or "Upload is not available yet." */
export interface FlashMessage {
  readonly type: 'flash';
  readonly level: FlashLevel;
  readonly text: string;
}

export type HostToViewMessage = StateMessage | FlashMessage;

// ---------------------------------------------------------------------------
// View → host

/** The view has loaded and wants the current state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

export interface RefreshMessage {
  readonly type: 'refresh';
}

export interface DeleteCounterMessage {
  readonly type: 'deleteCounter';
  readonly day: string;
  readonly event: string;
  readonly propsKey: string;
}

export interface DeleteReportMessage {
  readonly type: 'deleteReport';
  readonly day: string;
}

/** Review mode: the user approves one pending report for upload. */
export interface SendReportMessage {
  readonly type: 'sendReport';
  readonly day: string;
}

/** Review mode: the user declines one pending report; it is never sent. */
export interface DiscardReportMessage {
  readonly type: 'discardReport';
  readonly day: string;
}

export interface OpenPolicyMessage {
  readonly type: 'openPolicy';
}

/** Opens the full lists of allowed values (docs/telemetry-events.md) at one list. */
export interface OpenVocabularyMessage {
  readonly type: 'openVocabulary';
  readonly anchor: string;
}

/** The user followed the link to the Insights view. */
export interface OpenInsightsMessage {
  readonly type: 'openInsights';
}

/** The user switched one extension's events on or off (writes `candor.extensions`). */
export interface SetExtensionEnabledMessage {
  readonly type: 'setExtensionEnabled';
  readonly extensionId: string;
  readonly enabled: boolean;
}

export type ExportFormat = 'json' | 'csv';

export interface ExportDataMessage {
  readonly type: 'exportData';
  readonly format: ExportFormat;
}

export type ViewToHostMessage =
  | ReadyMessage
  | RefreshMessage
  | DeleteCounterMessage
  | DeleteReportMessage
  | SendReportMessage
  | DiscardReportMessage
  | OpenPolicyMessage
  | OpenVocabularyMessage
  | OpenInsightsMessage
  | ExportDataMessage
  | SetExtensionEnabledMessage;

// ---------------------------------------------------------------------------
// Runtime guards. The webview is untrusted: a compromised or buggy page can post
// anything, so the host checks every field and rejects unknown keys (fail closed).

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// Catalog events, and an extension's namespaced ones (`publisher.name:event`).
const EVENT_NAME = /^(?:[a-z0-9][a-z0-9-]{0,62}\.[a-z0-9][a-z0-9-]{0,62}:)?[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const EXTENSION_ID = /^[a-z0-9][a-z0-9-]{0,62}\.[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_PROPS_KEY_LENGTH = 4096;

const isDay: FieldCheck = (v) => typeof v === 'string' && DAY.test(v);
const isEventName: FieldCheck = (v) => typeof v === 'string' && EVENT_NAME.test(v);
const isPropsKey: FieldCheck = (v) => typeof v === 'string' && v.length <= MAX_PROPS_KEY_LENGTH;
const isExtensionId: FieldCheck = (v) => typeof v === 'string' && EXTENSION_ID.test(v);
const isBoolean: FieldCheck = (v) => typeof v === 'boolean';
const isExportFormat: FieldCheck = (v) => v === 'json' || v === 'csv';
const isVocabularyAnchor: FieldCheck = (v) => typeof v === 'string' && /^vocabulary-[a-z][a-z-]{0,39}$/.test(v);

/** For each message type, the exact set of other fields and how to check them. */
const VIEW_TO_HOST_FIELDS: Readonly<Record<ViewToHostMessage['type'], Readonly<Record<string, FieldCheck>>>> = {
  ready: {},
  refresh: {},
  openPolicy: {},
  openVocabulary: { anchor: isVocabularyAnchor },
  openInsights: {},
  deleteCounter: { day: isDay, event: isEventName, propsKey: isPropsKey },
  deleteReport: { day: isDay },
  sendReport: { day: isDay },
  discardReport: { day: isDay },
  exportData: { format: isExportFormat },
  setExtensionEnabled: { extensionId: isExtensionId, enabled: isBoolean },
};

export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Getters could answer differently when the host reads a field again; JSON never has them. */
export function hasOnlyDataProperties(x: object): boolean {
  return Reflect.ownKeys(x).every((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(x, key);
    return descriptor !== undefined && Object.hasOwn(descriptor, 'value');
  });
}

export type FieldCheck = (value: unknown) => boolean;

/**
 * True when `x` is exactly one message of `table`: a known type, every field
 * valid, no extra keys. Shared by every webview's guard.
 */
export function matchesMessageTable(
  x: unknown,
  table: Readonly<Record<string, Readonly<Record<string, FieldCheck>>>>,
): boolean {
  if (!isPlainRecord(x) || !Object.hasOwn(x, 'type') || !hasOnlyDataProperties(x)) {
    return false;
  }
  const type = x['type'];
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) {
    return false;
  }
  const fields = table[type];
  if (fields === undefined) {
    return false;
  }
  // Reflect.ownKeys also sees symbol keys and a JSON-parsed "__proto__" own key.
  const keys = Reflect.ownKeys(x);
  if (keys.length !== Object.keys(fields).length + 1) {
    return false;
  }
  for (const key of keys) {
    if (key === 'type') {
      continue;
    }
    if (typeof key !== 'string' || !Object.hasOwn(fields, key)) {
      return false;
    }
    const check = fields[key];
    if (check === undefined || !check(x[key])) {
      return false;
    }
  }
  return true;
}

/** True when `x` is exactly one of the view→host messages: known type, every field valid, no extra keys. */
export function isViewToHostMessage(x: unknown): x is ViewToHostMessage {
  return matchesMessageTable(x, VIEW_TO_HOST_FIELDS);
}

/**
 * A shallow check of host→view messages for the browser script. The host is
 * trusted, so this only protects the view from messages of other origins or
 * versions; the view still renders every value as text.
 */
export function isHostToViewMessage(x: unknown): x is HostToViewMessage {
  if (!isPlainRecord(x)) {
    return false;
  }
  if (x['type'] === 'state') {
    return isPlainRecord(x['state']);
  }
  if (x['type'] === 'flash') {
    return (
      (x['level'] === 'info' || x['level'] === 'warning' || x['level'] === 'error') && typeof x['text'] === 'string'
    );
  }
  return false;
}
