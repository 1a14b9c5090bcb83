// Reads the one fact Candor keeps from an OTLP/HTTP JSON answer: how many
// data points the collector rejected (`partialSuccess`). The collector's
// `errorMessage` is free text from elsewhere and is never read into a receipt.

/** Larger counts are reported as this; a report never holds anywhere near as many points. */
const MAX_COUNT = 1_000_000_000;

/**
 * The positive number of rejected data points of an
 * `ExportMetricsServiceResponse`, or undefined when the answer is not JSON,
 * has no partial success, or rejected nothing. Both the JSON mapping's
 * `partialSuccess.rejectedDataPoints` and the proto field names
 * `partial_success.rejected_data_points` are understood; int64 values may be
 * strings in JSON.
 */
export function readRejectedDataPoints(body: Buffer | string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
  const partial = field(parsed, 'partialSuccess') ?? field(parsed, 'partial_success');
  const raw = field(partial, 'rejectedDataPoints') ?? field(partial, 'rejected_data_points');
  const count = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,20}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(count) || count <= 0) {
    return undefined;
  }
  return Math.min(count, MAX_COUNT);
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
