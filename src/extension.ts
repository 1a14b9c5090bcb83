import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createPrivacyGuard } from './core/privacyGuard';
import { Recorder } from './core/recorder';
import { readClientInfo } from './ide/clientInfo';
import { registerCommands, exportAllData } from './ide/commands';
import { ConsentController } from './ide/consentController';
import { ConsentInputsReader, readSettings } from './ide/consentInputs';
import { DailyReports } from './ide/dailyReports';
import { DebugHooks } from './ide/debugHooks';
import { DiagnosticHooks } from './ide/diagnosticHooks';
import { logOutcome } from './ide/eventLog';
import type { EventSink } from './ide/eventSink';
import { createExtensionApi, type CandorApi } from './ide/extensionApi';
import { PayloadSource } from './ide/payloadSource';
import { StatusIndicator } from './ide/statusIndicator';
import { openStore } from './ide/storeHost';
import { TaskHooks } from './ide/taskHooks';
import { UploadScheduler } from './ide/uploadScheduler';
import { isLogged } from './core/consentLog';
import { PayloadViewPanel } from './webview/payloadView';

const CLOSE_DAYS_EVERY_MS = 10 * 60_000;

/** The API other extensions receive; in test mode it also exposes internals to the integration tests. */
export type ActivationResult = CandorApi & { readonly __test?: Record<string, unknown> };

// activate() only wires: it builds the parts and registers each as a disposable.
export async function activate(context: vscode.ExtensionContext): Promise<ActivationResult> {
  const log = vscode.window.createOutputChannel('Candor', { log: true });
  context.subscriptions.push(log);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const client = readClientInfo(version);

  const inputs = new ConsentInputsReader();
  const consent = new ConsentController(inputs);
  context.subscriptions.push(inputs, consent);

  const storeDir = context.globalStorageUri.fsPath;
  const store = await openStore({
    dir: storeDir, wasmPath: path.join(context.extensionPath, 'dist', 'sql-wasm.wasm'),
    retentionDays: readSettings().retentionDays, log,
  });
  const dataChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(dataChanged);

  const recorder = new Recorder({
    sink: {
      appendEvents: async (events) => {
        if (!store) throw new Error('local storage is unavailable');
        await store.appendEvents(events);
        dataChanged.fire();
      },
      compact: () => store?.compact() ?? Promise.resolve(),
      purgeCategories: (categories) => store?.purgeCategories(categories) ?? Promise.resolve(),
    },
    guard: createPrivacyGuard({ userName: os.userInfo().username, homeDir: os.homedir(), hostName: os.hostname() }),
    getConsent: () => consent.decision,
    log: (message) => log.warn(message),
  });
  // On shutdown: write what is buffered, then close the store.
  context.subscriptions.push({ dispose: () => void recorder.dispose().finally(() => store?.close()) });

  const sink: EventSink = { record: (name, props) => logOutcome(log, name, recorder.record(name, props)) };
  context.subscriptions.push(new DebugHooks(sink), new TaskHooks(sink), new DiagnosticHooks(sink));

  const reports = store ? new DailyReports(store, client) : undefined;
  const prepare = async (): Promise<void> => {
    await recorder.flush();
    await reports?.closeDays();
  };
  const source = new PayloadSource({ store, client, consent: () => consent.decision, settings: readSettings, prepare });

  const indicator = new StatusIndicator({ decision: consent.decision, pendingReports: 0 });
  context.subscriptions.push(indicator);
  let pendingReports = 0;
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshIndicator = (): void => {
    indicator.update({ decision: consent.decision, pendingReports });
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      void store?.pendingReports().then((list) => {
        pendingReports = list.length;
        indicator.update({ decision: consent.decision, pendingReports });
      }, (error: unknown) => log.warn(`Could not count pending reports: ${String(error)}`));
    }, 250);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(refreshTimer) });
  dataChanged.event(refreshIndicator, undefined, context.subscriptions);

  consent.onDidChange((change) => {
    log.info(`Consent: ${change.after.reason}`);
    void recorder.purgeCategories(change.dropped).then(() => dataChanged.fire());
    void store?.logConsentDecision(change.after, change.inputs).catch((error: unknown) => log.warn(`Could not write the consent log: ${String(error)}`));
    refreshIndicator();
  }, undefined, context.subscriptions);
  vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('candor.retentionDays')) store?.setRetentionDays(readSettings().retentionDays);
  }, undefined, context.subscriptions);

  const viewSource = {
    onDidChange: dataChanged.event,
    getState: () => source.getState(),
    deleteCounter: async (day: string, event: string, propsKey: string) => {
      const message = await source.deleteCounter(day, event, propsKey);
      dataChanged.fire();
      return message;
    },
    deleteReport: async (day: string) => {
      const message = await source.deleteReport(day);
      dataChanged.fire();
      return message;
    },
    sendReport: async (day: string) => {
      if (!store || !uploads || consent.decision.state !== 'sharing') throw new Error('Sharing is off: set candor.endpoint and enable Candor to send reports.');
      await store.markReport(day, 'approved');
      const summary = await uploads.run();
      dataChanged.fire();
      const receipt = summary?.receipts.find((r) => r.day === day);
      return receipt ? `Report of ${day}: ${receipt.outcome} (${receipt.status}).` : `Report of ${day} approved; it will be sent when it is due.`;
    },
    discardReport: async (day: string) => {
      if (!store) throw new Error('Candor\'s local storage is unavailable in this window.');
      await store.markReport(day, 'discarded');
      dataChanged.fire();
      return `Discarded the report of ${day}; it will not be sent.`;
    },
    exportData: async (format: 'json' | 'csv') => {
      const uri = await exportAllData(commandTarget, format);
      return uri ? `Exported to ${vscode.workspace.asRelativePath(uri)}.` : undefined;
    },
    openPolicy: () => source.openPolicy(context.extensionUri),
  };
  const showPayloads = (): void => {
    PayloadViewPanel.show(context.extensionUri, viewSource, { logger: log });
  };
  const commandTarget = {
    showPayloads,
    showPolicy: () => source.openPolicy(context.extensionUri),
    stats: async () => {
      if (!store) throw new Error('Candor\'s local storage is unavailable in this window.');
      await recorder.flush();
      return store.stats();
    },
    exportData: async (format: 'json' | 'csv') => {
      if (!store) throw new Error('Candor\'s local storage is unavailable in this window.');
      await recorder.flush();
      return format === 'json' ? store.exportJson() : store.exportCsv();
    },
    deleteAllData: async () => {
      recorder.clearBuffer();
      await store?.deleteAll();
      dataChanged.fire();
    },
  };
  context.subscriptions.push(...registerCommands(commandTarget, (error) => log.error(String(error))));
  context.subscriptions.push({ dispose: () => PayloadViewPanel.currentPanel?.dispose() });

  // Every change of consent is in the local log, including the state found at start.
  if (store) {
    void store.consentLog().then(async (entries) => {
      if (!isLogged(entries, consent.decision)) await store.logConsentDecision(consent.decision, consent.inputs);
    }).catch((error: unknown) => log.warn(`Could not write the consent log: ${String(error)}`));
  }
  const uploads = store ? new UploadScheduler({
    store, consent, settings: readSettings, extensionVersion: version, log, onUploaded: () => dataChanged.fire(),
  }) : undefined;
  if (uploads) context.subscriptions.push(uploads);

  if (reports) {
    const closeDays = (): void => {
      void reports.closeDays().then((n) => { if (n > 0) dataChanged.fire(); }, (error: unknown) => log.warn(`Could not close finished days: ${String(error)}`));
    };
    closeDays();
    const timer = setInterval(closeDays, CLOSE_DAYS_EVERY_MS);
    timer.unref();
    context.subscriptions.push({ dispose: () => clearInterval(timer) });
  }
  refreshIndicator();
  log.info(`Candor started: ${consent.decision.reason}`);

  const api = createExtensionApi(recorder);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  return { ...api, __test: { recorder, store, storeDir, logDir: context.logUri.fsPath, source, viewSource, consent, indicator, uploads, flush: prepare } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
