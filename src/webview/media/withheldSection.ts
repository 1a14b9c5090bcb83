// The payload view's withheld reports: closed days the outbound gate will not
// let leave. Only the day and the reason are shown (the property and the rule
// it broke); nothing of the report's values ever reaches the page.
import * as l10n from '@vscode/l10n';
import type { WithheldReportView } from '../protocol';
import { button, el } from './dom';
import { section } from './sections';

function renderWithheldReport(report: WithheldReportView, deleteReport: (day: string) => void): HTMLElement {
  const headingId = `withheld-${report.day}`;
  return el(
    'article',
    {
      className: 'report withheld',
      testId: 'withheld-report',
      attrs: { 'data-day': report.day, 'aria-labelledby': headingId },
    },
    el('h3', { attrs: { id: headingId } }, l10n.t('Report for {0}: withheld', report.day)),
    el('p', { testId: 'withheld-reason' }, l10n.t('Not sent: {0}.', report.reason)),
    el(
      'p',
      { className: 'hint' },
      l10n.t(
        'Candor sends only values from its published lists. This report holds something else, so it is never sent; it is deleted with the day when retention ends.',
      ),
    ),
    el(
      'div',
      { className: 'actions' },
      button(l10n.t('Delete report'), () => deleteReport(report.day), {
        className: 'secondary',
        testId: 'delete-withheld-report',
        focusKey: `delete-withheld|${report.day}`,
        focusFallback: 'section|pending',
        attrs: { 'aria-label': l10n.t('Delete the withheld report for {0}', report.day) },
      }),
    ),
  );
}

/** The withheld reports, or nothing when there are none. */
export function renderWithheld(
  withheld: readonly WithheldReportView[] | undefined,
  deleteReport: (day: string) => void,
): HTMLElement | undefined {
  if (withheld === undefined || withheld.length === 0) {
    return undefined;
  }
  return section(
    l10n.t('Withheld reports ({0})', withheld.length),
    'withheld',
    'withheld-reports',
    ...withheld.map((report) => renderWithheldReport(report, deleteReport)),
  );
}

/** Why counters were left out of today's report, in words; nothing when none were. */
export function renderLeftOut(leftOut: readonly string[] | undefined): HTMLElement | undefined {
  if (leftOut === undefined || leftOut.length === 0) {
    return undefined;
  }
  const list = el('ul', { testId: 'today-left-out' }, ...leftOut.map((reason) => el('li', {}, reason)));
  return el('div', { className: 'hint' }, l10n.t('Left out of this report, as never to be sent:'), list);
}
