// When sharing is on, looks every few minutes for a report whose send time has
// come (automatic mode; see src/core/upload/uploadTiming.ts), and sends a report
// the user approves at once (review mode); its timers run only while sharing is on.
// Stops at once when consent or the endpoint changes. Leases in
// the shared store make sure that of several windows only one sends a report.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { sharingSinceMs } from '../core/consentLog';
import type { CandorStore } from '../core/store';
import { StoreReportQueue } from '../core/store';
import { ReportUploader, type UploadSummary } from '../core/upload/uploader';
import type { ConsentController } from './consentController';
import type { CandorSettings } from './consentInputs';
import { describeError } from '../core/describeError';
import type { OutboundGate } from '../core/outboundGate';
import { extraCaTrust } from '../core/upload/extraCaCertificates';
import { UploadFaultNotifier } from '../core/upload/faultNotice';

/** NODE_EXTRA_CA_CERTS, honoured for uploads although VS Code's patched https drops it. */
function trust(): { readonly ca?: readonly string[] } {
  const ca = extraCaTrust();
  return ca === undefined ? {} : { ca };
}

export const UPLOAD_EVERY_MS = 5 * 60_000;
/**
 * The first look comes shortly after start-up, off the activation path. It sends
 * nothing whose send time passed before this window started: such a moment is
 * chosen again, so start-up is never when a request goes out.
 */
export const FIRST_UPLOAD_AFTER_MS = 10_000;

export interface UploadSchedulerDeps {
  /** The store, opened on demand (src/ide/storeSession.ts); undefined when unavailable. */
  readonly store: () => Promise<CandorStore | undefined>;
  readonly consent: ConsentController;
  readonly settings: () => CandorSettings;
  readonly extensionVersion: string;
  /** What every report passes just before it is sent (the same gate as the view's). */
  readonly gate: OutboundGate;
  readonly log: vscode.LogOutputChannel;
  /** Called after a run that sent, dropped or rescheduled anything. */
  readonly onUploaded: () => void;
  readonly intervalMs?: number;
  readonly firstRunAfterMs?: number;
}

export class UploadScheduler extends Disposable {
  /** Identifies this window's leases in the shared store; never leaves the machine. */
  private readonly owner = randomUUID();
  private uploader: ReportUploader | undefined;
  private sharingSince: number | undefined;
  private readonly faults = new UploadFaultNotifier();
  /** A send time before this passed while no window of this session looked after uploads. */
  private readonly watchingSinceMs = Date.now();
  private timers: { readonly stop: () => void } | undefined;

  constructor(private readonly deps: UploadSchedulerDeps) {
    super();
    deps.consent.onDidChange(
      (change) => {
        if (change.after.state !== 'sharing') {
          this.stop();
          this.unschedule();
        } else {
          this.schedule();
          void this.run();
        }
      },
      this,
      this._disposables,
    );
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('candor.endpoint') || e.affectsConfiguration('candor.upload')) {
          this.stop();
        }
      },
      this,
      this._disposables,
    );
    if (deps.consent.decision.state === 'sharing') {
      this.schedule();
    }
    this._register({
      dispose: () => {
        this.unschedule();
        this.stop();
      },
    });
  }

  /** Runs now and then while sharing; the first run comes shortly after, off the activation path. */
  private schedule(): void {
    if (this.timers !== undefined || this.isDisposed) {
      return;
    }
    const timer = setInterval(() => void this.run(), this.deps.intervalMs ?? UPLOAD_EVERY_MS);
    timer.unref();
    const first = setTimeout(() => void this.run(), this.deps.firstRunAfterMs ?? FIRST_UPLOAD_AFTER_MS);
    first.unref();
    this.timers = {
      stop: () => {
        clearInterval(timer);
        clearTimeout(first);
      },
    };
  }

  private unschedule(): void {
    this.timers?.stop();
    this.timers = undefined;
  }

  /** Stops an upload in flight; the next run builds a fresh uploader from the current settings. */
  stop(): void {
    this.uploader?.stop();
    this.uploader = undefined;
  }

  /** Uploads what is due, if sharing is on. Never rejects. */
  async run(): Promise<UploadSummary | undefined> {
    if (this.isDisposed || this.deps.consent.decision.state !== 'sharing') {
      return undefined;
    }
    try {
      const store = await this.deps.store();
      if (store === undefined) {
        return undefined;
      }
      this.sharingSince = sharingSinceMs(await store.consentLog());
      const uploader = (this.uploader ??= this.createUploader(store));
      const summary = await uploader.uploadDue();
      // One line per run, also when it found nothing due (another window may have sent it):
      // a run that was not stopped asked the shared queue for a report at least once.
      const counts = `${summary.sent} sent, ${summary.dropped} dropped, ${summary.retried} to retry, ${summary.withheld} withheld`;
      this.deps.log.info(
        summary.stoppedBecause === undefined
          ? `Upload: checked for due reports: ${counts}`
          : `Upload: stopped (${summary.stoppedBecause}): ${counts}`,
      );
      if (summary.sent + summary.dropped + summary.retried > 0) {
        this.deps.onUploaded();
      }
      if (summary.stoppedBecause === 'endpoint-refused' && summary.reason) {
        this.deps.log.warn(`Upload: ${summary.reason}`);
      }
      const notice = this.faults.afterRun(summary);
      if (notice !== undefined) {
        this.deps.log.warn(notice);
        // Not awaited: the notification must never hold up an upload run.
        void vscode.window.showWarningMessage(notice);
      }
      return summary;
    } catch (error) {
      this.deps.log.warn(`Upload did not run: ${describeError(error)}`);
      return undefined;
    }
  }

  private createUploader(store: CandorStore): ReportUploader {
    const settings = this.deps.settings();
    return new ReportUploader({
      queue: new StoreReportQueue(store),
      gate: this.deps.gate,
      owner: this.owner,
      endpoint: settings.endpoint,
      format: settings.uploadFormat,
      mode: settings.uploadMode,
      userAgent: `candor/${this.deps.extensionVersion}`,
      // Checked again right before every request: switching off stops the rest at once.
      isAllowed: () => this.deps.consent.decision.state === 'sharing',
      sharingSinceMs: () => this.sharingSince,
      // A withheld report is a warning: something outside the published lists reached the store.
      log: (line) => (line.includes(' withheld, ') ? this.deps.log.warn(line) : this.deps.log.info(line)),
      watchingSinceMs: this.watchingSinceMs,
      ...trust(),
    });
  }
}
