/**
 * One schema for both processes: with `xapi.schema.source` naming a schema file and no device connected, the
 * extension host runs (lenses, pickers, trees) with the schema the language server announced, read from the same
 * file; cleared, both go back to the built-in schema.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, workspaceFile } from '../support/extension';
import type { ExtensionApi } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

describe('xapi.schema.source: the host follows the language server', function () {
  this.timeout(90_000);

  it('a schema file named by the setting is the host\'s schema too, and clearing it brings back the core schema', async function () {
    const file = path.resolve(ourExtension().extensionPath, '..', 'shared', 'schema', 'roomos-xapi-schema-11.27.2.0.json');
    if (!existsSync(file)) {
      console.log(`    skipped: ${file} not found (the published schemas beside the repository)`);
      this.skip();
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('hello.xapi')));
    await waitFor('the extension', () => ourExtension().isActive);
    const api = ourExtension().exports as ExtensionApi;
    await waitFor('the language server running', () => api.ctx.languageClient.state === 'running');
    const coreNodes = api.ctx.schemaIndex().count();
    const settings = vscode.workspace.getConfiguration('xapi');
    await settings.update('schema.source', file, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the host on the file\'s schema', () => api.ctx.schemaIndex().schema.source === 'file', { timeoutMs: 60_000 });
      assert.ok(api.ctx.schemaIndex().count() > coreNodes * 2, 'the full published schema, not the core one');
    } finally {
      await settings.update('schema.source', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the host back on the core schema', () => api.ctx.schemaIndex().schema.source === 'core', { timeoutMs: 30_000 });
  });
});
