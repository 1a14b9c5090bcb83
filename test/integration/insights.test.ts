// Insights in the real extension host: the command opens its panel, and the
// status-bar tooltip links to it with only that command trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candor } from './support';

/** Resolves when `condition` holds, checked on every change of the editor tabs. */
function until(condition: () => boolean): Promise<void> {
  if (condition()) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!condition()) {
        return;
      }
      subscription.dispose();
      resolve();
    });
  });
}

function insightsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Candor: Insights');
}

describe('Insights in the extension host', () => {
  it('the status-bar tooltip keeps its words and adds a link to Insights', async () => {
    const { t } = await candor();
    const shown = t.indicator.shown as { tooltip: string; tooltipMarkdown?: string };
    assert.doesNotMatch(shown.tooltip, /command:/, 'the plain words carry no link');
    assert.match(shown.tooltipMarkdown ?? '', /\]\(command:candor\.showInsights /);
  });

  it('"Candor: Show Insights" opens one panel, and running it again reveals the same one', async () => {
    await candor();
    await vscode.commands.executeCommand('candor.showInsights');
    await until(() => insightsTabs().length === 1);
    await vscode.commands.executeCommand('candor.showInsights');
    // Tabs change in order: once a document opened after the second command has its tab,
    // a second Insights panel from that command would have one too.
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext' }); // empty, so closing it asks nothing
    await vscode.window.showTextDocument(document, { preview: false });
    await until(() =>
      vscode.window.tabGroups.all.some((g) =>
        g.tabs.some(
          (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString(),
        ),
      ),
    );
    assert.equal(insightsTabs().length, 1);
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      if (
        tab.label === 'Candor: Insights' ||
        (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString())
      ) {
        await vscode.window.tabGroups.close(tab, true);
      }
    }
    await until(() => insightsTabs().length === 0);
  });
});
