import assert from 'node:assert/strict';
import * as os from 'node:os';
import { ValueType } from '@opentelemetry/api';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { IExportMetricsServiceRequest } from '@opentelemetry/otlp-transformer/build/src/metrics/internal-types';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { isValidName } from '@opentelemetry/sdk-metrics/build/src/InstrumentDescriptor';
import * as path from 'node:path';
import { EVENT_NAMES } from '../../../src/core/catalog';
import { namespacedName } from '../../../src/core/declarations/declaredEvents';
import { readRepositoryDeclarations } from '../../../src/core/declarations/repository';
import type { DailyReport } from '../../../src/core/types';
import {
  OtlpEncodingError,
  reportToOtlpJson,
  reportToOtlpRequest,
  type OtlpExportMetricsRequest,
} from '../../../src/core/upload/otlp';
import { dayStart, sampleReport } from './fixtures';

// The protobuf classes generated from the official OTLP .proto files, shipped inside otlp-transformer.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protoRoot = require('@opentelemetry/otlp-transformer/build/src/generated/root') as ProtoRoot;

interface ProtoMessageType {
  fromObject(object: unknown): unknown;
  verify(message: unknown): string | null;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: { longs: StringConstructor; enums: NumberConstructor }): unknown;
}
interface ProtoRoot {
  opentelemetry: { proto: { collector: { metrics: { v1: { ExportMetricsServiceRequest: ProtoMessageType } } } } };
}
const ExportMetricsServiceRequest = protoRoot.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

// Compile-time check against the official OTLP request type. The JS type models int64 fields as
// numbers (what protobufjs takes), where the OTLP JSON encoding writes decimal strings; this maps
// those two fields back so everything else (names, nesting, required fields) is checked as is.
type Int64Key = 'asInt' | 'intValue';
type AsProtobufJs<T> = T extends readonly (infer E)[]
  ? AsProtobufJs<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: K extends Int64Key ? number : AsProtobufJs<T[K]> }
    : T;
function assertAssignable<T>(_value: T): void {}
assertAssignable<IExportMetricsServiceRequest>(undefined as unknown as AsProtobufJs<OtlpExportMetricsRequest>);

/** proto3 semantics: a field holding its default value is the same as an absent one. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutDefaults);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (
        field === undefined ||
        field === '' ||
        field === 0 ||
        field === false ||
        (Array.isArray(field) && field.length === 0)
      ) {
        continue;
      }
      out[key] = withoutDefaults(field);
    }
    return out;
  }
  return value;
}

/** OTLP JSON allows int64 as number or string; compare in the canonical string form. */
function int64AsStrings(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(int64AsStrings);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        (key === 'asInt' || key === 'intValue') && typeof field === 'number' ? String(field) : int64AsStrings(field),
      ]),
    );
  }
  return value;
}

const REPORT: DailyReport = {
  schema: 'candor.report/1',
  day: '2026-11-22',
  client: { extension: '0.1.0', vscode: '1.100', os: 'linux', arch: 'x64', ui: 'desktop' },
  counters: [
    { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 12 },
    { event: 'ide.run', props: { kind: 'task', runtime: 'npm' }, count: 4 },
    { event: 'ide.error', props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' }, count: 3 },
    { event: 'example.loaded', props: { example_id: 'hello_world', step: 2, first: true }, count: 1 },
  ],
};

describe('upload/otlp', () => {
  it('maps each event to one delta, monotonic sum with one point per counter', () => {
    const request = JSON.parse(reportToOtlpJson(REPORT)) as OtlpExportMetricsRequest;
    assert.equal(request.resourceMetrics.length, 1);
    const [resourceMetrics] = request.resourceMetrics;
    assert.equal(resourceMetrics.scopeMetrics.length, 1);
    const [scope] = resourceMetrics.scopeMetrics;
    assert.deepEqual(scope.scope, { name: 'candor', version: '0.1.0' });
    assert.deepEqual(
      scope.metrics.map((m) => m.name),
      ['candor.example.loaded', 'candor.ide.error', 'candor.ide.run'],
    );
    const run = scope.metrics.find((m) => m.name === 'candor.ide.run');
    assert.ok(run);
    assert.equal(run.sum.aggregationTemporality, 1);
    assert.equal(run.sum.isMonotonic, true);
    assert.deepEqual(
      run.sum.dataPoints.map((p) => [p.asInt, p.attributes]),
      [
        [
          '12',
          [
            { key: 'kind', value: { stringValue: 'debug' } },
            { key: 'runtime', value: { stringValue: 'node' } },
          ],
        ],
        [
          '4',
          [
            { key: 'kind', value: { stringValue: 'task' } },
            { key: 'runtime', value: { stringValue: 'npm' } },
          ],
        ],
      ],
    );
    const example = scope.metrics.find((m) => m.name === 'candor.example.loaded');
    assert.deepEqual(example?.sum.dataPoints[0]?.attributes, [
      { key: 'example_id', value: { stringValue: 'hello_world' } },
      { key: 'first', value: { boolValue: true } },
      { key: 'step', value: { intValue: '2' } },
    ]);
  });

  it("names every metric as OpenTelemetry allows it: another extension's publisher.name:event is sent as candor.publisher.name/event", () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const declared = readRepositoryDeclarations(root).flatMap((extension) =>
      [...(extension.declaration?.events.keys() ?? [])].map((event) => namespacedName(extension.id, event)),
    );
    assert.ok(declared.includes('candor.candor-demo:example.loaded'), declared.join(', '));
    const events = [...EVENT_NAMES, ...declared];
    const report: DailyReport = { ...REPORT, counters: events.map((event) => ({ event, props: {}, count: 1 })) };
    const request = JSON.parse(reportToOtlpJson(report)) as OtlpExportMetricsRequest;
    const names = request.resourceMetrics[0]?.scopeMetrics[0]?.metrics.map((m) => m.name) ?? [];
    assert.equal(names.length, events.length);
    // The OpenTelemetry SDK's own instrument-name rule.
    assert.deepEqual(
      names.filter((name) => !isValidName(name)),
      [],
    );
    assert.ok(names.includes('candor.candor.candor-demo/example.loaded'), names.join(', '));
    assert.ok(names.includes('candor.ide.run'));
    assert.equal(isValidName('candor.candor.candor-demo:example.loaded'), false, "the SDK's rule refuses ':'");
  });

  it('stamps every point with the UTC day as nanosecond strings', () => {
    const request = reportToOtlpRequest(REPORT);
    const start = (BigInt(dayStart('2026-11-22')) * 1_000_000n).toString();
    const end = (BigInt(dayStart('2026-11-23')) * 1_000_000n).toString();
    const points = request.resourceMetrics[0].scopeMetrics[0].metrics.flatMap((m) => m.sum.dataPoints);
    assert.equal(points.length, 4);
    for (const point of points) {
      assert.equal(point.startTimeUnixNano, start);
      assert.equal(point.timeUnixNano, end);
    }
  });

  it('describes the software, never the machine or the person', () => {
    const request = reportToOtlpRequest(REPORT);
    assert.deepEqual(request.resourceMetrics[0].resource.attributes, [
      { key: 'candor.ui', value: { stringValue: 'desktop' } },
      { key: 'candor.vscode.version', value: { stringValue: '1.100' } },
      { key: 'host.arch', value: { stringValue: 'amd64' } },
      { key: 'os.type', value: { stringValue: 'linux' } },
      { key: 'service.name', value: { stringValue: 'candor' } },
      { key: 'service.version', value: { stringValue: '0.1.0' } },
    ]);
    const text = reportToOtlpJson(REPORT);
    for (const secret of [os.hostname(), os.userInfo().username, os.homedir()].filter((s) => s.length > 2)) {
      assert.equal(text.includes(secret), false, `output contains ${secret}`);
    }
  });

  it('gives the same bytes whatever the order of counters and props, and adds up duplicates', () => {
    const shuffled: DailyReport = {
      ...REPORT,
      counters: [...REPORT.counters]
        .reverse()
        .map((c) => ({ ...c, props: Object.fromEntries(Object.entries(c.props).reverse()) })),
    };
    assert.equal(reportToOtlpJson(shuffled), reportToOtlpJson(REPORT));
    const doubled: DailyReport = {
      ...REPORT,
      counters: [...REPORT.counters, { event: 'ide.run', props: { runtime: 'node', kind: 'debug' }, count: 5 }],
    };
    const run = reportToOtlpRequest(doubled).resourceMetrics[0].scopeMetrics[0].metrics.find(
      (m) => m.name === 'candor.ide.run',
    );
    assert.deepEqual(
      run?.sum.dataPoints.map((p) => p.asInt),
      ['17', '4'],
    );
  });

  it('rejects a bad day or a count a monotonic sum cannot carry', () => {
    assert.throws(() => reportToOtlpJson({ ...REPORT, day: '2026-02-30' }), OtlpEncodingError);
    assert.throws(() => reportToOtlpJson({ ...REPORT, day: '22/11/2026' }), OtlpEncodingError);
    for (const count of [-1, 1.5, Number.NaN]) {
      assert.throws(
        () => reportToOtlpJson({ ...REPORT, counters: [{ event: 'ide.run', props: {}, count }] }),
        OtlpEncodingError,
      );
    }
  });

  it('survives a round trip through the official OTLP protobuf classes unchanged', () => {
    for (const report of [REPORT, sampleReport('2025-01-01')]) {
      const json = JSON.parse(reportToOtlpJson(report)) as unknown;
      const message = ExportMetricsServiceRequest.fromObject(json);
      assert.equal(ExportMetricsServiceRequest.verify(message), null);
      const decoded = ExportMetricsServiceRequest.decode(ExportMetricsServiceRequest.encode(message).finish());
      const back = ExportMetricsServiceRequest.toObject(decoded, { longs: String, enums: Number });
      // protobufjs silently drops unknown fields, so any misspelt field would be missing here.
      assert.deepEqual(withoutDefaults(back), withoutDefaults(json));
    }
  });

  it('matches what the OpenTelemetry JS SDK itself sends for the same sums', () => {
    const startSeconds = dayStart('2026-11-22') / 1000;
    const endSeconds = startSeconds + 86_400;
    const point = (attributes: Record<string, string | number | boolean>, value: number) => ({
      startTime: [startSeconds, 0] as [number, number],
      endTime: [endSeconds, 0] as [number, number],
      attributes,
      value,
    });
    const sum = (name: string, dataPoints: ReturnType<typeof point>[]) => ({
      descriptor: { name, description: '', unit: '', valueType: ValueType.INT },
      aggregationTemporality: AggregationTemporality.DELTA,
      dataPointType: DataPointType.SUM as const,
      isMonotonic: true,
      dataPoints,
    });
    const sdk: ResourceMetrics = {
      resource: resourceFromAttributes({
        'candor.ui': 'desktop',
        'candor.vscode.version': '1.100',
        'host.arch': 'amd64',
        'os.type': 'linux',
        'service.name': 'candor',
        'service.version': '0.1.0',
      }),
      scopeMetrics: [
        {
          scope: { name: 'candor', version: '0.1.0' },
          metrics: [
            sum('candor.example.loaded', [point({ example_id: 'hello_world', first: true, step: 2 }, 1)]),
            sum('candor.ide.error', [
              point({ code: 'TS2304', origin: 'diagnostic', severity: 'error', source: 'ts' }, 3),
            ]),
            sum('candor.ide.run', [
              point({ kind: 'debug', runtime: 'node' }, 12),
              point({ kind: 'task', runtime: 'npm' }, 4),
            ]),
          ],
        },
      ],
    };
    const official = JSON.parse(
      Buffer.from(JsonMetricsSerializer.serializeRequest(sdk) ?? new Uint8Array()).toString('utf8'),
    ) as unknown;
    const ours = JSON.parse(reportToOtlpJson(REPORT)) as unknown;
    assert.deepEqual(withoutDefaults(ours), withoutDefaults(int64AsStrings(official)));
  });
});
