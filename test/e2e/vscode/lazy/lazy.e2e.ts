/**
 * Nothing spent until used: in a JS project the extension activates (onLanguage:javascript), loading its small
 * activation shell only: no core, no language server until a document uses xAPI; then the server starts, and it
 * is sent only documents that use xAPI.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, workspaceFile } from '../support/extension';
import type { ExtensionApi } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

/** Whether the extension's core bundle is loaded in this host (the tests run in it; Node's module cache says). */
function coreLoaded(): boolean {
  return Object.keys(require.cache).some(f => f.endsWith(`${path.sep}dist${path.sep}extension-core.js`));
}

/** Child processes of this extension host running the language server bundle (from /proc: no procps needed). */
function serverProcesses(): number[] {
  return readdirSync('/proc').filter(d => /^\d+$/.test(d)).filter(pid => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
    } catch { return false; }
  }).map(Number);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('the language server starts with the first document that uses xAPI', function () {
  this.timeout(60_000);

  it('an unrelated JS file activates the extension but starts no server; a macro that imports xapi starts it', async () => {
    const plain = await vscode.workspace.openTextDocument(workspaceFile('plain.js'));
    await vscode.window.showTextDocument(plain);
    await waitFor('the extension to activate on JavaScript', () => ourExtension().isActive);
    assert.equal(coreLoaded(), false, 'activation loads the shell only, not the core');
    assert.deepEqual(serverProcesses(), [], 'no server process');
    // Reading the API loads the core (as any use does): it starts no server either.
    const api = ourExtension().exports as ExtensionApi;
    assert.equal(api.ctx.languageClient.state, 'idle');
    assert.deepEqual(serverProcesses(), [], 'no server process');

    const macro = await vscode.workspace.openTextDocument(workspaceFile('macro.js'));
    await vscode.window.showTextDocument(macro);
    await waitFor('the server running', () => api.ctx.languageClient.state === 'running');
    assert.equal(serverProcesses().length, 1);
    const diags = await waitFor('the macro\'s diagnostic', () => {
      const d = vscode.languages.getDiagnostics(macro.uri).filter(x => x.source === 'xapi');
      return d.length > 0 && d;
    });
    assert.equal(codeOf(diags[0]), 'out-of-range');
    assert.deepEqual(vscode.languages.getDiagnostics(plain.uri).filter(x => x.source === 'xapi'), [], 'the plain file is not the server\'s');
  });

  it('a JS file that starts to import xapi is sent to the server then', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'const n = 1;\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit(e => e.insert(new vscode.Position(0, 0), "import xapi from 'xapi';\nxapi.Status.Audio.Volumee.get();\n"));
    const diags = await waitFor('the new macro\'s diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter(x => x.source === 'xapi');
      return d.length > 0 && d;
    });
    assert.equal(codeOf(diags[0]), 'unknown-path');
  });
});
