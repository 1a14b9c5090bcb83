// Insights never leave the machine: building them changes no stored byte and no
// payload byte, their messages are refused by the payload view, and nothing on
// the way to the uploader can import them.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { buildInsights, loadInsights, PERIOD_CHOICES } from '../../src/core/insights';
import { buildDailyReport, serializeReport } from '../../src/core/report';
import { CandorStore, readStoredReport } from '../../src/core/store';
import { encodeReportBody } from '../../src/core/upload/payload';
import { isInsightsViewToHostMessage } from '../../src/webview/insightsProtocol';
import { isViewToHostMessage } from '../../src/webview/protocol';
import { CLIENT } from '../support/fixtures';
import { TEST_GATE } from '../support/gate';
import { DAY_MS, NOW, errorEvent, event, makeTempDir, removeDir } from './storeSupport';

const root = path.resolve(__dirname, '..', '..', '..');

/** Every pending report as the uploader would send it, in both formats. */
async function outboundBytes(store: CandorStore): Promise<string[]> {
  const out: string[] = [];
  for (const record of await store.pendingReports()) {
    const report = readStoredReport(record);
    assert.ok(report, `the stored report of ${record.day} is readable`);
    for (const format of ['candor-json', 'otlp'] as const) {
      out.push(encodeReportBody(report, format).bytes.toString('base64'));
    }
  }
  return out;
}

describe('Insights privacy', () => {
  let dir: string;
  let store: CandorStore;

  beforeEach(async () => {
    dir = makeTempDir('insights-privacy');
    store = await CandorStore.open({ dir, now: () => NOW });
    const yesterday = NOW - DAY_MS;
    await store.appendEvents([
      event(yesterday),
      errorEvent(yesterday, 'TS2304'),
      event(yesterday, 'ide.reset', { kind: 'task' }),
    ]);
    const counters = (await store.counters('2026-11-21'))[0]?.counters ?? [];
    await store.upsertPendingReport('2026-11-21', serializeReport(buildDailyReport('2026-11-21', CLIENT, counters)));
  });

  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });

  it('the payload bytes, the stored file and the export are byte-identical with insights built or not', async () => {
    const payloadsBefore = await outboundBytes(store);
    const exportBefore = await store.exportJson(TEST_GATE);
    const fileBefore = readFileSync(path.join(dir, 'candor.sqlite'));
    assert.equal(payloadsBefore.length, 2);
    const built = await Promise.all(PERIOD_CHOICES.map((p) => loadInsights(store, p, 90)));
    assert.ok(
      built.every((i) => !i.empty),
      'insights were really built from the data',
    );
    assert.deepEqual(await outboundBytes(store), payloadsBefore);
    assert.equal(await store.exportJson(TEST_GATE), exportBefore);
    assert.deepEqual(readFileSync(path.join(dir, 'candor.sqlite')), fileBefore);
    const text = Buffer.concat((await outboundBytes(store)).map((b) => Buffer.from(b, 'base64'))).toString('utf8');
    for (const word of ['summary', 'insights', 'comparable', 'goneCodes', 'halved']) {
      assert.equal(text.includes(word), false, word);
    }
  });

  it('no message of the Insights view is accepted by the payload view (which can send reports), and the reverse', () => {
    const insights = buildInsights([], { today: '2026-11-22', periodDays: 7, retentionDays: 90 });
    for (const message of [
      { type: 'insights', state: { insights } },
      { type: 'setPeriod', days: 7 },
      { type: 'openPayloads' },
    ]) {
      assert.equal(isViewToHostMessage(message), false, message.type);
    }
    for (const message of [
      { type: 'sendReport', day: '2026-11-21' },
      { type: 'exportData', format: 'json' },
      { type: 'deleteReport', day: '2026-11-21' },
    ]) {
      assert.equal(isInsightsViewToHostMessage(message), false, message.type);
    }
  });

  it('nothing on the way to an upload imports Insights, and Insights imports nothing of the upload', () => {
    const importsOf = (file: string): string[] =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
    const outbound = [
      ...readdirSync(path.join(root, 'src', 'core', 'upload')).map((f) => path.join('src', 'core', 'upload', f)),
      path.join('src', 'core', 'report.ts'),
      path.join('src', 'core', 'store', 'reports.ts'),
      path.join('src', 'core', 'store', 'reportQueue.ts'),
      path.join('src', 'ide', 'dailyReports.ts'),
      path.join('src', 'ide', 'uploadScheduler.ts'),
    ];
    for (const file of outbound) {
      assert.deepEqual(
        importsOf(path.join(root, file)).filter((i) => /insights/i.test(i)),
        [],
        file,
      );
    }
    for (const file of readdirSync(path.join(root, 'src', 'core', 'insights'))) {
      assert.deepEqual(
        importsOf(path.join(root, 'src', 'core', 'insights', file)).filter((i) => /upload|report|recorder/i.test(i)),
        [],
        file,
      );
    }
  });
});
