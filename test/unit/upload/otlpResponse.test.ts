import * as assert from 'node:assert/strict';
import { readRejectedDataPoints } from '../../../src/core/upload/otlpResponse';
import { readReceiptNote, rejectedPointsNote } from '../../../src/core/upload/receiptNote';

describe('upload/otlpResponse readRejectedDataPoints', () => {
  it('reads the JSON mapping and the proto field names, int64 as string or number', () => {
    assert.equal(readRejectedDataPoints('{"partialSuccess":{"rejectedDataPoints":"3","errorMessage":"x"}}'), 3);
    assert.equal(readRejectedDataPoints(Buffer.from('{"partialSuccess":{"rejectedDataPoints":7}}')), 7);
    assert.equal(readRejectedDataPoints('{"partial_success":{"rejected_data_points":"12"}}'), 12);
    assert.equal(
      readRejectedDataPoints('{"partialSuccess":{"rejectedDataPoints":"99999999999999999999"}}'),
      1_000_000_000,
    );
  });

  it('is undefined for no partial success, nothing rejected, or anything unreadable', () => {
    for (const body of [
      '',
      '{}',
      'null',
      '[]',
      'not json',
      '{"partialSuccess":{}}',
      '{"partialSuccess":{"rejectedDataPoints":"0","errorMessage":"warn"}}',
      '{"partialSuccess":{"rejectedDataPoints":-2}}',
      '{"partialSuccess":{"rejectedDataPoints":"1.5"}}',
      '{"partialSuccess":{"rejectedDataPoints":"3 points"}}',
      '{"partialSuccess":"3"}',
      '{"partialSuccess":{"rejectedDataPoints":true}}',
    ]) {
      assert.equal(readRejectedDataPoints(body), undefined, body);
    }
  });
});

describe('upload/receiptNote', () => {
  it('round-trips the rejected-points note and ignores notes of any other shape', () => {
    assert.equal(rejectedPointsNote(3), 'otlp-rejected-points:3');
    assert.deepEqual(readReceiptNote(rejectedPointsNote(3)), { rejectedDataPoints: 3 });
    for (const note of [
      undefined,
      '',
      'otlp-rejected-points:',
      'otlp-rejected-points:3 /home/x',
      'free text from a server',
      'otlp-rejected-points:-1',
    ]) {
      assert.equal(readReceiptNote(note), undefined, String(note));
    }
  });
});
