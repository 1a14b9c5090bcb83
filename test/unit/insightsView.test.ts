// The Insights webview's shell, protocol guard, words and stylesheet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInsightsHostToViewMessage, isInsightsViewToHostMessage } from '../../src/webview/insightsProtocol';
import { buildInsightsViewHtml, insightsLocalNotice } from '../../src/webview/insightsViewHtml';
import {
  describeDailyChart,
  describePrevious,
  describeSeries,
  describeTrend,
  formatRate,
  formatShare,
  newCodesHeading,
} from '../../src/webview/insightsViewModel';
import { buildInsights, type InsightsRow } from '../../src/core/insights';

const root = path.resolve(__dirname, '..', '..', '..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const INPUTS = {
  cspSource: CSP_SOURCE,
  nonce: 'n0nce+/=',
  scriptUri: `${CSP_SOURCE}/ext/dist/webview/insightsView.js`,
  baseStyleUri: `${CSP_SOURCE}/ext/dist/webview/payloadView.css`,
  styleUri: `${CSP_SOURCE}/ext/dist/webview/insightsView.css`,
};

describe('Insights view HTML', () => {
  const html = buildInsightsViewHtml(INPUTS);

  it("has the payload view's strict policy: no inline or eval code, no network, assets only from the webview source", () => {
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    assert.deepEqual(csp.split('; '), [
      "default-src 'none'",
      "connect-src 'none'",
      `img-src ${CSP_SOURCE}`,
      `style-src ${CSP_SOURCE}`,
      "script-src 'nonce-n0nce+/='",
    ]);
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i);
  });

  it('loads one script by nonce and the two stylesheets, and promises that nothing is uploaded', () => {
    assert.deepEqual(html.match(/<script\b[^>]*>/g), [`<script nonce="n0nce+/=" src="${INPUTS.scriptUri}">`]);
    assert.equal((html.match(/<link rel="stylesheet"/g) ?? []).length, 2);
    assert.ok(html.includes(insightsLocalNotice()));
    assert.match(insightsLocalNotice(), /Nothing in this view is ever uploaded/);
  });
});

describe('Insights view protocol', () => {
  it('accepts exactly its four messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'openPayloads' },
      { type: 'setPeriod', days: 30 },
    ]) {
      assert.equal(isInsightsViewToHostMessage(message), true, JSON.stringify(message));
    }
  });

  it('fails closed on anything else', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'setPeriod' },
      { type: 'setPeriod', days: '30' },
      { type: 'setPeriod', days: 7.5 },
      { type: 'setPeriod', days: 0 },
      { type: 'setPeriod', days: 366 },
      { type: 'setPeriod', days: 7, extra: 1 },
      { type: 'ready', day: '2026-11-22' },
      { type: 'openPolicy' },
      JSON.parse('{"type":"ready","__proto__":{}}'),
      Object.defineProperty({ type: 'setPeriod' }, 'days', { get: () => 7, enumerable: true }),
    ];
    for (const message of bad) {
      assert.equal(isInsightsViewToHostMessage(message), false, String(JSON.stringify(message)));
    }
  });

  it("the browser side accepts the host's state and flash only", () => {
    const insights = buildInsights([], { today: '2026-11-22', periodDays: 7, retentionDays: 90 });
    assert.equal(
      isInsightsHostToViewMessage({
        type: 'insights',
        state: { insights, periods: [7], retentionDays: 90, privacy: {} },
      }),
      true,
    );
    assert.equal(isInsightsHostToViewMessage({ type: 'flash', level: 'error', text: 'x' }), true);
    assert.equal(isInsightsHostToViewMessage({ type: 'state', state: {} }), false);
    assert.equal(isInsightsHostToViewMessage({ type: 'insights', state: { periods: [7] } }), false);
  });
});

describe('Insights view words', () => {
  it('formats rates, shares and trends', () => {
    assert.equal(formatRate('errorsPerRun', 1.5), '1.50');
    assert.equal(formatRate('errorsPerRun', 12.4), '12');
    assert.equal(formatRate('failingRunShare', 0.2), '20%');
    assert.equal(formatRate('exceptionsPerDebugSession', null), 'no runs');
    assert.equal(formatShare(0.004), '<1%');
    assert.equal(formatShare(0), '0%');
    assert.equal(describeTrend(0.2, 0.6, 0.5, 7), '▲ up 20% against the previous 7 days');
    assert.equal(describeTrend(-0.0625, 1.5, 1.6, 30), '▼ down 6% against the previous 30 days');
    assert.equal(describeTrend(null, null, null, 7), 'no data for the previous 7 days');
    assert.equal(describeTrend(null, 0, 0, 7), 'unchanged against the previous 7 days');
    assert.equal(describeTrend(null, 0.2, 0, 7), 'none in the previous 7 days');
    assert.equal(describePrevious(5, 0), 'new');
    assert.equal(describePrevious(5, 10), 'was 10');
    assert.equal(describePrevious(5, null), '–');
    assert.equal(newCodesHeading(7), 'New this week');
    assert.equal(newCodesHeading(30), 'New in the last 30 days');
  });

  it('describes a sparkline and the daily chart in words', () => {
    assert.equal(
      describeSeries('TS2304 per day', ['2026-11-20', '2026-11-21', '2026-11-22'], [3, 0, 2]),
      'TS2304 per day: 5 from 2026-11-20 to 2026-11-22, most on 2026-11-20 (3), 2 on the last day.',
    );
    assert.equal(describeSeries('X', ['2026-11-21', '2026-11-22'], [0, 0]), 'X: none from 2026-11-21 to 2026-11-22.');
    const rows: InsightsRow[] = [
      { day: '2026-11-21', event: 'ide.run', kind: 'debug', origin: null, source: null, code: null, count: 2 },
      { day: '2026-11-22', event: 'ide.error', kind: null, origin: 'exit', source: null, code: 'exit:1', count: 1 },
    ];
    const text = describeDailyChart(buildInsights(rows, { today: '2026-11-22', periodDays: 7, retentionDays: 90 }));
    assert.match(text, /from 2026-11-16 to 2026-11-22/);
    assert.match(text, /2 runs \(2 debug, 0 task\)/);
    assert.match(text, /1 errors \(0 diagnostics, 0 exceptions, 1 exits\)/);
    assert.match(text, /busiest day was 2026-11-21 with 2/);
    assert.match(text, /\(5 such days\)/);
  });
});

describe('Insights view sources', () => {
  const script = ['insightsView.ts', 'insightsCharts.ts', 'dom.ts']
    .map((f) => fs.readFileSync(path.join(root, 'src', 'webview', 'media', f), 'utf8').replace(/\/\/.*$/gm, ''))
    .join('\n');

  it('never parses HTML, sets a style attribute or evaluates strings', () => {
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'DOMParser',
      'createContextualFragment',
    ]) {
      assert.equal(script.includes(sink), false, sink);
    }
    for (const pattern of [/\.style\b/, /setAttribute\(\s*['"]style/, /\beval\(/, /new Function\(/]) {
      assert.doesNotMatch(script, pattern);
    }
  });

  it('the stylesheet hard-codes no colour', () => {
    const css = fs.readFileSync(path.join(root, 'media', 'insightsView.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i);
    assert.doesNotMatch(css, /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i);
    const colours = [
      ...css.matchAll(/(?:^|[;{\s])((?:background-)?color|accent-color|border(?:-color)?|outline):\s*([^;]+);/g),
    ];
    assert.ok(colours.length >= 5);
    for (const [, , value] of colours) {
      assert.match(value ?? '', /var\(--(?:vscode|candor)-|^none$|^0$/, value);
    }
  });

  it('the charts take their colours from theme variables only', () => {
    const charts = fs.readFileSync(path.join(root, 'src', 'webview', 'media', 'insightsCharts.ts'), 'utf8');
    assert.doesNotMatch(charts.replace(/\/\/.*$/gm, ''), /#[0-9a-f]{3,8}\b|\brgba?\(/i);
    assert.match(charts, /--vscode-\$\{name\}/);
  });
});
