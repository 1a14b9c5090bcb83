// Tells the user once, in plain words, that uploads have hit a fault, and
// again only when the fault changes or comes back after a successful send.
// Reports are never lost to these faults (they stay pending and are retried),
// so the message says so; it names a class of fault, never a server's text.

import * as l10n from '@vscode/l10n';
import type { UploadReceipt, UploadSummary } from './uploader';

export type UploadFault = 'tls' | 'timeout' | 'network' | 'redirect' | 'server';

/** Functions, so the words are looked up in the display language after the bundle is configured. */
const WORDS: Readonly<Record<UploadFault, () => string>> = {
  tls: () => l10n.t("the endpoint's certificate is not trusted"),
  timeout: () => l10n.t('the endpoint did not answer in time'),
  network: () => l10n.t('the endpoint could not be reached'),
  redirect: () => l10n.t('the endpoint answered with a redirect, which Candor never follows (check candor.endpoint)'),
  server: () => l10n.t('the endpoint reported an error'),
};

/** The fault a `retry` receipt stands for; undefined for anything else (including an upload Candor stopped itself). */
export function faultOf(receipt: UploadReceipt): UploadFault | undefined {
  if (receipt.outcome !== 'retry') {
    return undefined;
  }
  switch (receipt.status) {
    case 'error:tls':
      return 'tls';
    case 'error:timeout':
      return 'timeout';
    case 'error:network':
      return 'network';
    default:
      break;
  }
  if (/^3\d\d$/.test(receipt.status)) {
    return 'redirect';
  }
  return /^(429|5\d\d)$/.test(receipt.status) ? 'server' : undefined;
}

export function faultMessage(fault: UploadFault): string {
  return l10n.t(
    'Candor could not upload: {0}. Your reports stay on this machine and are retried automatically.',
    WORDS[fault](),
  );
}

/** Remembers the fault last told, so each fault is told once. */
export class UploadFaultNotifier {
  private told: UploadFault | undefined;

  /** The message to show after a run, if a new fault began; a sent report ends the fault. */
  afterRun(summary: UploadSummary): string | undefined {
    if (summary.sent > 0) {
      this.told = undefined;
      return undefined;
    }
    const fault = summary.receipts.map(faultOf).find((f) => f !== undefined);
    if (fault === undefined || fault === this.told) {
      return undefined;
    }
    this.told = fault;
    return faultMessage(fault);
  }
}
