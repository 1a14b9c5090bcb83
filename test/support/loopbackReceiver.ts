// A real HTTP server on 127.0.0.1 that stands in for a report collector in
// tests. It records every request (method, path, headers, raw and gunzipped
// body) and answers from a script, one entry per request, so each fault an
// uploader must survive can be staged: a status (with headers such as
// Retry-After), a hang (never answers), a dropped connection, or a body that is
// huge, drips slowly or never ends. With `tls` it is a real HTTPS server.

import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type ScriptedResponse =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  | { readonly kind: 'hang' }
  | { readonly kind: 'drop' }
  /** Answers `then` only once `until` resolves: the sender stays mid-send until the test lets go. */
  | { readonly kind: 'held'; readonly until: Promise<void>; readonly then: ScriptedResponse }
  /** A 200 whose body is made as it is read: `totalBytes` (Infinity: never ends), one chunk per `intervalMs`. */
  | { readonly kind: 'stream'; readonly totalBytes: number; readonly chunkBytes: number; readonly intervalMs: number }
  /** A response head that never completes: one more header byte per `intervalMs`. */
  | { readonly kind: 'dripHead'; readonly intervalMs: number };

export const reply = {
  status: (status: number, headers?: Readonly<Record<string, string>>, body?: string): ScriptedResponse => ({
    kind: 'status',
    status,
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  }),
  hang: (): ScriptedResponse => ({ kind: 'hang' }),
  drop: (): ScriptedResponse => ({ kind: 'drop' }),
  heldUntil: (until: Promise<void>, then: ScriptedResponse = { kind: 'status', status: 200 }): ScriptedResponse => ({
    kind: 'held',
    until,
    then,
  }),
  stream: (totalBytes: number, chunkBytes = 64 * 1024, intervalMs = 0): ScriptedResponse => ({
    kind: 'stream',
    totalBytes,
    chunkBytes,
    intervalMs,
  }),
  dripHead: (intervalMs: number): ScriptedResponse => ({ kind: 'dripHead', intervalMs }),
};

/** What the receiver did with one answer's body, for `stream` answers. */
export interface AnswerProgress {
  /** Body bytes produced so far (a stream is only produced as fast as the client reads). */
  bytes: number;
  /** Resolves when the connection of this answer is closed. */
  readonly closed: Promise<void>;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  readonly rawBody: Buffer;
  /** The body after gunzip when `Content-Encoding: gzip`, else the raw body; undefined if gunzip failed. */
  readonly body: Buffer | undefined;
  /** What the receiver answered. */
  readonly response: ScriptedResponse;
  readonly progress: AnswerProgress;
  /** Which accepted connection (1, 2, …) carried the request: equal numbers mean a reused socket. */
  readonly connection: number;
}

export interface LoopbackReceiverOptions {
  /** Answers for the first requests, in order. */
  readonly script?: readonly ScriptedResponse[];
  /** Answer once the script is used up (default 200). */
  readonly fallback?: ScriptedResponse;
  /** Bodies larger than this are answered 413 and not recorded in full (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** At most this many requests are recorded (default 1,000). */
  readonly maxRecorded?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export class LoopbackReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Connections accepted so far. */
  connectionsAccepted = 0;
  private readonly sockets = new Set<Socket>();
  private readonly connectionNumbers = new WeakMap<Socket, number>();
  private readonly script: ScriptedResponse[];
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server | https.Server,
    private readonly options: LoopbackReceiverOptions,
  ) {
    this.script = [...(options.script ?? [])];
  }

  /** Starts a receiver on 127.0.0.1 with an OS-chosen port. */
  static async start(options: LoopbackReceiverOptions = {}): Promise<LoopbackReceiver> {
    const server = options.tls
      ? https.createServer({ key: options.tls.key, cert: options.tls.cert })
      : http.createServer();
    const receiver = new LoopbackReceiver(server, options);
    server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      receiver.sockets.add(socket);
      receiver.connectionsAccepted += 1;
      receiver.connectionNumbers.set(socket, receiver.connectionsAccepted);
      socket.on('close', () => receiver.sockets.delete(socket));
    });
    server.on('request', (req, res) => receiver.onRequest(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  /** `http://127.0.0.1:<port>` (no trailing slash); `https://localhost:<port>` with `tls`. */
  get baseUrl(): string {
    return this.options.tls ? `https://localhost:${this.port}` : `http://127.0.0.1:${this.port}`;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('receiver is not listening');
    }
    return address.port;
  }

  /** HTTPS only: serve another key and certificate from the next connection on. */
  setCertificate(tls: { readonly key: string; readonly cert: string }): void {
    (this.server as https.Server).setSecureContext({ key: tls.key, cert: tls.cert });
  }

  /** Appends answers to the script. */
  enqueue(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  /** Resolves once `count` requests have been fully received (bounded by `timeoutMs`). */
  async waitForRequests(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.requests.length >= count) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ count, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`expected ${count} requests, got ${this.requests.length}`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops listening and destroys every open connection (including hung ones). */
  async close(): Promise<void> {
    for (const timer of this.timers) {
      clearInterval(timer);
    }
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const maxBody = this.options.maxBodyBytes ?? 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        tooLarge = true;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const response = tooLarge
        ? reply.status(413)
        : (this.script.shift() ?? this.options.fallback ?? reply.status(200));
      const rawBody = Buffer.concat(chunks);
      const progress: AnswerProgress = {
        bytes: 0,
        closed: new Promise<void>((resolve) => req.socket.once('close', () => resolve())),
      };
      if (this.requests.length < (this.options.maxRecorded ?? 1000)) {
        this.requests.push({
          progress,
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          rawBody,
          body: decodeBody(rawBody, req.headers['content-encoding']),
          response,
          connection: this.connectionNumbers.get(req.socket) ?? 0,
        });
      }
      this.answer(req, res, response, progress);
      this.notify();
    });
  }

  private answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    response: ScriptedResponse,
    progress: AnswerProgress,
  ): void {
    switch (response.kind) {
      case 'stream':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        this.streamBody(response, progress).pipe(res);
        return;
      case 'dripHead': {
        // Raw bytes on the socket: a head that keeps growing and never ends.
        req.socket.write('HTTP/1.1 200 OK\r\nX-Drip: ');
        const timer = setInterval(() => {
          if (req.socket.destroyed) {
            clearInterval(timer);
            this.timers.delete(timer);
            return;
          }
          req.socket.write('a');
        }, response.intervalMs);
        this.timers.add(timer);
        return;
      }
      case 'hang':
        return; // never answer; close() destroys the socket
      case 'drop':
        req.socket.destroy();
        return;
      case 'held':
        void response.until.then(() => this.answer(req, res, response.then, progress));
        return;
      case 'status':
        res.writeHead(response.status, { 'Content-Type': 'text/plain', ...response.headers });
        res.end(response.body ?? '');
        return;
    }
  }

  /** A body produced only as the socket takes it, so an unread body costs the test nothing. */
  private streamBody(response: Extract<ScriptedResponse, { kind: 'stream' }>, progress: AnswerProgress): Readable {
    const chunk = Buffer.alloc(response.chunkBytes, 0x20);
    const timers = this.timers;
    return new Readable({
      read(): void {
        const left = response.totalBytes - progress.bytes;
        if (left <= 0) {
          this.push(null);
          return;
        }
        const next = left >= chunk.length ? chunk : chunk.subarray(0, left);
        const push = (): void => {
          progress.bytes += next.length;
          this.push(next);
        };
        if (response.intervalMs <= 0) {
          push();
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          push();
        }, response.intervalMs);
        timers.add(timer);
      },
    });
  }

  private notify(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter !== undefined && this.requests.length >= waiter.count) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}

function decodeBody(raw: Buffer, encoding: string | undefined): Buffer | undefined {
  if (encoding !== 'gzip') {
    return raw;
  }
  try {
    return gunzipSync(raw);
  } catch {
    return undefined;
  }
}
