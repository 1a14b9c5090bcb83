// Host side of the "Show Telemetry Payloads" webview: creates the panel, answers
// the view's `ready` with the current state, re-sends it when the data changes
// or the panel is shown again, and turns the view's requests into calls on the
// injected source (after a modal confirmation for anything destructive).

import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { buildPayloadViewHtml, payloadViewTitle } from './payloadViewHtml';
import { createNonce } from './webviewPage';
import {
  isViewToHostMessage,
  type ExportFormat,
  type FlashLevel,
  type HostToViewMessage,
  type ViewState,
  type ViewToHostMessage,
} from './protocol';
import { describeProps, summariseCounters } from './viewModel';
import { SerialRefresh } from '../common/serialRefresh';
import { describeError } from '../core/describeError';
import { DebouncedCall } from '../common/debouncedCall';

export const PAYLOAD_VIEW_TYPE = 'candor.payloads';

/** Where the panel gets its data and sends the user's requests. The extension implements it. */
export interface PayloadViewSource {
  /** The whole state to render; called after `ready`, on change and when re-shown. */
  getState(): Promise<ViewState>;
  /** Fires when anything the view shows may have changed (events flushed, consent, uploads). */
  readonly onDidChange: vscode.Event<void>;
  // The panel has already asked the user to confirm the destructive calls below.
  // Each may resolve to a short notice to show in the view, and may reject with
  // an Error whose message is shown to the user (e.g. "Upload is not available.").
  deleteCounter(day: string, event: string, propsKey: string): Promise<string | void>;
  deleteReport(day: string): Promise<string | void>;
  sendReport(day: string): Promise<string | void>;
  discardReport(day: string): Promise<string | void>;
  exportData(format: ExportFormat): Promise<string | void>;
  openPolicy(): Promise<string | void>;
  /** Shows the full lists of allowed values at the list with this heading anchor. */
  openVocabulary(anchor: string): Promise<string | void>;
  /** Switches one extension's events on or off (`candor.extensions`); off purges its data not yet sent. */
  setExtensionEnabled(extensionId: string, enabled: boolean): Promise<string | void>;
}

/** Asks the user to confirm a destructive action; resolves true to go ahead. */
export type ConfirmAction = (message: string, detail: string, actionLabel: string) => Thenable<boolean>;

/** The part of a `LogOutputChannel` the panel uses. */
export interface PayloadViewLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export interface PayloadViewOptions {
  /** Defaults to a modal warning message. Integration tests may pass their own. */
  readonly confirm?: ConfirmAction;
  readonly logger?: PayloadViewLogger;
  /** Delay before re-sending state after a change, so bursts cost one render. */
  readonly debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 100;

const modalConfirm: ConfirmAction = async (message, detail, actionLabel) => {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, actionLabel);
  return choice === actionLabel;
};

function assetsRootOf(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [assetsRootOf(extensionUri)] };
}

/**
 * Brings the payload view back after a window reload, with fresh data from
 * `source` (the page restores its scroll position from its saved state).
 * VS Code activates Candor for this through `onWebviewPanel:candor.payloads`.
 */
export function registerPayloadViewSerializer(
  extensionUri: vscode.Uri,
  source: PayloadViewSource,
  options: PayloadViewOptions = {},
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PAYLOAD_VIEW_TYPE, {
    deserializeWebviewPanel: (panel) => {
      PayloadViewPanel.revive(panel, extensionUri, source, options);
      return Promise.resolve();
    },
  });
}

export class PayloadViewPanel extends Disposable {
  private static current: PayloadViewPanel | undefined;

  /** Opens the payload view, or reveals it if this window already has one. */
  static show(extensionUri: vscode.Uri, source: PayloadViewSource, options: PayloadViewOptions = {}): PayloadViewPanel {
    const existing = PayloadViewPanel.current;
    if (existing !== undefined && !existing.isDisposed) {
      // Bring it forward where it already is rather than moving it.
      existing.panel.reveal();
      return existing;
    }
    const column = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const panel = vscode.window.createWebviewPanel(
      PAYLOAD_VIEW_TYPE,
      payloadViewTitle(),
      column,
      webviewOptions(extensionUri),
    );
    return PayloadViewPanel.adopt(panel, extensionUri, source, options);
  }

  /** Takes over a panel VS Code brought back after a window reload (see `registerPayloadViewSerializer`). */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: PayloadViewSource,
    options: PayloadViewOptions = {},
  ): PayloadViewPanel {
    PayloadViewPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    return PayloadViewPanel.adopt(panel, extensionUri, source, options);
  }

  private static adopt(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: PayloadViewSource,
    options: PayloadViewOptions,
  ): PayloadViewPanel {
    const created = new PayloadViewPanel(panel, assetsRootOf(extensionUri), source, options);
    PayloadViewPanel.current = created;
    return created;
  }

  /** The open panel of this window, if any (for tests and the status bar). */
  static get currentPanel(): PayloadViewPanel | undefined {
    return PayloadViewPanel.current;
  }

  private readonly confirm: ConfirmAction;
  private readonly logger: PayloadViewLogger | undefined;
  private readonly refresh: DebouncedCall;
  private readonly serial = new SerialRefresh(() => this.refreshOnce());
  /** The last state sent, to word confirmations ("12 events") without asking the source again. */
  private lastState: ViewState | undefined;
  private shownFlash: { readonly level: FlashLevel; readonly text: string } | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    assetsRoot: vscode.Uri,
    private readonly source: PayloadViewSource,
    options: PayloadViewOptions,
  ) {
    super();
    this.confirm = options.confirm ?? modalConfirm;
    this.logger = options.logger;
    this.refresh = new DebouncedCall(() => void this.update(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);

    this._register(panel);
    this._register(this.refresh);
    const webview = panel.webview;
    webview.html = buildPayloadViewHtml({
      cspSource: webview.cspSource,
      language: vscode.env.language,
      l10nBundle: vscode.l10n.bundle,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assetsRoot, 'payloadView.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assetsRoot, 'payloadView.css')).toString(),
    });

    panel.onDidDispose(() => this.dispose(), null, this._disposables);
    // Without retainContextWhenHidden the page reloads when shown again and says
    // `ready`; scheduling here too covers a page that was kept alive.
    panel.onDidChangeViewState((e) => this.onViewStateChanged(e), null, this._disposables);
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw), null, this._disposables);
    source.onDidChange(() => this.scheduleUpdate(), null, this._disposables);
  }

  override dispose(): void {
    if (PayloadViewPanel.current === this) {
      PayloadViewPanel.current = undefined;
    }
    super.dispose();
  }

  /** Sends the current state now (skipped while hidden; the page asks again when shown). */
  async update(): Promise<void> {
    try {
      await this.serial.run();
    } catch (err) {
      this.logger?.error(`Payload view: could not load its state: ${describeError(err)}`);
      await this.flash(
        'error',
        vscode.l10n.t('Candor could not load the telemetry data. See the Candor output for details.'),
      );
    }
  }

  /** One refresh; false when the panel is gone or hidden. */
  private async refreshOnce(): Promise<boolean> {
    if (this.isDisposed || !this.panel.visible) {
      return false;
    }
    const state = await this.source.getState();
    if (this.isDisposed) {
      return false;
    }
    this.lastState = state;
    await this.post({ type: 'state', state });
    return true;
  }

  private onViewStateChanged(e: vscode.WebviewPanelOnDidChangeViewStateEvent): void {
    if (e.webviewPanel.visible) {
      this.scheduleUpdate();
    }
  }

  private scheduleUpdate(): void {
    if (!this.isDisposed) {
      this.refresh.schedule();
    }
  }

  private async post(message: HostToViewMessage): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    try {
      await this.panel.webview.postMessage(message);
    } catch (err) {
      // A panel closed mid-post rejects; nothing to tell the user.
      this.logger?.warn(`Payload view: could not post a message: ${describeError(err)}`);
    }
  }

  /** The banner last sent to the view (the integration tests read what the user was shown). */
  get lastFlash(): { readonly level: FlashLevel; readonly text: string } | undefined {
    return this.shownFlash;
  }

  private flash(level: FlashLevel, text: string): Promise<void> {
    this.shownFlash = { level, text };
    return this.post({ type: 'flash', level, text });
  }

  /** Handles a message exactly as if the view had sent it; resolves when it is done. */
  receive(raw: unknown): Promise<void> {
    if (!isViewToHostMessage(raw)) {
      // Log the shape only: the content is untrusted and may hold anything.
      this.logger?.warn('Payload view: ignored an invalid message from the webview.');
      return Promise.resolve();
    }
    return this.handle(raw);
  }

  private onMessage(raw: unknown): void {
    void this.receive(raw);
  }

  private async handle(message: ViewToHostMessage): Promise<void> {
    try {
      const notice = await this.perform(message);
      if (typeof notice === 'string' && notice.length > 0) {
        await this.flash('info', notice);
      }
    } catch (err) {
      this.logger?.warn(`Payload view: "${message.type}" failed: ${describeError(err)}`);
      await this.flash('error', vscode.l10n.t('Candor could not finish this: {0}.', describeError(err)));
    }
  }

  /** Runs one request; resolves to a notice for the view, if any. */
  private async perform(message: ViewToHostMessage): Promise<string | void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        this.refresh.cancel();
        return this.update();
      case 'openPolicy':
        return this.source.openPolicy();
      case 'openVocabulary':
        return this.source.openVocabulary(message.anchor);
      case 'openInsights':
        await vscode.commands.executeCommand('candor.showInsights');
        return undefined;
      case 'exportData':
        return this.source.exportData(message.format);
      case 'setExtensionEnabled':
        return this.andRefresh(
          this.source.setExtensionEnabled(message.extensionId, message.enabled),
          message.enabled ? vscode.l10n.t('Switched on.') : vscode.l10n.t('Switched off.'),
        );
      case 'sendReport':
        return this.andRefresh(
          this.source.sendReport(message.day),
          vscode.l10n.t('Report for {0} approved for upload.', message.day),
        );
      case 'deleteCounter': {
        const ok = await this.confirm(
          vscode.l10n.t('Delete the counter {0} from {1}?', message.event, message.day),
          vscode.l10n.t(
            '{0} It will be removed from this computer and never sent. This cannot be undone.',
            this.describeCounter(message.day, message.event, message.propsKey),
          ),
          vscode.l10n.t('Delete'),
        );
        return ok
          ? this.andRefresh(
              this.source.deleteCounter(message.day, message.event, message.propsKey),
              vscode.l10n.t('Counter deleted.'),
            )
          : undefined;
      }
      case 'deleteReport': {
        const ok = await this.confirm(
          vscode.l10n.t('Delete the report for {0}?', message.day),
          vscode.l10n.t(
            '{0} It will be removed from this computer and never sent. This cannot be undone.',
            this.describeReport(message.day),
          ),
          vscode.l10n.t('Delete Report'),
        );
        return ok
          ? this.andRefresh(
              this.source.deleteReport(message.day),
              vscode.l10n.t('Report for {0} deleted.', message.day),
            )
          : undefined;
      }
      case 'discardReport': {
        const ok = await this.confirm(
          vscode.l10n.t('Discard the report for {0}?', message.day),
          vscode.l10n.t('{0} It will not be sent.', this.describeReport(message.day)),
          vscode.l10n.t('Discard'),
        );
        return ok
          ? this.andRefresh(
              this.source.discardReport(message.day),
              vscode.l10n.t('Report for {0} discarded.', message.day),
            )
          : undefined;
      }
    }
  }

  /** After a change the source will usually fire onDidChange; refresh anyway so the view never goes stale. */
  private async andRefresh(action: Promise<string | void>, defaultNotice: string): Promise<string> {
    const notice = await action;
    this.scheduleUpdate();
    return typeof notice === 'string' && notice.length > 0 ? notice : defaultNotice;
  }

  private describeCounter(day: string, event: string, propsKey: string): string {
    const counters =
      this.lastState?.pending.find((r) => r.day === day)?.counters ??
      (this.lastState?.today.day === day ? this.lastState.today.counters : undefined);
    const counter = counters?.find((c) => c.event === event && c.propsKey === propsKey);
    if (counter === undefined) {
      return '';
    }
    return counter.count === 1
      ? vscode.l10n.t('{0} ({1}) counted once.', counter.event, describeProps(counter.props))
      : vscode.l10n.t('{0} ({1}) counted {2} times.', counter.event, describeProps(counter.props), counter.count);
  }

  private describeReport(day: string): string {
    const report = this.lastState?.pending.find((r) => r.day === day);
    return report === undefined ? '' : vscode.l10n.t('It holds {0}.', summariseCounters(report.counters));
  }
}
