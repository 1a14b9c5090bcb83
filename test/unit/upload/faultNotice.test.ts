import * as assert from 'node:assert/strict';
import { faultMessage, faultOf, UploadFaultNotifier } from '../../../src/core/upload/faultNotice';
import type { UploadReceipt, UploadSummary } from '../../../src/core/upload/uploader';

function receipt(status: string, outcome: UploadReceipt['outcome'] = 'retry'): UploadReceipt {
  return {
    day: '2026-11-22',
    format: 'otlp',
    bytes: 10,
    bodyBytes: 20,
    sha256: 'ab',
    endpointHost: 'h',
    status,
    atMs: 0,
    outcome,
  };
}

function summary(sent: number, ...receipts: UploadReceipt[]): UploadSummary {
  return {
    sent,
    dropped: 0,
    retried: receipts.filter((r) => r.outcome === 'retry').length,
    withheld: 0,
    deferred: 0,
    receipts,
  };
}

describe('upload/faultNotice', () => {
  it('names the fault of a retry receipt by its class', () => {
    assert.equal(faultOf(receipt('error:tls')), 'tls');
    assert.equal(faultOf(receipt('error:timeout')), 'timeout');
    assert.equal(faultOf(receipt('error:network')), 'network');
    assert.equal(faultOf(receipt('307')), 'redirect');
    assert.equal(faultOf(receipt('503')), 'server');
    assert.equal(faultOf(receipt('429')), 'server');
    assert.equal(faultOf(receipt('error:aborted')), undefined);
    assert.equal(faultOf(receipt('200', 'sent')), undefined);
    assert.equal(faultOf(receipt('400', 'dropped')), undefined);
  });

  it('tells a fault once, again when it changes, and again after a send ended it', () => {
    const notifier = new UploadFaultNotifier();
    assert.equal(notifier.afterRun(summary(0, receipt('error:tls'), receipt('error:tls'))), faultMessage('tls'));
    assert.equal(notifier.afterRun(summary(0, receipt('error:tls'))), undefined);
    assert.equal(notifier.afterRun(summary(0)), undefined);
    assert.equal(notifier.afterRun(summary(0, receipt('error:timeout'))), faultMessage('timeout'));
    assert.equal(notifier.afterRun(summary(1, receipt('200', 'sent'))), undefined);
    assert.equal(notifier.afterRun(summary(0, receipt('error:timeout'))), faultMessage('timeout'));
  });

  it('says the reports are kept, in plain words, with no server text', () => {
    assert.match(faultMessage('tls'), /certificate is not trusted/);
    assert.match(faultMessage('redirect'), /never follows/);
    for (const fault of ['tls', 'timeout', 'network', 'redirect', 'server'] as const) {
      assert.match(faultMessage(fault), /stay on this machine and are retried automatically\.$/);
    }
  });
});
