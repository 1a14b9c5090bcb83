// Building blocks shared by the payload view's sections: named landmark
// sections, empty states and fact lists.
import { el, type Child } from './dom';

let headingCounter = 0;

/** Called before each full render, so heading ids stay stable across renders. */
export function resetHeadings(): void {
  headingCounter = 0;
}

/** A landmark section named by its heading; the heading can take focus as a fallback target. */
export function section(title: string, key: string, testId: string, ...children: Child[]): HTMLElement {
  headingCounter += 1;
  const headingId = `heading-${headingCounter}`;
  const heading = el('h2', { focusKey: `section|${key}`, attrs: { id: headingId, tabindex: '-1' } }, title);
  return el('section', { testId, attrs: { 'aria-labelledby': headingId } }, heading, ...children);
}

export function emptyState(text: string, testId?: string): HTMLParagraphElement {
  return el('p', { className: 'empty', ...(testId === undefined ? {} : { testId }) }, text);
}

export function definitionList(rows: readonly (readonly [string, Child])[]): HTMLDListElement {
  const list = el('dl', { className: 'facts' });
  for (const [term, value] of rows) {
    list.append(el('dt', {}, term), el('dd', {}, value));
  }
  return list;
}
