// Host side of the Insights webview: creates the panel, answers `ready` and
// period changes with a state built from one store read, and re-sends it when
// the data changes. The state goes only to this panel: it is never stored,
// never part of a report, never handed to the uploader.

import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { SerialRefresh } from '../common/serialRefresh';
import { describeError } from '../core/describeError';
import { buildInsightsViewHtml, insightsViewTitle } from './insightsViewHtml';
import {
  isInsightsViewToHostMessage,
  type InsightsHostToViewMessage,
  type InsightsViewState,
  type InsightsViewToHostMessage,
} from './insightsProtocol';
import { createNonce } from './webviewPage';
import type { PayloadViewLogger } from './payloadView';
import { DebouncedCall } from '../common/debouncedCall';

export const INSIGHTS_VIEW_TYPE = 'candor.insights';

/** Where the panel gets its data. The extension implements it over the store. */
export interface InsightsViewSource {
  /** The state for `periodDays` (undefined: the default period); one store read. */
  getState(periodDays: number | undefined): Promise<InsightsViewState>;
  /** Fires when the stored data or consent may have changed. */
  readonly onDidChange: vscode.Event<void>;
  openPayloads(): Promise<void>;
}

export interface InsightsViewOptions {
  readonly logger?: PayloadViewLogger;
  /** Delay before re-reading after a change, so a burst of flushes costs one read. */
  readonly debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 500;

function assetsRootOf(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [assetsRootOf(extensionUri)] };
}

/**
 * Brings Insights back after a window reload, with fresh data from `source`;
 * without it the restored tab would stay empty. VS Code activates Candor for
 * this through `onWebviewPanel:candor.insights`.
 */
export function registerInsightsViewSerializer(
  extensionUri: vscode.Uri,
  source: InsightsViewSource,
  options: InsightsViewOptions = {},
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(INSIGHTS_VIEW_TYPE, {
    deserializeWebviewPanel: (panel) => {
      InsightsViewPanel.revive(panel, extensionUri, source, options);
      return Promise.resolve();
    },
  });
}

export class InsightsViewPanel extends Disposable {
  private static current: InsightsViewPanel | undefined;

  /** Opens the Insights view, or reveals it if this window already has one. */
  static show(
    extensionUri: vscode.Uri,
    source: InsightsViewSource,
    options: InsightsViewOptions = {},
  ): InsightsViewPanel {
    const existing = InsightsViewPanel.current;
    if (existing !== undefined && !existing.isDisposed) {
      existing.panel.reveal();
      return existing;
    }
    const column = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const panel = vscode.window.createWebviewPanel(
      INSIGHTS_VIEW_TYPE,
      insightsViewTitle(),
      column,
      webviewOptions(extensionUri),
    );
    return InsightsViewPanel.adopt(panel, extensionUri, source, options);
  }

  /** Takes over a panel VS Code brought back after a window reload (see `registerInsightsViewSerializer`). */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: InsightsViewSource,
    options: InsightsViewOptions = {},
  ): InsightsViewPanel {
    InsightsViewPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    return InsightsViewPanel.adopt(panel, extensionUri, source, options);
  }

  private static adopt(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: InsightsViewSource,
    options: InsightsViewOptions,
  ): InsightsViewPanel {
    const created = new InsightsViewPanel(panel, assetsRootOf(extensionUri), source, options);
    InsightsViewPanel.current = created;
    return created;
  }

  static get currentPanel(): InsightsViewPanel | undefined {
    return InsightsViewPanel.current;
  }

  private readonly logger: PayloadViewLogger | undefined;
  private readonly refresh: DebouncedCall;
  private readonly serial = new SerialRefresh(() => this.refreshOnce());
  /** The period the user picked last; the host keeps it so a reloaded page shows the same. */
  private periodDays: number | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    assetsRoot: vscode.Uri,
    private readonly source: InsightsViewSource,
    options: InsightsViewOptions,
  ) {
    super();
    this.logger = options.logger;
    this.refresh = new DebouncedCall(() => void this.update(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this._register(panel);
    this._register(this.refresh);
    const webview = panel.webview;
    webview.html = buildInsightsViewHtml({
      cspSource: webview.cspSource,
      language: vscode.env.language,
      l10nBundle: vscode.l10n.bundle,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assetsRoot, 'insightsView.js')).toString(),
      baseStyleUri: webview.asWebviewUri(vscode.Uri.joinPath(assetsRoot, 'payloadView.css')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assetsRoot, 'insightsView.css')).toString(),
    });
    panel.onDidDispose(() => this.dispose(), null, this._disposables);
    panel.onDidChangeViewState(
      (e) => {
        if (e.webviewPanel.visible) {
          this.scheduleUpdate();
        }
      },
      null,
      this._disposables,
    );
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw), null, this._disposables);
    source.onDidChange(() => this.scheduleUpdate(), null, this._disposables);
  }

  override dispose(): void {
    if (InsightsViewPanel.current === this) {
      InsightsViewPanel.current = undefined;
    }
    super.dispose();
  }

  /** Sends the current state now (skipped while hidden: the page says `ready` when shown again). */
  async update(): Promise<void> {
    try {
      await this.serial.run();
    } catch (err) {
      this.logger?.error(`Insights view: could not load its data: ${describeError(err)}`);
      await this.post({
        type: 'flash',
        level: 'error',
        text: vscode.l10n.t('Candor could not load the insights. See the Candor output for details.'),
      });
    }
  }

  /** One refresh; false when the panel is gone or hidden. */
  private async refreshOnce(): Promise<boolean> {
    if (this.isDisposed || !this.panel.visible) {
      return false;
    }
    const state = await this.source.getState(this.periodDays);
    if (this.isDisposed) {
      return false;
    }
    await this.post({ type: 'insights', state });
    return true;
  }

  private scheduleUpdate(): void {
    if (!this.isDisposed) {
      this.refresh.schedule();
    }
  }

  private async post(message: InsightsHostToViewMessage): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    try {
      await this.panel.webview.postMessage(message);
    } catch (err) {
      this.logger?.warn(`Insights view: could not post a message: ${describeError(err)}`);
    }
  }

  private onMessage(raw: unknown): void {
    if (!isInsightsViewToHostMessage(raw)) {
      // The content is untrusted; log the fact only.
      this.logger?.warn('Insights view: ignored an invalid message from the webview.');
      return;
    }
    void this.handle(raw);
  }

  private async handle(message: InsightsViewToHostMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'setPeriod':
          this.periodDays = message.days;
          this.refresh.cancel();
          return await this.update();
        case 'ready':
        case 'refresh':
          this.refresh.cancel();
          return await this.update();
        case 'openPayloads':
          return await this.source.openPayloads();
      }
    } catch (err) {
      this.logger?.warn(`Insights view: "${message.type}" failed: ${describeError(err)}`);
      await this.post({
        type: 'flash',
        level: 'error',
        text: vscode.l10n.t('Candor could not finish this: {0}.', describeError(err)),
      });
    }
  }
}
