// Everything Candor does with its local store, in one place: opening it,
// writing what the recorder buffered, closing finished days, keeping the
// consent log, following the retention setting, and telling the view and the
// indicator that stored data changed. When the store cannot be opened, this is
// the one place that degrades: events stay unwritten (the recorder keeps a
// bounded buffer), nothing is logged or closed, and there are no pending reports.
//
// Only vscode *types* are used, so the session runs and is tested in plain Node;
// src/ide/storeHost.ts supplies the editor-facing parts.

import type * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { Emitter } from '../common/emitter';
import { isLogged } from '../core/consentLog';
import { describeError } from '../core/describeError';
import { describeStoreError } from '../core/storageFault';
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
  readonly recorder: Omit<RecorderOptions, 'sink' | 'log' | 'onStorageFaultChange'>;
  readonly log: SessionLog;
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
  /** Opens the store (or finds it unavailable) and returns the session; never rejects. */
  static async open(deps: StoreSessionDeps): Promise<StoreSession> {
    let store: CandorStore | undefined;
    try {
      store = await deps.openStore();
    } catch (error) {
      deps.log.warn(`Telemetry storage is unavailable: ${describeError(error)}`);
    }
    return new StoreSession(deps, store);
  }

  private readonly changes = this._register(
    new Emitter<DataChange>((error) => this.deps.log.warn(`A data-change listener failed: ${describeError(error)}`)),
  );
  /** Stored data may have changed; `eventsOnly` says whether only new events were written. */
  readonly onDidChangeData = this.changes.event;
  /** The in-memory front of the store: `record()` buffers, flushes write here. */
  readonly recorder: Recorder;
  private started = false;
  private finished: Promise<void> | undefined;

  private constructor(
    private readonly deps: StoreSessionDeps,
    private readonly opened: CandorStore | undefined,
  ) {
    super();
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
   * The open store, for the parts that read it directly (the payload view,
   * uploads); undefined when local storage is unavailable.
   */
  get store(): CandorStore | undefined {
    return this.opened;
  }

  /**
   * Starts the session's own work: every consent change is logged from now on,
   * the consent found at start is logged unless the log already says it, and
   * finished days are closed now and every 10 minutes. Called once the other
   * parts are wired, so they see a consent change before the session logs it.
   * Resolves when the start-up entry and the first day closing are done; never rejects.
   */
  async start(): Promise<void> {
    if (this.started || this.isDisposed) {
      return;
    }
    this.started = true;
    this.deps.consent.onDidChange((change) => this.consentChanged(change), undefined, this._disposables);
    const logged = this.logConsentFoundAtStart();
    if (this.opened === undefined) {
      return logged;
    }
    const closed = this.purgeUninstalledExtensions().then(() => this.closeDaysInBackground());
    const timer = setInterval(
      () => void this.closeDaysInBackground(),
      this.deps.closeDaysEveryMs ?? CLOSE_DAYS_EVERY_MS,
    );
    // The timer must never keep the extension host (or a test) alive.
    timer.unref();
    this._register({ dispose: () => clearInterval(timer) });
    await Promise.all([logged, closed]);
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

  /** Reports waiting to be sent or reviewed; 0 without a store. */
  countPendingReports(): Promise<number> {
    return this.withStore(async (store) => (await store.pendingReports()).length, 0);
  }

  /** Writes what is buffered, then closes the store; the same promise on every call. */
  shutdown(): Promise<void> {
    return (this.finished ??= this.recorder
      .dispose()
      .finally(() => this.withStore((store) => store.close(), undefined)));
  }

  override dispose(): void {
    super.dispose();
    void this.shutdown();
  }

  /** Runs `fn` on the store, or resolves `unavailable` without one. */
  private withStore<T>(fn: (store: CandorStore) => Promise<T>, unavailable: T): Promise<T> {
    return this.opened === undefined ? Promise.resolve(unavailable) : fn(this.opened);
  }

  private eventSink(): EventSink {
    return {
      appendEvents: async (events) => {
        // Rejecting keeps the events in the recorder's bounded buffer and logs why.
        if (this.opened === undefined) {
          throw Object.assign(new Error(NO_STORAGE), { code: 'UNAVAILABLE' });
        }
        await this.opened.appendEvents(events);
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
    return this.withStore((store) => new DailyReports(store, this.deps.client, this.deps.now).closeDays(), 0);
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
    void this.logConsent(change.after, change.inputs);
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
