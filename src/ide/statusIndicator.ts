// The status-bar privacy indicator: what Candor is doing and why, at a glance.
// It follows consent at once and recounts pending reports shortly after data changes.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { describeError } from '../core/describeError';
import { describeStorageFault, type StorageFault } from '../core/storageFault';
import type { ConsentDecision, PrivacyState } from '../core/types';
import type { DataChange } from './storeSession';

const ICONS: Record<PrivacyState, string> = {
  off: '$(circle-slash)',
  local: '$(shield)',
  sharing: '$(cloud-upload)',
};

/** The state's words; the payload view says the same (src/webview/viewModel.ts privacyStateLabel). */
function stateLabel(state: PrivacyState): string {
  switch (state) {
    case 'off':
      return vscode.l10n.t('Off');
    case 'local':
      return vscode.l10n.t('Local only');
    case 'sharing':
      return vscode.l10n.t('Sharing');
  }
}

const RECOUNT_AFTER_MS = 250;

export interface IndicatorState {
  readonly decision: ConsentDecision;
  /** Reports waiting to be sent or reviewed. */
  readonly pendingReports: number;
  /** Set while local storage cannot be written. */
  readonly storageFault?: StorageFault | undefined;
}

/** Text, tooltip and accessible name for a state; pure so it can be unit-tested. */
export function describeIndicator(state: IndicatorState): { text: string; tooltip: string; accessibleLabel: string } {
  const icon = ICONS[state.decision.state];
  const label = stateLabel(state.decision.state);
  const pending = state.pendingReports;
  const pendingText = pending === 1 ? vscode.l10n.t('1 pending report') : vscode.l10n.t('{0} pending reports', pending);
  const fault = state.storageFault === undefined ? '' : describeStorageFault(state.storageFault);
  const faultLine =
    fault === '' ? '' : `${vscode.l10n.t('{0}. Recording resumes by itself when it can be written.', fault)}\n`;
  return {
    text: `${fault === '' ? icon : '$(warning)'} ${vscode.l10n.t('Candor: {0}', label)}${pending > 0 ? ` · ${pending}` : ''}`,
    tooltip: `${state.decision.reason}\n${faultLine}${vscode.l10n.t('{0}. Click to see exactly what is recorded.', pendingText)}`,
    accessibleLabel: vscode.l10n.t(
      'Candor telemetry: {0}. {1}. {2}{3}.',
      label,
      state.decision.reason,
      fault === '' ? '' : `${fault}. `,
      pendingText,
    ),
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (ch) => `\\${ch}`);
}

/** The tooltip as Markdown, with a link that opens Insights; only that command may run from it. */
function tooltipWithLinks(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendText(text);
  const link = vscode.l10n.t('Show insights');
  const title = vscode.l10n.t('Candor: Show Insights');
  // The words are ours (the bundle), but escaped anyway: they sit inside Markdown link syntax.
  markdown.appendMarkdown(
    `\n\n[$(graph) ${escapeMarkdown(link)}](command:candor.showInsights "${title.replace(/["\\]/g, '')}")`,
  );
  markdown.isTrusted = { enabledCommands: ['candor.showInsights'] };
  return markdown;
}

export interface StatusIndicatorDeps {
  readonly decision: () => ConsentDecision;
  /** Fires when consent changed: shown at once. */
  readonly onDidChangeConsent: vscode.Event<unknown>;
  /** Fires when stored data may have changed; only new events cannot change the pending count. */
  readonly onDidChangeData: vscode.Event<DataChange>;
  readonly countPendingReports: () => Promise<number>;
  /** False while counting would need a store nobody has opened: nothing is pending then, and no timer is set. */
  readonly canCount?: () => boolean;
  /** Why local storage cannot be written, while it cannot; re-read on every data change. */
  readonly storageFault?: () => StorageFault | undefined;
  readonly log: (message: string) => void;
}

export class StatusIndicator extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private pendingReports = 0;
  private tooltipText = '';
  private recountTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: StatusIndicatorDeps) {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem('candor.status', vscode.StatusBarAlignment.Right, 100),
    );
    this.item.name = vscode.l10n.t('Candor Privacy');
    this.item.command = 'candor.showPayloads';
    this._register({ dispose: () => clearTimeout(this.recountTimer) });
    deps.onDidChangeConsent(() => this.refresh(), this, this._disposables);
    deps.onDidChangeData(
      (change) => {
        if (!change.eventsOnly) {
          this.refresh();
        }
      },
      this,
      this._disposables,
    );
    this.refresh();
    this.item.show();
  }

  /** Shows the current consent now, then the recounted pending reports. */
  refresh(): void {
    clearTimeout(this.recountTimer);
    if (this.deps.canCount?.() === false) {
      this.pendingReports = 0;
      this.render();
      return;
    }
    this.render();
    this.recountTimer = setTimeout(() => {
      this.deps.countPendingReports().then(
        (n) => {
          this.pendingReports = n;
          this.render();
        },
        (error: unknown) => this.deps.log(`Could not count pending reports: ${describeError(error)}`),
      );
    }, RECOUNT_AFTER_MS);
  }

  private render(): void {
    if (this.isDisposed) {
      return;
    }
    const { text, tooltip, accessibleLabel } = describeIndicator({
      decision: this.deps.decision(),
      pendingReports: this.pendingReports,
      storageFault: this.deps.storageFault?.(),
    });
    this.item.text = text;
    this.tooltipText = tooltip;
    this.item.tooltip = tooltipWithLinks(tooltip);
    this.item.accessibilityInformation = { label: accessibleLabel, role: 'button' };
  }

  /** What the item shows now (for tests): the tooltip's words, and its Markdown with the Insights link. */
  get shown(): { readonly text: string; readonly tooltip: string; readonly tooltipMarkdown: string } {
    const tooltip = this.item.tooltip;
    return {
      text: this.item.text,
      tooltip: this.tooltipText,
      tooltipMarkdown: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
    };
  }
}
