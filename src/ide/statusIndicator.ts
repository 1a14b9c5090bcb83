// The status-bar privacy indicator: what Candor is doing and why, at a glance.
import * as vscode from 'vscode';
import type { ConsentDecision, PrivacyState } from '../core/types';

const PRESENTATION: Record<PrivacyState, { label: string; icon: string }> = {
  off: { label: 'Off', icon: '$(circle-slash)' },
  local: { label: 'Local only', icon: '$(shield)' },
  sharing: { label: 'Sharing', icon: '$(cloud-upload)' },
};

export interface IndicatorState {
  readonly decision: ConsentDecision;
  /** Reports waiting to be sent or reviewed. */
  readonly pendingReports: number;
}

/** Text, tooltip and accessible name for a state; pure so it can be unit-tested. */
export function describeIndicator(state: IndicatorState): { text: string; tooltip: string; accessibleLabel: string } {
  const { label, icon } = PRESENTATION[state.decision.state];
  const pending = state.pendingReports;
  const pendingText = pending === 1 ? '1 pending report' : `${pending} pending reports`;
  return {
    text: `${icon} Candor: ${label}${pending > 0 ? ` · ${pending}` : ''}`,
    tooltip: `${state.decision.reason}\n${pendingText}. Click to see exactly what is recorded.`,
    accessibleLabel: `Candor telemetry: ${label}. ${state.decision.reason}. ${pendingText}.`,
  };
}

export class StatusIndicator implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(initial: IndicatorState) {
    this.item = vscode.window.createStatusBarItem('candor.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Candor Privacy';
    this.item.command = 'candor.showPayloads';
    this.update(initial);
    this.item.show();
  }

  update(state: IndicatorState): void {
    const { text, tooltip, accessibleLabel } = describeIndicator(state);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: accessibleLabel, role: 'button' };
  }

  /** What the item shows now (for tests). */
  get shown(): { readonly text: string; readonly tooltip: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
