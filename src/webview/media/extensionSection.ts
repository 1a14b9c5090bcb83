// The payload view's "Extensions" section: every installed extension that
// declares events, with a switch that turns its events on or off (the
// `candor.extensions` setting). Values are inserted as text only.
import * as l10n from '@vscode/l10n';
import type { ExtensionView, ViewToHostMessage } from '../protocol';
import { el } from './dom';
import { emptyState, section } from './sections';

function extensionRow(extension: ExtensionView, post: (message: ViewToHostMessage) => void): HTMLLIElement {
  const toggle = el('input', {
    testId: 'extension-toggle',
    focusKey: `extension|${extension.id}`,
    attrs: {
      type: 'checkbox',
      role: 'switch',
      'data-extension': extension.id,
      'aria-label': l10n.t('Record events from {0}', extension.displayName),
    },
  });
  toggle.checked = extension.enabled;
  toggle.addEventListener('change', () =>
    post({ type: 'setExtensionEnabled', extensionId: extension.id, enabled: toggle.checked }),
  );
  const row = el(
    'li',
    { className: 'extension', testId: 'extension-row', attrs: { 'data-extension': extension.id } },
    el('label', {}, toggle, ' ', el('strong', {}, extension.displayName), ' ', el('code', {}, extension.id)),
  );
  if (extension.refused !== null) {
    row.append(
      el(
        'div',
        { className: 'hint', testId: 'extension-refused' },
        l10n.t('Declaration refused: {0}', extension.refused),
      ),
    );
  }
  return row;
}

export function renderExtensions(
  extensions: readonly ExtensionView[],
  post: (message: ViewToHostMessage) => void,
): HTMLElement {
  return section(
    l10n.t('Extensions'),
    'extensions',
    'extensions',
    el(
      'p',
      { className: 'hint' },
      l10n.t(
        'Extensions that report their own events through Candor. Switching one off stops its events and deletes its data not yet sent.',
      ),
    ),
    extensions.length === 0
      ? emptyState(l10n.t('No installed extension declares events.'))
      : el('ul', { className: 'extensions' }, ...extensions.map((extension) => extensionRow(extension, post))),
  );
}
