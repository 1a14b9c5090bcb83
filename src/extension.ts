import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isLogged } from './core/consentLog';
import { createPrivacyGuard } from './core/privacyGuard';
import { Recorder } from './core/recorder';
import { readClientInfo } from './ide/clientInfo';
import { registerCommands } from './ide/commands';
import { ConsentController } from './ide/consentController';
import { ConsentInputsReader, readSettings } from './ide/consentInputs';
import { DailyReports } from './ide/dailyReports';
import { DebugHooks } from './ide/debugHooks';
import { DiagnosticHooks } from './ide/diagnosticHooks';
import { logOutcome } from './ide/eventLog';
import type { HookSink } from './ide/hookSink';
import { createExtensionApi, type CandorApi } from './ide/extensionApi';
import { registerInsights } from './ide/insightsSource';
import { PayloadSource } from './ide/payloadSource';
import { StatusIndicator } from './ide/statusIndicator';
import { openStore } from './ide/storeHost';
import { TaskHooks } from './ide/taskHooks';
import { UploadScheduler } from './ide/uploadScheduler';
import { PayloadViewPanel } from './webview/payloadView';

const CLOSE_DAYS_EVERY_MS = 10 * 60_000;

/** Set by activate(): flushes buffered events and closes the store, once. */
let shutdown: (() => Promise<void>) | undefined;

/** The API other extensions receive; in test mode it also exposes internals to the integration tests. */
export type ActivationResult = CandorApi & { readonly __test?: Record<string, unknown> };

// activate() only wires: it builds the parts and registers each as a disposable.
export async function activate(context: vscode.ExtensionContext): Promise<ActivationResult> {
  const log = vscode.window.createOutputChannel('Candor', { log: true });
  context.subscriptions.push(log);
  const { version } = context.extension.packageJSON as { version: string };
  const client = readClientInfo(version);

  const inputs = new ConsentInputsReader();
  const consent = new ConsentController(inputs);
  context.subscriptions.push(inputs, consent);

  const storeDir = context.globalStorageUri.fsPath;
  const store = await openStore({
    dir: storeDir, wasmPath: path.join(context.extensionPath, 'dist', 'sql-wasm.wasm'),
    retentionDays: readSettings().retentionDays, log,
  });
  // Reports, consent or stored data changed (the view and the indicator follow)…
  const dataChanged = new vscode.EventEmitter<void>();
  // …or only new events were written (the view follows; the pending count cannot have changed).
  const eventsFlushed = new vscode.EventEmitter<void>();
  context.subscriptions.push(dataChanged, eventsFlushed);

  const recorder = new Recorder({
    sink: {
      appendEvents: async (events) => {
        if (!store) throw new Error('local storage is unavailable');
        await store.appendEvents(events);
        eventsFlushed.fire();
      },
      compact: () => store?.compact() ?? Promise.resolve(),
      purgeCategories: (categories) => store?.purgeCategories(categories) ?? Promise.resolve(),
    },
    guard: createPrivacyGuard({ userName: os.userInfo().username, homeDir: os.homedir(), hostName: os.hostname() }),
    getConsent: () => consent.decision,
    log: (message) => log.warn(message),
  });
  // On shutdown: write what is buffered, then close the store. deactivate() returns
  // this promise so VS Code waits for it; the disposable covers other unloads.
  let finished: Promise<void> | undefined;
  shutdown = () => (finished ??= recorder.dispose().finally(() => store?.close()));
  context.subscriptions.push({ dispose: () => void shutdown?.() });

  const sink: HookSink = { record: (name, props) => logOutcome(log, name, recorder.record(name, props)) };
  context.subscriptions.push(new DebugHooks(sink), new TaskHooks(sink), new DiagnosticHooks(sink));

  const reports = store ? new DailyReports(store, client) : undefined;
  const prepare = async (): Promise<void> => {
    await recorder.flush();
    await reports?.closeDays();
  };
  const uploads = store ? new UploadScheduler({
    store, consent, settings: readSettings, extensionVersion: version, log, onUploaded: () => dataChanged.fire(),
  }) : undefined;
  if (uploads) context.subscriptions.push(uploads);
  const source = new PayloadSource({
    store, recorder, client, consent: () => consent.decision, settings: readSettings, prepare,
    uploads: () => uploads, changed: dataChanged, flushed: eventsFlushed.event, extensionUri: context.extensionUri, log,
  });
  const indicator = new StatusIndicator({
    decision: () => consent.decision,
    onDidChange: (listener) => vscode.Disposable.from(dataChanged.event(listener), consent.onDidChange(listener)),
    countPendingReports: async () => (store ? (await store.pendingReports()).length : 0),
    log: (message) => log.warn(message),
  });
  context.subscriptions.push(indicator);

  consent.onDidChange((change) => {
    log.info(`Consent: ${change.after.reason}`);
    void recorder.purgeCategories(change.dropped).then(() => dataChanged.fire());
    void store?.logConsentDecision(change.after, change.inputs).catch((error: unknown) => log.warn(`Could not write the consent log: ${String(error)}`));
  }, undefined, context.subscriptions);
  vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('candor.retentionDays')) store?.setRetentionDays(readSettings().retentionDays);
  }, undefined, context.subscriptions);

  context.subscriptions.push(...registerCommands(source, (error) => log.error(String(error))));
  context.subscriptions.push({ dispose: () => PayloadViewPanel.currentPanel?.dispose() });
  context.subscriptions.push(...registerInsights({ store, consent: () => consent.decision, settings: readSettings, flush: () => recorder.flush(), changed: [dataChanged.event, eventsFlushed.event, consent.onDidChange], extensionUri: context.extensionUri, log }));

  // Every change of consent is in the local log, including the state found at start.
  if (store) {
    void store.consentLog().then(async (entries) => {
      if (!isLogged(entries, consent.decision)) await store.logConsentDecision(consent.decision, consent.inputs);
    }).catch((error: unknown) => log.warn(`Could not write the consent log: ${String(error)}`));
  }

  if (reports) {
    const closeDays = (): void => {
      // Fired even when this window closed no day: another window may have closed or sent one.
      void reports.closeDays().then(() => dataChanged.fire(), (error: unknown) => log.warn(`Could not close finished days: ${String(error)}`));
    };
    closeDays();
    const timer = setInterval(closeDays, CLOSE_DAYS_EVERY_MS);
    timer.unref();
    context.subscriptions.push({ dispose: () => clearInterval(timer) });
  }
  log.info(`Candor started: ${consent.decision.reason}`);

  const api = createExtensionApi(recorder);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  return { ...api, __test: { recorder, store, storeDir, logDir: context.logUri.fsPath, source, viewSource: source, consent, indicator, uploads, flush: prepare } };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return shutdown?.();
}
