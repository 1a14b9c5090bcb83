// The message protocol between the extension host and the Insights webview.
// Like protocol.ts it is free of `vscode` and Node imports: the browser script
// imports it for its types and the host for its guard. Insights data only ever
// travels host → Insights view; no message here is accepted by the payload
// view or reaches the uploader.

import type { Insights } from '../core/insights/types';
import { isPlainRecord, matchesMessageTable, type FieldCheck, type FlashMessage, type PrivacyView } from './protocol';

export interface InsightsViewState {
  readonly privacy: PrivacyView;
  readonly retentionDays: number;
  /** The periods the user may pick, in days (7, 30, 90, shortened to the retention). */
  readonly periods: readonly number[];
  readonly insights: Insights;
}

// ---------------------------------------------------------------------------
// Host → view

export interface InsightsStateMessage {
  readonly type: 'insights';
  readonly state: InsightsViewState;
}

export type InsightsHostToViewMessage = InsightsStateMessage | FlashMessage;

// ---------------------------------------------------------------------------
// View → host

export interface InsightsReadyMessage {
  readonly type: 'ready';
}

export interface InsightsRefreshMessage {
  readonly type: 'refresh';
}

/** The user picked another period; the host answers with a new state. */
export interface SetPeriodMessage {
  readonly type: 'setPeriod';
  readonly days: number;
}

/** The user followed the link to the payload view. */
export interface OpenPayloadsMessage {
  readonly type: 'openPayloads';
}

export type InsightsViewToHostMessage =
  InsightsReadyMessage | InsightsRefreshMessage | SetPeriodMessage | OpenPayloadsMessage;

/** The longest retention Candor allows; no period can be longer. */
const MAX_PERIOD_DAYS = 365;

const isPeriodDays: FieldCheck = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_PERIOD_DAYS;

const INSIGHTS_VIEW_TO_HOST_FIELDS: Readonly<
  Record<InsightsViewToHostMessage['type'], Readonly<Record<string, FieldCheck>>>
> = {
  ready: {},
  refresh: {},
  setPeriod: { days: isPeriodDays },
  openPayloads: {},
};

/** True when `x` is exactly one of the Insights view's messages (fails closed, as the payload view's guard). */
export function isInsightsViewToHostMessage(x: unknown): x is InsightsViewToHostMessage {
  return matchesMessageTable(x, INSIGHTS_VIEW_TO_HOST_FIELDS);
}

/** A shallow check for the browser script; the host is trusted, values are still rendered as text. */
export function isInsightsHostToViewMessage(x: unknown): x is InsightsHostToViewMessage {
  if (!isPlainRecord(x)) {
    return false;
  }
  if (x['type'] === 'insights') {
    const state = x['state'];
    return isPlainRecord(state) && isPlainRecord(state['insights']) && Array.isArray(state['periods']);
  }
  if (x['type'] === 'flash') {
    return (
      (x['level'] === 'info' || x['level'] === 'warning' || x['level'] === 'error') && typeof x['text'] === 'string'
    );
  }
  return false;
}
