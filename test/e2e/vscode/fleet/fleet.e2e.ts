/**
 * The Fleet view in real VS Code, against a simulated fleet started here (loopback, wss:// with the certificate
 * recorded in the inventory): the view reads the workspace's inventory (`xapi.fleet.inventoryFiles`) and groups its
 * devices by tag; deploying the open macro asks once for the `secret:` password (kept in SecretStorage, never shown),
 * deploys and activates it, and deploying again skips every device as unchanged; the results export as CSV; a re-run
 * takes only the failed devices; an `env:` password VS Code lacks is asked for and kept for the session only.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fleetInventory, startSimulatedFleet, type SimulatedFleet } from '../../../../emulator/simulatedFleet';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { connect } from '../../../../xapi/index';

const PASSWORD = 'fleet-e2e-Pa55';
const MACRO = `import xapi from 'xapi';\n\nxapi.Event.UserInterface.Extensions.Widget.Action.on(e => console.log(e.WidgetId));\n`;

describe('the Fleet view', function () {
  this.timeout(120_000);
  let fleet: SimulatedFleet;
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let dir: string;

  /** The view's root nodes, read again (the file watcher reloads it when inventories change). */
  const roots = async () => (await api.ctx.fleet.tree.getChildren()) as any[];
  const sourceNamed = async (label: string) => waitFor(`the source ${label}`, async () => (await roots()).find(n => n.kind === 'source' && n.source.label.endsWith(label)), { timeoutMs: 20_000 });

  before(async () => {
    fleet = await startSimulatedFleet(6, PASSWORD);
    ({ api, user, restore } = await scriptedUser());
    dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.tmp', 'fleet');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'rooms.fleet.yaml'), fleetInventory(fleet.devices, 'FLEET_PW').replace('env:FLEET_PW', 'secret:e2e-rooms'));
    writeFileSync(path.join(dir, 'room_greeter.js'), MACRO);
  });
  after(async () => {
    restore();
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the workspace inventory and groups its devices by tag', async () => {
    const source = await sourceNamed('rooms.fleet.yaml');
    const groups = await api.ctx.fleet.tree.getChildren(source);
    assert.deepEqual(groups.map((g: any) => [g.tag, g.entries.length]), [['boardroom', 3], ['floor-2', 2], ['floor-3', 1], ['huddle', 1], ['lobby', 2]]);
    const item = api.ctx.fleet.tree.getTreeItem(groups[0]);
    assert.equal(item.description, '3 devices');
  });

  it('deploys the open macro once, asking for the password once; again, every device is skipped as unchanged', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'room_greeter.js')));
    const source = await sourceNamed('rooms.fleet.yaml');
    user.answer('confirm', 'Deploy and Activate').answer('input', PASSWORD);
    const run = await vscode.commands.executeCommand<any>('xapi.fleet.deployMacro', source, [source]);
    const report = await run.report;
    const byName = new Map(report.outcomes.map((o: any) => [o.device.name, o]));
    const online = fleet.devices.filter(d => !d.fault);
    for (const d of online) assert.equal((byName.get(d.name) as any).status, 'ok', d.name);
    assert.equal((byName.get('Room 5 (Room Bar Pro)') as any).kind, 'offline');
    for (const emu of fleet.emulators) {
      const x = await connect(emu.url, { username: 'admin', password: PASSWORD, ca: emu.certificate, reconnect: false });
      try {
        const got = await x.command('Macros Macro Get', { Name: 'room_greeter', Content: 'True' }) as any;
        assert.equal(got.Macro[0].Active, 'True', 'saved and active on every reachable device');
        assert.equal(got.Macro[0].Content, MACRO);
      } finally { await x.close(); }
    }
    assert.match(user.messages('confirm')[0], /Deploy the macro room_greeter to 6 devices\?/);
    assert.equal(user.messages('input').length, 1);
    assert.ok(!user.transcript.includes(PASSWORD), 'the password never shows');

    // The results table covers the macro's editor now: the macro is still the one last edited.
    user.answer('confirm', 'Deploy and Activate');
    const again = await (await vscode.commands.executeCommand<any>('xapi.fleet.deployMacro', source, [source])).report;
    const skipped = again.outcomes.filter((o: any) => o.status === 'skipped');
    assert.equal(skipped.length, online.length, 'the same macro, active: nothing to do');
    assert.ok(skipped.every((o: any) => o.kind === 'unchanged'));
    assert.equal(user.messages('input').length, 1, 'the password came from secret storage');
  });

  it('exports the results as CSV, and re-runs only the failed devices', async () => {
    const last = api.ctx.fleet.runs.lastRun;
    const csv = path.join(dir, 'results.csv');
    user.answer('save', csv);
    // What the results table's Export CSV… button asks for.
    await api.ctx.fleet.runs.exportCsv(last);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'DEVICE,STATUS,DETAIL');
    assert.equal(lines.length, 7);
    assert.ok(lines.some(l => /^Room 5 \(Room Bar Pro\),failed,offline: /.test(l)), lines.join('\n'));

    user.answer('confirm', 'Run Again');
    const rerun = await vscode.commands.executeCommand<any>('xapi.fleet.rerunFailed');
    assert.match(user.messages('confirm').at(-1)!, /again on 1 device that failed or were not run\?/);
    assert.deepEqual(rerun.devices.map((d: any) => d.name), ['Room 5 (Room Bar Pro)']);
    assert.equal((await rerun.report).outcomes[0].kind, 'offline');
  });

  it('an env: password VS Code does not have is asked for and kept for this session only', async () => {
    const file = path.join(dir, 'env.fleet.yaml');
    writeFileSync(file, fleetInventory(fleet.devices.slice(0, 2), 'XAPI_E2E_UNSET_PW'));
    await vscode.commands.executeCommand('xapi.fleet.refresh');
    const source = await sourceNamed('env.fleet.yaml');
    user.answer('confirm', 'Deploy').answer('input', PASSWORD);
    const report = await (await vscode.commands.executeCommand<any>('xapi.fleet.deployMacro', source, [source])).report;
    assert.deepEqual(report.outcomes.map((o: any) => o.status), ['skipped', 'skipped'], 'already there');
    const asked = user.asked.filter(a => a.kind === 'input').at(-1)!;
    assert.match(asked.text, /Password for env:XAPI_E2E_UNSET_PW/);
    assert.equal(await api.ctx.extension.secrets.get('xapi.fleet.secret:XAPI_E2E_UNSET_PW'), undefined, 'not stored');
  });
});
