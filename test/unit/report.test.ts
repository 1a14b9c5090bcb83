import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  InvalidReportError,
  buildDailyReport,
  canonicalPropsKey,
  parseReport,
  serializeReport,
} from '../../src/core/report';
import { isUtcDay, utcDay, utcDayStartMs } from '../../src/core/utcDay';
import type { ClientInfo, Counter } from '../../src/core/types';
import { CLIENT } from '../support/fixtures';

const RUN_NODE: Counter = { event: 'ide.run', props: { runtime: 'node', kind: 'debug' }, count: 12 };
const TS2304: Counter = {
  event: 'ide.error',
  props: { severity: 'error', code: 'TS2304', source: 'ts', origin: 'diagnostic' },
  count: 3,
};

describe('report', () => {
  describe('utcDayStartMs', () => {
    it('gives 00:00 UTC of a real day and nothing for an impossible one', () => {
      assert.equal(utcDayStartMs('2026-11-22'), Date.UTC(2026, 10, 22));
      assert.equal(utcDayStartMs('2024-02-29'), Date.UTC(2024, 1, 29));
      for (const day of ['2026-02-30', '2026-13-01', '2026-1-01', '26-11-22', '2026-11-22T00:00:00Z', '']) {
        assert.equal(utcDayStartMs(day), undefined, day);
      }
    });
  });

  describe('utcDay / isUtcDay', () => {
    it('gives the UTC calendar day of an epoch time', () => {
      assert.equal(utcDay(0), '1970-01-01');
      assert.equal(utcDay(Date.UTC(2026, 10, 22, 23, 59, 59, 999)), '2026-11-22');
      assert.equal(utcDay(Date.UTC(2026, 10, 23)), '2026-11-23');
      assert.equal(utcDay(Date.UTC(2024, 1, 29, 12)), '2024-02-29');
    });

    it('rejects times it cannot express as YYYY-MM-DD', () => {
      for (const time of [Number.NaN, Number.POSITIVE_INFINITY, -1, Date.UTC(10000, 0, 1)]) {
        assert.throws(() => utcDay(time), RangeError);
      }
    });

    it('accepts only real calendar dates', () => {
      for (const day of ['2026-11-22', '2024-02-29', '2000-02-29', '1970-01-01', '0099-12-31']) {
        assert.equal(isUtcDay(day), true, day);
      }
      for (const day of [
        '2026-02-29',
        '1900-02-29',
        '2026-13-01',
        '2026-00-10',
        '2026-11-31',
        '2026-11-22T00:00:00Z',
        '26-11-22',
        '2026-1-2',
        '',
        20261122,
        null,
      ]) {
        assert.equal(isUtcDay(day), false, String(day));
      }
    });
  });

  describe('canonicalPropsKey', () => {
    it('does not depend on key order', () => {
      assert.equal(canonicalPropsKey({ b: 'x', a: 'y' }), canonicalPropsKey({ a: 'y', b: 'x' }));
      assert.equal(canonicalPropsKey({ b: 'x', a: 'y' }), '{"a":"y","b":"x"}');
      assert.equal(canonicalPropsKey({}), '{}');
    });

    it('tells different props apart, including types', () => {
      assert.notEqual(canonicalPropsKey({ a: '1' }), canonicalPropsKey({ a: 1 }));
      assert.notEqual(canonicalPropsKey({ a: 'x', b: 'y' }), canonicalPropsKey({ a: 'xb', b: '' }));
      assert.notEqual(canonicalPropsKey({ 'a"': 'b' }), canonicalPropsKey({ a: '"b' }));
    });
  });

  describe('buildDailyReport + serializeReport', () => {
    it('produces the documented report, byte for byte', () => {
      const report = buildDailyReport('2026-11-22', CLIENT, [RUN_NODE, TS2304]);
      assert.equal(
        serializeReport(report),
        '{"schema":"candor.report/1","day":"2026-11-22",' +
          '"client":{"extension":"0.1.0","vscode":"1.100","os":"linux","arch":"x64","ui":"desktop"},' +
          '"counters":[' +
          '{"event":"ide.error","props":{"code":"TS2304","origin":"diagnostic","severity":"error","source":"ts"},"count":3},' +
          '{"event":"ide.run","props":{"kind":"debug","runtime":"node"},"count":12}' +
          ']}',
      );
    });

    it('is deterministic whatever the input order (property-based)', () => {
      const counters: Counter[] = [
        RUN_NODE,
        TS2304,
        { event: 'ide.run', props: { kind: 'task', runtime: 'npm' }, count: 1 },
        { event: 'ide.reset', props: { kind: 'debug' }, count: 2 },
        { event: 'ide.error', props: { origin: 'exit', code: 'exit:1' }, count: 5 },
        { event: 'ide.error', props: { origin: 'exception', code: 'TypeError' }, count: 4 },
        { event: 'ide.reset', props: { kind: 'task' }, count: 9 },
        { event: 'ide.error', props: { origin: 'exception', code: 'KeyError' }, count: 7 },
      ];
      const reference = serializeReport(buildDailyReport('2026-11-22', CLIENT, counters));
      fc.assert(
        fc.property(
          fc.shuffledSubarray(counters, { minLength: counters.length, maxLength: counters.length }),
          (shuffled) => {
            const reordered = shuffled.map((counter) => ({
              count: counter.count,
              props: Object.fromEntries(Object.entries(counter.props).reverse()),
              event: counter.event,
            }));
            const clientReordered = {
              ui: CLIENT.ui,
              arch: CLIENT.arch,
              os: CLIENT.os,
              vscode: CLIENT.vscode,
              extension: CLIENT.extension,
            };
            assert.equal(serializeReport(buildDailyReport('2026-11-22', clientReordered, reordered)), reference);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('sums equal counters, leaves out zero counts and keeps an empty report valid', () => {
      const report = buildDailyReport('2026-11-22', CLIENT, [
        RUN_NODE,
        { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 8 },
        { event: 'ide.reset', props: { kind: 'task' }, count: 0 },
      ]);
      assert.deepEqual(
        report.counters.map((counter) => [counter.event, counter.count]),
        [['ide.run', 20]],
      );
      assert.deepEqual(buildDailyReport('2026-11-22', CLIENT, []).counters, []);
    });

    it('returns a frozen report', () => {
      const report = buildDailyReport('2026-11-22', CLIENT, [RUN_NODE]);
      assert.ok(Object.isFrozen(report));
      assert.ok(Object.isFrozen(report.counters));
      assert.ok(Object.isFrozen(report.counters[0]));
      assert.ok(Object.isFrozen(report.client));
    });

    it('rejects a bad day, client, count or counter with InvalidReportError', () => {
      const bad: ReadonlyArray<() => unknown> = [
        () => buildDailyReport('2026-11-31', CLIENT, []),
        () => buildDailyReport('yesterday', CLIENT, []),
        () => buildDailyReport('2026-11-22', { ...CLIENT, os: 'alice-laptop' }, []),
        () => buildDailyReport('2026-11-22', { ...CLIENT, vscode: '/home/alice' }, []),
        () => buildDailyReport('2026-11-22', { ...CLIENT, ui: 'tv' as 'web' }, []),
        () => buildDailyReport('2026-11-22', { ...CLIENT, host: 'x' } as ClientInfo, []),
        () => buildDailyReport('2026-11-22', CLIENT, [{ ...RUN_NODE, count: -1 }]),
        () => buildDailyReport('2026-11-22', CLIENT, [{ ...RUN_NODE, count: 1.5 }]),
        () => buildDailyReport('2026-11-22', CLIENT, [{ ...RUN_NODE, count: Number.NaN }]),
        () =>
          buildDailyReport('2026-11-22', CLIENT, [
            { ...RUN_NODE, count: Number.MAX_SAFE_INTEGER },
            { ...RUN_NODE, count: 1 },
          ]),
        () => buildDailyReport('2026-11-22', CLIENT, [{ event: 'ide.crash', props: {}, count: 1 }]),
        () =>
          buildDailyReport('2026-11-22', CLIENT, [
            { event: 'ide.run', props: { kind: 'debug', runtime: 'node', file: 'x' }, count: 1 },
          ]),
        () =>
          buildDailyReport('2026-11-22', CLIENT, [
            { event: 'ide.run', props: { kind: 'debug', runtime: 'has space' }, count: 1 },
          ]),
      ];
      for (const attempt of bad) {
        assert.throws(attempt, InvalidReportError);
      }
    });

    it('never repeats a rejected value in the error', () => {
      const secret = 'Cannot read secretName of alice';
      assert.throws(
        () =>
          buildDailyReport('2026-11-22', CLIENT, [
            { event: 'ide.run', props: { kind: 'debug', runtime: secret }, count: 1 },
          ]),
        (error: unknown) => error instanceof InvalidReportError && !error.message.includes('secretName'),
      );
    });
  });

  describe('parseReport', () => {
    const report = buildDailyReport('2026-11-22', CLIENT, [RUN_NODE, TS2304]);
    const text = serializeReport(report);

    it('round-trips a serialised report exactly', () => {
      assert.deepEqual(parseReport(text), report);
      assert.equal(serializeReport(parseReport(text)), text);
    });

    it('canonicalises a valid but re-ordered or edited report', () => {
      const edited = JSON.stringify({
        counters: [{ count: 12, props: { runtime: 'node', kind: 'debug' }, event: 'ide.run' }],
        client: { ui: 'desktop', arch: 'x64', os: 'linux', vscode: '1.100', extension: '0.1.0' },
        day: '2026-11-22',
        schema: 'candor.report/1',
      });
      assert.equal(
        serializeReport(parseReport(edited)),
        '{"schema":"candor.report/1","day":"2026-11-22","client":{"extension":"0.1.0","vscode":"1.100","os":"linux","arch":"x64","ui":"desktop"},"counters":[{"event":"ide.run","props":{"kind":"debug","runtime":"node"},"count":12}]}',
      );
    });

    it('rejects anything that is not a valid report', () => {
      const base = JSON.parse(text) as Record<string, unknown>;
      const variants: unknown[] = [
        { ...base, schema: 'candor.report/2' },
        { ...base, extra: 1 },
        { ...base, day: '2026-02-30' },
        { ...base, client: { ...CLIENT, user: 'alice' } },
        { ...base, client: 'desktop' },
        { ...base, counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 0 }] },
        { ...base, counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: '3' }] },
        { ...base, counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 1, ts: 1 }] },
        { ...base, counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: 'node', file: 'a' }, count: 1 }] },
        { ...base, counters: [{ event: 'ide.run', props: { kind: 'debug', runtime: { nested: 'x' } }, count: 1 }] },
        { ...base, counters: [{ event: 'user.secret', props: {}, count: 1 }] },
        { ...base, counters: {} },
        [],
        null,
        'report',
      ];
      for (const variant of variants) {
        assert.throws(() => parseReport(JSON.stringify(variant)), InvalidReportError, JSON.stringify(variant));
      }
      for (const raw of ['', '{', 'not json', `{"schema":"candor.report/1"${' '.repeat(5 * 1024 * 1024)}}`]) {
        assert.throws(() => parseReport(raw), InvalidReportError);
      }
    });

    it('rejects prototype-polluting keys in stored props', () => {
      const polluted = text.replace(
        '"props":{"kind":"debug","runtime":"node"}',
        '"props":{"kind":"debug","runtime":"node","__proto__":{"x":"y"}}',
      );
      assert.notEqual(polluted, text);
      assert.throws(() => parseReport(polluted), /forbidden key/);
      assert.throws(() => parseReport(text.replace('"day"', '"constructor":1,"day"')), /forbidden key/);
      assert.equal(({} as Record<string, unknown>).x, undefined);
    });
  });
});
