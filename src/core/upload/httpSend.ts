// One HTTP POST of an already-gzipped report, with a hard time-out over the
// whole exchange. Sends nothing that could identify the user: no cookies, no
// keep-alive pool shared with other code, only a fixed User-Agent.

import * as http from 'node:http';
import * as https from 'node:https';
import { isAllowedUploadUrl } from './endpoint';

export type SendErrorClass = 'timeout' | 'network' | 'tls' | 'aborted' | 'refused';

export type SendResult =
  | { readonly kind: 'http'; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: 'error'; readonly errorClass: SendErrorClass };

export interface PostReportOptions {
  readonly url: URL;
  /** The gzip-compressed body (sent with `Content-Encoding: gzip`). */
  readonly gzippedBody: Buffer;
  readonly contentType: string;
  /** Covers connecting, sending and receiving the response head. */
  readonly timeoutMs: number;
  /** e.g. `candor/0.1.0` — the same for every user of a version. */
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  /** Clock for HTTP-date `Retry-After` values. */
  readonly nowMs?: () => number;
}

/** Longest wait a server may ask for; a larger or absurd `Retry-After` is cut to this. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Posts the body and reports the HTTP status, or the class of failure.
 * Never rejects. The socket is closed as soon as the response head arrives:
 * the body of the answer is not needed, and no socket or timer outlives the call.
 */
export function postReport(options: PostReportOptions): Promise<SendResult> {
  if (!isAllowedUploadUrl(options.url)) {
    // Defence in depth: the endpoint parser already refuses these.
    return Promise.resolve({ kind: 'error', errorClass: 'refused' });
  }
  if (options.signal?.aborted) {
    return Promise.resolve({ kind: 'error', errorClass: 'aborted' });
  }
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    const finish = (result: SendResult): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish({ kind: 'error', errorClass: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'error', errorClass: 'timeout' }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const transport = options.url.protocol === 'https:' ? https : http;
    try {
      request = transport.request(options.url, {
        method: 'POST',
        // A private, non-pooled connection: closed after this one exchange.
        agent: false,
        headers: {
          'Content-Type': options.contentType,
          'Content-Encoding': 'gzip',
          'Content-Length': String(options.gzippedBody.length),
          'User-Agent': options.userAgent,
        },
      });
    } catch {
      finish({ kind: 'error', errorClass: 'network' });
      return;
    }
    request.on('response', (response) => {
      // The answer's body is not read; closing the socket must not surface as an unhandled error.
      response.on('error', () => undefined);
      const status = response.statusCode ?? 0;
      const retryAfterMs = parseRetryAfter(headerValue(response.headers['retry-after']), (options.nowMs ?? Date.now)());
      finish(retryAfterMs === undefined ? { kind: 'http', status } : { kind: 'http', status, retryAfterMs });
    });
    request.on('error', (error) => finish({ kind: 'error', errorClass: classifyError(error) }));
    request.end(options.gzippedBody);
  });
}

/**
 * `Retry-After` as milliseconds from now: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable; clamped to [0, MAX_RETRY_AFTER_MS].
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, maxMs = MAX_RETRY_AFTER_MS): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  let delayMs: number;
  if (/^\d+$/.test(text)) {
    delayMs = Number(text) * 1000;
  } else {
    const dateMs = Date.parse(text);
    // Only date-shaped text: Date.parse also accepts things like "1", which the branch above owns.
    if (Number.isNaN(dateMs) || !/[A-Za-z]{3}/.test(text)) {
      return undefined;
    }
    delayMs = dateMs - nowMs;
  }
  return Math.min(Math.max(delayMs, 0), maxMs);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|EPROTO$)/;

function classifyError(error: Error): SendErrorClass {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (TLS_CODE.test(code) || /\bSSL\b|\bTLS\b|certificate/i.test(error.message)) {
    return 'tls';
  }
  return 'network';
}
