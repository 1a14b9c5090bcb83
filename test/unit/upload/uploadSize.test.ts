import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { heavyDayReport, measureUploadSizes } from '../../../bench/uploadSize';
import { encodeReportBody, gzipBody } from '../../../src/core/upload/payload';
import { DEFAULT_DAILY_BYTE_BUDGET } from '../../../src/core/upload/uploader';

describe('upload/size of a heavy day', () => {
  it('models ~5,000 events over 40-80 counters', () => {
    const report = heavyDayReport();
    assert.equal(
      report.counters.reduce((sum, c) => sum + c.count, 0),
      5_000,
    );
    assert.ok(report.counters.length >= 40 && report.counters.length <= 80, `${report.counters.length} counters`);
  });

  it('fits the default daily byte budget in both formats', () => {
    const sizes = measureUploadSizes();
    assert.deepEqual(
      sizes.map((s) => s.format),
      ['candor-json', 'otlp'],
    );
    for (const size of sizes) {
      const { bytes } = encodeReportBody(heavyDayReport(), size.format);
      assert.equal(size.uncompressedBytes, bytes.length);
      assert.deepEqual(gunzipSync(gzipBody(bytes)), bytes);
      assert.ok(size.gzipBytes < size.uncompressedBytes);
      assert.ok(size.gzipBytes <= DEFAULT_DAILY_BYTE_BUDGET, `${size.format}: ${size.gzipBytes} gzip bytes`);
    }
  });
});
