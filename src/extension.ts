import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { createPrivacyGuard } from './core/privacyGuard';
import { readClientInfo } from './ide/clientInfo';
import { registerCommands } from './ide/commands';
import { ConsentController } from './ide/consentController';
import { ConsentInputsReader, readSettings } from './ide/consentInputs';
import { DebugHooks } from './ide/debugHooks';
import { DiagnosticHooks } from './ide/diagnosticHooks';
import { logOutcome } from './ide/eventLog';
import type { HookSink } from './ide/hookSink';
import { createExtensionApi } from './ide/extensionApi';
import { registerInsights } from './ide/insightsSource';
import { PayloadSource } from './ide/payloadSource';
import { StatusIndicator } from './ide/statusIndicator';
import { onDidChangeRetentionDays, openStore } from './ide/storeHost';
import { StoreSession } from './ide/storeSession';
import { TrustedClock } from './core/trustedClock';
import { TaskHooks } from './ide/taskHooks';
import { UploadScheduler } from './ide/uploadScheduler';
import { createTestSurface, type ActivationResult } from './testSurface';
import { PayloadViewPanel } from './webview/payloadView';

export type { ActivationResult } from './testSurface';

/** Set by activate(): flushes buffered events and closes the store, once. */
let shutdown: (() => Promise<void>) | undefined;

// activate() only wires: it builds the parts and registers each as a disposable.
export async function activate(context: vscode.ExtensionContext): Promise<ActivationResult> {
  // Modules that load without VS Code (src/core, the views' HTML and words) translate with
  // @vscode/l10n: first give it the bundle VS Code chose for the display language (none in English).
  if (vscode.l10n.bundle !== undefined) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = vscode.window.createOutputChannel('Candor', { log: true });
  context.subscriptions.push(log);
  const { version } = context.extension.packageJSON as { version: string };
  const client = readClientInfo(version);

  const inputs = new ConsentInputsReader();
  const consent = new ConsentController(inputs);
  context.subscriptions.push(inputs, consent);

  const storeDir = context.globalStorageUri.fsPath;
  // Events are dated, days closed and retention applied by a clock that rides out wall-clock jumps (src/core/trustedClock.ts).
  const clock = new TrustedClock({
    onNotice: (n) =>
      log.info(
        n.kind === 'agrees'
          ? 'System clock agrees again'
          : `System clock ${n.kind === 'jump' ? 'jumped' : 'jump adopted'}: ${Math.round(n.offsetMs / 60_000)} min`,
      ),
  });
  const now = clock.now;
  const session = await StoreSession.open({
    openStore: () =>
      openStore({
        dir: storeDir,
        wasmPath: path.join(context.extensionPath, 'dist', 'sql-wasm.wasm'),
        retentionDays: readSettings().retentionDays,
        log,
        now,
      }),
    client,
    consent,
    onDidChangeRetentionDays,
    log,
    now,
    recorder: {
      guard: createPrivacyGuard({ userName: os.userInfo().username, homeDir: os.homedir(), hostName: os.hostname() }),
      getConsent: () => consent.decision,
      now,
    },
  });
  // Disposing writes what is buffered, then closes the store; deactivate() returns
  // the same promise so VS Code waits for it.
  context.subscriptions.push(session);
  shutdown = () => session.shutdown();
  const { recorder, store } = session;

  const sink: HookSink = { record: (name, props) => logOutcome(log, name, recorder.record(name, props)) };
  context.subscriptions.push(new DebugHooks(sink), new TaskHooks(sink), new DiagnosticHooks(sink));

  const uploads =
    store &&
    new UploadScheduler({
      store,
      consent,
      settings: readSettings,
      extensionVersion: version,
      log,
      onUploaded: () => session.dataChanged(),
    });
  if (uploads) {
    context.subscriptions.push(uploads);
  }
  const source = new PayloadSource({
    store,
    recorder,
    client,
    now,
    consent: () => consent.decision,
    settings: readSettings,
    prepare: () => session.flush(),
    uploads: () => uploads,
    onDidChangeData: session.onDidChangeData,
    dataChanged: () => session.dataChanged(),
    extensionUri: context.extensionUri,
    log,
  });
  const indicator = new StatusIndicator({
    decision: () => consent.decision,
    onDidChangeConsent: consent.onDidChange,
    onDidChangeData: session.onDidChangeData,
    countPendingReports: () => session.countPendingReports(),
    storageFault: () => recorder.storageFault,
    log: (message) => log.warn(message),
  });
  context.subscriptions.push(indicator);

  context.subscriptions.push(...registerCommands(source, (error) => log.error(String(error))));
  context.subscriptions.push({ dispose: () => PayloadViewPanel.currentPanel?.dispose() });
  context.subscriptions.push(
    ...registerInsights({
      store,
      consent: () => consent.decision,
      settings: readSettings,
      flush: () => recorder.flush(),
      changed: [session.onDidChangeData, consent.onDidChange],
      extensionUri: context.extensionUri,
      log,
    }),
  );

  // Last, so the parts above see a consent change before the session logs it.
  void session.start();
  log.info(`Candor started: ${consent.decision.reason}`);

  const api = createExtensionApi(recorder);
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return api;
  }
  return {
    ...api,
    __test: createTestSurface({
      session,
      storeDir,
      logDir: context.logUri.fsPath,
      source,
      consent,
      indicator,
      uploads,
    }),
  };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return shutdown?.();
}
