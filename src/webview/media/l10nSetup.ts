// Gives @vscode/l10n the translated words before any other module of the view
// runs: the host puts the bundle into the page as the body's `data-l10n`
// attribute (src/webview/payloadViewHtml.ts). Import this module first.
import * as l10n from '@vscode/l10n';

const bundle = document.body.dataset.l10n;
if (bundle !== undefined && bundle !== '') {
  l10n.config({ contents: JSON.parse(bundle) as Record<string, string> });
}
