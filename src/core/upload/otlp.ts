// Turns a daily report into an OTLP/HTTP JSON metrics export
// (ExportMetricsServiceRequest), so any OpenTelemetry Collector can receive it
// unchanged. Follows the OTLP JSON encoding: proto3 JSON mapping with
// lowerCamelCase keys, enums as integers, and 64-bit integers as decimal
// strings. Output is canonical: the same report always gives the same bytes,
// whatever the order of its counters or props.

import type { ClientInfo, Counter, DailyReport, PropValue } from '../types';
import { DAY_MS, utcDayStartMs } from '../utcDay';

/** Thrown when a report cannot be expressed as OTLP (bad day, non-integer count). */
export class OtlpEncodingError extends Error {
  override readonly name = 'OtlpEncodingError';
}

// Shapes of the OTLP JSON we emit (a subset of the proto; int64/fixed64 as strings).
export type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly intValue: string }
  | { readonly doubleValue: number };
export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}
export interface OtlpNumberDataPoint {
  readonly attributes: OtlpKeyValue[];
  readonly startTimeUnixNano: string;
  readonly timeUnixNano: string;
  readonly asInt: string;
}
export interface OtlpMetric {
  readonly name: string;
  readonly sum: {
    readonly aggregationTemporality: 1;
    readonly isMonotonic: true;
    readonly dataPoints: OtlpNumberDataPoint[];
  };
}
export interface OtlpExportMetricsRequest {
  readonly resourceMetrics: [
    {
      readonly resource: { readonly attributes: OtlpKeyValue[]; readonly droppedAttributesCount: 0 };
      readonly scopeMetrics: [
        { readonly scope: { readonly name: string; readonly version: string }; readonly metrics: OtlpMetric[] },
      ];
    },
  ];
}

/** AGGREGATION_TEMPORALITY_DELTA: each report counts one day, never a running total. */
const DELTA = 1;
const NANOS_PER_MS = 1_000_000n;

/** The report as OTLP JSON text (compact, canonical). */
export function reportToOtlpJson(report: DailyReport): string {
  return JSON.stringify(reportToOtlpRequest(report));
}

/** The report as an OTLP ExportMetricsServiceRequest object (JSON mapping). */
export function reportToOtlpRequest(report: DailyReport): OtlpExportMetricsRequest {
  const startMs = utcDayStartMs(report.day);
  if (startMs === undefined) {
    throw new OtlpEncodingError(`"${report.day}" is not a UTC day in the form YYYY-MM-DD.`);
  }
  const startTimeUnixNano = (BigInt(startMs) * NANOS_PER_MS).toString();
  const timeUnixNano = (BigInt(startMs + DAY_MS) * NANOS_PER_MS).toString();

  const byEvent = new Map<string, Map<string, { attributes: OtlpKeyValue[]; count: number }>>();
  for (const counter of report.counters) {
    checkCount(counter);
    const attributes = toAttributes(counter.props);
    const identity = JSON.stringify(attributes);
    const points = byEvent.get(counter.event) ?? new Map<string, { attributes: OtlpKeyValue[]; count: number }>();
    byEvent.set(counter.event, points);
    // Identical (event, props) pairs would be duplicate series for a collector: add them up.
    const existing = points.get(identity);
    points.set(identity, { attributes, count: (existing?.count ?? 0) + counter.count });
  }

  const metrics: OtlpMetric[] = [...byEvent.keys()].sort(compareText).map((event) => {
    const points = byEvent.get(event) ?? new Map<string, { attributes: OtlpKeyValue[]; count: number }>();
    const dataPoints = [...points.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([, point]) => ({
        attributes: point.attributes,
        startTimeUnixNano,
        timeUnixNano,
        asInt: String(point.count),
      }));
    return {
      name: otlpMetricName(event),
      sum: { aggregationTemporality: DELTA, isMonotonic: true, dataPoints },
    };
  });

  return {
    resourceMetrics: [
      {
        resource: { attributes: resourceAttributes(report.client), droppedAttributesCount: 0 },
        scopeMetrics: [{ scope: { name: 'candor', version: report.client.extension }, metrics }],
      },
    ],
  };
}

/**
 * The metric's name for an event: `candor.` and the event. OpenTelemetry allows
 * only letters, digits, `_`, `.`, `-` and `/` in an instrument name, and another
 * extension's event is stored as `publisher.name:event`, so its `:` becomes
 * `/`: `candor.candor-demo:example.loaded` is sent as
 * `candor.candor.candor-demo/example.loaded`.
 */
export function otlpMetricName(event: string): string {
  return `candor.${event.replace(':', '/')}`;
}

/**
 * Resource attributes: what software sent the report, never which machine or
 * person. OpenTelemetry semantic-convention names where one exists, so
 * backends group the data without extra mapping; `candor.*` for the rest.
 */
function resourceAttributes(client: ClientInfo): OtlpKeyValue[] {
  return [
    stringAttribute('candor.ui', client.ui),
    stringAttribute('candor.vscode.version', client.vscode),
    stringAttribute('host.arch', semconvArch(client.arch)),
    stringAttribute('os.type', semconvOsType(client.os)),
    stringAttribute('service.name', 'candor'),
    stringAttribute('service.version', client.extension),
  ];
}

// Node's `process.platform` / `process.arch` spellings → semantic-convention values.
const OS_TYPES: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' };
const ARCHES: Readonly<Record<string, string>> = { x64: 'amd64', ia32: 'x86', arm: 'arm32', ppc: 'ppc32' };

function semconvOsType(os: string): string {
  return OS_TYPES[os] ?? os;
}

function semconvArch(arch: string): string {
  return ARCHES[arch] ?? arch;
}

function toAttributes(props: Readonly<Record<string, PropValue>>): OtlpKeyValue[] {
  return Object.keys(props)
    .sort(compareText)
    .map((key) => ({ key, value: toAnyValue(props[key]) }));
}

function toAnyValue(value: PropValue): OtlpAnyValue {
  if (typeof value === 'string') {
    return { stringValue: value };
  }
  if (typeof value === 'boolean') {
    return { boolValue: value };
  }
  return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function stringAttribute(key: string, value: string): OtlpKeyValue {
  return { key, value: { stringValue: value } };
}

function checkCount(counter: Counter): void {
  if (!Number.isSafeInteger(counter.count) || counter.count < 0) {
    throw new OtlpEncodingError(
      `Counter "${counter.event}" has count ${counter.count}; a monotonic sum needs a whole number >= 0.`,
    );
  }
}

// Plain code-unit order: locale-independent, so the output is the same everywhere.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
