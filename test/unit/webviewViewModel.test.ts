import assert from 'node:assert/strict';
import {
  deleteCounterLabel,
  describeProps,
  formatBytes,
  formatLabel,
  formatUtcMinute,
  privacyHeadline,
  privacyStateLabel,
  summariseCounters,
} from '../../src/webview/viewModel';

describe('webview view model', () => {
  describe('formatBytes', () => {
    it('gives the exact byte count, singular for one', () => {
      assert.equal(formatBytes(0), '0 bytes');
      assert.equal(formatBytes(1), '1 byte');
      assert.equal(formatBytes(2), '2 bytes');
      assert.equal(formatBytes(1023), '1,023 bytes');
    });

    it('adds a rounded binary size from 1 KiB on, keeping the exact count first', () => {
      assert.equal(formatBytes(1024), '1,024 bytes (1.0 KiB)');
      assert.equal(formatBytes(1536), '1,536 bytes (1.5 KiB)');
      assert.equal(formatBytes(3 * 1024 * 1024), '3,145,728 bytes (3.0 MiB)');
      assert.equal(formatBytes(5 * 1024 ** 3), '5,368,709,120 bytes (5.0 GiB)');
    });

    it('does not pretend to know a size it was not given', () => {
      assert.equal(formatBytes(-1), 'unknown size');
      assert.equal(formatBytes(Number.NaN), 'unknown size');
      assert.equal(formatBytes(Number.POSITIVE_INFINITY), 'unknown size');
    });
  });

  describe('describeProps', () => {
    it('lists key=value pairs in key order, whatever the insertion order', () => {
      assert.equal(describeProps({ runtime: 'node', kind: 'debug' }), 'kind=debug, runtime=node');
      assert.equal(describeProps({ kind: 'debug', runtime: 'node' }), 'kind=debug, runtime=node');
    });

    it('shows numbers and flags as written', () => {
      assert.equal(describeProps({ count: 3, cached: false }), 'cached=false, count=3');
    });

    it('says so when there are no properties', () => {
      assert.equal(describeProps({}), '(no properties)');
    });

    it('keeps markup as plain characters (the view inserts it as text)', () => {
      assert.equal(describeProps({ code: '<script>alert(1)</script>' }), 'code=<script>alert(1)</script>');
    });
  });

  it('names a delete button after the counter it deletes', () => {
    assert.equal(
      deleteCounterLabel('ide.run', { kind: 'debug', runtime: 'node' }),
      'Delete counter ide.run kind=debug, runtime=node',
    );
  });

  it('formats receipt times in UTC to the minute', () => {
    assert.equal(formatUtcMinute(Date.UTC(2026, 10, 22, 9, 5, 59)), '2026-11-22 09:05 UTC');
    assert.equal(formatUtcMinute(Date.UTC(2027, 0, 1, 23, 59)), '2027-01-01 23:59 UTC');
    assert.equal(formatUtcMinute(Number.NaN), 'unknown time');
    assert.equal(formatUtcMinute(8.64e15 + 1), 'unknown time');
  });

  it('summarises counters and events with the right plurals', () => {
    assert.equal(summariseCounters([]), '0 counters, 0 events');
    assert.equal(summariseCounters([{ count: 1 }]), '1 counter, 1 event');
    assert.equal(summariseCounters([{ count: 12 }, { count: 3 }]), '2 counters, 15 events');
    assert.equal(summariseCounters([{ count: 1000 }, { count: 234 }]), '2 counters, 1,234 events');
  });

  describe('privacy words', () => {
    it('uses the status bar words for each state', () => {
      assert.equal(privacyStateLabel('off'), 'Off');
      assert.equal(privacyStateLabel('local'), 'Local only');
      assert.equal(privacyStateLabel('sharing'), 'Sharing');
    });

    it('does not repeat the state when the reason already starts with it', () => {
      assert.equal(privacyHeadline('off', 'Off — DO_NOT_TRACK is set'), 'Off — DO_NOT_TRACK is set');
      assert.equal(
        privacyHeadline('local', 'Local only — no upload endpoint is configured'),
        'Local only — no upload endpoint is configured',
      );
    });

    it('prefixes the state when the reason does not name it', () => {
      assert.equal(
        privacyHeadline('off', "VS Code telemetry level is 'off'"),
        "Off — VS Code telemetry level is 'off'",
      );
      assert.equal(privacyHeadline('sharing', '  '), 'Sharing');
    });
  });

  it('names report formats, showing unknown ones as they are', () => {
    assert.equal(formatLabel('candor-json'), 'Candor JSON');
    assert.equal(formatLabel('otlp'), 'OTLP/HTTP JSON metrics');
    assert.equal(formatLabel('protobuf'), 'protobuf');
    assert.equal(formatLabel('toString'), 'toString');
    assert.equal(formatLabel('__proto__'), '__proto__');
  });
});
