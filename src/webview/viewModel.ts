// Small pure helpers that turn view state into words. Shared by the browser
// script (which renders them) and the host (which words its confirmations the
// same way), and unit-tested in plain Node. No DOM, no `vscode`, no Node APIs.
// Words come from @vscode/l10n, configured by whichever side runs this.

import * as l10n from '@vscode/l10n';
import type { PrivacyState, PropValue } from '../core/types';

/** The words the status bar uses for each state (src/ide/statusIndicator.ts), so the view says the same. */
export function privacyStateLabel(state: PrivacyState): string {
  switch (state) {
    case 'off':
      return l10n.t('Off');
    case 'local':
      return l10n.t('Local only');
    case 'sharing':
      return l10n.t('Sharing');
    default:
      return l10n.t('Unknown');
  }
}

function groupDigits(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The exact byte count first (that is the promise the view makes), with a
 * rounded binary size after it once it is large enough to help.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return l10n.t('unknown size');
  }
  const exact = bytes === 1 ? l10n.t('1 byte') : l10n.t('{0} bytes', groupDigits(bytes));
  if (bytes < 1024) {
    return exact;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${exact} (${value.toFixed(1)} ${units[unit]})`;
}

/** Props as `key=value` pairs in key order, the same order every time. */
export function describeProps(props: Readonly<Record<string, PropValue>>): string {
  const keys = Object.keys(props).sort();
  if (keys.length === 0) {
    return l10n.t('(no properties)');
  }
  return keys.map((key) => `${key}=${String(props[key])}`).join(', ');
}

/** The accessible name of a counter's delete button. */
export function deleteCounterLabel(event: string, props: Readonly<Record<string, PropValue>>): string {
  return l10n.t('Delete counter {0} {1}', event, describeProps(props));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A receipt time in UTC, to the minute, independent of the viewer's locale. */
export function formatUtcMinute(atMs: number): string {
  if (!Number.isFinite(atMs)) {
    return l10n.t('unknown time');
  }
  const d = new Date(atMs);
  if (Number.isNaN(d.getTime())) {
    return l10n.t('unknown time');
  }
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`
  );
}

/**
 * The header line. Consent reasons already start with the state's words
 * ("Off — DO_NOT_TRACK is set"); only add the label when one does not.
 */
export function privacyHeadline(state: PrivacyState, reason: string): string {
  const label = privacyStateLabel(state);
  const trimmed = reason.trim();
  if (trimmed.length === 0) {
    return label;
  }
  return trimmed.toLowerCase().startsWith(label.toLowerCase()) ? trimmed : `${label} — ${trimmed}`;
}

/** A report format in words; unknown formats are shown as they are. */
export function formatLabel(format: string): string {
  switch (format) {
    case 'candor-json':
      return 'Candor JSON';
    case 'otlp':
      return l10n.t('OTLP/HTTP JSON metrics');
    default:
      return format;
  }
}

/** "3 counters, 17 events" — how much a report holds, for headings and confirmations. */
export function summariseCounters(counters: readonly { readonly count: number }[]): string {
  const events = counters.reduce((sum, c) => sum + (Number.isFinite(c.count) ? c.count : 0), 0);
  const counterWords =
    counters.length === 1 ? l10n.t('1 counter') : l10n.t('{0} counters', groupDigits(counters.length));
  const eventWords = events === 1 ? l10n.t('1 event') : l10n.t('{0} events', groupDigits(events));
  return `${counterWords}, ${eventWords}`;
}
