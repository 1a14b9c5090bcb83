// Insights in the real extension host: the command opens its panel, and the
// status-bar tooltip links to it with only that command trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candor } from './support';

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
    assert.equal(insightsTabs().length, 1);
    await vscode.commands.executeCommand('candor.showInsights');
    assert.equal(insightsTabs().length, 1);
    const tab = insightsTabs()[0];
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
    assert.equal(insightsTabs().length, 0);
  });
});
