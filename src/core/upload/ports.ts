// The uploader's ports: what it needs from the report queue and the receipts it
// hands back. Declared here, on the uploader's side; the store implements them
// (src/core/store/reportQueue.ts), so the dependency points from the store to
// the upload core and never back.

import type { UploadFormat } from '../types';

export type UploadOutcome = 'sent' | 'dropped' | 'retry';

/**
 * The record of one upload attempt (or of a decision not to send a report).
 * `bytes` counts what went on the wire: the gzip-compressed body (0 when
 * nothing was sent). `sha256` is over the UNcompressed body, the exact bytes
 * the payload view shows, so the user can match the two.
 */
export interface UploadReceipt {
  readonly day: string;
  readonly format: UploadFormat;
  readonly bytes: number;
  /** Length of the uncompressed body, as shown in the payload view. */
  readonly bodyBytes: number;
  readonly sha256: string;
  /** `hostname[:port]` of the endpoint; never the full URL. */
  readonly endpointHost: string;
  /** HTTP status ("200", "503"), "error:<class>", or "not-sent:<reason>". */
  readonly status: string;
  readonly atMs: number;
  readonly outcome: UploadOutcome;
  /** For `retry`: when the report becomes due again. */
  readonly nextAttemptMs?: number;
  /** A fact from a closed set (see receiptNote.ts), e.g. an OTLP partial success; never a server's text. */
  readonly note?: string;
}

export interface QueuedReport {
  readonly day: string;
  /** The report as stored. The uploader passes it through the outbound gate (src/core/outboundGate.ts) before anything is sent. */
  readonly body: string;
  /** Upload attempts made so far (receipts with outcome `retry`). */
  readonly attempts: number;
  /** In `review` mode: the user pressed "Send" for this report. */
  readonly approved: boolean;
  /** When the report was due (its chosen send time, or a retry's); 0 when no send time was chosen yet. */
  readonly slotMs: number;
}

export interface ClaimRequest {
  /** Identifies this extension host; only the holder of a lease may settle the report. */
  readonly owner: string;
  readonly nowMs: number;
  readonly leaseMs: number;
  /** `review` mode: hand out only reports the user approved. */
  readonly approvedOnly: boolean;
}

/**
 * What the uploader needs from the store. Implementations must make
 * `claimDueReport` atomic across extension hosts (the lease is what keeps two
 * windows from sending the same report), and should ignore settle calls from
 * an owner whose lease is gone.
 */
export interface ReportQueue {
  /**
   * Leases the oldest pending report whose next attempt is due
   * (`nextAttemptMs <= nowMs`) and that no other owner holds an unexpired lease on.
   */
  claimDueReport(request: ClaimRequest): Promise<QueuedReport | undefined>;
  /** Delivered: no longer pending; keep the receipt. */
  markSent(owner: string, day: string, receipt: UploadReceipt): Promise<void>;
  /** Will never be sent: no longer pending; keep the receipt. */
  markDropped(owner: string, day: string, receipt: UploadReceipt): Promise<void>;
  /** An attempt failed: attempts + 1, due again at `nextAttemptMs`, lease released; keep the receipt. */
  reschedule(owner: string, day: string, nextAttemptMs: number, receipt: UploadReceipt): Promise<void>;
  /** Nothing was attempted (budget, consent, review): due again at `nextAttemptMs`, attempts unchanged, lease released. */
  defer(owner: string, day: string, nextAttemptMs: number): Promise<void>;
  /** Sum of `receipt.bytes` over all receipts whose `atMs` lies on `utcDay` (YYYY-MM-DD). */
  bytesSentOnDay(utcDay: string): Promise<number>;
  /** When the last request of this install was made (any report, any window); undefined if none. */
  lastRequestMs(): Promise<number | undefined>;
}
