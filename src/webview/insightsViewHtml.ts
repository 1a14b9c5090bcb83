// The Insights view's HTML shell: the same strict policy as the payload view
// (nothing by default, no network, styles and scripts only from the built
// assets, scripts by nonce). The charts are drawn on <canvas> by the bundled
// charting library, which needs no inline style, no eval and no network.

import * as l10n from '@vscode/l10n';
import { buildWebviewPage, escapeAttribute, type ViewPageInputs } from './webviewPage';

export interface InsightsViewHtmlInputs extends ViewPageInputs {
  /** The payload view's stylesheet, shared for the page basics (type, buttons, tables, focus). */
  readonly baseStyleUri: string;
  /** `webview.asWebviewUri(...)` of dist/webview/insightsView.css. */
  readonly styleUri: string;
}

export function insightsViewTitle(): string {
  return l10n.t('Candor: Insights');
}

/** The footer promise, word for word; tests read it. */
export function insightsLocalNotice(): string {
  return l10n.t('Built only from the data stored on this computer. Nothing in this view is ever uploaded.');
}

export function buildInsightsViewHtml(inputs: InsightsViewHtmlInputs): string {
  const text = (words: string) => escapeAttribute(words);
  return buildWebviewPage({
    ...inputs,
    styleUris: [inputs.baseStyleUri, inputs.styleUri],
    title: insightsViewTitle(),
    bodyHtml: `  <header class="page-header">
    <h1>${text(l10n.t('Insights'))}</h1>
    <p id="summary" class="summary" data-testid="summary" role="status" aria-live="polite">${text(l10n.t('Loading…'))}</p>
    <fieldset id="periods" class="periods" data-testid="periods">
      <legend>${text(l10n.t('Period'))}</legend>
    </fieldset>
  </header>
  <div id="flash" class="flash" data-testid="flash" role="status" aria-live="polite"></div>
  <main id="content" aria-busy="true">
    <p class="empty">${text(l10n.t('Loading…'))}</p>
  </main>
  <footer class="page-footer">
    <p data-testid="local-notice">${text(insightsLocalNotice())}</p>
    <button type="button" id="payloads-link" class="link-button" data-testid="payloads-link">${text(l10n.t('Show telemetry payloads'))}</button>
  </footer>`,
  });
}
