// The payload view's state from store contents, consent and settings.
import * as assert from 'node:assert/strict';
import { describeCollection } from '../../src/core/catalog';
import { buildDailyReport } from '../../src/core/report';
import type { DayCounters, StoredReceipt } from '../../src/core/store';
import type { ConsentDecision, DailyReport } from '../../src/core/types';
import {
  buildViewState,
  collectionView,
  receiptView,
  toViewCounters,
  type StoredPendingReport,
  type StoredViewData,
  type ViewSettings,
  type ViewStateInputs,
} from '../../src/webview/viewState';
import { CLIENT } from '../support/fixtures';

const TODAY = '2026-11-22';
const CLIENT_JSON = '{"extension":"0.1.0","vscode":"1.100","os":"linux","arch":"x64","ui":"desktop"}';

const SHARING: Pick<ConsentDecision, 'state' | 'reason' | 'level'> = {
  state: 'sharing',
  reason: 'Sharing with example.org',
  level: 'all',
};
const LOCAL: Pick<ConsentDecision, 'state' | 'reason' | 'level'> = {
  state: 'local',
  reason: 'Local only: no endpoint is set',
  level: 'error',
};
const AUTO: ViewSettings = { uploadFormat: 'candor-json', uploadMode: 'automatic', retentionDays: 90 };
const REVIEW: ViewSettings = { ...AUTO, uploadMode: 'review' };

function inputs(overrides: Partial<ViewStateInputs> = {}): ViewStateInputs {
  return { consent: SHARING, settings: AUTO, client: CLIENT, today: TODAY, stored: undefined, ...overrides };
}

function stored(overrides: Partial<StoredViewData> = {}): StoredViewData {
  return { counters: [], pendingReports: [], receipts: [], stats: { events: 0, dbBytes: 0 }, ...overrides };
}

const runCounter = {
  event: 'ide.run',
  props: { runtime: 'node', kind: 'debug' },
  count: 3,
  category: 'usage' as const,
};
const exitCounter = {
  event: 'ide.error',
  props: { origin: 'exit', code: 'exit:1' },
  count: 1,
  category: 'errors' as const,
};

function report(day: string): DailyReport {
  return buildDailyReport(day, CLIENT, [{ event: 'ide.reset', props: { kind: 'task' }, count: 2 }]);
}

function receipt(overrides: Partial<StoredReceipt>): StoredReceipt {
  return {
    id: 1,
    day: '2026-11-20',
    format: 'candor-json',
    bytes: 120,
    bodyBytes: 180,
    sha256: 'ab'.repeat(32),
    endpointHost: 'example.org',
    status: '200',
    atMs: 1_763_800_000_000,
    outcome: 'sent',
    ...overrides,
  };
}

describe('buildViewState', () => {
  it('without storage: the privacy state, an empty today and nothing stored, and no storage figures', () => {
    const state = buildViewState(inputs({ consent: LOCAL }));
    const payloadText = `{"schema":"candor.report/1","day":"${TODAY}","client":${CLIENT_JSON},"counters":[]}`;
    assert.deepEqual(state, {
      privacy: { state: 'local', reason: 'Local only: no endpoint is set', level: 'error' },
      extensions: [],
      pending: [],
      today: { day: TODAY, counters: [], payloadText, bytes: payloadText.length },
      collection: collectionView(),
      sent: [],
    });
    assert.equal('stats' in state, false);
  });

  it("shows today's counters as the report that would be sent, merged and in canonical order", () => {
    const days: DayCounters[] = [
      { day: '2026-11-21', counters: [exitCounter] },
      {
        day: TODAY,
        counters: [runCounter, exitCounter, { ...runCounter, props: { kind: 'debug', runtime: 'node' }, count: 2 }],
      },
    ];
    const state = buildViewState(inputs({ stored: stored({ counters: days }) }));
    const payloadText =
      `{"schema":"candor.report/1","day":"${TODAY}","client":${CLIENT_JSON},"counters":[` +
      '{"event":"ide.error","props":{"code":"exit:1","origin":"exit"},"count":1},' +
      '{"event":"ide.run","props":{"kind":"debug","runtime":"node"},"count":5}]}';
    assert.deepEqual(state.today, {
      day: TODAY,
      counters: [
        {
          event: 'ide.error',
          props: { code: 'exit:1', origin: 'exit' },
          propsKey: '{"code":"exit:1","origin":"exit"}',
          count: 1,
        },
        {
          event: 'ide.run',
          props: { kind: 'debug', runtime: 'node' },
          propsKey: '{"kind":"debug","runtime":"node"}',
          count: 5,
        },
      ],
      payloadText,
      bytes: payloadText.length,
    });
  });

  it('shows an empty today when only other days have counters', () => {
    const state = buildViewState(
      inputs({ stored: stored({ counters: [{ day: '2026-11-21', counters: [runCounter] }] }) }),
    );
    assert.deepEqual(state.today.counters, []);
    assert.equal(state.today.day, TODAY);
  });

  it('states what is stored: events, bytes, the retention setting and the oldest day', () => {
    const days: DayCounters[] = [
      { day: '2026-11-20', counters: [runCounter] },
      { day: '2026-09-01', counters: [exitCounter] },
      { day: TODAY, counters: [runCounter] },
    ];
    const state = buildViewState(
      inputs({
        settings: { ...AUTO, retentionDays: 30 },
        stored: stored({ counters: days, stats: { events: 7, dbBytes: 12_288 } }),
      }),
    );
    assert.deepEqual(state.stats, {
      storedEvents: 7,
      databaseBytes: 12_288,
      retentionDays: 30,
      oldestDay: '2026-09-01',
    });
    assert.deepEqual(buildViewState(inputs({ stored: stored() })).stats, {
      storedEvents: 0,
      databaseBytes: 0,
      retentionDays: 90,
      oldestDay: null,
    });
  });

  it('shows the dropped count and why storage cannot be written, by error code', () => {
    const fault = { code: 'ENOSPC', waiting: 12, dropped: 3 };
    assert.deepEqual(buildViewState(inputs({ stored: stored(), recording: { droppedEvents: 3, fault } })).recording, {
      droppedEvents: 3,
      problem: 'Local storage is full (ENOSPC) — 12 events waiting, 3 dropped',
    });
    assert.deepEqual(
      buildViewState(inputs({ stored: undefined, recording: { droppedEvents: 0, fault: undefined } })).recording,
      { droppedEvents: 0, problem: null },
    );
    assert.equal('recording' in buildViewState(inputs({ stored: stored() })), false);
  });

  it('shows each readable pending report in the upload format, and skips one that no longer parses', () => {
    const pendingReports: StoredPendingReport[] = [
      { day: '2026-11-20', approved: false, report: report('2026-11-20') },
      { day: '2026-11-19', approved: false, report: undefined },
      { day: '2026-11-21', approved: true, report: report('2026-11-21') },
    ];
    const state = buildViewState(inputs({ stored: stored({ pendingReports }) }));
    const text = (day: string) =>
      `{"schema":"candor.report/1","day":"${day}","client":${CLIENT_JSON},"counters":[{"event":"ide.reset","props":{"kind":"task"},"count":2}]}`;
    const counters = [{ event: 'ide.reset', props: { kind: 'task' }, propsKey: '{"kind":"task"}', count: 2 }];
    assert.deepEqual(state.pending, [
      {
        day: '2026-11-20',
        format: 'candor-json',
        payloadText: text('2026-11-20'),
        bytes: text('2026-11-20').length,
        counters,
        reviewRequired: false,
      },
      {
        day: '2026-11-21',
        format: 'candor-json',
        payloadText: text('2026-11-21'),
        bytes: text('2026-11-21').length,
        counters,
        reviewRequired: false,
      },
    ]);
  });

  it('shows pending reports and today in OTLP when that is the upload format', () => {
    const state = buildViewState(
      inputs({
        settings: { ...AUTO, uploadFormat: 'otlp' },
        stored: stored({ pendingReports: [{ day: '2026-11-20', approved: false, report: report('2026-11-20') }] }),
      }),
    );
    assert.equal(state.pending[0]?.format, 'otlp');
    for (const payloadText of [state.pending[0]?.payloadText ?? '', state.today.payloadText]) {
      const parsed = JSON.parse(payloadText) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['resourceMetrics']);
    }
    assert.equal(state.today.bytes, Buffer.byteLength(state.today.payloadText));
  });

  it('asks for review only while sharing in review mode, and not once the report is approved', () => {
    const pendingReports: StoredPendingReport[] = [
      { day: '2026-11-20', approved: false, report: report('2026-11-20') },
      { day: '2026-11-21', approved: true, report: report('2026-11-21') },
    ];
    const review = (consent: typeof SHARING, settings: ViewSettings) =>
      buildViewState(inputs({ consent, settings, stored: stored({ pendingReports }) })).pending.map(
        (p) => p.reviewRequired,
      );
    assert.deepEqual(review(SHARING, REVIEW), [true, false]);
    assert.deepEqual(review(SHARING, AUTO), [false, false]);
    assert.deepEqual(review(LOCAL, REVIEW), [false, false], 'nowhere to send to');
    assert.deepEqual(review({ ...SHARING, state: 'off' }, REVIEW), [false, false]);
  });

  it("lists the receipts in the order the store gave them, in the view's words", () => {
    const receipts = [
      receipt({ id: 3, day: '2026-11-21', status: '503', outcome: 'retry' }),
      receipt({ id: 2, day: '2026-11-20', status: '413', outcome: 'dropped' }),
      receipt({ id: 1, day: '2026-11-19' }),
    ];
    const sent = buildViewState(inputs({ stored: stored({ receipts }) })).sent;
    assert.deepEqual(
      sent.map((r) => [r.day, r.status, r.outcome]),
      [
        ['2026-11-21', 503, 'will retry (503)'],
        ['2026-11-20', 413, 'dropped (413)'],
        ['2026-11-19', 200, 'accepted'],
      ],
    );
  });
});

describe('receiptView', () => {
  it('keeps what the receipt says, with an HTTP status as a number and anything else as null', () => {
    assert.deepEqual(receiptView(receipt({ status: '202' })), {
      day: '2026-11-20',
      atMs: 1_763_800_000_000,
      bytes: 120,
      sha256: 'ab'.repeat(32),
      endpointHost: 'example.org',
      status: 202,
      outcome: 'accepted',
    });
    assert.deepEqual(
      [
        receiptView(receipt({ status: 'error:timeout', outcome: 'retry' })).status,
        receiptView(receipt({ status: 'error:timeout', outcome: 'retry' })).outcome,
      ],
      [null, 'will retry (error:timeout)'],
    );
    assert.deepEqual(
      [
        receiptView(receipt({ status: 'not-sent:too_large', outcome: 'dropped' })).status,
        receiptView(receipt({ status: 'not-sent:too_large', outcome: 'dropped' })).outcome,
      ],
      [null, 'dropped (not-sent:too_large)'],
    );
    assert.equal(receiptView(receipt({ status: '2000' })).status, null);
  });

  it('shows an OTLP partial success as the count of rejected data points, and ignores a note of any other shape', () => {
    assert.equal(
      receiptView(receipt({ note: 'otlp-rejected-points:3' })).outcome,
      'accepted, but the server rejected 3 data points',
    );
    assert.equal(
      receiptView(receipt({ note: 'otlp-rejected-points:1' })).outcome,
      'accepted, but the server rejected 1 data point',
    );
    assert.equal(receiptView(receipt({ note: 'bad point at /home/alice' })).outcome, 'accepted');
  });
});

describe('toViewCounters', () => {
  it('adds the canonical props key the view sends back to delete a counter', () => {
    assert.deepEqual(toViewCounters([{ event: 'ide.run', props: { runtime: 'node', kind: 'debug' }, count: 4 }]), [
      {
        event: 'ide.run',
        props: { runtime: 'node', kind: 'debug' },
        propsKey: '{"kind":"debug","runtime":"node"}',
        count: 4,
      },
    ]);
  });
});

describe('collectionView', () => {
  it('lists every catalog event with its properties, leaving out the property that tells shapes apart', () => {
    const view = collectionView();
    const catalog = describeCollection();
    assert.deepEqual(
      view.events.map((e) => e.name),
      catalog.events.map((e) => e.name),
    );
    assert.deepEqual(view.never, catalog.neverCollected);
    const run = view.events.find((e) => e.name === 'ide.run');
    assert.deepEqual(
      run?.properties.map((p) => p.name),
      ['kind', 'runtime'],
    );
    assert.deepEqual(run?.properties[0]?.values, ['debug', 'task']);
    const error = view.events.find((e) => e.name === 'ide.error');
    assert.equal(error?.category, 'errors');
    assert.deepEqual(
      error?.properties.map((p) => p.name),
      ['source', 'code', 'severity', 'code', 'code'],
    );
    assert.match(error?.properties[0]?.description ?? '', /\(when origin is "diagnostic"\)$/);
    assert.match(error?.properties[3]?.description ?? '', /\(when origin is "exception"\)$/);
    assert.match(error?.properties[4]?.description ?? '', /\(when origin is "exit"\)$/);
    assert.equal(run?.properties[1]?.description.includes('(when'), false, 'a single-shape event has no condition');
  });
});
