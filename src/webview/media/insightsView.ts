// Browser script of the Insights view. It renders the host's `insights`
// message — text with createElement/textContent, charts with Chart.js on
// canvas — and posts the user's period choice back. Every chart has a text
// description and a table holding the same numbers, reachable by keyboard.

// First: the words must be in place before the other modules run.
import './l10nSetup';
import * as l10n from '@vscode/l10n';
import type { CodeStat, ExtensionStat, Insights, OriginCodes, RateTrend } from '../../core/insights/types';
import {
  isInsightsHostToViewMessage,
  type InsightsViewState,
  type InsightsViewToHostMessage,
} from '../insightsProtocol';
import {
  describeDailyChart,
  describePrevious,
  describeTrend,
  formatCount,
  formatRate,
  formatShare,
  newCodesHeading,
  originLabel,
  rateLabel,
} from '../insightsViewModel';
import { el, type Child } from './dom';
import { showFlash } from './flash';
import { destroyCharts, drawDailyChart } from './insightsCharts';
import { chartFigure, resetIds, section, sparkline, table, type Draw } from './insightsWidgets';

const vscode = acquireVsCodeApi();

// Counted before anything else runs, so the e2e test can prove the charts break no rule of the policy.
let policyViolations = 0;
document.body.dataset['cspViolations'] = '0';
document.addEventListener('securitypolicyviolation', () => {
  policyViolations += 1;
  document.body.dataset['cspViolations'] = String(policyViolations);
});

function post(message: InsightsViewToHostMessage): void {
  vscode.postMessage(message);
}

/** Charts are drawn once their canvas is in the page (Chart.js measures its container). */
// ---------------------------------------------------------------------------
// Sections

function renderDaily(insights: Insights, draws: Draw[]): HTMLElement {
  const rows = insights.daily.map((p) => [
    p.day,
    ...[p.debugRuns, p.taskRuns, p.debugResets, p.taskResets, p.diagnostics, p.exceptions, p.exits].map(formatCount),
  ]);
  const dataTable = table(
    l10n.t('Runs, resets and errors per day'),
    [
      l10n.t('Day'),
      l10n.t('Debug runs'),
      l10n.t('Task runs'),
      l10n.t('Debug resets'),
      l10n.t('Task resets'),
      l10n.t('Diagnostics'),
      l10n.t('Exceptions'),
      l10n.t('Exits'),
    ],
    rows,
    'daily-table',
  );
  return section(
    l10n.t('Runs, resets and errors per day'),
    'daily',
    chartFigure(
      l10n.t('Runs, resets and errors per day'),
      describeDailyChart(insights),
      dataTable,
      'daily-chart',
      (canvas) => drawDailyChart(canvas, insights.daily),
      draws,
    ),
  );
}

function renderRate(rate: RateTrend, periodDays: number): HTMLElement {
  const label = rateLabel(rate.id);
  return el(
    'div',
    { className: 'rate', testId: `rate-${rate.id}` },
    el('h3', {}, label.title),
    el('p', { className: 'rate-value' }, formatRate(rate.id, rate.current)),
    el('p', { className: 'rate-trend' }, describeTrend(rate.change, rate.current, rate.previous, periodDays)),
    el(
      'p',
      { className: 'hint' },
      `${label.explain} (${formatCount(rate.numerator)} ÷ ${formatCount(rate.denominator)})`,
    ),
  );
}

function codeName(c: { code: string; source: string | null }): string {
  return c.source === null ? c.code : `${c.code} (${c.source})`;
}

function renderOrigin(origin: OriginCodes, insights: Insights, draws: Draw[]): HTMLElement {
  const label = originLabel(origin.origin);
  const days = insights.window.days;
  const period = insights.window.periodDays;
  const children: Child[] = [];
  if (origin.top.length === 0) {
    children.push(el('p', { className: 'empty' }, l10n.t('No {0} in this period.', label.toLowerCase())));
  } else {
    const rows = origin.top.map((c: CodeStat) => [
      el('code', {}, c.code),
      c.source ?? '–',
      formatCount(c.count),
      formatShare(c.share),
      describePrevious(c.count, c.previousCount),
      sparkline(l10n.t('{0} per day', c.code), days, c.daily, draws),
    ]);
    const codesTable = table(
      l10n.t('{0}: the most frequent codes, {1} in all', label, formatCount(origin.total)),
      [
        l10n.t('Code'),
        l10n.t('Source'),
        l10n.t('Count'),
        l10n.t('Share'),
        l10n.t('Previous period'),
        l10n.t('Per day'),
      ],
      rows,
      `codes-${origin.origin}`,
      2,
    );
    const perDay = table(
      l10n.t('{0} per day, by code', label),
      [l10n.t('Day'), ...origin.top.map((c) => c.code)],
      days.map((day, i) => [day, ...origin.top.map((c) => formatCount(c.daily[i] ?? 0))]),
      `codes-${origin.origin}-daily-table`,
    );
    children.push(
      codesTable,
      el('details', {}, el('summary', {}, l10n.t('{0} per day: show as a table', label)), perDay),
    );
  }
  if (insights.comparable) {
    children.push(
      el('h4', {}, newCodesHeading(period)),
      origin.newCodes.length === 0
        ? el('p', { className: 'hint' }, l10n.t('None.'))
        : el(
            'ul',
            { testId: `new-${origin.origin}` },
            ...origin.newCodes.map((c) => el('li', {}, el('code', {}, codeName(c)), ` — ${formatCount(c.count)}`)),
          ),
      el('h4', {}, l10n.t('Gone')),
      origin.goneCodes.length === 0
        ? el('p', { className: 'hint' }, l10n.t('None.'))
        : el(
            'ul',
            { testId: `gone-${origin.origin}` },
            ...origin.goneCodes.map((c) =>
              el(
                'li',
                {},
                el('code', {}, codeName(c)),
                ` — ${formatCount(c.previousCount)} in the previous period, none since`,
              ),
            ),
          ),
    );
  }
  return el(
    'div',
    { className: 'origin', testId: `origin-${origin.origin}` },
    el('h3', {}, l10n.t('{0} ({1}, {2} codes)', label, formatCount(origin.total), formatCount(origin.distinctCodes))),
    ...children,
  );
}

function renderExtensions(extensions: readonly ExtensionStat[], insights: Insights, draws: Draw[]): HTMLElement {
  if (extensions.length === 0) {
    return section(
      l10n.t('Events from other extensions'),
      'extensions',
      el('p', { className: 'empty' }, l10n.t('No other extension reported events in this period.')),
    );
  }
  const rows = extensions.map((e) => [
    el('code', {}, e.prefix),
    e.events.map((x) => `${x.event} ${formatCount(x.count)}`).join(', '),
    formatCount(e.count),
    describePrevious(e.count, e.previousCount),
    sparkline(l10n.t('{0} events per day', e.prefix), insights.window.days, e.daily, draws),
  ]);
  return section(
    l10n.t('Events from other extensions'),
    'extensions',
    el(
      'p',
      { className: 'hint' },
      l10n.t("Events that other extensions report through Candor's API, grouped by the first part of their name."),
    ),
    table(
      l10n.t('Events by extension'),
      [l10n.t('Name prefix'), l10n.t('Events'), l10n.t('Count'), l10n.t('Previous period'), l10n.t('Per day')],
      rows,
      'extensions-table',
      2,
    ),
  );
}

function renderEmpty(state: InsightsViewState): HTMLElement {
  const off = state.privacy.state === 'off';
  return section(
    l10n.t('Nothing to show yet'),
    'insights-empty',
    el(
      'p',
      {},
      l10n.t(
        'Nothing was recorded in the last {0} days. Once there is, this view shows:',
        state.insights.window.periodDays,
      ),
    ),
    el(
      'ul',
      {},
      el('li', {}, l10n.t('your runs, resets and errors per day, debug and task apart;')),
      el('li', {}, l10n.t('your most frequent error codes, which are new and which are gone;')),
      el('li', {}, l10n.t('errors per run, exceptions per debug session and failing runs, against the period before;')),
      el('li', {}, l10n.t('events that other extensions report.')),
    ),
    el(
      'p',
      { testId: 'empty-consent' },
      off
        ? l10n.t(
            'Candor is off ({0}), so nothing is being collected. Turn it on with "Candor: Enable Telemetry" to start.',
            state.privacy.reason,
          )
        : l10n.t('Candor is on and collecting locally: insights appear as you run, debug and meet errors.'),
    ),
  );
}

// ---------------------------------------------------------------------------

function renderPeriods(state: InsightsViewState): void {
  const fieldset = document.getElementById('periods');
  if (fieldset === null) {
    return;
  }
  const focused =
    document.activeElement instanceof HTMLInputElement && document.activeElement.name === 'period'
      ? document.activeElement.value
      : undefined;
  const legend = el('legend', {}, l10n.t('Period (data is kept for {0} days)', state.retentionDays));
  const current = state.insights.window.periodDays;
  const options = state.periods.map((days) => {
    const input = el('input', {
      testId: `period-${days}`,
      attrs: { type: 'radio', name: 'period', value: String(days), id: `period-${days}` },
    });
    input.checked = days === current;
    input.addEventListener('change', () => {
      if (input.checked) {
        post({ type: 'setPeriod', days });
      }
    });
    return el(
      'span',
      { className: 'period' },
      input,
      el('label', { attrs: { for: `period-${days}` } }, l10n.t('{0} days', days)),
    );
  });
  fieldset.replaceChildren(legend, ...options);
  if (focused !== undefined) {
    document.getElementById(`period-${focused}`)?.focus();
  }
}

let firstChartDrawn = false;
let lastState: InsightsViewState | undefined;

function render(state: InsightsViewState): void {
  const content = document.getElementById('content');
  if (content === null) {
    return;
  }
  const scrollY = window.scrollY;
  resetIds();
  destroyCharts();
  lastState = state;
  const insights = state.insights;
  const summary = document.getElementById('summary');
  if (summary !== null) {
    summary.textContent = insights.summary;
  }
  renderPeriods(state);
  const draws: Draw[] = [];
  if (insights.empty) {
    content.replaceChildren(renderEmpty(state));
  } else {
    const period = insights.window.periodDays;
    content.replaceChildren(
      renderDaily(insights, draws),
      section(
        l10n.t('Rates'),
        'rates',
        el('div', { className: 'rates' }, ...insights.rates.map((r) => renderRate(r, period))),
      ),
      section(l10n.t('Top error codes'), 'top-codes', ...insights.codes.map((o) => renderOrigin(o, insights, draws))),
      renderExtensions(insights.extensions, insights, draws),
    );
  }
  for (const draw of draws) {
    draw();
  }
  content.dataset['period'] = String(insights.window.periodDays);
  content.dataset['charts'] = String(draws.length);
  content.setAttribute('aria-busy', 'false');
  if (!firstChartDrawn && draws.length > 0) {
    firstChartDrawn = true;
    // Milliseconds from the page's start to its first drawn chart; the e2e run prints it.
    document.body.dataset['firstChartMs'] = String(Math.round(performance.now()));
  }
  window.scrollTo(0, scrollY);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isInsightsHostToViewMessage(message)) {
    return;
  }
  if (message.type === 'flash') {
    showFlash(message.level, message.text);
    return;
  }
  try {
    render(message.state);
  } catch {
    showFlash('error', l10n.t('The insights could not be shown.'));
  }
});

// A theme change swaps the --vscode-* variables and the body's class: redraw with the new colours.
new MutationObserver(() => {
  if (lastState !== undefined) {
    render(lastState);
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

document.getElementById('payloads-link')?.addEventListener('click', () => post({ type: 'openPayloads' }));
post({ type: 'ready' });
