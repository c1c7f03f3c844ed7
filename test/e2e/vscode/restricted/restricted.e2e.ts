/** In Restricted Mode (an untrusted workspace) nothing runs against a device; completion and diagnostics still work. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

describe('Restricted Mode', function () {
  this.timeout(60_000);

  it('the workspace is untrusted here', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('starting the simulated device or running a file says why and does nothing', async () => {
    const { api, user, restore } = await scriptedUser();
    try {
      await vscode.commands.executeCommand('xapi.startSimulatedDevice');
      const doc = await vscode.workspace.openTextDocument({ language: 'xapi', content: 'xStatus Audio Volume\n' });
      await vscode.commands.executeCommand('xapi.runFile', doc.uri);
      assert.equal(api.ctx.session.state.kind, 'disconnected');
      assert.equal(api.ctx.simulatedDevice, undefined);
      const warnings = user.messages('warning');
      assert.equal(warnings.length, 2, warnings.join('\n'));
      for (const w of warnings) assert.match(w, /Restricted Mode/);
    } finally { restore(); }
  });

  it('diagnostics and completion still come from the language server', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xapi', content: 'xStatus Audio Volumee\nxStatus Audio ' });
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor('diagnostics', () => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : undefined; }, { timeoutMs: 30_000 });
    assert.match(diags[0].message, /Volumee|unknown|did you mean/i);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 14));
    assert.ok(list.items.some(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'Volume'), 'Volume is offered');
  });
});
