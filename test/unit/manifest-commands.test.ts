/**
 * package.json's commands against the one list of command ids (client/commandIds.ts), in plain Node so it runs
 * wherever the tests run (the e2e suite checks what VS Code really registers): exactly the same ids both ways,
 * each with the xAPI category; every menu, keybinding and walkthrough link names a contributed command; every
 * setting is `xapi.*` with a description.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands } from '../../client/commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributed: Array<{ command: string; category?: string }> = manifest.contributes.commands;

describe('manifest: commands', () => {
  it('contributes exactly the ids of client/commandIds.ts, each in the xAPI category', () => {
    assert.deepEqual(contributed.map(c => c.command).sort(), Object.values(Commands).sort());
    for (const c of contributed) assert.equal(c.category, 'xAPI', c.command);
    assert.equal(new Set(contributed.map(c => c.command)).size, contributed.length, 'no id twice');
  });

  it('menus, keybindings and walkthrough links name contributed commands only', () => {
    const ids = new Set(contributed.map(c => c.command));
    const menuItems = Object.values<Array<{ command?: string }>>(manifest.contributes.menus ?? {}).flat().filter(m => m.command);
    const keys: Array<{ command: string }> = manifest.contributes.keybindings ?? [];
    const links = (manifest.contributes.walkthroughs ?? []).flatMap((w: { steps: Array<{ description: string }> }) =>
      w.steps.flatMap(s => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map(m => m[1])));
    assert.ok(menuItems.length > 0 && links.length >= 3);
    for (const c of [...menuItems.map(m => m.command!), ...keys.map(k => k.command), ...links]) assert.ok(ids.has(c), c);
  });

  it('every setting is xapi.* and has a description', () => {
    for (const [key, spec] of Object.entries<any>(manifest.contributes.configuration.properties)) {
      assert.match(key, /^xapi\./);
      assert.ok(spec.description || spec.markdownDescription, `${key} has a description`);
    }
  });
});
