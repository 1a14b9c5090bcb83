// The Insights view's HTML shell: the same strict policy as the payload view
// (nothing by default, no network, styles and scripts only from the built
// assets, scripts by nonce). The charts are drawn on <canvas> by the bundled
// charting library, which needs no inline style, no eval and no network.

import { contentSecurityPolicy, escapeAttribute } from './payloadViewHtml';

export interface InsightsViewHtmlInputs {
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/webview/insightsView.js. */
  readonly scriptUri: string;
  /** The payload view's stylesheet, shared for the page basics (type, buttons, tables, focus). */
  readonly baseStyleUri: string;
  /** `webview.asWebviewUri(...)` of dist/webview/insightsView.css. */
  readonly styleUri: string;
}

export const INSIGHTS_VIEW_TITLE = 'Candor: Insights';

/** The footer promise, word for word; tests read it. */
export const INSIGHTS_LOCAL_NOTICE =
  'Built only from the data stored on this computer. Nothing in this view is ever uploaded.';

export function buildInsightsViewHtml(inputs: InsightsViewHtmlInputs): string {
  const csp = escapeAttribute(contentSecurityPolicy(inputs.cspSource, inputs.nonce));
  const nonce = escapeAttribute(inputs.nonce);
  const scriptUri = escapeAttribute(inputs.scriptUri);
  const baseStyleUri = escapeAttribute(inputs.baseStyleUri);
  const styleUri = escapeAttribute(inputs.styleUri);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${baseStyleUri}">
  <link rel="stylesheet" href="${styleUri}">
  <title>${INSIGHTS_VIEW_TITLE}</title>
</head>
<body>
  <header class="page-header">
    <h1>Insights</h1>
    <p id="summary" class="summary" data-testid="summary" role="status" aria-live="polite">Loading…</p>
    <fieldset id="periods" class="periods" data-testid="periods">
      <legend>Period</legend>
    </fieldset>
  </header>
  <div id="flash" class="flash" data-testid="flash" role="status" aria-live="polite"></div>
  <main id="content" aria-busy="true">
    <p class="empty">Loading…</p>
  </main>
  <footer class="page-footer">
    <p data-testid="local-notice">${INSIGHTS_LOCAL_NOTICE}</p>
    <button type="button" id="payloads-link" class="link-button" data-testid="payloads-link">Show telemetry payloads</button>
  </footer>
  <script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
