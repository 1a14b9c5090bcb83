// Everything Candor does with its local store, in one place: opening it,
// writing what the recorder buffered, closing finished days, keeping the
// consent log, following the retention setting, and telling the view and the
// indicator that stored data changed.
//
// The store opens on demand, never on the activation path: soon after start
// when consent allows recording, when consent turns on, or when something asks
// for it (the view, an export, a delete, a flush). While consent is off and
// nobody asks, no wasm is loaded, no file is opened and no timer runs. When the
// store cannot be opened, this is the one place that degrades: events stay
// unwritten (the recorder keeps a bounded buffer), nothing is logged or closed,
// and there are no pending reports.
//
// Only vscode *types* are used, so the session runs and is tested in plain Node;
// src/ide/storeHost.ts supplies the editor-facing parts.

import type * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { Emitter } from '../common/emitter';
import { isLogged } from '../core/consentLog';
import { describeError } from '../core/describeError';
import { describeStoreError } from '../core/storageFault';
import { createOutboundGate, type OutboundGate } from '../core/outboundGate';
import type { PrivacyGuard } from '../core/privacyGuard';
import { Recorder, type EventSink, type RecorderOptions } from '../core/recorder';
import type { CandorStore } from '../core/store';
import type { ClientInfo, ConsentDecision, ConsentInputs } from '../core/types';
import type { ConsentChange } from './consentController';
import { DailyReports } from './dailyReports';

export const CLOSE_DAYS_EVERY_MS = 10 * 60_000;

/** What `onDidChangeData` reports. */
export interface DataChange {
  /**
   * True when only newly recorded events were written: today's counters
   * changed, but no report, consent entry or pending count did. The view
   * follows every change; the indicator recounts only when this is false.
   */
  readonly eventsOnly: boolean;
}

/** The live consent, as the session follows it. */
export interface SessionConsent {
  readonly decision: ConsentDecision;
  readonly inputs: ConsentInputs;
  readonly onDidChange: vscode.Event<ConsentChange>;
}

export interface SessionLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface StoreSessionDeps {
  /** Opens the store; resolves undefined when local storage is unavailable (the opener has said why). */
  readonly openStore: () => Promise<CandorStore | undefined>;
  readonly client: ClientInfo;
  readonly consent: SessionConsent;
  /** Fires with the new number of days to keep when the setting changes. */
  readonly onDidChangeRetentionDays: vscode.Event<number>;
  /** How the recorder checks and gates events; it writes to this session and logs to `log`. */
  readonly recorder: Omit<RecorderOptions, 'sink' | 'log' | 'onStorageFaultChange'> & {
    /** The guard the recorder checks events with; the outbound gate uses the same one. */
    readonly guard: PrivacyGuard;
  };
  readonly log: SessionLog;
  /** Told once the store has opened (the upload scheduler starts with it). */
  readonly onDidOpen?: (store: CandorStore) => void;
  readonly closeDaysEveryMs?: number;
  readonly now?: () => number;
  /**
   * Lowercased ids of the installed extensions: at start, the pending data of
   * any other extension (uninstalled since) is purged before days are closed.
   */
  readonly installedExtensions?: () => readonly string[];
}

const NO_STORAGE = 'local storage is unavailable';

export class StoreSession extends Disposable {
  private readonly changes = this._register(
    new Emitter<DataChange>((error) => this.deps.log.warn(`A data-change listener failed: ${describeError(error)}`)),
  );
  /** Stored data may have changed; `eventsOnly` says whether only new events were written. */
  readonly onDidChangeData = this.changes.event;
  /** The in-memory front of the store: `record()` buffers, flushes write here. */
  readonly recorder: Recorder;
  /** What everything leaving Candor passes (view, upload, export), with the recorder's guard. */
  readonly gate: OutboundGate;
  private started = false;
  private opening: Promise<CandorStore | undefined> | undefined;
  private opened: CandorStore | undefined;
  /** The start-up consent entry and the first day closing, once the store is open and the session started. */
  private openedWork: Promise<void> | undefined;
  private finished: Promise<void> | undefined;
  /** Set once shutdown has closed the store. */
  private closed = false;

  /** Builds the session; the store is not opened here (see `open()`). */
  constructor(private readonly deps: StoreSessionDeps) {
    super();
    this.gate = createOutboundGate(deps.recorder.guard);
    this.recorder = new Recorder({
      ...deps.recorder,
      sink: this.eventSink(),
      log: (message) => deps.log.warn(message),
      // The indicator and the view show the fault and its counts; they re-read on this change.
      onStorageFaultChange: () => this.changes.fire({ eventsOnly: false }),
    });
    deps.onDidChangeRetentionDays((days) => this.opened?.setRetentionDays(days), undefined, this._disposables);
  }

  /**
   * The open store, for the parts that read it directly; undefined while it is
   * not open (yet), or when local storage is unavailable.
   */
  get store(): CandorStore | undefined {
    return this.opened;
  }

  /** Whether the store has been asked to open in this window (it may still be opening, or unavailable). */
  get openRequested(): boolean {
    return this.opening !== undefined;
  }

  /**
   * The store, opening it on the first call; resolves undefined when local
   * storage is unavailable (said once) or the session is closed. Never rejects.
   */
  open(): Promise<CandorStore | undefined> {
    if (this.closed) {
      // Nothing opens after shutdown (its last writes may still have opened it).
      return Promise.resolve(undefined);
    }
    return (this.opening ??= this.openOnce());
  }

  private async openOnce(): Promise<CandorStore | undefined> {
    let store: CandorStore | undefined;
    try {
      store = await this.deps.openStore();
    } catch (error) {
      this.deps.log.warn(`Telemetry storage is unavailable: ${describeError(error)}`);
    }
    this.opened = store;
    if (store !== undefined && this.finished === undefined && !this.isDisposed) {
      this.deps.onDidOpen?.(store);
      this.dataChanged();
      if (this.started) {
        // Not awaited: that work reads the store through this very opening.
        void this.beginStoreWork();
      }
    }
    return store;
  }

  /**
   * Starts following consent: every consent change is logged from now on
   * (while the store is open), and the store opens as soon as consent allows
   * recording, just after this call returns, off the caller's path. Once the
   * store is open, the consent found then is logged unless the log already says
   * it, and finished days are closed at once and every 10 minutes. Called once
   * the other parts are wired, so they see a consent change before the session
   * logs it. Resolves when that opening work is done, at once while consent is
   * off; never rejects.
   */
  async start(): Promise<void> {
    if (this.started || this.isDisposed) {
      return;
    }
    this.started = true;
    this.deps.consent.onDidChange((change) => this.consentChanged(change), undefined, this._disposables);
    if (this.opened !== undefined) {
      return this.beginStoreWork();
    }
    if (this.deps.consent.decision.state === 'off') {
      return;
    }
    // Let the caller (activate) return before the wasm and the database load.
    await new Promise((resolve) => setImmediate(resolve));
    await this.open();
    await this.openedWork;
  }

  /** The work that needs the open store; runs once. */
  private beginStoreWork(): Promise<void> {
    if (this.openedWork !== undefined || this.isDisposed || this.finished !== undefined) {
      return this.openedWork ?? Promise.resolve();
    }
    const logged = this.logConsentFoundAtStart();
    const closed = this.purgeUninstalledExtensions().then(() => this.closeDaysInBackground());
    const timer = setInterval(
      () => void this.closeDaysInBackground(),
      this.deps.closeDaysEveryMs ?? CLOSE_DAYS_EVERY_MS,
    );
    // The timer must never keep the extension host (or a test) alive.
    timer.unref();
    this._register({ dispose: () => clearInterval(timer) });
    return (this.openedWork = Promise.all([logged, closed]).then(() => undefined));
  }

  /** Tells every listener that stored data changed elsewhere (the view deleted or approved something, an upload ran). */
  dataChanged(): void {
    this.changes.fire({ eventsOnly: false });
  }

  /** Writes what is buffered and closes finished days, so what is read next is current. */
  async flush(): Promise<void> {
    await this.recorder.flush();
    await this.closeDays();
  }

  /** Reports waiting to be sent or reviewed (withheld ones are never sent, so they do not count); 0 while the store is not open (never opens it). */
  countPendingReports(): Promise<number> {
    return this.withStore(
      async (store) =>
        (await store.pendingReports()).filter((r) => this.gate.passStoredReport(r.day, r.body, 'candor-json').ok)
          .length,
      0,
    );
  }

  /** Writes what is buffered, then closes the store; the same promise on every call. */
  shutdown(): Promise<void> {
    return (this.finished ??= this.recorder.dispose().finally(() => {
      this.closed = true;
      return this.withStore((store) => store.close(), undefined);
    }));
  }

  override dispose(): void {
    super.dispose();
    void this.shutdown();
  }

  /** Runs `fn` on the store once it is open, or resolves `unavailable` when it was never asked to open or cannot. */
  private async withStore<T>(fn: (store: CandorStore) => Promise<T>, unavailable: T): Promise<T> {
    const store = this.opening === undefined ? undefined : await this.opening;
    return store === undefined ? unavailable : fn(store);
  }

  private eventSink(): EventSink {
    return {
      appendEvents: async (events) => {
        // Writing is a reason to open the store. Rejecting keeps the events in the
        // recorder's bounded buffer and logs why.
        const store = await this.open();
        if (store === undefined) {
          throw Object.assign(new Error(NO_STORAGE), { code: 'UNAVAILABLE' });
        }
        await store.appendEvents(events);
        this.changes.fire({ eventsOnly: true });
      },
      compact: () => this.withStore((store) => store.compact(), undefined),
      purgeCategories: (categories) => this.withStore((store) => store.purgeCategories(categories), undefined),
      purgeExtensions: (ids) => this.withStore((store) => store.purgeExtensions(ids), undefined),
    };
  }

  /** Never rejects. */
  private async purgeUninstalledExtensions(): Promise<void> {
    const installed = this.deps.installedExtensions?.();
    if (installed === undefined) {
      return;
    }
    try {
      const removed = await this.withStore((store) => store.purgeUninstalledExtensions(installed), 0);
      if (removed > 0) {
        this.deps.log.info('Purged the pending data of extensions that are no longer installed');
      }
    } catch (error) {
      this.deps.log.warn(`Could not purge the data of uninstalled extensions: ${describeStoreError(error)}`);
    }
  }

  private closeDays(): Promise<number> {
    return this.withStore(
      (store) =>
        new DailyReports(
          store,
          this.deps.client,
          this.gate,
          (line) => this.deps.log.warn(line),
          this.deps.now,
        ).closeDays(),
      0,
    );
  }

  /** Never rejects. */
  private closeDaysInBackground(): Promise<void> {
    // Fired even when this window closed no day: another window may have closed or sent one.
    return this.closeDays().then(
      () => this.dataChanged(),
      (error: unknown) => this.deps.log.warn(`Could not close finished days: ${describeStoreError(error)}`),
    );
  }

  private consentChanged(change: ConsentChange): void {
    this.deps.log.info(`Consent: ${change.after.reason}`);
    // Announced after the purge, so the view re-reads data without the dropped categories and extensions.
    void Promise.all([
      this.recorder.purgeCategories(change.dropped),
      this.recorder.purgeExtensions(change.droppedExtensions),
    ]).then(() => this.dataChanged());
    if (this.opening !== undefined) {
      void this.opening.then(() => this.logConsent(change.after, change.inputs));
    } else if (change.after.state !== 'off') {
      // Opening logs the decision found then (see beginStoreWork).
      void this.open();
    }
    // While the store was never opened consent was off throughout: there is nothing stored to purge,
    // and the decision is logged when the store opens.
  }

  private async logConsentFoundAtStart(): Promise<void> {
    try {
      await this.withStore(async (store) => {
        const entries = await store.consentLog();
        const { decision, inputs } = this.deps.consent;
        if (!isLogged(entries, decision)) {
          await store.logConsentDecision(decision, inputs);
        }
      }, undefined);
    } catch (error) {
      this.deps.log.warn(`Could not write the consent log: ${describeError(error)}`);
    }
  }

  private async logConsent(decision: ConsentDecision, inputs: ConsentInputs): Promise<void> {
    try {
      await this.withStore((store) => store.logConsentDecision(decision, inputs), undefined);
    } catch (error) {
      this.deps.log.warn(`Could not write the consent log: ${describeError(error)}`);
    }
  }
}
