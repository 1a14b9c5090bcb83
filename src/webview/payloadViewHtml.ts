// The payload view's HTML shell. No `vscode` import, so its Content Security
// Policy can be unit-tested in Node. It holds no state values: the browser
// script fills the page from the `state` message, as text.

import { randomBytes } from 'node:crypto';

export interface PayloadViewHtmlInputs {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh per render, from a cryptographic source. */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/webview/payloadView.js, as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(...)` of dist/webview/payloadView.css, as a string. */
  readonly styleUri: string;
}

export const PAYLOAD_VIEW_TITLE = 'Candor: Telemetry Payloads';

/** The footer notice, word for word; the e2e tests read it. */
export const PRIVACY_NOTICE =
  'Anonymous usage data such as run clicks and error types is collected to improve the tool. ' +
  'Code, identifiers and personal data are never recorded.';

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

export function buildPayloadViewHtml(inputs: PayloadViewHtmlInputs): string {
  const csp = escapeAttribute(contentSecurityPolicy(inputs.cspSource, inputs.nonce));
  const nonce = escapeAttribute(inputs.nonce);
  const scriptUri = escapeAttribute(inputs.scriptUri);
  const styleUri = escapeAttribute(inputs.styleUri);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${styleUri}">
  <title>${PAYLOAD_VIEW_TITLE}</title>
</head>
<body>
  <header class="page-header">
    <h1>Telemetry payloads</h1>
    <div id="privacy" class="privacy" data-testid="privacy-state" role="status">Loading…</div>
    <div id="toolbar" class="toolbar" role="toolbar" aria-label="Data actions"></div>
  </header>
  <div id="flash" class="flash" data-testid="flash" role="status" aria-live="polite"></div>
  <main id="content" aria-busy="true">
    <p class="empty">Loading…</p>
  </main>
  <footer class="page-footer">
    <p data-testid="privacy-notice">${PRIVACY_NOTICE}</p>
    <button type="button" id="policy-link" class="link-button" data-testid="policy-link">View telemetry policy</button>
  </footer>
  <script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
