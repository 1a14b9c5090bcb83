// The payload view's HTML shell. No `vscode` import, so its Content Security
// Policy can be unit-tested in Node. It holds no state values: the browser
// script fills the page from the `state` message, as text. Its words come from
// @vscode/l10n, which activate() configures with the extension's bundle.

import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

export interface PayloadViewHtmlInputs {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh per render, from a cryptographic source. */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/webview/payloadView.js, as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(...)` of dist/webview/payloadView.css, as a string. */
  readonly styleUri: string;
  /** The display language (`vscode.env.language`), for the page's `lang`. */
  readonly language?: string;
  /** The translated words (`vscode.l10n.bundle`), handed to the browser script; absent in English. */
  readonly l10nBundle?: Readonly<Record<string, string>> | undefined;
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

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes a value for a double-quoted attribute (the inputs are ours, but cheap insurance). */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"'<>]/g, (ch) => ATTRIBUTE_ESCAPES[ch] ?? ch);
}

/** A script nonce: 128 bits from the OS's cryptographic generator, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    "connect-src 'none'",
    `img-src ${cspSource}`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * The `<html>` attributes and the `<body>` data attribute that give the browser script its words:
 * the bundle travels as an escaped attribute value, so the policy needs no inline script.
 */
export function l10nAttributes(inputs: Pick<PayloadViewHtmlInputs, 'language' | 'l10nBundle'>): {
  readonly lang: string;
  readonly body: string;
} {
  const lang = escapeAttribute(inputs.language ?? 'en');
  const bundle = inputs.l10nBundle;
  return { lang, body: bundle === undefined ? '' : ` data-l10n="${escapeAttribute(JSON.stringify(bundle))}"` };
}

export function buildPayloadViewHtml(inputs: PayloadViewHtmlInputs): string {
  const csp = escapeAttribute(contentSecurityPolicy(inputs.cspSource, inputs.nonce));
  const nonce = escapeAttribute(inputs.nonce);
  const scriptUri = escapeAttribute(inputs.scriptUri);
  const styleUri = escapeAttribute(inputs.styleUri);
  const { lang, body } = l10nAttributes(inputs);
  const text = (words: string) => escapeAttribute(words);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${styleUri}">
  <title>${text(payloadViewTitle())}</title>
</head>
<body${body}>
  <header class="page-header">
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
  </footer>
  <script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
