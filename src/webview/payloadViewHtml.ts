// The payload view's HTML shell. No `vscode` import, so its Content Security
// Policy can be unit-tested in Node. It holds no state values: the browser
// script fills the page from the `state` message, as text. Its words come from
// @vscode/l10n, which activate() configures with the extension's bundle.

import * as l10n from '@vscode/l10n';
import { buildWebviewPage, escapeAttribute, type ViewPageInputs } from './webviewPage';

export interface PayloadViewHtmlInputs extends ViewPageInputs {
  /** `webview.asWebviewUri(...)` of dist/webview/payloadView.css, as a string. */
  readonly styleUri: string;
}

export function payloadViewTitle(): string {
  return l10n.t('Candor: Telemetry Payloads');
}

/** The footer notice, word for word; the e2e tests read it. */
export function privacyNotice(): string {
  return l10n.t(
    'Anonymous usage data such as run clicks and error types is collected to improve the tool. Code, identifiers and personal data are never recorded.',
  );
}

export function buildPayloadViewHtml(inputs: PayloadViewHtmlInputs): string {
  const text = (words: string) => escapeAttribute(words);
  return buildWebviewPage({
    ...inputs,
    styleUris: [inputs.styleUri],
    title: payloadViewTitle(),
    bodyHtml: `  <header class="page-header">
    <h1>${text(l10n.t('Telemetry payloads'))}</h1>
    <div id="privacy" class="privacy" data-testid="privacy-state" role="status">${text(l10n.t('Loading…'))}</div>
    <div id="toolbar" class="toolbar" role="toolbar" aria-label="${text(l10n.t('Data actions'))}"></div>
  </header>
  <div id="flash" class="flash" data-testid="flash" role="status" aria-live="polite"></div>
  <main id="content" aria-busy="true">
    <p class="empty">${text(l10n.t('Loading…'))}</p>
  </main>
  <footer class="page-footer">
    <p data-testid="privacy-notice">${text(privacyNotice())}</p>
    <button type="button" id="policy-link" class="link-button" data-testid="policy-link">${text(l10n.t('View telemetry policy'))}</button>
  </footer>`,
  });
}
