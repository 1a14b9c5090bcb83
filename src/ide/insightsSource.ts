// The Insights view's data, from one read of the real store, and the command
// that opens it. Today's buffered events are written first so today is current.
import * as vscode from 'vscode';
import { describeError } from '../core/describeError';
import type { CandorStore } from '../core/store';
import { availablePeriods, choosePeriod, loadInsights } from '../core/insights';
import type { ConsentDecision } from '../core/types';
import { InsightsViewPanel, registerInsightsViewSerializer, type InsightsViewSource } from '../webview/insightsView';
import type { InsightsViewState } from '../webview/insightsProtocol';

export interface InsightsDeps {
  /** The store, opened on demand: showing Insights opens it. Undefined when unavailable. */
  readonly store: () => Promise<CandorStore | undefined>;
  readonly consent: () => ConsentDecision;
  readonly settings: () => { readonly retentionDays: number };
  /** Writes buffered events, so today's counts are current. */
  readonly flush: () => Promise<void>;
  /** Any of these firing means the view may be out of date. */
  readonly changed: readonly vscode.Event<unknown>[];
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

export class InsightsSource implements InsightsViewSource {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly deps: InsightsDeps) {
    this.onDidChange = (listener, thisArgs, disposables) => {
      const all = vscode.Disposable.from(
        ...deps.changed.map((event) =>
          event(() => {
            listener.call(thisArgs);
          }),
        ),
      );
      disposables?.push(all);
      return all;
    };
  }

  async getState(periodDays: number | undefined): Promise<InsightsViewState> {
    const store = await this.deps.store();
    if (!store) {
      throw new Error("Candor's local storage is unavailable in this window.");
    }
    const decision = this.deps.consent();
    const retentionDays = this.deps.settings().retentionDays;
    await this.deps.flush();
    const insights = await loadInsights(store, choosePeriod(periodDays, retentionDays), retentionDays);
    return {
      privacy: { state: decision.state, reason: decision.reason, level: decision.level },
      retentionDays,
      periods: availablePeriods(retentionDays),
      insights,
    };
  }

  async openPayloads(): Promise<void> {
    await vscode.commands.executeCommand('candor.showPayloads');
  }

  show(): void {
    InsightsViewPanel.show(this.deps.extensionUri, this, { logger: this.deps.log });
  }
}

/** The "Candor: Show Insights" command and the view's serializer (a reload brings it back); the panel closes with the extension. */
export function registerInsights(deps: InsightsDeps): vscode.Disposable[] {
  const source = new InsightsSource(deps);
  return [
    vscode.commands.registerCommand('candor.showInsights', () => {
      try {
        source.show();
      } catch (error) {
        deps.log.error(`Could not open Insights: ${describeError(error)}`);
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Candor could not open Insights. See the Candor output for details.'),
        );
      }
    }),
    registerInsightsViewSerializer(deps.extensionUri, source, { logger: deps.log }),
    { dispose: () => InsightsViewPanel.currentPanel?.dispose() },
  ];
}
