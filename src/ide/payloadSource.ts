// What the payload view shows and what its buttons and Candor's commands do,
// read from and applied to the real store. The payload text is produced by the
// same encoder the upload uses, from the same stored report: what is shown is
// what is sent.
import type { UploadMode } from '../core/settingsDefaults';
import * as vscode from 'vscode';
import type { Recorder } from '../core/recorder';
import type { StoreStats } from '../core/store';
import type { UploadScheduler } from './uploadScheduler';
import type { DataChange } from './storeSession';
import { exportAllData, type CommandTarget } from './commands';
import { PayloadViewPanel, type PayloadViewSource } from '../webview/payloadView';
import type { ExportFormat } from '../webview/protocol';
import { canonicalPropsKey } from '../core/report';
import { utcDay } from '../core/utcDay';
import type { CandorStore } from '../core/store';
import { readStoredReport } from '../core/store';
import type { ClientInfo, ConsentDecision, UploadFormat } from '../core/types';
import type { ViewState } from '../webview/protocol';
import { buildViewState } from '../webview/viewState';

export interface PayloadSourceDeps {
  readonly store: CandorStore | undefined;
  readonly recorder: Pick<Recorder, 'flush' | 'clearBuffer' | 'droppedCounts' | 'storageFault'>;
  readonly uploads: () => UploadScheduler | undefined;
  /** Fires when anything the view shows may have changed, new events included. */
  readonly onDidChangeData: vscode.Event<DataChange>;
  /** Called after anything this source changes; the view and the indicator follow. */
  readonly dataChanged: () => void;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly client: ClientInfo;
  readonly consent: () => ConsentDecision;
  readonly settings: () => {
    readonly uploadFormat: UploadFormat;
    readonly uploadMode: UploadMode;
    readonly retentionDays: number;
  };
  /** Writes buffered events and closes finished days, so the view is current. */
  readonly prepare: () => Promise<void>;
  readonly now?: () => number;
}

const noStorage = (): string => vscode.l10n.t("Candor's local storage is unavailable in this window.");

export class PayloadSource implements PayloadViewSource, CommandTarget {
  private readonly now: () => number;
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly deps: PayloadSourceDeps) {
    this.now = deps.now ?? Date.now;
    this.onDidChange = (listener, thisArgs, disposables) =>
      deps.onDidChangeData(
        () => {
          listener.call(thisArgs);
        },
        undefined,
        disposables,
      );
  }

  private requireStore(): CandorStore {
    if (!this.deps.store) {
      throw new Error(noStorage());
    }
    return this.deps.store;
  }

  async getState(): Promise<ViewState> {
    const consent = this.deps.consent();
    const settings = this.deps.settings();
    const today = utcDay(this.now());
    const dropped = this.deps.recorder.droppedCounts();
    const recording = {
      droppedEvents: dropped.buffer_full + dropped.write_failed,
      fault: this.deps.recorder.storageFault,
    };
    const inputs = { consent, settings, client: this.deps.client, today, recording };
    const store = this.deps.store;
    if (!store) {
      return buildViewState({ ...inputs, stored: undefined });
    }
    await this.deps.prepare();
    const { counters, pendingReports, receipts, stats } = await store.snapshot(50);
    // The view and the upload read stored reports the same way, so they always see the same report.
    const pending = pendingReports.map((record) => ({
      day: record.day,
      approved: record.approved,
      report: readStoredReport(record),
    }));
    return buildViewState({ ...inputs, stored: { counters, pendingReports: pending, receipts, stats } });
  }

  async deleteCounter(day: string, event: string, propsKey: string): Promise<string> {
    const store = this.requireStore();
    const match = (await store.counters(day))
      .flatMap((d) => d.counters)
      .find((c) => c.event === event && canonicalPropsKey(c.props) === propsKey);
    if (!match) {
      return vscode.l10n.t('That counter is already gone.');
    }
    await store.deleteCounter(day, event, match.props);
    await this.deps.prepare();
    this.deps.dataChanged();
    return vscode.l10n.t('Deleted the {0} counter of {1}.', event, day);
  }

  async deleteReport(day: string): Promise<string> {
    await this.requireStore().deleteDay(day);
    this.deps.dataChanged();
    return vscode.l10n.t('Deleted the report of {0}; it will not be sent.', day);
  }

  /** Review mode: the user pressed Send. */
  async sendReport(day: string): Promise<string> {
    const store = this.requireStore();
    const uploads = this.deps.uploads();
    if (!uploads || this.deps.consent().state !== 'sharing') {
      throw new Error(vscode.l10n.t('Sharing is off: set candor.endpoint and enable Candor to send reports.'));
    }
    await store.markReport(day, 'approved');
    const summary = await uploads.run();
    this.deps.dataChanged();
    const receipt = summary?.receipts.find((r) => r.day === day);
    return receipt
      ? vscode.l10n.t('Report of {0}: {1} ({2}).', day, receipt.outcome, String(receipt.status))
      : vscode.l10n.t('Report of {0} approved; it will be sent when it is due.', day);
  }

  async discardReport(day: string): Promise<string> {
    await this.requireStore().markReport(day, 'discarded');
    this.deps.dataChanged();
    return vscode.l10n.t('Discarded the report of {0}; it will not be sent.', day);
  }

  async exportData(format: ExportFormat): Promise<string | undefined> {
    const uri = await exportAllData(this, format);
    return uri ? vscode.l10n.t('Exported to {0}.', vscode.workspace.asRelativePath(uri)) : undefined;
  }

  async openPolicy(): Promise<void> {
    const policy = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'policy.md');
    await vscode.commands.executeCommand('markdown.showPreview', policy);
  }

  async openVocabulary(anchor: string): Promise<void> {
    // The generated list ships with the extension (see .vscodeignore); the fragment scrolls the preview to the list.
    const lists = vscode.Uri.joinPath(this.deps.extensionUri, 'docs', 'telemetry-events.md').with({ fragment: anchor });
    await vscode.commands.executeCommand('markdown.showPreview', lists);
  }

  // ---- CommandTarget -----------------------------------------------------------------

  showPayloads(): void {
    PayloadViewPanel.show(this.deps.extensionUri, this, { logger: this.deps.log });
  }

  showPolicy(): Promise<void> {
    return this.openPolicy();
  }

  async stats(): Promise<StoreStats> {
    await this.deps.recorder.flush();
    return this.requireStore().stats();
  }

  async exportText(format: ExportFormat): Promise<string> {
    const store = this.requireStore();
    await this.deps.recorder.flush();
    return format === 'json' ? store.exportJson() : store.exportCsv();
  }

  async deleteAllData(): Promise<void> {
    this.deps.recorder.clearBuffer();
    await this.requireStore().deleteAll();
    this.deps.dataChanged();
  }
}
