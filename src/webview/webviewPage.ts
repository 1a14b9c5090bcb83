// The page both views are built on: one strict Content Security Policy (nothing
// by default, no network, styles and scripts only from the built assets,
// scripts by nonce), the display language and the words for the browser
// script. No `vscode` import, so it is unit-tested in Node
// (test/unit/webviewHtml.test.ts).

import { randomBytes } from 'node:crypto';

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
export function l10nAttributes(inputs: Pick<WebviewPageInputs, 'language' | 'l10nBundle'>): {
  readonly lang: string;
  readonly body: string;
} {
  const lang = escapeAttribute(inputs.language ?? 'en');
  const bundle = inputs.l10nBundle;
  return { lang, body: bundle === undefined ? '' : ` data-l10n="${escapeAttribute(JSON.stringify(bundle))}"` };
}

export interface WebviewPageInputs {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh per render, from a cryptographic source (createNonce). */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of the view's bundled script, as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(...)` of its stylesheets, in order. */
  readonly styleUris: readonly string[];
  /** The page's title, as words (escaped here). */
  readonly title: string;
  /** The display language (`vscode.env.language`), for the page's `lang`. */
  readonly language?: string;
  /** The translated words (`vscode.l10n.bundle`), handed to the browser script; absent in English. */
  readonly l10nBundle?: Readonly<Record<string, string>> | undefined;
  /** The body's markup, already escaped by the caller; the script tag follows it. */
  readonly bodyHtml: string;
}

/** What a view's HTML builder is given: the page's inputs, less what the view itself decides. */
export type ViewPageInputs = Omit<WebviewPageInputs, 'styleUris' | 'title' | 'bodyHtml'>;

/** The whole document around a view's body. */
export function buildWebviewPage(inputs: WebviewPageInputs): string {
  const csp = escapeAttribute(contentSecurityPolicy(inputs.cspSource, inputs.nonce));
  const { lang, body } = l10nAttributes(inputs);
  const styles = inputs.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeAttribute(uri)}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}  <title>${escapeAttribute(inputs.title)}</title>
</head>
<body${body}>
${inputs.bodyHtml}
  <script nonce="${escapeAttribute(inputs.nonce)}" src="${escapeAttribute(inputs.scriptUri)}"></script>
</body>
</html>
`;
}
