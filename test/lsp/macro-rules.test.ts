/**
 * The macro checker's rules for real code (issue 17), each with a case it must flag and one it must leave alone:
 * event payload fields as path names, computed members, string paths read as jsxapi reads them, the command body,
 * `const` bindings within a file, and (against a published schema) the union of product variants when no product
 * is known. The same documents through the language service in-process and through the real server over stdio.
 */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { requirePublished } from '../support/publishedSchemas';
import { LspClient } from './support/lspClient';
import { diagnose, hoverAt } from './support/requests';
import { at, doc, service } from './support/service';

/** [what, document, expected `line:code`s]: each rule's flagged and silent cases (core schema). */
const CASES: [string, string, string[]][] = [
  ['an event payload field is a path name (proxy)', 'xapi.Event.UserInterface.Extensions.Panel.Clicked.PanelId.on(id => id);\n', []],
  ['a name that is no payload field', 'xapi.Event.UserInterface.Extensions.Panel.Clicked.PanelIdd.on(id => id);\n', ['0:unknown-path']],
  ['an event payload field is a path name (string)', "xapi.event.on('UserInterface Extensions Panel Clicked PanelId', id => id);\n", []],
  ['a string path with a name that is no payload field', "xapi.event.on('UserInterface Extensions Panel Clicked Nope', id => id);\n", ['0:unknown-path']],

  ['a computed member that cannot be an index stops the checks', 'const v = 4;\nxapi.Status.Network[1][`IPv${v}`].Address.get();\n', []],
  ['without it the same path is checked', 'xapi.Status.Network[1].IPv4.Addresss.get();\n', ['0:unknown-path']],
  ['a computed member on a name that takes no index is a name', 'function post(method) { return xapi.Command.HttpClient[method]({ Url: "x" }); }\n', []],
  ['a computed index keeps the names after it checked', 'function c(n) { return xapi.Status.Video.Input.Connector[n].Connectedd.get(); }\n', ['0:unknown-path']],

  ['a string path read as jsxapi reads it (a trailing colon)', "xapi.config.get('Audio Ultrasound MaxVolume:');\n", []],
  ['slashes and dashes separate words', "xapi.status.get('/Audio/Volume'); xapi.status.get('Audio-Volume');\n", []],
  ['a misspelt word in such a path', "xapi.config.get('Audio Ultrasound MaxVolumee:');\n", ['0:unknown-path']],

  ['a body key is the body', "xapi.command('Macros Macro Save', { Name: 'm', body: 'x' });\nxapi.Command.Macros.Macro.Save({ Name: 'm', body: 'x' });\n", []],
  ['a key that only looks like it is a parameter', "xapi.command('Macros Macro Save', { Name: 'm', bodyy: 'x' });\n", ['0:unknown-param']],
  ['the body as the third argument', "xapi.command('Macros Macro Save', { Name: 'm' }, 'console.log(1)');\n", []],
  ['a string second argument is the body: no parameters given', "xapi.command('Macros Macro Save', 'console.log(1)');\n", ['0:missing-required']],

  ['an alias of a kind', 'const C = xapi.Command;\nC.Audio.Volume.Set({ Level: 50 });\n', []],
  ['an alias of a kind carries the checks', 'const C = xapi.Command;\nC.Audio.Volume.Set({ Level: 150 });\n', ['1:out-of-range']],
  ['a destructured kind', 'const { Status } = xapi;\nStatus.Audio.Volumee.get();\n', ['1:unknown-path']],
  ['an alias of a branch', 'const audio = xapi.Command.Audio;\naudio.Volume.Set({ Level: 50 });\naudio.Volumee.Set();\n', ['2:unknown-path']],
  ['an alias of a string-style member', "const s = xapi.status;\ns.get('Audio Volume');\ns.get('Audio Volumee');\n", ['2:unknown-path']],
  ['parameters held in a const', 'const p = { Level: 150 };\nxapi.Command.Audio.Volume.Set(p);\n', ['0:out-of-range']],
  ['a value held in a const', 'const LEVEL = 150;\nxapi.Command.Audio.Volume.Set({ Level: LEVEL });\n', ['1:out-of-range']],
  ['a number handed to a function is still that number', 'const LEVEL = 150;\nlog(LEVEL);\nxapi.Command.Audio.Volume.Set({ Level: LEVEL });\n', ['2:out-of-range']],
  ['a configuration value held in a const', "const MODE = 'Sometimes';\nxapi.Config.Audio.Ultrasound.MaxVolume.set(40);\nxapi.config.set('Video Monitors', MODE);\n", ['2:not-literal']],
  ['a let is not followed', 'let LEVEL = 150;\nxapi.Command.Audio.Volume.Set({ Level: LEVEL });\n', []],
  ['a parameter of the same name hides the const', 'const LEVEL = 150;\nfunction f(LEVEL) { xapi.Command.Audio.Volume.Set({ Level: LEVEL }); }\n', []],
  ['an object whose members are written later is not followed', 'const p = {};\np.Level = 50;\nxapi.Command.Audio.Volume.Set(p);\n', []],
  ['an object handed to Object.assign or a function, or to another name, is not followed',
    'const p = {};\nObject.assign(p, { Level: 50 });\nxapi.Command.Audio.Volume.Set(p);\nconst q = {};\nfill(q);\nxapi.Command.Audio.Volume.Set(q);\n', []],
  ['a const tested by the condition around the call is not followed', 'const LEVEL = 150;\nif (LEVEL <= 100) xapi.Command.Audio.Volume.Set({ Level: LEVEL });\n', []],
];

const codes = (diags: { range: { start: { line: number } }; code?: string | number }[]) => diags.map(d => `${d.range.start.line}:${d.code}`);

describe('macro rules on real code: each rule flags what the device refuses and nothing else', () => {
  const svc = service();
  for (const [what, text, want] of CASES) {
    it(what, () => assert.deepEqual(codes(svc.diagnostics(doc('javascript', text))), want, text));
  }

  it('the same documents give the same diagnostics from the real server over stdio', async function () {
    this.timeout(60_000);
    const c = await LspClient.start();
    try {
      for (const [what, text, want] of CASES) assert.deepEqual(codes((await diagnose(c, 'javascript', text)).diagnostics), want, what);
    } finally {
      await c.stop();
    }
  });
});

describe('macro rules: product variants (published 11.27.2.0)', () => {
  it('with no product known a value any product takes is accepted; one none takes is refused, naming them all', async function () {
    const index = new SchemaIndex(await requirePublished(this, '11.27.2.0', { requiredInCi: true }));
    const none = service({}, index);
    assert.deepEqual(codes(none.diagnostics(doc('javascript', "xapi.Config.Video.Monitors.set('Triple');\n"))), []);
    const quad = none.diagnostics(doc('javascript', "xapi.Config.Video.Monitors.set('Quad');\n"));
    assert.deepEqual(codes(quad), ['0:not-literal']);
    assert.match(quad[0].message, /Auto, Dual, DualPresentationOnly, Single, .*Triple/);
    assert.deepEqual(codes(none.diagnostics(doc('javascript', "xapi.Command.Audio.VuMeter.Stop({ ConnectorId: 2, ConnectorType: 'Microphone' });\n"))), []);
    // With a product, that product's variant.
    const roomKit = service({ product: 'hopen' }, index);
    assert.deepEqual(codes(roomKit.diagnostics(doc('javascript', "xapi.Config.Video.Monitors.set('Triple');\n"))), ['0:not-literal']);
    // The same rule in .xapi scripts (schema/rules: one rule for both).
    assert.deepEqual(codes(none.diagnostics(doc('xapi', 'xConfiguration Video Monitors: Triple\n'))), []);
    assert.deepEqual(codes(roomKit.diagnostics(doc('xapi', 'xConfiguration Video Monitors: Triple\n'))), ['0:not-literal']);
  });

  it('hover names the products that take a value only some do', async function () {
    const index = new SchemaIndex(await requirePublished(this, '11.27.2.0', { requiredInCi: true }));
    const h = at('javascript', "xapi.Config.Video.Monitors.set('Tri|ple');\n");
    const md = service({}, index).hover(h.d, h.pos)?.contents.value ?? '';
    assert.match(md, /Triple/);
    assert.match(md, /Only on Codec Pro, /, md);
    assert.doesNotMatch(md, /Room Kit/, "not on the products that refuse it");
  });
});

describe('macro rules: completion and hover on event payload paths', () => {
  const svc = service();
  it('completes the payload fields after the event in a chain and in a string path', () => {
    const chain = at('javascript', 'xapi.Event.UserInterface.Extensions.Panel.Clicked.|');
    assert.ok(svc.completion(chain.d, chain.pos).items.some(i => i.label === 'PanelId'));
    const str = at('javascript', "xapi.event.on('UserInterface Extensions Panel Clicked |', e => e);");
    assert.ok(svc.completion(str.d, str.pos).items.some(i => i.label === 'PanelId'));
  });

  it('hovers a payload field in a chain and in a string path', () => {
    const chain = at('javascript', 'xapi.Event.UserInterface.Extensions.Panel.Clicked.Panel|Id.on(id => id);');
    assert.match(svc.hover(chain.d, chain.pos)?.contents.value ?? '', /PanelId/);
    const str = at('javascript', "xapi.event.on('UserInterface Extensions Panel Clicked Panel|Id', id => id);");
    assert.match(svc.hover(str.d, str.pos)?.contents.value ?? '', /PanelId/);
  });
});

describe('macro rules: the stdio server hovers what the service does', () => {
  it('a payload field', async function () {
    this.timeout(60_000);
    const c = await LspClient.start();
    try {
      assert.match((await hoverAt(c, 'javascript', 'xapi.Event.UserInterface.Extensions.Panel.Clicked.Panel|Id.on(id => id);')) ?? '', /PanelId/);
    } finally {
      await c.stop();
    }
  });
});
