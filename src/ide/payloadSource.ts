// What the payload view shows and what its buttons and Candor's commands do,
// read from and applied to the real store. The payload text is produced by the
// same encoder the upload uses, from the same stored report: what is shown is
// what is sent.
import type { UploadMode } from '../core/settingsDefaults';
import * as vscode from 'vscode';
import { CandorError } from '../core/describeError';
import type { Recorder } from '../core/recorder';
import type { StoreStats } from '../core/store';
import type { UploadScheduler } from './uploadScheduler';
import type { DataChange } from './storeSession';
import { exportAllData, type CommandTarget } from './commands';
import { PayloadViewPanel, type PayloadViewOptions, type PayloadViewSource } from '../webview/payloadView';
import type { ExportFormat } from '../webview/protocol';
import type { OutboundGate } from '../core/outboundGate';
import { canonicalPropsKey } from '../core/report';
import { utcDay } from '../core/utcDay';
import type { CandorStore } from '../core/store';
import type { ClientInfo, ConsentDecision, UploadFormat } from '../core/types';
import type { ViewState } from '../webview/protocol';
import { buildViewState } from '../webview/viewState';
import type { DeclaredEvents } from '../core/declarations';
import { setExtensionEnabled } from './extensionToggles';

export interface PayloadSourceDeps {
  /** The store, opened on demand: showing the view, exporting or deleting opens it. Undefined when unavailable. */
  readonly store: () => Promise<CandorStore | undefined>;
  readonly recorder: Pick<Recorder, 'flush' | 'clearBuffer' | 'droppedCounts' | 'storageFault'>;
  readonly uploads: () => UploadScheduler | undefined;
  /** Fires when anything the view shows may have changed, new events included. */
  readonly onDidChangeData: vscode.Event<DataChange>;
  /** Called after anything this source changes; the view and the indicator follow. */
  readonly dataChanged: () => void;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly client: ClientInfo;
  /** What everything the view shows and every export passes (src/core/outboundGate.ts). */
  readonly gate: OutboundGate;
  readonly consent: () => ConsentDecision;
  readonly settings: () => {
    readonly uploadFormat: UploadFormat;
    readonly uploadMode: UploadMode;
    readonly retentionDays: number;
  };
  /** Writes buffered events and closes finished days, so the view is current. */
  readonly prepare: () => Promise<void>;
  /** The installed extensions' event declarations. */
  readonly declared?: () => DeclaredEvents;
  readonly now?: () => number;
}

export class PayloadSource implements PayloadViewSource, CommandTarget {
  private readonly now: () => number;
  readonly onDidChange: vscode.Event<void>;
  /** Withheld reports already named in the log, so a refresh does not name them again. */
  private readonly loggedWithheld = new Set<string>();

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

  private async requireStore(): Promise<CandorStore> {
    const store = await this.deps.store();
    if (!store) {
      throw new CandorError('storage-unavailable');
    }
    return store;
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
    const declared = this.deps.declared?.();
    const inputs = {
      consent,
      settings,
      client: this.deps.client,
      gate: this.deps.gate,
      today,
      recording,
      ...(declared ? { declared } : {}),
    };
    const store = await this.deps.store();
    if (!store) {
      return buildViewState({ ...inputs, stored: undefined });
    }
    await this.deps.prepare();
    const { counters, pendingReports, receipts, stats } = await store.snapshot(50);
    // The stored text goes through the same gate and encoder as the upload, so the view shows what would be sent.
    const pending = pendingReports.map((record) => ({ day: record.day, approved: record.approved, body: record.body }));
    const state = buildViewState({ ...inputs, stored: { counters, pendingReports: pending, receipts, stats } });
    for (const withheld of state.withheld ?? []) {
      const line = `Report of ${withheld.day} withheld, it will not be sent: ${withheld.reason}`;
      if (!this.loggedWithheld.has(line) && this.loggedWithheld.size < 1000) {
        this.loggedWithheld.add(line);
        this.deps.log.warn(line);
      }
    }
    return state;
  }

  async deleteCounter(day: string, event: string, propsKey: string): Promise<string> {
    const store = await this.requireStore();
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
    await (await this.requireStore()).deleteDay(day);
    this.deps.dataChanged();
    return vscode.l10n.t('Deleted the report of {0}; it will not be sent.', day);
  }

  /** Review mode: the user pressed Send. */
  async sendReport(day: string): Promise<string> {
    const store = await this.requireStore();
    const uploads = this.deps.uploads();
    if (!uploads || this.deps.consent().state !== 'sharing') {
      throw new CandorError('sharing-off');
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
    await (await this.requireStore()).markReport(day, 'discarded');
    this.deps.dataChanged();
    return vscode.l10n.t('Discarded the report of {0}; it will not be sent.', day);
  }

  async setExtensionEnabled(extensionId: string, enabled: boolean): Promise<string> {
    await setExtensionEnabled(extensionId, enabled);
    const name = this.deps.declared?.().extension(extensionId)?.displayName ?? extensionId;
    return enabled
      ? vscode.l10n.t('{0} may record its events again.', name)
      : vscode.l10n.t('{0} is switched off; its data not yet sent was deleted.', name);
  }

  async exportData(format: ExportFormat): Promise<string | undefined> {
    const uri = await exportAllData(this, format);
    // Not where: the view never shows a path.
    return uri ? vscode.l10n.t('Exported to the file you chose.') : undefined;
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

  /** Opens (or reveals) the payload view; the integration tests pass their own confirmation. */
  showPayloads(options: Pick<PayloadViewOptions, 'confirm'> = {}): PayloadViewPanel {
    return PayloadViewPanel.show(this.deps.extensionUri, this, { ...options, logger: this.deps.log });
  }

  showPolicy(): Promise<void> {
    return this.openPolicy();
  }

  async stats(): Promise<StoreStats> {
    await this.deps.recorder.flush();
    return (await this.requireStore()).stats();
  }

  async exportText(format: ExportFormat): Promise<string> {
    const store = await this.requireStore();
    await this.deps.recorder.flush();
    return format === 'json' ? store.exportJson(this.deps.gate) : store.exportCsv(this.deps.gate);
  }

  async deleteAllData(): Promise<void> {
    this.deps.recorder.clearBuffer();
    await (await this.requireStore()).deleteAll();
    this.deps.dataChanged();
  }
}
