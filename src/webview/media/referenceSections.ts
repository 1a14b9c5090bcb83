// The payload view's reference sections: what is and is never collected, and
// the history of upload attempts. Values are inserted as text only.
import * as l10n from '@vscode/l10n';
import type { CollectedEventView, CollectionView, SentReceiptView } from '../protocol';
import { formatBytes, formatUtcMinute } from '../viewModel';
import { button, el } from './dom';
import { emptyState, section } from './sections';

function renderCollectedEvent(event: CollectedEventView, openVocabulary: (anchor: string) => void): HTMLLIElement {
  const item = el(
    'li',
    { className: 'catalog-event', attrs: { 'data-event': event.name } },
    el('h3', {}, el('code', {}, event.name), ' ', el('span', { className: 'badge' }, event.category)),
    el('p', {}, event.description),
  );
  if (event.declaredBy !== undefined) {
    item.append(el('p', { className: 'hint', testId: 'declared-by' }, l10n.t('Declared by {0}', event.declaredBy)));
  }
  if (event.properties.length === 0) {
    item.append(el('p', { className: 'hint' }, l10n.t('No properties.')));
    return item;
  }
  const properties = el('ul', { className: 'catalog-properties' });
  for (const property of event.properties) {
    const entry = el('li', {}, el('code', {}, property.name), ` — ${property.description}`);
    if (property.values !== undefined && property.values.length > 0) {
      entry.append(el('div', { className: 'hint' }, l10n.t('Allowed values: {0}', property.values.join(', '))));
    }
    if (property.vocabulary !== undefined) {
      const anchor = property.vocabulary.anchor;
      const link = button(
        l10n.t('Full list of {0}', property.vocabulary.title.toLowerCase()),
        () => openVocabulary(anchor),
        {
          className: 'link-button',
          testId: 'vocabulary-link',
          focusKey: `vocabulary|${event.name}|${property.name}`,
        },
      );
      entry.append(
        el('div', { className: 'hint' }, `${l10n.t('Allowed values: {0}', property.vocabulary.summary)} `, link),
      );
    }
    properties.append(entry);
  }
  item.append(properties);
  return item;
}

export function renderCollection(collection: CollectionView, openVocabulary: (anchor: string) => void): HTMLElement[] {
  const collected =
    collection.events.length === 0
      ? emptyState(l10n.t('No events are declared.'))
      : el(
          'ul',
          { className: 'catalog', testId: 'collected-list' },
          ...collection.events.map((event) => renderCollectedEvent(event, openVocabulary)),
        );
  const never =
    collection.never.length === 0
      ? emptyState(l10n.t('Nothing listed.'))
      : el('ul', { className: 'never', testId: 'never-list' }, ...collection.never.map((text) => el('li', {}, text)));
  return [
    section(
      l10n.t('What is collected'),
      'collected',
      'collected',
      el(
        'p',
        { className: 'hint' },
        l10n.t(
          'Only these events and properties can be recorded, and every value Candor can send is in the published lists. Anything else is rejected and not stored.',
        ),
      ),
      collected,
    ),
    section(l10n.t('What is never collected'), 'never', 'never', never),
  ];
}

function renderReceiptRow(receipt: SentReceiptView): HTMLTableRowElement {
  return el(
    'tr',
    { testId: 'sent-row' },
    el('th', { attrs: { scope: 'row' } }, receipt.day),
    el('td', {}, formatUtcMinute(receipt.atMs)),
    el('td', { className: 'numeric' }, formatBytes(receipt.bytes)),
    el('td', {}, el('code', { className: 'hash' }, receipt.sha256)),
    el('td', {}, receipt.endpointHost),
    el('td', { className: 'numeric' }, receipt.status === null ? l10n.t('none') : String(receipt.status)),
    el('td', {}, receipt.outcome),
  );
}

export function renderSent(sent: readonly SentReceiptView[]): HTMLElement {
  if (sent.length === 0) {
    return section(l10n.t('Sent history'), 'sent', 'sent-history', emptyState(l10n.t('Nothing has been sent.')));
  }
  const columns = [
    l10n.t('Day'),
    l10n.t('Finished'),
    l10n.t('Size'),
    'SHA-256',
    l10n.t('Endpoint'),
    l10n.t('HTTP status'),
    l10n.t('Outcome'),
  ];
  const table = el(
    'table',
    { className: 'receipts' },
    el('caption', {}, l10n.t('Every upload attempt, newest first')),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { attrs: { scope: 'col' } }, c)))),
    el('tbody', {}, ...sent.map(renderReceiptRow)),
  );
  return section(l10n.t('Sent history'), 'sent', 'sent-history', table);
}
