// Browser script of the payload view. It renders the host's `state` message and
// posts the user's requests back. Every value is inserted with createElement /
// textContent / setAttribute — never as HTML — so a counter value such as
// "<script>" shows as text. Confirmation of destructive actions is the host's job.

// First: the words must be in place before the other modules run.
import './l10nSetup';
import * as l10n from '@vscode/l10n';
import {
  isHostToViewMessage,
  type PendingReportView,
  type PrivacyView,
  type ExtensionView,
  type TodayView,
  type ViewState,
  type ViewToHostMessage,
} from '../protocol';
import { formatBytes, formatLabel, privacyHeadline, summariseCounters } from '../viewModel';
import { button, el, type Child } from './dom';
import { showFlash } from './flash';
import { groupedCounterTables } from './counterGroups';
import { renderExtensions } from './extensionSection';
import { renderCollection, renderSent } from './referenceSections';
import { definitionList, emptyState, resetHeadings, section } from './sections';
import { renderRecording, renderStats } from './storageSections';
import { renderLeftOut, renderWithheld } from './withheldSection';

/**
 * What survives the page being rebuilt: when the panel is hidden and shown again,
 * and after a window reload (the host's serializer revives the panel with it).
 */
interface PersistedViewState {
  readonly scrollY: number;
}

const vscode = acquireVsCodeApi<PersistedViewState>();

function post(message: ViewToHostMessage): void {
  vscode.postMessage(message);
}

/** The extensions of the state being rendered: counter tables are grouped by them. */
let extensions: readonly ExtensionView[] = [];

// ---------------------------------------------------------------------------
// Sections

function renderPrivacy(privacy: PrivacyView): void {
  const target = document.getElementById('privacy');
  if (target === null) {
    return;
  }
  target.dataset['state'] = privacy.state;
  target.replaceChildren(
    el('span', { className: `privacy-badge privacy-${privacy.state}` }, privacyHeadline(privacy.state, privacy.reason)),
    el('span', { className: 'privacy-level' }, l10n.t('Recording level: {0}', privacy.level)),
  );
}

function renderToolbar(): void {
  const toolbar = document.getElementById('toolbar');
  if (toolbar === null) {
    return;
  }
  toolbar.replaceChildren(
    button(l10n.t('Refresh'), () => post({ type: 'refresh' }), { className: 'secondary', testId: 'refresh' }),
    button(l10n.t('Export as JSON…'), () => post({ type: 'exportData', format: 'json' }), {
      className: 'secondary',
      testId: 'export-json',
    }),
    button(l10n.t('Export as CSV…'), () => post({ type: 'exportData', format: 'csv' }), {
      className: 'secondary',
      testId: 'export-csv',
    }),
    button(l10n.t('Show insights'), () => post({ type: 'openInsights' }), {
      className: 'secondary',
      testId: 'open-insights',
    }),
  );
}

function payloadBlock(text: string, label: string, testId: string): HTMLPreElement {
  // tabindex makes the scrollable block reachable by keyboard.
  return el('pre', { className: 'payload', testId, attrs: { tabindex: '0', 'aria-label': label } }, text);
}

function renderPendingReport(report: PendingReportView, privacy: PrivacyView): HTMLElement {
  const reportKey = `report|${report.day}`;
  const headingId = `report-${report.day}`;
  const actions = el('div', { className: 'actions' });
  if (report.reviewRequired) {
    actions.append(
      button(l10n.t('Send'), () => post({ type: 'sendReport', day: report.day }), {
        testId: 'send-report',
        focusKey: `send|${report.day}`,
        focusFallback: 'section|pending',
        attrs: { 'aria-label': l10n.t('Send the report for {0}', report.day) },
      }),
      button(l10n.t('Discard'), () => post({ type: 'discardReport', day: report.day }), {
        className: 'secondary',
        testId: 'discard-report',
        focusKey: `discard|${report.day}`,
        focusFallback: 'section|pending',
        attrs: { 'aria-label': l10n.t('Discard the report for {0}', report.day) },
      }),
    );
  }
  actions.append(
    button(l10n.t('Delete report'), () => post({ type: 'deleteReport', day: report.day }), {
      className: 'secondary',
      testId: 'delete-report',
      focusKey: `delete-report|${report.day}`,
      focusFallback: 'section|pending',
      attrs: { 'aria-label': l10n.t('Delete the report for {0}', report.day) },
    }),
  );

  return el(
    'article',
    { className: 'report', testId: 'pending-report', attrs: { 'data-day': report.day, 'aria-labelledby': headingId } },
    el('h3', { focusKey: reportKey, attrs: { id: headingId, tabindex: '-1' } }, l10n.t('Report for {0}', report.day)),
    definitionList([
      [l10n.t('Format'), formatLabel(report.format)],
      [l10n.t('Size'), el('span', { testId: 'pending-size' }, formatBytes(report.bytes))],
      [l10n.t('Contents'), summariseCounters(report.counters)],
      [l10n.t('Upload'), uploadStatus(report, privacy)],
    ]),
    el('h4', {}, l10n.t('Payload, exactly as it would be sent')),
    payloadBlock(
      report.payloadText,
      l10n.t('Payload for {0}, exactly as it would be sent', report.day),
      'pending-payload',
    ),
    report.counters.length === 0
      ? emptyState(l10n.t('This report has no counters.'))
      : el(
          'div',
          {},
          ...groupedCounterTables(
            report.counters,
            extensions,
            { day: report.day, caption: l10n.t('Counters for {0}', report.day), fallbackKey: reportKey },
            post,
          ),
        ),
    actions,
  );
}

/** Whether and how this report would leave the machine, in plain words. */
function uploadStatus(report: PendingReportView, privacy: PrivacyView): string {
  if (privacy.state === 'off') {
    return l10n.t('Not sent: Candor is off');
  }
  if (privacy.state === 'local') {
    return l10n.t('Not sent: local only (no endpoint is set)');
  }
  return report.reviewRequired
    ? l10n.t('Waiting for you to send or discard it')
    : l10n.t('Sent automatically when due');
}

function renderPending(pending: readonly PendingReportView[], privacy: PrivacyView): HTMLElement {
  const title = pending.length === 0 ? l10n.t('Pending reports') : l10n.t('Pending reports ({0})', pending.length);
  if (pending.length === 0) {
    return section(title, 'pending', 'pending-reports', emptyState(l10n.t('No pending reports.'), 'pending-empty'));
  }
  return section(title, 'pending', 'pending-reports', ...pending.map((report) => renderPendingReport(report, privacy)));
}

function renderToday(today: TodayView): HTMLElement {
  const counters = el('div', { testId: 'today-counters' });
  if (today.counters.length === 0) {
    counters.append(emptyState(l10n.t('Nothing recorded today.')));
  } else {
    counters.append(
      ...groupedCounterTables(
        today.counters,
        extensions,
        { day: today.day, caption: l10n.t('Counters for {0}', today.day), fallbackKey: 'section|today' },
        post,
      ),
    );
  }
  const children: Child[] = [
    el(
      'p',
      { className: 'hint' },
      `UTC day ${today.day}. This updates as events arrive; the report closes at the end of the day.`,
    ),
    counters,
  ];
  const leftOut = renderLeftOut(today.leftOut);
  if (leftOut !== undefined) {
    children.push(leftOut);
  }
  if (today.counters.length > 0) {
    children.push(
      el(
        'details',
        { className: 'today-payload' },
        el('summary', {}, l10n.t("Today's payload so far ({0})", formatBytes(today.bytes))),
        payloadBlock(today.payloadText, l10n.t('Payload for {0} so far', today.day), 'today-payload'),
      ),
    );
  }
  return section(l10n.t('Today (still collecting)'), 'today', 'today', ...children);
}

// ---------------------------------------------------------------------------
// Rendering with focus and scroll kept

interface FocusMemory {
  readonly key: string | undefined;
  readonly fallback: string | undefined;
}

function rememberFocus(): FocusMemory {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) {
    return { key: undefined, fallback: undefined };
  }
  return { key: active.dataset['focusKey'], fallback: active.dataset['focusFallback'] };
}

function findByFocusKey(key: string): HTMLElement | undefined {
  for (const node of document.querySelectorAll<HTMLElement>('[data-focus-key]')) {
    if (node.dataset['focusKey'] === key) {
      return node;
    }
  }
  return undefined;
}

function restoreFocus(memory: FocusMemory): void {
  if (memory.key === undefined) {
    return;
  }
  const target =
    findByFocusKey(memory.key) ?? (memory.fallback === undefined ? undefined : findByFocusKey(memory.fallback));
  target?.focus({ preventScroll: true });
}

function render(state: ViewState): void {
  const content = document.getElementById('content');
  if (content === null) {
    return;
  }
  const focus = rememberFocus();
  const scrollY = window.scrollY;
  resetHeadings();

  renderPrivacy(state.privacy);
  extensions = state.extensions ?? [];
  const sections: HTMLElement[] = [renderPending(state.pending, state.privacy)];
  const withheld = renderWithheld(state.withheld, (day) => post({ type: 'deleteReport', day }));
  if (withheld !== undefined) {
    sections.push(withheld);
  }
  sections.push(renderToday(state.today), renderExtensions(extensions, post));
  const recording = state.recording && renderRecording(state.recording);
  if (recording !== undefined) {
    sections.push(recording);
  }
  if (state.stats !== undefined) {
    sections.push(renderStats(state.stats));
  }
  sections.push(
    ...renderCollection(state.collection, (anchor) => post({ type: 'openVocabulary', anchor })),
    renderSent(state.sent),
  );
  content.replaceChildren(...sections);
  content.setAttribute('aria-busy', 'false');

  window.scrollTo(0, scrollY);
  restoreFocus(focus);
}

// ---------------------------------------------------------------------------
// Start-up

let firstRender = true;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToViewMessage(message)) {
    return;
  }
  if (message.type === 'flash') {
    showFlash(message.level, message.text);
    return;
  }
  try {
    render(message.state);
  } catch {
    showFlash('error', l10n.t('The telemetry data could not be shown. Try Refresh.'));
    return;
  }
  if (firstRender) {
    firstRender = false;
    // The page is rebuilt each time the panel is shown again; return to where the user was.
    const saved = vscode.getState();
    if (saved !== undefined && Number.isFinite(saved.scrollY)) {
      window.scrollTo(0, saved.scrollY);
    }
    // A panel with saved state is one VS Code brings back after a window reload.
    vscode.setState({ scrollY: window.scrollY });
  }
});

let scrollSaveQueued = false;
window.addEventListener('scroll', () => {
  if (scrollSaveQueued) {
    return;
  }
  scrollSaveQueued = true;
  requestAnimationFrame(() => {
    scrollSaveQueued = false;
    vscode.setState({ scrollY: window.scrollY });
  });
});

document.getElementById('policy-link')?.addEventListener('click', () => post({ type: 'openPolicy' }));
renderToolbar();
post({ type: 'ready' });
