import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { describeError } from './core/describeError';
import { readMachineIdentity } from './core/guardIdentity';
import { createLivePrivacyGuard } from './core/privacyGuard';
import { timeActivation } from './ide/activationTiming';
import { readClientInfo } from './ide/clientInfo';
import { registerCommands } from './ide/commands';
import { ConsentController } from './ide/consentController';
import { ConsentInputsReader, readSettings } from './ide/consentInputs';
import { DebugHooks } from './ide/debugHooks';
import { DiagnosticHooks } from './ide/diagnosticHooks';
import { watchEndpointSetting } from './ide/endpointCheck';
import { IdentityFollower } from './ide/identityFollower';
import { logOutcome } from './ide/eventLog';
import type { HookSink } from './ide/hookSink';
import { createExtensionApi } from './ide/extensionApi';
import { DeclarationRegistry } from './ide/declarationRegistry';
import { registerInsights } from './ide/insightsSource';
import { PayloadSource } from './ide/payloadSource';
import { StatusIndicator } from './ide/statusIndicator';
import { onDidChangeRetentionDays, openStore } from './ide/storeHost';
import { StoreSession } from './ide/storeSession';
import { ConsentedHooks } from './ide/consentedHooks';
import type { CandorStore } from './core/store';
import { TrustedClock } from './core/trustedClock';
import { TaskHooks } from './ide/taskHooks';
import { UploadScheduler } from './ide/uploadScheduler';
import { createTestSurface, type ActivationResult } from './testSurface';
import { PayloadViewPanel, registerPayloadViewSerializer } from './webview/payloadView';

export type { ActivationResult } from './testSurface';

/** Set by activate(): flushes buffered events and closes the store, once. */
let shutdown: (() => Promise<void>) | undefined;

// Returns at once: nothing here waits for the disk or the wasm.
export function activate(context: vscode.ExtensionContext): ActivationResult {
  return timeActivation(() => wire(context));
}

// Only wires: it builds the parts and registers each as a disposable.
function wire(context: vscode.ExtensionContext): ActivationResult {
  // Modules that load without VS Code (src/core, the views' HTML and words) translate with
  // @vscode/l10n: first give it the bundle VS Code chose for the display language (none in English).
  if (vscode.l10n.bundle !== undefined) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = vscode.window.createOutputChannel('Candor', { log: true });
  context.subscriptions.push(log);
  const { version } = context.extension.packageJSON as { version: string };
  const client = readClientInfo(version);

  // Other extensions' event declarations, read before anything can record one of their events.
  const declarations = new DeclarationRegistry(log);
  context.subscriptions.push(declarations);

  const inputs = new ConsentInputsReader();
  const consent = new ConsentController(inputs);
  context.subscriptions.push(inputs, consent, watchEndpointSetting(log));

  // Who the user is, for the privacy guard; reading it never throws (os.userInfo() can), and it follows the workspace folders.
  const guard = createLivePrivacyGuard({});
  const identity = new IdentityFollower(guard, readMachineIdentity(), {
    folders: () => vscode.workspace.workspaceFolders,
    remoteName: vscode.env.remoteName,
    onDidChangeFolders: vscode.workspace.onDidChangeWorkspaceFolders,
  });
  context.subscriptions.push(identity);

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
  // Nothing is opened here: the store opens on demand, off this path (src/ide/storeSession.ts).
  const session = new StoreSession({
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
    installedExtensions: () => declarations.installedIds,
    recorder: {
      guard,
      getConsent: () => consent.decision,
      now,
    },
  });
  // Disposing writes what is buffered, then closes the store; deactivate() returns
  // the same promise so VS Code waits for it.
  context.subscriptions.push(session);
  shutdown = () => session.shutdown();
  const { recorder } = session;
  const store = (): Promise<CandorStore | undefined> => session.open();

  const sink: HookSink = { record: (name, props) => logOutcome(log, name, recorder.record(name, props)) };
  const hooks = new ConsentedHooks(consent, () => [
    new DebugHooks(sink),
    new TaskHooks(sink),
    new DiagnosticHooks(sink),
  ]);
  context.subscriptions.push(hooks);

  const uploads = new UploadScheduler({
    store,
    consent,
    settings: readSettings,
    extensionVersion: version,
    gate: session.gate,
    log,
    onUploaded: () => session.dataChanged(),
  });
  context.subscriptions.push(uploads);
  const source = new PayloadSource({
    store,
    recorder,
    client,
    now,
    consent: () => consent.decision,
    settings: readSettings,
    gate: session.gate,
    prepare: () => session.flush(),
    uploads: () => uploads,
    onDidChangeData: session.onDidChangeData,
    dataChanged: () => session.dataChanged(),
    extensionUri: context.extensionUri,
    log,
    declared: () => declarations.current,
  });
  const indicator = new StatusIndicator({
    decision: () => consent.decision,
    onDidChangeConsent: consent.onDidChange,
    onDidChangeData: session.onDidChangeData,
    countPendingReports: () => session.countPendingReports(),
    canCount: () => session.openRequested,
    storageFault: () => recorder.storageFault,
    log: (message) => log.warn(message),
  });
  context.subscriptions.push(indicator);

  context.subscriptions.push(
    ...registerCommands(source, (error) => log.error(`A command failed: ${describeError(error)}`)),
  );
  context.subscriptions.push(registerPayloadViewSerializer(context.extensionUri, source, { logger: log }), {
    dispose: () => PayloadViewPanel.currentPanel?.dispose(),
  });
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

  // The view lists declared events and groups data by extension: it re-reads when extensions change.
  declarations.onDidChange(() => session.dataChanged(), undefined, context.subscriptions);

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
      guard,
      identity: () => identity.identity,
      source,
      closePayloadView: () => PayloadViewPanel.currentPanel?.dispose(),
      consent,
      indicator,
      uploads,
      declarations,
      hooks,
    }),
  };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return shutdown?.();
}
