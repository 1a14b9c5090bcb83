// The status-bar privacy indicator: what Candor is doing and why, at a glance.
// It follows consent at once and recounts pending reports shortly after data changes.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { describeError } from '../core/describeError';
import { describeStorageFault, type StorageFault } from '../core/storageFault';
import type { ConsentDecision, PrivacyState } from '../core/types';
import type { DataChange } from './storeSession';

const PRESENTATION: Record<PrivacyState, { label: string; icon: string }> = {
  off: { label: 'Off', icon: '$(circle-slash)' },
  local: { label: 'Local only', icon: '$(shield)' },
  sharing: { label: 'Sharing', icon: '$(cloud-upload)' },
};

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
  const { label, icon } = PRESENTATION[state.decision.state];
  const pending = state.pendingReports;
  const pendingText = pending === 1 ? '1 pending report' : `${pending} pending reports`;
  const fault = state.storageFault === undefined ? '' : describeStorageFault(state.storageFault);
  return {
    text: `${fault === '' ? icon : '$(warning)'} Candor: ${label}${pending > 0 ? ` · ${pending}` : ''}`,
    tooltip: `${state.decision.reason}\n${fault === '' ? '' : `${fault}. Recording resumes by itself when it can be written.\n`}${pendingText}. Click to see exactly what is recorded.`,
    accessibleLabel: `Candor telemetry: ${label}. ${state.decision.reason}. ${fault === '' ? '' : `${fault}. `}${pendingText}.`,
  };
}

/** The tooltip as Markdown, with a link that opens Insights; only that command may run from it. */
function tooltipWithLinks(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendText(text);
  markdown.appendMarkdown('\n\n[$(graph) Show insights](command:candor.showInsights "Candor: Show Insights")');
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
    this.item.name = 'Candor Privacy';
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
