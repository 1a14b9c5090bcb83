// Nothing in an uploaded body ties one install's days together except the client
// block: a body is a function of the day, the client block and the counters alone
// (no report id, sequence number, install id or send time), in both formats.
import assert from 'node:assert/strict';
import { buildDailyReport } from '../../../src/core/report';
import { encodeReportBody } from '../../../src/core/upload/payload';
import type { UploadFormat } from '../../../src/core/types';
import { CLIENT, sampleReport } from './fixtures';

const FORMATS: readonly UploadFormat[] = ['candor-json', 'otlp'];

function body(day: string, format: UploadFormat): string {
  const sample = sampleReport(day);
  return Buffer.from(encodeReportBody(buildDailyReport(day, CLIENT, sample.counters), format).bytes).toString('utf8');
}

/** Every string and number in a JSON value, with the path where it occurs. */
function leaves(value: unknown, path = '$'): Array<readonly [string, string]> {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
  }
  return [[path, String(value)]];
}

describe('upload bodies are unlinkable across days', () => {
  for (const format of FORMATS) {
    it(`${format}: the same inputs give the same bytes, whatever was encoded before (no hidden sequence)`, () => {
      const first = body('2026-11-19', format);
      body('2026-11-20', format);
      body('2026-11-21', format);
      assert.equal(body('2026-11-19', format), first);
    });

    it(`${format}: two days with the same counters differ only in values derived from the day`, () => {
      const a = new Map(leaves(JSON.parse(body('2026-11-19', format))));
      const b = new Map(leaves(JSON.parse(body('2026-11-20', format))));
      assert.deepEqual([...a.keys()], [...b.keys()]);
      const clientValues = new Set(Object.values(CLIENT).map(String));
      const differing = [...a].filter(([path, value]) => b.get(path) !== value).map(([path]) => path);
      assert.ok(differing.length > 0, 'the day must show somewhere');
      for (const path of differing) {
        assert.match(path, /\.day$|[tT]imeUnixNano$/, `${path} changes from day to day for another reason`);
      }
      // What stays the same is the client block, the fixed schema names and the counters' vocabulary values.
      for (const [path, value] of a) {
        if (b.get(path) === value && clientValues.has(value)) {
          continue;
        }
        assert.doesNotMatch(path, /\b(id|uuid|seq|sequence|instance|install|machine|session)\b/i, path);
      }
    });
  }
});
