import * as vscode from 'vscode';

/** The status-bar privacy indicator: what Candor is doing and why, at a glance. */
export class StatusIndicator implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('candor.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Candor Privacy';
    this.item.text = '$(shield) Candor: Off';
    this.item.tooltip = 'Off — Candor is disabled (candor.enabled is false)';
    this.item.accessibilityInformation = { label: 'Candor telemetry: Off. Candor is disabled.', role: 'button' };
    this.item.command = 'candor.showPayloads';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
