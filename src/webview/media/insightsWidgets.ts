// Building blocks of the Insights view: sections, tables, chart figures with
// their text alternative, and sparklines. Values are inserted as text only.
import { el, type Child } from './dom';
import { describeSeries } from '../insightsViewModel';
import { drawSparkline } from './insightsCharts';

export type Draw = () => void;

let idCounter = 0;

/** Called before each full render, so element ids stay stable across renders. */
export function resetIds(): void {
  idCounter = 0;
}
export function nextId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function section(title: string, testId: string, ...children: Child[]): HTMLElement {
  const headingId = nextId('heading');
  return el(
    'section',
    { testId, attrs: { 'aria-labelledby': headingId } },
    el('h2', { attrs: { id: headingId } }, title),
    ...children,
  );
}

export function table(
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly Child[])[],
  testId: string,
  numericFrom = 1,
): HTMLTableElement {
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      ...columns.map((c, i) => el('th', { className: i >= numericFrom ? 'numeric' : '', attrs: { scope: 'col' } }, c)),
    ),
  );
  const body = el(
    'tbody',
    {},
    ...rows.map((cells) =>
      el(
        'tr',
        {},
        ...cells.map((cell, i) =>
          i === 0
            ? el('th', { attrs: { scope: 'row' } }, cell)
            : el('td', { className: i >= numericFrom ? 'numeric' : '' }, cell),
        ),
      ),
    ),
  );
  return el('table', { testId }, el('caption', {}, caption), head, body);
}

/** A chart's canvas with its accessible name and description, and its data as a table behind a disclosure. */
export function chartFigure(
  label: string,
  description: string,
  tableNode: HTMLTableElement,
  testId: string,
  draw: (canvas: HTMLCanvasElement) => void,
  draws: Draw[],
): HTMLElement {
  const descriptionId = nextId('description');
  const canvas = el(
    'canvas',
    { testId: `${testId}-canvas`, attrs: { role: 'img', 'aria-label': label, 'aria-describedby': descriptionId } },
    description,
  );
  draws.push(() => draw(canvas));
  return el(
    'figure',
    { className: 'chart', testId },
    el('div', { className: 'chart-box' }, canvas),
    el('figcaption', { className: 'hint', attrs: { id: descriptionId } }, description),
    el(
      'details',
      { testId: `${testId}-table-details` },
      el('summary', { testId: `${testId}-table-toggle` }, `${label}: show as a table`),
      tableNode,
    ),
  );
}

export function sparkline(
  label: string,
  days: readonly string[],
  values: readonly number[],
  draws: Draw[],
): HTMLCanvasElement {
  const canvas = el('canvas', {
    className: 'sparkline',
    testId: 'sparkline',
    attrs: { role: 'img', 'aria-label': describeSeries(label, days, values), width: '120', height: '28' },
  });
  draws.push(() => drawSparkline(canvas, values));
  return canvas;
}
