// The hot path. `record()` runs on the IDE's event path, so it is synchronous,
// does no I/O and never throws: catalog validation → privacy guard → consent
// gate → an in-memory buffer. A timer (and dispose) moves the buffer to the
// store's journal; events leave the buffer only once they are durably written.

import { categoryOf, InvalidEventError, validateEvent } from './catalog';
import { splitNamespaced } from './declarations/declaredEvents';
import { allowsEvent } from './consent';
import type { StoredEvent } from './store';
import type { PrivacyGuard, SensitiveKind } from './privacyGuard';
import type { CatalogEvent, Category, ConsentDecision } from './types';
import { describeError } from './describeError';
import { describeStorageFault, storageFaultCode, type StorageFault } from './storageFault';

export type RecordOutcome =
  | { readonly status: 'recorded' }
  | { readonly status: 'rejected'; readonly error: InvalidEventError }
  | { readonly status: 'blocked_by_guard'; readonly kind: SensitiveKind; readonly property: string }
  | { readonly status: 'not_consented' }
  | { readonly status: 'buffer_full' }
  | { readonly status: 'closed' }
  /** Something unexpected went wrong; the event was dropped (fail closed). */
  | { readonly status: 'failed' };

/** Why events were dropped; `write_failed` counts buffered events lost because the store kept failing. */
export type DropReason = Exclude<RecordOutcome['status'], 'recorded'> | 'write_failed';

/** Where flushed events go: the store, or anything with the same methods. */
export interface EventSink {
  appendEvents(events: readonly StoredEvent[]): Promise<void>;
  compact?(): Promise<void>;
  purgeCategories?(categories: readonly Category[]): Promise<void>;
  purgeExtensions?(extensionIds: readonly string[]): Promise<void>;
}

export interface RecorderOptions {
  readonly sink: EventSink;
  readonly guard: Pick<PrivacyGuard, 'checkEvent'>;
  /** The live consent decision; read on every event. */
  readonly getConsent: () => ConsentDecision;
  readonly now?: () => number;
  /** Timer flush interval (default 2 s); 0 disables the timer. It starts with the first buffered event, so while nothing is recorded no timer runs. */
  readonly flushIntervalMs?: number;
  /** Most events held in memory, in flight included (default 10,000). */
  readonly maxBuffered?: number;
  /** Compact the store after this many successful flushes (default 30, about a minute); 0 never. */
  readonly compactEveryFlushes?: number;
  /** Failures are reported here, never thrown into the caller. Messages carry no event values. */
  readonly log?: (message: string) => void;
  /** Told when a write fails, and when writing works again; `storageFault` says the details. */
  readonly onStorageFaultChange?: () => void;
}

export class Recorder {
  private buffer: StoredEvent[] = [];
  private inFlight = 0;
  private chain: Promise<void> = Promise.resolve();
  private flushesSinceCompact = 0;
  private closed = false;
  /** The code of the error that made the last write fail; undefined once a write succeeds. */
  private faultCode: string | undefined;
  /** Events lost (buffer full, or pushed out) before the last successful write. */
  private lostBeforeLastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly flushIntervalMs: number;
  private readonly dropped: Record<DropReason, number> = {
    rejected: 0,
    blocked_by_guard: 0,
    not_consented: 0,
    buffer_full: 0,
    closed: 0,
    failed: 0,
    write_failed: 0,
  };
  private readonly now: () => number;
  private readonly maxBuffered: number;
  private readonly compactEveryFlushes: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.compactEveryFlushes = options.compactEveryFlushes ?? 30;
    this.log = options.log ?? (() => undefined);
    this.flushIntervalMs = options.flushIntervalMs ?? 2000;
  }

  /** Starts the flush timer on the first buffered event. */
  private startTimer(): void {
    if (this.timer !== undefined || this.flushIntervalMs <= 0) {
      return;
    }
    this.timer = setInterval(() => {
      if (this.buffer.length > 0 && this.inFlight === 0) {
        void this.flush();
      }
    }, this.flushIntervalMs);
    // The timer must never keep the extension host (or a test) alive.
    this.timer.unref();
  }

  /** Validate, guard, gate and buffer one event. Synchronous, no I/O, never throws. */
  record(name: unknown, props: unknown): RecordOutcome {
    try {
      return this.count(this.recordUnchecked(name, props));
    } catch {
      return this.count({ status: 'failed' });
    }
  }

  private recordUnchecked(name: unknown, props: unknown): RecordOutcome {
    if (this.closed) {
      return { status: 'closed' };
    }
    let event: CatalogEvent;
    try {
      event = validateEvent(name, props);
    } catch (error) {
      if (error instanceof InvalidEventError) {
        return { status: 'rejected', error };
      }
      throw error;
    }
    const verdict = this.options.guard.checkEvent(event);
    if (!verdict.ok) {
      return { status: 'blocked_by_guard', kind: verdict.kind, property: verdict.property };
    }
    // (A category always exists after validation; the check narrows the type.)
    const category = categoryOf(event.name);
    if (category === undefined || !allowsEvent(this.options.getConsent(), event.name)) {
      return { status: 'not_consented' };
    }
    if (this.buffer.length + this.inFlight >= this.maxBuffered) {
      return { status: 'buffer_full' };
    }
    this.buffer.push({ ts: this.now(), name: event.name, props: event.props, category });
    this.startTimer();
    return { status: 'recorded' };
  }

  private count(outcome: RecordOutcome): RecordOutcome {
    if (outcome.status !== 'recorded') {
      this.dropped[outcome.status]++;
    }
    return outcome;
  }

  /** Events dropped so far, by reason (counts only, never values). */
  droppedCounts(): Readonly<Record<DropReason, number>> {
    return { ...this.dropped };
  }

  /** Whether writing is failing now, why, and what is waiting or was lost meanwhile; undefined while writes work. */
  get storageFault(): StorageFault | undefined {
    if (this.faultCode === undefined) {
      return undefined;
    }
    return { code: this.faultCode, waiting: this.pending, dropped: this.lostWhileFailing() - this.lostBeforeLastWrite };
  }

  private lostWhileFailing(): number {
    return this.dropped.buffer_full + this.dropped.write_failed;
  }

  /** Events waiting to be written, in flight included. */
  get pending(): number {
    return this.buffer.length + this.inFlight;
  }

  /** Write the buffer to the sink. Never rejects; failures are logged and the events kept (bounded). */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.flushOnce());
    return this.chain;
  }

  private async flushOnce(): Promise<void> {
    if (this.buffer.length === 0) {
      return;
    }
    const batch = this.buffer;
    this.buffer = [];
    this.inFlight = batch.length;
    try {
      await this.options.sink.appendEvents(batch);
      this.inFlight = 0;
      this.flushesSinceCompact++;
      this.lostBeforeLastWrite = this.lostWhileFailing();
      this.setFault(undefined);
    } catch (error) {
      this.inFlight = 0;
      // Put the batch back in front of what arrived meanwhile; beyond the bound the oldest go.
      const merged = batch.concat(this.buffer);
      const overflow = Math.max(0, merged.length - this.maxBuffered);
      this.buffer = merged.slice(overflow);
      this.dropped.write_failed += overflow;
      // Said once per fault (by its code, never the message, which may hold a path); the indicator keeps the count.
      const code = storageFaultCode(error);
      if (this.faultCode !== code) {
        this.setFault(code);
        this.log(
          `Candor: ${describeStorageFault(this.storageFault!)}; recording resumes when it can be written again.`,
        );
      } else {
        this.tellFault(); // the counts changed
      }
      return;
    }
    if (
      this.compactEveryFlushes > 0 &&
      this.flushesSinceCompact >= this.compactEveryFlushes &&
      this.options.sink.compact
    ) {
      this.flushesSinceCompact = 0;
      try {
        await this.options.sink.compact();
      } catch (error) {
        this.log(`Candor: compaction failed (${storageFaultCode(error)}); the journal keeps the events.`);
      }
    }
  }

  private setFault(code: string | undefined): void {
    if (code === this.faultCode) {
      return;
    }
    this.faultCode = code;
    if (code === undefined) {
      this.log('Candor: local storage can be written again; recording resumed.');
    }
    this.tellFault();
  }

  private tellFault(): void {
    try {
      this.options.onStorageFaultChange?.();
    } catch {
      // A failing listener must not break recording.
    }
  }

  /**
   * Consent for `categories` was withdrawn: drop their buffered events now and,
   * after any write in progress, purge them from the store. Never rejects.
   */
  purgeCategories(categories: readonly Category[]): Promise<void> {
    if (categories.length === 0) {
      return Promise.resolve();
    }
    const before = this.buffer.length;
    this.buffer = this.buffer.filter((e) => !categories.includes(e.category));
    this.dropped.not_consented += before - this.buffer.length;
    this.chain = this.chain.then(async () => {
      try {
        await this.options.sink.purgeCategories?.(categories);
      } catch (error) {
        this.log(`Candor: could not purge ${categories.join(', ')} data: ${describeError(error)}`);
      }
    });
    return this.chain;
  }

  /**
   * These extensions were switched off: drop their buffered events now and,
   * after any write in progress, purge their pending data from the store. Never rejects.
   */
  purgeExtensions(extensionIds: readonly string[]): Promise<void> {
    if (extensionIds.length === 0) {
      return Promise.resolve();
    }
    const before = this.buffer.length;
    this.buffer = this.buffer.filter((e) => !extensionIds.includes(splitNamespaced(e.name)?.extensionId ?? ''));
    this.dropped.not_consented += before - this.buffer.length;
    this.chain = this.chain.then(async () => {
      try {
        await this.options.sink.purgeExtensions?.(extensionIds);
      } catch (error) {
        this.log(`Candor: could not purge the data of switched-off extensions: ${describeError(error)}`);
      }
    });
    return this.chain;
  }

  /** Forget buffered events (the user deleted all data). */
  clearBuffer(): void {
    this.buffer = [];
  }

  /** Stop the timer, refuse new events and write what is buffered. Never rejects. */
  dispose(): Promise<void> {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
    }
    this.closed = true;
    return this.flush();
  }
}
