import * as vscode from 'vscode';
import { StatusIndicator } from './ide/statusIndicator';

// activate() only wires: it builds the parts and registers each as a disposable.
export function activate(context: vscode.ExtensionContext): void {
  const indicator = new StatusIndicator();
  context.subscriptions.push(indicator);
  context.subscriptions.push(
    vscode.commands.registerCommand('candor.showPayloads', () => {
      void vscode.window.showInformationMessage('Candor: nothing recorded yet.');
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
