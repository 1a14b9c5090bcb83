// The Insights aggregations, each against figures worked out by hand from a
// small history: two weeks of runs, resets, errors and other extensions' events.
import * as assert from 'node:assert/strict';
import {
  buildInsights,
  dailySeries,
  describeChange,
  extensionEvents,
  periodWindow,
  rateTrends,
  summaryLine,
  topCodes,
  totalsIn,
  ZERO_COUNTS,
  type InsightsRow,
} from '../../src/core/insights';

const TODAY = '2026-11-22';

function row(
  day: string,
  event: string,
  props: { kind?: string; origin?: string; source?: string; code?: string },
  count: number,
): InsightsRow {
  return {
    day,
    event,
    kind: props.kind ?? null,
    origin: props.origin ?? null,
    source: props.source ?? null,
    code: props.code ?? null,
    count,
  };
}
const run = (day: string, kind: string, n: number) => row(day, 'ide.run', { kind }, n);
const reset = (day: string, kind: string, n: number) => row(day, 'ide.reset', { kind }, n);
const diag = (day: string, source: string, code: string, n: number) =>
  row(day, 'ide.error', { origin: 'diagnostic', source, code }, n);
const exc = (day: string, code: string, n: number) => row(day, 'ide.error', { origin: 'exception', code }, n);
const exit = (day: string, code: string, n: number) => row(day, 'ide.error', { origin: 'exit', code }, n);

/** Previous week 11-09 … 11-15, current week 11-16 … 11-22, plus rows no window may count. */
const HISTORY: InsightsRow[] = [
  run('2026-08-20', 'debug', 100), // beyond a 90-day retention (cut 08-25)
  diag('2026-11-02', 'ts', 'TS9999', 50), // kept, but before both weeks
  run('2026-11-10', 'debug', 4),
  diag('2026-11-10', 'ts', 'TS2304', 10),
  exc('2026-11-12', 'TypeError', 2),
  diag('2026-11-12', 'ts', 'TS2551', 3),
  run('2026-11-12', 'task', 6),
  exit('2026-11-14', 'exit:1', 1),
  row('2026-11-14', 'example.loaded', {}, 2),
  run('2026-11-16', 'debug', 5),
  diag('2026-11-16', 'ts', 'TS2304', 3),
  diag('2026-11-18', 'ts', 'TS2304', 2),
  exc('2026-11-18', 'TypeError', 1),
  exc('2026-11-18', 'KeyError', 2),
  run('2026-11-20', 'task', 5),
  reset('2026-11-20', 'task', 1),
  exit('2026-11-20', 'exit:1', 2),
  diag('2026-11-21', 'eslint', 'no-unused-vars', 5),
  row('2026-11-21', 'example.loaded', {}, 3),
  row('2026-11-22', 'docs.link_clicked', {}, 1),
  reset('2026-11-22', 'debug', 2),
];

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);
function withAt(n: number, at: Record<number, number>): number[] {
  const out = zeros(n);
  for (const [i, v] of Object.entries(at)) {
    out[Number(i)] = v;
  }
  return out;
}

describe('insights: runs, resets and errors per day', () => {
  it('gives every day of the period a point, zeros on days with no data', () => {
    const w = periodWindow(TODAY, 7, 90);
    const points = dailySeries(HISTORY, w.days);
    assert.deepEqual(points, [
      { day: '2026-11-16', ...ZERO_COUNTS, debugRuns: 5, diagnostics: 3 },
      { day: '2026-11-17', ...ZERO_COUNTS },
      { day: '2026-11-18', ...ZERO_COUNTS, diagnostics: 2, exceptions: 3 },
      { day: '2026-11-19', ...ZERO_COUNTS },
      { day: '2026-11-20', ...ZERO_COUNTS, taskRuns: 5, taskResets: 1, exits: 2 },
      { day: '2026-11-21', ...ZERO_COUNTS, diagnostics: 5 },
      { day: '2026-11-22', ...ZERO_COUNTS, debugResets: 2 },
    ]);
  });

  it('ignores runs of an unknown kind and errors of an unknown origin', () => {
    const odd = [
      row(TODAY, 'ide.run', { kind: 'other' }, 3),
      row(TODAY, 'ide.error', { origin: 'crash', code: 'X' }, 4),
      row(TODAY, 'ide.run', {}, 1),
    ];
    assert.deepEqual(dailySeries(odd, [TODAY]), [{ day: TODAY, ...ZERO_COUNTS }]);
  });

  it('sums each week', () => {
    const w = periodWindow(TODAY, 7, 90);
    assert.deepEqual(totalsIn(HISTORY, w.current), {
      debugRuns: 5,
      taskRuns: 5,
      debugResets: 2,
      taskResets: 1,
      diagnostics: 10,
      exceptions: 3,
      exits: 2,
    });
    assert.deepEqual(totalsIn(HISTORY, w.previous), {
      debugRuns: 4,
      taskRuns: 6,
      debugResets: 0,
      taskResets: 0,
      diagnostics: 13,
      exceptions: 2,
      exits: 1,
    });
  });
});

describe('insights: top error codes', () => {
  const w = periodWindow(TODAY, 7, 90);
  const [diagnostics, exceptions, exits] = topCodes(HISTORY, w, true);

  it('lists diagnostics by count with share, previous count and daily trend; new and gone against last week', () => {
    assert.equal(diagnostics?.origin, 'diagnostic');
    assert.equal(diagnostics?.total, 10);
    assert.equal(diagnostics?.distinctCodes, 2);
    assert.deepEqual(diagnostics?.top, [
      // A tie (5 and 5) is ordered by code: "TS2304" sorts before "no-unused-vars".
      { code: 'TS2304', source: 'ts', count: 5, share: 0.5, previousCount: 10, daily: withAt(7, { 0: 3, 2: 2 }) },
      { code: 'no-unused-vars', source: 'eslint', count: 5, share: 0.5, previousCount: 0, daily: withAt(7, { 5: 5 }) },
    ]);
    assert.deepEqual(
      diagnostics?.newCodes.map((c) => c.code),
      ['no-unused-vars'],
    );
    assert.deepEqual(diagnostics?.goneCodes, [{ code: 'TS2551', source: 'ts', previousCount: 3 }]);
  });

  it('keeps exceptions and exits apart from diagnostics', () => {
    assert.equal(exceptions?.total, 3);
    assert.deepEqual(
      exceptions?.top.map((c) => [c.code, c.count, c.share, c.previousCount]),
      [
        ['KeyError', 2, 2 / 3, 0],
        ['TypeError', 1, 1 / 3, 2],
      ],
    );
    assert.deepEqual(
      exceptions?.newCodes.map((c) => c.code),
      ['KeyError'],
    );
    assert.deepEqual(exceptions?.goneCodes, []);
    assert.deepEqual(exits?.top, [
      { code: 'exit:1', source: null, count: 2, share: 1, previousCount: 1, daily: withAt(7, { 4: 2 }) },
    ]);
  });

  it('says nothing is new or gone, and gives no previous counts, when the periods cannot be compared', () => {
    const [d] = topCodes(HISTORY, w, false);
    assert.deepEqual(d?.newCodes, []);
    assert.deepEqual(d?.goneCodes, []);
    assert.deepEqual(
      d?.top.map((c) => c.previousCount),
      [null, null],
    );
  });

  it('keeps only the most frequent codes', () => {
    const many = Array.from({ length: 12 }, (_, i) => exc(TODAY, `E${String(i).padStart(2, '0')}`, i + 1));
    const [, e] = topCodes(many, w, false, 3);
    assert.deepEqual(
      e?.top.map((c) => c.code),
      ['E11', 'E10', 'E09'],
    );
    assert.equal(e?.distinctCodes, 12);
    assert.equal(e?.total, 78);
  });
});

describe('insights: rates against the previous period', () => {
  it('errors per run, exceptions per debug session, failing run share', () => {
    const w = periodWindow(TODAY, 7, 90);
    const rates = rateTrends(totalsIn(HISTORY, w.current), totalsIn(HISTORY, w.previous), true);
    // Current: 15 errors / 10 runs; 3 exceptions / 5 debug runs; 2 exits / 10 runs.
    // Previous: 16 / 10; 2 / 4; 1 / 10.
    assert.deepEqual(
      rates.map((r) => [r.id, r.current, r.previous, r.numerator, r.denominator]),
      [
        ['errorsPerRun', 1.5, 1.6, 15, 10],
        ['exceptionsPerDebugSession', 0.6, 0.5, 3, 5],
        ['failingRunShare', 0.2, 0.1, 2, 10],
      ],
    );
    assert.ok(Math.abs((rates[0]?.change ?? NaN) - -0.0625) < 1e-12);
    assert.ok(Math.abs((rates[1]?.change ?? NaN) - 0.2) < 1e-12);
    assert.equal(rates[2]?.change, 1);
  });

  it('has no rate without a denominator and no trend when not comparable', () => {
    const rates = rateTrends({ ...ZERO_COUNTS, exceptions: 2 }, { ...ZERO_COUNTS, debugRuns: 3, exceptions: 1 }, false);
    assert.deepEqual(
      rates.map((r) => [r.current, r.previous, r.change]),
      [
        [null, null, null],
        [null, null, null],
        [null, null, null],
      ],
    );
  });
});

describe('insights: events other extensions report', () => {
  it('groups them by name prefix, with previous counts and a daily trend', () => {
    const w = periodWindow(TODAY, 7, 90);
    assert.deepEqual(extensionEvents(HISTORY, w, true), [
      {
        prefix: 'example',
        count: 3,
        previousCount: 2,
        events: [{ event: 'example.loaded', count: 3 }],
        daily: withAt(7, { 5: 3 }),
      },
      {
        prefix: 'docs',
        count: 1,
        previousCount: 0,
        events: [{ event: 'docs.link_clicked', count: 1 }],
        daily: withAt(7, { 6: 1 }),
      },
    ]);
  });

  it('groups declared events by the extension id before the colon, not by its publisher', () => {
    const w = periodWindow(TODAY, 7, 90);
    const rows = [
      row('2026-11-21', 'candor.candor-demo:example.loaded', {}, 2),
      row('2026-11-22', 'candor.candor-demo:docs.link_clicked', {}, 1),
      row('2026-11-22', 'candor.other-tool:share.link_created', {}, 4),
    ];
    assert.deepEqual(
      extensionEvents(rows, w, true).map((stat) => [stat.prefix, stat.count]),
      [
        ['candor.other-tool', 4],
        ['candor.candor-demo', 3],
      ],
    );
  });
});

describe('insights: the summary line', () => {
  it('words changes', () => {
    assert.equal(describeChange(10, 5), 'halved');
    assert.equal(describeChange(10, 0), 'stopped');
    assert.equal(describeChange(5, 10), 'doubled');
    assert.equal(describeChange(4, 12), 'rose 3-fold');
    assert.equal(describeChange(10, 7), 'fell by 30%');
    assert.equal(describeChange(10, 13), 'rose by 30%');
    assert.equal(describeChange(10, 9), undefined);
    assert.equal(describeChange(0, 5), undefined);
  });

  it('names the code that moved most and how debug sessions went', () => {
    const insights = buildInsights(HISTORY, { today: TODAY, periodDays: 7, retentionDays: 90 });
    assert.equal(
      insights.summary,
      'Your TS2304 errors halved this week; debug sessions hit an exception 6 times in 10.',
    );
  });

  it('falls back to the most frequent code, or to runs without errors', () => {
    const codes = topCodes(
      [diag(TODAY, 'ts', 'TS2304', 3), exc(TODAY, 'TypeError', 1)],
      periodWindow(TODAY, 30, 90),
      false,
    );
    assert.equal(
      summaryLine({
        periodDays: 30,
        comparable: false,
        totals: { ...ZERO_COUNTS, diagnostics: 3, exceptions: 1 },
        codes,
      }),
      '4 errors in the last 30 days, most often TS2304 (75%).',
    );
    assert.equal(
      summaryLine({ periodDays: 7, comparable: false, totals: { ...ZERO_COUNTS, taskRuns: 3 }, codes: [] }),
      '3 runs and no errors this week.',
    );
    assert.equal(
      summaryLine({
        periodDays: 7,
        comparable: false,
        totals: { ...ZERO_COUNTS, debugRuns: 2, exceptions: 5 },
        codes: [],
      }),
      'Debug sessions hit 2.5 exceptions each on average.',
    );
    assert.equal(
      summaryLine({ periodDays: 7, comparable: false, totals: { ...ZERO_COUNTS, debugRuns: 4 }, codes: [] }),
      'No debug session hit an exception.',
    );
    assert.equal(
      summaryLine({ periodDays: 90, comparable: false, totals: ZERO_COUNTS, codes: [] }),
      'No runs or errors recorded in the last 90 days.',
    );
  });
});

describe('insights: the whole view', () => {
  it('builds the week from the history, ignoring rows beyond the retention', () => {
    const insights = buildInsights(HISTORY, { today: TODAY, periodDays: 7, retentionDays: 90 });
    assert.equal(insights.comparable, true);
    assert.equal(insights.empty, false);
    assert.equal(insights.daily.length, 7);
    assert.deepEqual(insights.totals, {
      debugRuns: 5,
      taskRuns: 5,
      debugResets: 2,
      taskResets: 1,
      diagnostics: 10,
      exceptions: 3,
      exits: 2,
    });
    assert.deepEqual(
      insights.extensions.map((e) => e.prefix),
      ['example', 'docs'],
    );
    // The 90-day view holds everything kept (08-25 on): the 08-20 run is gone, the 11-02 TS9999 counts.
    const quarter = buildInsights(HISTORY, { today: TODAY, periodDays: 90, retentionDays: 90 });
    assert.equal(quarter.totals.debugRuns, 9);
    assert.equal(quarter.codes[0]?.top[0]?.code, 'TS9999');
    assert.equal(quarter.comparable, false, 'the 90 days before lie beyond a 90-day retention');
    assert.deepEqual(
      quarter.rates.map((r) => r.change),
      [null, null, null],
    );
  });

  it('around a retention cut: only the kept days of the previous period count', () => {
    const rows = [
      diag('2026-11-12', 'ts', 'TS1', 5),
      diag('2026-11-13', 'ts', 'TS2', 1),
      diag('2026-11-14', 'ts', 'TS1', 4),
      diag('2026-11-20', 'ts', 'TS1', 2),
    ];
    const insights = buildInsights(rows, { today: TODAY, periodDays: 7, retentionDays: 10 });
    assert.equal(insights.window.cutoffDay, '2026-11-13');
    assert.equal(insights.window.previousRetainedDays, 3);
    assert.equal(insights.comparable, true);
    assert.deepEqual(
      insights.previousTotals,
      { ...ZERO_COUNTS, diagnostics: 5 },
      'the cut day 11-13 counts, 11-12 does not',
    );
    assert.deepEqual(
      insights.codes[0]?.top.map((c) => [c.code, c.count, c.previousCount]),
      [['TS1', 2, 4]],
    );
    assert.deepEqual(insights.codes[0]?.goneCodes, [{ code: 'TS2', source: 'ts', previousCount: 1 }]);
  });

  it('a previous period with no data is not compared: nothing is "new"', () => {
    const insights = buildInsights([diag('2026-11-20', 'ts', 'TS1', 2)], {
      today: TODAY,
      periodDays: 7,
      retentionDays: 90,
    });
    assert.equal(insights.comparable, false);
    assert.deepEqual(insights.codes[0]?.newCodes, []);
  });

  it('with no data at all: every day present and zero, and marked empty', () => {
    const insights = buildInsights([], { today: TODAY, periodDays: 30, retentionDays: 90 });
    assert.equal(insights.empty, true);
    assert.equal(insights.daily.length, 30);
    assert.ok(
      insights.daily.every(
        (p) => p.debugRuns + p.taskRuns + p.diagnostics + p.exceptions + p.exits + p.debugResets + p.taskResets === 0,
      ),
    );
    assert.deepEqual(
      insights.codes.map((c) => c.total),
      [0, 0, 0],
    );
    assert.equal(insights.summary, 'No runs or errors recorded in the last 30 days.');
  });

  it("only other extensions' events: not empty", () => {
    const insights = buildInsights([row(TODAY, 'session.started', {}, 1)], {
      today: TODAY,
      periodDays: 7,
      retentionDays: 90,
    });
    assert.equal(insights.empty, false);
    assert.deepEqual(
      insights.extensions.map((e) => [e.prefix, e.count]),
      [['session', 1]],
    );
  });
});
