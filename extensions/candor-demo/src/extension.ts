// The demo extension: it reports the events declared under "candor" in its
// package.json through Candor, as any extension author would. Three go through
// Candor's tracker, one through VS Code's own TelemetryLogger with Candor's
// sender, so both ways are shown working.
import * as vscode from 'vscode';
import type { CandorApi, CandorTracker, TrackResult } from '../../../src/ide/extensionApi';

const CANDOR_ID = 'candor.candor';

const EXAMPLES = [
  { id: 'hello_world', label: 'Hello, world' },
  { id: 'loops', label: 'Loops' },
  { id: 'functions', label: 'Functions' },
] as const;

const TOPICS = [
  { id: 'getting_started', label: 'Getting started' },
  { id: 'loops', label: 'Loops' },
  { id: 'functions', label: 'Functions' },
  { id: 'debugging', label: 'Debugging' },
] as const;

/** Candor's tracker for this extension, or undefined when Candor is missing or refuses the declaration. */
async function connect(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): Promise<CandorTracker | undefined> {
  const candor = vscode.extensions.getExtension<CandorApi>(CANDOR_ID);
  if (candor === undefined) {
    log.warn('Candor is not installed: nothing is reported.');
    return undefined;
  }
  try {
    const api = await candor.activate();
    return api.register(context.extension.id);
  } catch (error) {
    log.warn(`Candor refused this extension: ${error instanceof Error ? error.message : 'unknown error'}`);
    return undefined;
  }
}

/** Telemetry must never break the feature: a refusal is logged, not thrown. */
function report(log: vscode.LogOutputChannel, send: () => TrackResult | void): void {
  try {
    const outcome = send();
    log.info(`reported: ${outcome ?? 'sent to the telemetry logger'}`);
  } catch (error) {
    log.warn(`not reported: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Candor Demo', { log: true });
  context.subscriptions.push(log);
  const tracker = await connect(context, log);
  // Extensions that already use VS Code's TelemetryLogger keep it and pass Candor's sender.
  const logger = tracker ? vscode.env.createTelemetryLogger(tracker.sender) : undefined;
  if (logger) {
    context.subscriptions.push(logger);
  }

  if (tracker) {
    report(log, () =>
      tracker.track('session.started', {
        ui: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
        workspace_open: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      }),
    );
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('candorDemo.openExample', async () => {
      const picked = await vscode.window.showQuickPick(
        EXAMPLES.map((example) => ({ label: example.label, id: example.id })),
        { title: 'Open an example' },
      );
      if (!picked) {
        return;
      }
      const document = await vscode.workspace.openTextDocument({
        language: 'javascript',
        content: `// Example: ${picked.label}\n`,
      });
      await vscode.window.showTextDocument(document);
      if (tracker) {
        report(log, () => tracker.track('example.loaded', { example_id: picked.id, from_welcome: false, step: 0 }));
      }
    }),
    vscode.commands.registerCommand('candorDemo.createShareLink', async () => {
      await vscode.env.clipboard.writeText('https://example.invalid/share/demo');
      void vscode.window.showInformationMessage('Candor Demo: a share link was copied to the clipboard.');
      if (logger) {
        report(log, () => logger.logUsage('share.link_created', { includes_output: false }));
      }
    }),
    vscode.commands.registerCommand('candorDemo.openDocumentation', async () => {
      const picked = await vscode.window.showQuickPick(
        TOPICS.map((topic) => ({ label: topic.label, id: topic.id })),
        { title: 'Open a documentation topic' },
      );
      if (!picked) {
        return;
      }
      void vscode.window.showInformationMessage(`Candor Demo: the "${picked.label}" documentation would open here.`);
      if (tracker) {
        report(log, () => tracker.track('docs.link_clicked', { topic: picked.id }));
      }
    }),
  );
}

export function deactivate(): void {
  // Nothing to release beyond context.subscriptions.
}
