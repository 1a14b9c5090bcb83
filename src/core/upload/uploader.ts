// Sends due daily reports to the configured endpoint, one attempt per report
// per run, and records a receipt for each. Pure core: the queue (store), the
// clock, randomness, consent and the HTTP client are injected, so every rule
// below is unit-testable and nothing here imports `vscode`.
//
// Rules (docs/privacy-model.md, "What an upload contains"):
// - consent is re-checked right before each send; switching off stops the run;
// - only closed UTC days that began after the user opted in to sharing leave;
// - 2xx → sent; 4xx other than 429 → dropped (with a receipt saying so);
//   429/503 → retry after `Retry-After` (else backoff); other failures → retry
//   with exponential backoff and full jitter;
// - a daily budget of bytes on the wire is never exceeded: a report that does
//   not fit waits for a random moment of the next UTC day;
// - the outbound gate (src/core/outboundGate.ts) passes a report just before it
//   is sent; one it withholds is never sent, and retention drops it in the end;
// - automatic mode sends at the report's send time (uploadTiming.ts); Send: at once;
// - nothing throws out: failures become receipts and log lines.

import { withheldWords, type OutboundGate } from '../outboundGate';
import { errorCode } from '../describeError';
import type { UploadMode } from '../settingsDefaults';
import type { UploadFormat } from '../types';
import { parseEndpoint, uploadUrl } from './endpoint';
import { postReport, type PostReportOptions, type SendResult } from './httpSend';
import { gzipBody, sha256Hex, type EncodedReportBody } from './payload';
import { rejectedPointsNote } from './receiptNote';
import { nextUtcMidnightMs, utcDay } from '../utcDay';
import { firstSlotMs, randomSlotMs, slotVerdict, type SlotVerdict } from './uploadTiming';
import type { QueuedReport, ReportQueue, UploadOutcome, UploadReceipt } from './ports';
import { backoffDelayMs, sendability } from './sendRules';

export type { ClaimRequest, QueuedReport, ReportQueue, UploadOutcome, UploadReceipt } from './ports';
export { backoffDelayMs, reportIsSendable, sendability, type Sendability } from './sendRules';

export interface UploaderOptions {
  readonly queue: ReportQueue;
  readonly owner: string;
  /** Raw `candor.endpoint` setting. */
  readonly endpoint: string;
  readonly format: UploadFormat;
  /** What every report passes just before it is sent. */
  readonly gate: OutboundGate;
  readonly mode?: UploadMode;
  readonly userAgent: string; // e.g. `candor/0.1.0`
  /** Live consent: sharing allowed right now (enabled, level, DO_NOT_TRACK, endpoint). */
  readonly isAllowed: () => boolean;
  /** When the user last switched sharing on; undefined when sharing is off. */
  readonly sharingSinceMs: () => number | undefined;
  readonly now?: () => number;
  /** Uniform in [0, 1); injected for deterministic jitter in tests. */
  readonly random?: () => number;
  readonly send?: (options: PostReportOptions) => Promise<SendResult>;
  /** Bytes on the wire per UTC day of sending (default 10,000). */
  readonly dailyByteBudget?: number;
  readonly timeoutMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  readonly log?: (line: string) => void;
  /** Certificates to trust for the upload, when not the default store. */
  readonly ca?: readonly string[];
  /** Since when this window looks after uploads: a send time before it passed unwatched (default: construction). */
  readonly watchingSinceMs?: number;
}

export type UploadStop = 'not-configured' | 'endpoint-refused' | 'not-allowed' | 'stopped' | 'queue-error';

export interface UploadSummary {
  readonly sent: number;
  readonly dropped: number;
  readonly retried: number;
  /** Reports the outbound gate withheld: not sent, checked again tomorrow. */
  readonly withheld: number;
  /** Reports put back without an attempt (budget, open day, review, send time not reached). */
  readonly deferred: number;
  readonly receipts: readonly UploadReceipt[];
  /** Why the run ended early, if it did. */
  readonly stoppedBecause?: UploadStop;
  readonly reason?: string;
}

export const DEFAULT_DAILY_BYTE_BUDGET = 10_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_BACKOFF_BASE_MS = 60_000;
export const DEFAULT_BACKOFF_CAP_MS = 6 * 60 * 60 * 1000;
/** Upper bound on reports handled in one run, so a misbehaving queue cannot spin forever. */
const MAX_REPORTS_PER_RUN = 500;

interface Target {
  readonly url: URL;
  readonly host: string;
}

/** What handling one report means for the rest of the run. */
type Step = 'continue' | UploadStop;

class RunTally {
  sent = 0;
  dropped = 0;
  retried = 0;
  withheld = 0;
  deferred = 0;
  readonly receipts: UploadReceipt[] = [];

  summary(stoppedBecause?: UploadStop, reason?: string): UploadSummary {
    const base = {
      sent: this.sent,
      dropped: this.dropped,
      retried: this.retried,
      withheld: this.withheld,
      deferred: this.deferred,
      receipts: this.receipts,
    };
    return stoppedBecause === undefined
      ? base
      : { ...base, stoppedBecause, ...(reason === undefined ? {} : { reason }) };
  }
}

export class ReportUploader {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly send: (options: PostReportOptions) => Promise<SendResult>;
  private readonly budget: number;
  private readonly timeoutMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly log: (line: string) => void;
  private readonly watchingSinceMs: number;
  private readonly abort = new AbortController();
  private running: Promise<UploadSummary> | undefined;

  constructor(private readonly options: UploaderOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.send = options.send ?? postReport;
    this.budget = options.dailyByteBudget ?? DEFAULT_DAILY_BYTE_BUDGET;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
    this.backoffCapMs = options.backoffCapMs ?? DEFAULT_BACKOFF_CAP_MS;
    this.log = options.log ?? (() => undefined);
    this.watchingSinceMs = options.watchingSinceMs ?? this.now();
  }

  /** Sends every due report once. Concurrent calls share one run. Never rejects. */
  uploadDue(): Promise<UploadSummary> {
    this.running ??= this.runSafely().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Aborts an upload in flight and refuses further runs (consent withdrawn, extension deactivated). */
  stop(): void {
    this.abort.abort();
  }

  private async runSafely(): Promise<UploadSummary> {
    const tally = new RunTally();
    try {
      return await this.run(tally);
    } catch (error) {
      // The queue (store) failed; leases expire on their own, so nothing is lost.
      this.log(`upload: stopped, the report queue failed (${errorName(error)})`);
      return tally.summary('queue-error');
    }
  }

  private async run(tally: RunTally): Promise<UploadSummary> {
    const endpoint = parseEndpoint(this.options.endpoint);
    if (!endpoint.ok) {
      return tally.summary(
        endpoint.problem === 'not-configured' ? 'not-configured' : 'endpoint-refused',
        endpoint.reason,
      );
    }
    const target: Target = { url: uploadUrl(endpoint.url, this.options.format), host: endpoint.host };
    const seen = new Set<string>();
    for (let handled = 0; handled < MAX_REPORTS_PER_RUN; handled++) {
      if (this.abort.signal.aborted) {
        return tally.summary('stopped');
      }
      if (!this.options.isAllowed()) {
        return tally.summary('not-allowed');
      }
      const claimed = await this.options.queue.claimDueReport({
        owner: this.options.owner,
        nowMs: this.now(),
        leaseMs: this.timeoutMs * 2 + 60_000,
        approvedOnly: this.options.mode === 'review',
      });
      if (claimed === undefined) {
        break;
      }
      if (seen.has(claimed.day)) {
        // Each report gets at most one attempt per run.
        await this.options.queue.defer(this.options.owner, claimed.day, this.now());
        break;
      }
      seen.add(claimed.day);
      const step = await this.handle(claimed, target, tally);
      if (step !== 'continue') {
        return tally.summary(step);
      }
    }
    return tally.summary();
  }

  private async handle(claimed: QueuedReport, target: Target, tally: RunTally): Promise<Step> {
    const { queue, owner } = this.options;
    const nowMs = this.now();
    // The outbound gate, just before anything leaves: the catalog, the vocabularies, the guard, the client block.
    const passed = this.options.gate.passStoredReport(claimed.day, claimed.body, this.options.format);
    if (!passed.ok) {
      // Checked again at a random moment of the next day: never a moment shared by every install.
      await queue.defer(owner, claimed.day, randomSlotMs(nextUtcMidnightMs(nowMs), this.random()));
      tally.withheld++;
      this.log(`upload: report ${claimed.day} withheld, not sent: ${withheldWords(passed.withheld)}`);
      return 'continue';
    }
    const body = passed.value.body;
    switch (sendability(claimed.day, this.options.sharingSinceMs(), nowMs)) {
      case 'invalid-day':
        await this.drop(claimed, target, body, 'not-sent:invalid-report', tally);
        return 'continue';
      case 'predates-opt-in':
        await this.drop(claimed, target, body, 'not-sent:predates-opt-in', tally);
        return 'continue';
      case 'not-opted-in':
        await queue.defer(owner, claimed.day, claimed.slotMs);
        tally.deferred++;
        return 'not-allowed';
      case 'open-day':
        // Not the day's end itself: that moment would be the same for every install and day.
        await queue.defer(owner, claimed.day, firstSlotMs(claimed.day, this.random()) ?? nowMs);
        tally.deferred++;
        return 'continue';
      case 'sendable':
        break;
    }
    if (!(await this.mayLeaveNow(claimed, nowMs))) {
      tally.deferred++;
      return 'continue';
    }

    const wire = gzipBody(body.bytes);
    if (wire.length > this.budget) {
      await this.drop(claimed, target, body, 'not-sent:over-budget', tally);
      return 'continue';
    }
    const spent = await queue.bytesSentOnDay(utcDay(nowMs));
    if (spent + wire.length > this.budget) {
      await queue.defer(owner, claimed.day, randomSlotMs(nextUtcMidnightMs(nowMs), this.random()));
      tally.deferred++;
      this.log(`upload: report ${claimed.day} waits for tomorrow's byte budget`);
      return 'continue';
    }

    // Consent is read once more right before the bytes leave.
    if (!this.options.isAllowed() || this.abort.signal.aborted) {
      await queue.defer(owner, claimed.day, claimed.slotMs);
      tally.deferred++;
      return this.abort.signal.aborted ? 'stopped' : 'not-allowed';
    }
    const result = await this.send({
      url: target.url,
      gzippedBody: wire,
      contentType: body.contentType,
      timeoutMs: this.timeoutMs,
      userAgent: this.options.userAgent,
      signal: this.abort.signal,
      nowMs: this.now,
      readPartialSuccess: this.options.format === 'otlp',
      ...(this.options.ca === undefined ? {} : { ca: this.options.ca }),
    }).catch((): SendResult => ({ kind: 'error', errorClass: 'network' }));
    await this.settle(claimed, target, body, wire.length, result, tally);
    if (result.kind === 'error' && result.errorClass === 'aborted') {
      return this.abort.signal.aborted ? 'stopped' : 'not-allowed';
    }
    return result.kind === 'error' && result.errorClass === 'refused' ? 'endpoint-refused' : 'continue';
  }

  /**
   * Review mode: the user approved it ("Send" sends now). Automatic mode: its send
   * time has come. If not, the report is put back until its (maybe new) moment.
   */
  private async mayLeaveNow(claimed: QueuedReport, nowMs: number): Promise<boolean> {
    const verdict: SlotVerdict =
      this.options.mode !== 'review'
        ? slotVerdict({
            day: claimed.day,
            slotMs: claimed.slotMs,
            nowMs,
            watchingSinceMs: this.watchingSinceMs,
            lastRequestMs: await this.options.queue.lastRequestMs(),
            random: this.random,
          })
        : claimed.approved
          ? { kind: 'send' }
          : { kind: 'wait', untilMs: claimed.slotMs, why: 'first-slot' };
    if (verdict.kind === 'send') {
      return true;
    }
    await this.options.queue.defer(this.options.owner, claimed.day, verdict.untilMs);
    this.log(`upload: report ${claimed.day} waits for its send time (${verdict.why})`); // when: in the store only
    return false;
  }

  private async settle(
    claimed: QueuedReport,
    target: Target,
    body: EncodedReportBody,
    wireBytes: number,
    result: SendResult,
    tally: RunTally,
  ): Promise<void> {
    const atMs = this.now();
    const base = {
      day: claimed.day,
      format: this.options.format,
      bytes: wireBytes,
      bodyBytes: body.bytes.length,
      sha256: sha256Hex(body.bytes),
      endpointHost: target.host,
      status: result.kind === 'http' ? String(result.status) : `error:${result.errorClass}`,
      atMs,
    };
    const outcome = classify(result);
    if (outcome === 'sent' || outcome === 'dropped') {
      const rejected = result.kind === 'http' ? result.rejectedDataPoints : undefined;
      const receipt: UploadReceipt =
        rejected === undefined ? { ...base, outcome } : { ...base, outcome, note: rejectedPointsNote(rejected) };
      if (outcome === 'sent') {
        await this.options.queue.markSent(this.options.owner, claimed.day, receipt);
        tally.sent++;
      } else {
        await this.options.queue.markDropped(this.options.owner, claimed.day, receipt);
        tally.dropped++;
      }
      tally.receipts.push(receipt);
      const partial = rejected === undefined ? '' : `; the server rejected ${rejected} data points`;
      this.log(
        `upload: report ${claimed.day} ${outcome} (${base.status}, ${wireBytes} bytes to ${target.host}${partial})`,
      );
      return;
    }
    const delayMs =
      result.kind === 'http' && result.retryAfterMs !== undefined && (result.status === 429 || result.status === 503)
        ? result.retryAfterMs
        : result.kind === 'error' && result.errorClass === 'aborted'
          ? 0 // we stopped it ourselves; the server did nothing wrong
          : backoffDelayMs(claimed.attempts, this.random(), this.backoffBaseMs, this.backoffCapMs);
    const nextAttemptMs = atMs + delayMs;
    const receipt: UploadReceipt = { ...base, outcome: 'retry', nextAttemptMs };
    await this.options.queue.reschedule(this.options.owner, claimed.day, nextAttemptMs, receipt);
    tally.retried++;
    tally.receipts.push(receipt);
    this.log(
      `upload: report ${claimed.day} kept for retry (${base.status}); next attempt in ${Math.round(delayMs / 1000)} s`,
    );
  }

  private async drop(
    claimed: QueuedReport,
    target: Target,
    body: EncodedReportBody,
    status: string,
    tally: RunTally,
  ): Promise<void> {
    const receipt: UploadReceipt = {
      day: claimed.day,
      format: this.options.format,
      bytes: 0,
      bodyBytes: body.bytes.length,
      sha256: sha256Hex(body.bytes),
      endpointHost: target.host,
      status,
      atMs: this.now(),
      outcome: 'dropped',
    };
    await this.options.queue.markDropped(this.options.owner, claimed.day, receipt);
    tally.dropped++;
    tally.receipts.push(receipt);
    this.log(`upload: report ${claimed.day} dropped without sending (${status})`);
  }
}

function classify(result: SendResult): UploadOutcome {
  if (result.kind === 'http' && result.status >= 200 && result.status < 300) {
    return 'sent';
  }
  // 429, 5xx, and unexpected 1xx/3xx (redirects are not followed: they could lead off HTTPS) are retried.
  return result.kind === 'http' && result.status >= 400 && result.status < 500 && result.status !== 429
    ? 'dropped'
    : 'retry';
}

/** Error names only: messages may hold paths or other text that must not reach logs. */
function errorName(error: unknown): string {
  return errorCode(error);
}
