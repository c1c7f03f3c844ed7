/** The extension loads in real VS Code: manifest, activation on the language, the smoke command. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension, workspaceFile } from '../support/extension';
import { waitFor } from '../../../support/waitFor';

describe('extension in real VS Code', () => {
  it('is loaded from the repository under development', () => {
    const ext = ourExtension();
    const manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    assert.equal(ext.packageJSON.version, manifest.version);
    assert.equal(path.resolve(ext.extensionPath, manifest.main), path.join(ext.extensionPath, 'dist', 'extension.js'));
  });

  it('opening hello.xapi gives language xapi and activates the extension (onLanguage:xapi)', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('hello.xapi'));
    assert.equal(doc.languageId, 'xapi');
    await vscode.window.showTextDocument(doc);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'xapi');
    await waitFor('the extension to activate', () => ourExtension().isActive);
  });

  it('registers exactly the commands package.json contributes, each with the xAPI category', async () => {
    await ourExtension().activate();
    const contributed: Array<{ command: string; category?: string }> = ourExtension().packageJSON.contributes.commands;
    // VS Code adds its own commands per contributed view (`xapi.status.focus`, `xapi.events.open`, …);
    // those are not ours to list, unless package.json contributes the same id itself.
    const viewCommand = /\.(focus|open|resetViewLocation|toggleVisibility|removeView)$/;
    const views = new Set(Object.values<Array<{ id: string }>>(ourExtension().packageJSON.contributes.views).flat().map(v => v.id));
    const ours = new Set(contributed.map(c => c.command));
    const addedByVsCode = (c: string) => !ours.has(c) && viewCommand.test(c) && views.has(c.replace(viewCommand, ''));
    const registered = (await vscode.commands.getCommands(true)).filter(c => c.startsWith('xapi.') && !addedByVsCode(c));
    assert.deepEqual([...registered].sort(), contributed.map(c => c.command).sort());
    for (const c of contributed) assert.equal(c.category, 'xAPI', c.command);
  });

  it('every command link of the walkthrough and every setting is contributed, with a description', () => {
    const manifest = ourExtension().packageJSON.contributes;
    const commands = new Set(manifest.commands.map((c: { command: string }) => c.command));
    const links = manifest.walkthroughs.flatMap((w: { steps: Array<{ description: string }> }) => w.steps.flatMap(s => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map(m => m[1])));
    assert.ok(links.length >= 3);
    for (const l of links) assert.ok(commands.has(l), l);
    for (const [key, spec] of Object.entries<any>(manifest.configuration.properties)) {
      assert.match(key, /^xapi\./);
      assert.ok(spec.description || spec.markdownDescription, `${key} has a description`);
    }
  });
});
