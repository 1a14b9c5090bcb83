// Counter tables of the payload view, one per extension: Candor's own IDE
// events first, then each extension that declared events, under its display
// name. Values are inserted as text only.
import * as l10n from '@vscode/l10n';
import type { ExtensionView, ViewCounter, ViewToHostMessage } from '../protocol';
import { deleteCounterLabel, describeProps } from '../viewModel';
import { button, el } from './dom';

/** The `data-extension` of the group holding Candor's own (`ide.*`) events. */
export const CANDOR_GROUP = 'candor';
/** A function, so the words are looked up after the bundle is configured. */
const candorGroupName = (): string => l10n.t('Candor (IDE events)');

export interface CounterTableOptions {
  readonly day: string;
  readonly caption: string;
  /** Focus target when the focused row disappears. */
  readonly fallbackKey: string;
}

type Post = (message: ViewToHostMessage) => void;

function counterTable(counters: readonly ViewCounter[], options: CounterTableOptions, post: Post): HTMLTableElement {
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { attrs: { scope: 'col' } }, l10n.t('Event')),
      el('th', { attrs: { scope: 'col' } }, l10n.t('Properties')),
      el('th', { className: 'numeric', attrs: { scope: 'col' } }, l10n.t('Count')),
      el('th', { attrs: { scope: 'col' } }, l10n.t('Action')),
    ),
  );
  const body = el('tbody');
  for (const counter of counters) {
    const remove = button(
      l10n.t('Delete'),
      () => post({ type: 'deleteCounter', day: options.day, event: counter.event, propsKey: counter.propsKey }),
      {
        className: 'secondary small',
        testId: 'delete-counter',
        focusKey: `delete-counter|${options.day}|${counter.event}|${counter.propsKey}`,
        focusFallback: options.fallbackKey,
        attrs: { 'aria-label': deleteCounterLabel(counter.event, counter.props) },
      },
    );
    body.append(
      el(
        'tr',
        { testId: 'counter-row', attrs: { 'data-event': counter.event, 'data-props-key': counter.propsKey } },
        el('th', { attrs: { scope: 'row' } }, el('code', {}, counter.event)),
        el('td', {}, describeProps(counter.props)),
        el('td', { className: 'numeric' }, String(counter.count)),
        el('td', {}, remove),
      ),
    );
  }
  return el('table', { className: 'counters' }, el('caption', {}, options.caption), head, body);
}

/** The extension id of a namespaced event (`publisher.name:event`), or Candor's group. */
function groupOf(event: string): string {
  const at = event.indexOf(':');
  return at > 0 ? event.slice(0, at) : CANDOR_GROUP;
}

/** One table per extension, each under a heading with the extension's display name. */
export function groupedCounterTables(
  counters: readonly ViewCounter[],
  extensions: readonly ExtensionView[],
  options: CounterTableOptions,
  post: Post,
): HTMLElement[] {
  const groups = new Map<string, ViewCounter[]>();
  for (const counter of counters) {
    const key = groupOf(counter.event);
    groups.set(key, [...(groups.get(key) ?? []), counter]);
  }
  const names = new Map(extensions.map((extension) => [extension.id, extension.displayName]));
  const ordered = [...groups.keys()].sort((a, b) =>
    a === CANDOR_GROUP ? -1 : b === CANDOR_GROUP ? 1 : (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
  );
  return ordered.map((key) => {
    const name = key === CANDOR_GROUP ? candorGroupName() : (names.get(key) ?? key);
    return el(
      'div',
      {
        className: 'counter-group',
        testId: 'counter-group',
        attrs: { 'data-extension': key, role: 'group', 'aria-label': name },
      },
      el('h4', {}, name),
      counterTable(groups.get(key) ?? [], { ...options, caption: l10n.t('{0}: {1}', options.caption, name) }, post),
    );
  });
}
