// The payload view's "Extensions" section: every installed extension that
// declares events, with a switch that turns its events on or off (the
// `candor.extensions` setting). Values are inserted as text only.
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
      'aria-label': `Record events from ${extension.displayName}`,
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
      el('div', { className: 'hint', testId: 'extension-refused' }, `Declaration refused: ${extension.refused}`),
    );
  }
  return row;
}

export function renderExtensions(
  extensions: readonly ExtensionView[],
  post: (message: ViewToHostMessage) => void,
): HTMLElement {
  return section(
    'Extensions',
    'extensions',
    'extensions',
    el(
      'p',
      { className: 'hint' },
      'Extensions that report their own events through Candor. Switching one off stops its events and deletes its data not yet sent.',
    ),
    extensions.length === 0
      ? emptyState('No installed extension declares events.')
      : el('ul', { className: 'extensions' }, ...extensions.map((extension) => extensionRow(extension, post))),
  );
}
