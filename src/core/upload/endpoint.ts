// Decides whether a configured upload endpoint may be used at all. Reports
// leave the machine only over HTTPS; plain HTTP is allowed to loopback
// addresses alone (tests and a collector on the same machine), because nothing
// sent there crosses a network.

import type { UploadFormat } from '../types';

/** Why an endpoint cannot be used. `not-configured` means "local only", not an error. */
export type EndpointProblem =
  'not-configured' | 'invalid-url' | 'unsupported-scheme' | 'plain-http' | 'credentials' | 'query-or-fragment';

export type EndpointParseResult =
  | { readonly ok: true; readonly url: URL; readonly host: string }
  | { readonly ok: false; readonly problem: EndpointProblem; readonly reason: string };

/**
 * Parses the `candor.endpoint` setting.
 *
 * Refused: credentials in the URL (they would end up in logs and receipts),
 * and any query or fragment (a query can carry a per-user key or identifier,
 * which would make the otherwise anonymous upload linkable).
 * `host` is `hostname[:port]`, the only part of the endpoint kept in receipts.
 */
export function parseEndpoint(raw: string): EndpointParseResult {
  const text = raw.trim();
  if (text === '') {
    return fail('not-configured', 'No endpoint is configured: reports stay on this machine.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('invalid-url', 'The endpoint is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('unsupported-scheme', `The endpoint must use https:// (got "${url.protocol}").`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return fail(
      'plain-http',
      'Plain http:// is refused: reports are only sent over https:// (http:// is allowed to loopback addresses only).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    return fail('credentials', 'The endpoint must not contain a user name or password.');
  }
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    return fail('query-or-fragment', 'The endpoint must not contain a query (?…) or a fragment (#…).');
  }
  // Normalise away trailing slashes so joined paths never contain "//".
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return { ok: true, url, host: url.host };
}

/**
 * True for 127.0.0.0/8, ::1 and `localhost`. Expects a WHATWG URL `hostname`,
 * which has already normalised IPv4 spellings such as `127.1` or `0x7f.0.0.1`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') {
    return true;
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255) && v4[1] === '127';
}

/** True when `url` may receive a report: https, or http to a loopback host. */
export function isAllowedUploadUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * `<endpoint>/v1/metrics`, the OTLP/HTTP metrics path. An endpoint that
 * already ends in `/v1/metrics` is used as it is, so both the base-URL and
 * the full-URL conventions of OpenTelemetry configuration work.
 */
export function metricsUrl(endpoint: URL): URL {
  const url = new URL(endpoint.href);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v1/metrics') ? path : `${path}/v1/metrics`;
  return url;
}

/** Where a report in `format` is posted: the endpoint itself for Candor JSON, `/v1/metrics` for OTLP. */
export function uploadUrl(endpoint: URL, format: UploadFormat): URL {
  return format === 'otlp' ? metricsUrl(endpoint) : new URL(endpoint.href);
}

function fail(problem: EndpointProblem, reason: string): EndpointParseResult {
  return { ok: false, problem, reason };
}
