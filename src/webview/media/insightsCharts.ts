// The Insights charts, drawn by Chart.js on <canvas>. Only the parts used are
// registered, so the bundle stays small. Chart.js sizes the canvas through the
// CSSOM (element.style), which the page's policy allows, and injects no
// stylesheet, evaluates no string and loads nothing. Colours are read from the
// theme's --vscode-* variables each time the charts are drawn.

import * as l10n from '@vscode/l10n';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { DailyPoint } from '../../core/insights/types';
import { shortDay } from '../insightsViewModel';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

/** A theme colour by name (without the --vscode- prefix), or the fallback's. */
function themeColor(name: string, fallback = 'foreground'): string {
  const style = getComputedStyle(document.documentElement);
  const value = style.getPropertyValue(`--vscode-${name}`).trim();
  return value !== '' ? value : style.getPropertyValue(`--vscode-${fallback}`).trim();
}

function isHighContrast(): boolean {
  return (
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light')
  );
}

interface SeriesSpec {
  readonly label: string;
  readonly stack: 'runs' | 'resets' | 'errors';
  readonly color: string;
  readonly pick: (p: DailyPoint) => number;
}

/** Debug and task share a hue family across runs and resets; errors use the warm colours. A function: words are looked up when drawn. */
const dailySeries = (): readonly SeriesSpec[] => [
  { label: l10n.t('Runs · debug'), stack: 'runs', color: 'charts-blue', pick: (p) => p.debugRuns },
  { label: l10n.t('Runs · task'), stack: 'runs', color: 'charts-green', pick: (p) => p.taskRuns },
  { label: l10n.t('Resets · debug'), stack: 'resets', color: 'charts-purple', pick: (p) => p.debugResets },
  { label: l10n.t('Resets · task'), stack: 'resets', color: 'charts-yellow', pick: (p) => p.taskResets },
  { label: l10n.t('Errors · diagnostics'), stack: 'errors', color: 'charts-orange', pick: (p) => p.diagnostics },
  { label: l10n.t('Errors · exceptions'), stack: 'errors', color: 'charts-red', pick: (p) => p.exceptions },
  { label: l10n.t('Errors · exits'), stack: 'errors', color: 'terminal-ansiCyan', pick: (p) => p.exits },
];

const live = new Set<Chart>();

/** Destroys every chart drawn so far (before a re-render). */
export function destroyCharts(): void {
  for (const chart of live) {
    chart.destroy();
  }
  live.clear();
}

function applyThemeDefaults(): void {
  Chart.defaults.color = themeColor('charts-foreground');
  Chart.defaults.borderColor = themeColor('charts-lines', 'widget-border');
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // No animation: the first chart appears at once, and nothing moves for people who prefer it still.
  Chart.defaults.animation = false;
}

/** Runs, resets and errors per day: three stacks per day. */
export function drawDailyChart(canvas: HTMLCanvasElement, points: readonly DailyPoint[]): Chart {
  applyThemeDefaults();
  const border = isHighContrast() ? themeColor('contrastBorder') : undefined;
  const datasets: ChartDataset<'bar', number[]>[] = dailySeries().map((s) => ({
    label: s.label,
    stack: s.stack,
    data: points.map(s.pick),
    backgroundColor: themeColor(s.color),
    ...(border === undefined ? {} : { borderColor: border, borderWidth: 1 }),
  }));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: points.map((p) => shortDay(p.day)), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
  live.add(chart);
  // What the chart holds now, read back from Chart.js: the e2e test sees a period switch redraw it.
  canvas.dataset['points'] = String(chart.data.labels?.length ?? 0);
  canvas.dataset['drawn'] = String(chart.data.datasets.reduce((sum, d) => sum + d.data.length, 0));
  return chart;
}

/** A small line of daily counts, without axes: the trend beside a code. */
export function drawSparkline(canvas: HTMLCanvasElement, values: readonly number[]): Chart {
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: values.map((_, i) => String(i)),
      datasets: [
        {
          data: [...values],
          borderColor: themeColor('charts-blue'),
          borderWidth: 1.5,
          pointRadius: 0,
          fill: false,
          tension: 0,
        },
      ],
    },
    options: {
      responsive: false,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
    },
  });
  live.add(chart);
  return chart;
}
