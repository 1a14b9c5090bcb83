// One HTTP POST of an already-gzipped report, with a hard time-out over the
// whole exchange. Sends nothing that could identify the user: no cookies, no
// keep-alive pool shared with other code, only a fixed User-Agent. Redirects
// are never followed, and at most a small, bounded part of an answer's body is
// ever read (only to learn of an OTLP partial success).

import { isTlsFailure } from '../describeError';
import * as http from 'node:http';
import * as https from 'node:https';
import { isAllowedUploadUrl } from './endpoint';
import { readRejectedDataPoints } from './otlpResponse';

export type SendErrorClass = 'timeout' | 'network' | 'tls' | 'aborted' | 'refused';

export type SendResult =
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly retryAfterMs?: number;
      /** OTLP partial success: how many data points the server rejected (never its message). */
      readonly rejectedDataPoints?: number;
    }
  | { readonly kind: 'error'; readonly errorClass: SendErrorClass };

type HttpAnswer = Extract<SendResult, { kind: 'http' }>;

export interface PostReportOptions {
  readonly url: URL;
  /** The gzip-compressed body (sent with `Content-Encoding: gzip`). */
  readonly gzippedBody: Buffer;
  readonly contentType: string;
  /** Covers the whole exchange: connecting, sending, and receiving the answer (and the bounded body read). */
  readonly timeoutMs: number;
  /**
   * Read a 2xx answer's body (at most MAX_RESPONSE_BODY_BYTES, within the
   * time-out) for an OTLP `partialSuccess`. Otherwise the body is never read.
   */
  readonly readPartialSuccess?: boolean;
  /** Certificates to trust instead of the default store (see extraCaCertificates.ts). */
  readonly ca?: readonly string[];
  /** e.g. `candor/0.1.0` — the same for every user of a version. */
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  /** Clock for HTTP-date `Retry-After` values. */
  readonly nowMs?: () => number;
}

/** Longest wait a server may ask for; a larger or absurd `Retry-After` is cut to this. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/** The most of an answer's body ever read; a longer body is cut off and ignored. */
export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;

/**
 * Posts the body and reports the HTTP status, or the class of failure.
 * Never rejects. The socket is closed as soon as the response head arrives
 * (or, with `readPartialSuccess`, once a 2xx body is read or exceeds its bound):
 * no socket or timer outlives the call, and a huge or endless answer costs
 * at most MAX_RESPONSE_BODY_BYTES of memory and `timeoutMs` of time.
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
    // A monotonic clock: a wall-clock jump must not stretch or cut the limit.
    const deadlineMs = performance.now() + options.timeoutMs;
    const remainingMs = (): number => deadlineMs - performance.now();
    let timer = setTimeout(() => finish({ kind: 'error', errorClass: 'timeout' }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const transport = options.url.protocol === 'https:' ? https : http;
    try {
      request = transport.request(options.url, {
        method: 'POST',
        // A fresh agent for this request alone (never Node's keep-alive global agent):
        // no socket is reused, so two reports never share a connection a receiver could link.
        agent: false,
        ...(options.ca === undefined ? {} : { ca: [...options.ca] }),
        headers: {
          'Content-Type': options.contentType,
          'Content-Encoding': 'gzip',
          'Content-Length': String(options.gzippedBody.length),
          'User-Agent': options.userAgent,
          // Said as well as done (`agent: false`): neither side keeps the socket for a next report.
          Connection: 'close',
        },
      });
    } catch {
      finish({ kind: 'error', errorClass: 'network' });
      return;
    }
    request.on('response', (response) => {
      // Closing the socket before the body ends must not surface as an unhandled error.
      response.on('error', () => undefined);
      const status = response.statusCode ?? 0;
      const retryAfterMs = parseRetryAfter(headerValue(response.headers['retry-after']), (options.nowMs ?? Date.now)());
      const head: HttpAnswer =
        retryAfterMs === undefined ? { kind: 'http', status } : { kind: 'http', status, retryAfterMs };
      if (!options.readPartialSuccess || status < 200 || status >= 300) {
        finish(head);
        return;
      }
      // The report is accepted whatever the body says; the body only adds a count of rejected points.
      readBoundedBody(response, MAX_RESPONSE_BODY_BYTES, (body) => {
        const rejected = body === undefined ? undefined : readRejectedDataPoints(body);
        finish(rejected === undefined ? head : { ...head, rejectedDataPoints: rejected });
      });
      // A body that drips or never ends: the time-out still settles the call, as accepted.
      clearTimeout(timer);
      timer = setTimeout(() => finish(head), Math.max(remainingMs(), 0));
    });
    request.on('error', (error) => finish({ kind: 'error', errorClass: classifyError(error) }));
    request.end(options.gzippedBody);
  });
}

/**
 * `Retry-After` as milliseconds from now: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable; clamped to [0, MAX_RETRY_AFTER_MS].
 */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number,
  maxMs = MAX_RETRY_AFTER_MS,
): number | undefined {
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

/** Collects at most `maxBytes` of `response`; calls back with undefined when it is longer. */
function readBoundedBody(
  response: http.IncomingMessage,
  maxBytes: number,
  done: (body: Buffer | undefined) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      chunks.length = 0;
      response.removeAllListeners('data');
      done(undefined);
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => {
    if (size <= maxBytes) {
      done(Buffer.concat(chunks));
    }
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function classifyError(error: Error): SendErrorClass {
  // The one error→code table (src/core/describeError.ts) knows the TLS codes and words.
  return isTlsFailure(error) ? 'tls' : 'network';
}
