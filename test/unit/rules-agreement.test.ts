/**
 * One rule set behind every front end (schema/rules, schema/valueCheck.ts): the `.xapi` validator, the
 * macro diagnostics and the simulated device must agree. Each case below was a disagreement once.
 */
import assert from 'node:assert/strict';
import { NodeVariant, Schema, SchemaNode } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { multilineFromIndex, parseXcli, validateXcli } from '../../schema/xcli';
import { checkValue as emulatorAccepts } from '../../emulator/values';
import { checkParams as emulatorParams } from '../../emulator/commands';
import { service } from '../lsp/support/service';
import { doc } from '../lsp/support/service';

function variant(extra: Partial<NodeVariant>): NodeVariant {
  return { products: [], path: [], access: 'public-api', backend: 'any', writeRoles: [], readRoles: [], ...extra };
}

/** A small schema whose Room Kit (`hopen`) has one input connector where Codec Pro (`barents`) has five. */
function connectorSchema(): Schema {
  const names = ['Video', 'Input', 'Connector', 'Name'];
  const path = (max: number) => names.map(n => (n === 'Connector' ? { name: n, index: { min: 1, max } } : { name: n }));
  const name: SchemaNode = {
    kind: 'Configuration', names, normPath: names.join(' '), variants: [
      variant({ products: ['hopen'], path: path(1), valueSpace: { type: 'String', maxLength: 3 } }),
      variant({ products: ['barents'], path: path(5), valueSpace: { type: 'String', maxLength: 3 } }),
    ],
  };
  const level: SchemaNode = {
    kind: 'Command', names: ['Level', 'Set'], normPath: 'Level Set', variants: [
      variant({ path: [{ name: 'Level' }, { name: 'Set' }], params: [{ name: 'Level', required: true, valueSpace: { type: 'Integer', min: -10, max: 10 } }] }),
    ],
  };
  return { version: 'test', source: 'file', nodes: [name, level] };
}

function scriptCodes(index: SchemaIndex, text: string, product?: string): string[] {
  return validateXcli(parseXcli(text, { isMultiline: multilineFromIndex(index) }), index, { product }).map(d => `${d.severity} ${d.code}`);
}

function macroCodes(index: SchemaIndex, text: string, product?: string): string[] {
  const sevs = ['', 'error', 'warning', 'info'];
  return service({ product }, index).diagnostics(doc('javascript', text)).map(d => `${sevs[d.severity ?? 1]} ${d.code}`);
}

describe('rules: every front end agrees', () => {
  const index = new SchemaIndex(connectorSchema());

  it('an index outside the product\'s range is the same error in a script and in a macro', () => {
    assert.deepEqual(scriptCodes(index, 'xConfiguration Video Input Connector[2] Name: "x"', 'hopen'), ['error index-out-of-range']);
    assert.deepEqual(macroCodes(index, "xapi.Config.Video.Input.Connector[2].Name.set('x');", 'hopen'), ['error index-out-of-range']);
    assert.deepEqual(macroCodes(index, "xapi.config.set('Video Input Connector 2 Name', 'x');", 'hopen'), ['error index-out-of-range']);
    // Another product's range takes it: neither reports anything.
    assert.deepEqual(scriptCodes(index, 'xConfiguration Video Input Connector[2] Name: "x"', 'barents'), []);
    assert.deepEqual(macroCodes(index, "xapi.Config.Video.Input.Connector[2].Name.set('x');", 'barents'), []);
  });

  it('a repeated parameter is the same error in a script and in a macro', () => {
    assert.deepEqual(scriptCodes(index, 'xCommand Level Set Level: 1 Level: 2'), ['error repeated-param']);
    assert.deepEqual(macroCodes(index, 'xapi.Command.Level.Set({ Level: 1, Level: 2 });'), ['error repeated-param']);
  });

  it('String lengths count code points, in the diagnostics and on the device', () => {
    const two = '😀😀'; // 2 code points, 4 UTF-16 units
    assert.deepEqual(scriptCodes(index, `xConfiguration Video Input Connector[1] Name: "${two}"`, 'hopen'), []);
    assert.deepEqual(macroCodes(index, `xapi.Config.Video.Input.Connector[1].Name.set('${two}');`, 'hopen'), []);
    const vs = connectorSchema().nodes[0]!.variants[0]!.valueSpace!;
    assert.equal(emulatorAccepts(vs, two), two);
    assert.equal(emulatorAccepts(vs, '😀😀😀😀'), undefined);
    assert.deepEqual(scriptCodes(index, 'xConfiguration Video Input Connector[1] Name: "😀😀😀😀"', 'hopen'), ['error string-too-long']);
  });

  it("'+5' is not an Integer, for the diagnostics and the device; '-5' is", () => {
    assert.deepEqual(scriptCodes(index, 'xCommand Level Set Level: +5'), ['error not-integer']);
    assert.deepEqual(macroCodes(index, "xapi.Command.Level.Set({ Level: '+5' });"), ['error not-integer']);
    const variantOf = index.lookup('Command', ['Level', 'Set'])!.variants[0]!;
    assert.throws(() => emulatorParams(variantOf, { Level: '+5' }), /Bad argument to parameter "Level"/);
    assert.deepEqual(scriptCodes(index, 'xCommand Level Set Level: -5'), []);
    assert.deepEqual(emulatorParams(variantOf, { Level: '-5' }).values, { Level: -5 });
  });
});

describe('rules: white space, byte-order marks and binary input', () => {
  const coreIndex = new SchemaIndex(core());

  it('a no-break space after the keyword separates words as a space does', () => {
    const parsed = parseXcli('xStatus\u00a0Audio Volume');
    assert.equal(parsed.lines[0]!.type, 'status');
    assert.deepEqual(scriptCodes(coreIndex, 'xStatus\u00a0Audio\u00a0Volume'), []);
  });

  it('a UTF-8 byte-order mark does not make line 1 an unknown keyword', () => {
    assert.deepEqual(scriptCodes(coreIndex, '\ufeffxStatus Audio Volume\nxStatus Audio Volume'), []);
  });

  it('control characters are shown escaped in messages, never raw', () => {
    const diags = validateXcli(parseXcli('fo\u0000o\u001b[31m\nxStatus Aud\u0007io'), coreIndex);
    assert.deepEqual(diags.map(d => d.code), ['unknown-keyword', 'unknown-path']);
    for (const d of diags) assert.doesNotMatch(d.message, /[\u0000-\u001f\u007f]/, d.message);
    assert.match(diags[0]!.message, /fo\\x00o\\x1b\[31m/);
  });
});
