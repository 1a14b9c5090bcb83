import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candorLogText, configure, EXTENSION_ID, waitFor } from './support';

describe('The manifest in a real VS Code', () => {
  it('prefers the UI host but runs in the workspace host where the UI has no Node host (code-server)', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.deepEqual((extension.packageJSON as { extensionKind: string[] }).extensionKind, ['ui', 'workspace']);
    // The browser's own extension host is a web worker: Candor (Node only) runs beside the workspace.
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('says clearly why a bad candor.endpoint is not used, and keeps the reports local', async () => {
    try {
      await configure({ 'candor.endpoint': 'http://collector.example.com/ingest' });
      const warning =
        'Candor will not upload to the endpoint in candor.endpoint: Plain http:// is refused: reports are only sent over https:// (http:// is allowed to loopback addresses only). Reports stay on this machine.';
      await waitFor('the endpoint warning in the log', async () => (await candorLogText()).includes(warning));
      assert.equal((await candorLogText()).includes('collector.example.com'), false, 'the log names the endpoint');
    } finally {
      await configure({ 'candor.endpoint': '' });
    }
  });
});
