/**
 * Property: over generated uses of the full 11.27 schema, the `.xapi` validator and the macro diagnostics
 * on the equivalent macro call report the same codes, and the simulated device accepts exactly the
 * commands and configuration values the diagnostics accept. Seeded (test/support/rng.ts): a failure names
 * the seed and the statement; counted, never timed.
 */
import assert from 'node:assert/strict';
import { CommandParam, Schema, SchemaNode, ValueSpace } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { variantsFor } from '../../schema/variants';
import { multilineFromIndex, parseXcli, validateXcli } from '../../schema/xcli';
import { Device, DEFAULT_USER } from '../../emulator/device';
import { ManualClock } from '../../xapi/clock';
import { LanguageService } from '../../server/service';
import { requirePublished } from '../support/publishedSchemas';
import { rng, Rng } from '../support/rng';

const SEED = 20270311;
const USES = 1500;
const PRODUCTS = ['hopen', 'barents', 'octavio'];
/** Codes about a use's arguments: what the device refuses with an error of its own. */
const ARGUMENT_CODES = new Set(['unknown-param', 'missing-required', 'repeated-param', 'too-many-repeats', 'not-integer', 'out-of-range', 'not-literal', 'string-too-long', 'string-too-short']);

type Value = string | number;
interface Use { node: SchemaNode; indexes: (number | undefined)[]; params: { name: string; values: Value[] }[]; value?: Value }

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A value near the edges of a value space: inside, just outside, in other notations, emoji, wrong case. */
function valueFor(r: Rng, vs: ValueSpace): Value {
  switch (vs.type) {
    case 'Integer': {
      const lo = vs.min ?? -100, hi = vs.max ?? 100;
      return pick(r, [lo, hi, lo - 1, hi + 1, Math.floor((lo + hi) / 2), `+${Math.abs(hi)}`, `${lo}`, '1.5', 'x', ` ${hi} `, -0]);
    }
    case 'Literal': {
      const v = pick(r, vs.values).value;
      return pick(r, [v, v.toLowerCase(), `${v}x`, 'Nope']);
    }
    case 'String': {
      const max = Math.min(vs.maxLength ?? 8, 300), min = vs.minLength ?? 0;
      const n = pick(r, [min, max, max + 1, Math.max(0, min - 1), Math.ceil(max / 2)]);
      const unit = pick(r, ['a', '😀', 'é', ' ']);
      return unit.repeat(n);
    }
    default:
      return 'x';
  }
}

function generate(r: Rng, commands: SchemaNode[], configs: SchemaNode[], product: string): Use {
  const node = r() < 0.5 ? pick(r, commands) : pick(r, configs);
  const vs = variantsFor(node, product);
  const v = vs.length ? pick(r, vs) : node.variants[0]!;
  const indexes = node.names.map((_, i) => {
    const range = v.path[i]?.index;
    if (!range) return undefined;
    const hi = range.max ?? range.min + 3;
    return pick(r, [range.min, hi, hi + 1, range.min]);
  });
  if (node.kind === 'Configuration') return { node, indexes, params: [], value: v.valueSpace ? valueFor(r, v.valueSpace) : 'x' };
  const params: Use['params'] = [];
  for (const p of v.params ?? []) {
    if (!p.required && r() < 0.6) continue;
    if (p.required && r() < 0.05) continue;
    const count = p.valueSpace.multiple !== undefined && r() < 0.4 ? 1 + Math.floor(r() * ((p.valueSpace.multiple || 3) + 1)) : 1;
    params.push({ name: p.name, values: Array.from({ length: count }, () => valueFor(r, p.valueSpace)) });
  }
  if (r() < 0.05) params.push({ name: 'NoSuchParam', values: ['1'] });
  return { node, indexes, params };
}

const quoted = (v: Value) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
const js = (v: Value) => (typeof v === 'number' ? String(v) : JSON.stringify(v));
const pathWords = (u: Use) => u.node.names.map((n, i) => (u.indexes[i] === undefined ? n : `${n}[${u.indexes[i]}]`));

function asScript(u: Use): string {
  const head = `${u.node.kind === 'Command' ? 'xCommand' : 'xConfiguration'} ${pathWords(u).join(' ')}`;
  if (u.node.kind === 'Configuration') return `${head}: ${quoted(u.value!)}`;
  // A repeatable parameter is written once per value, as on the terminal.
  return [head, ...u.params.flatMap(p => p.values.map(v => `${p.name}: ${quoted(v)}`))].join(' ');
}

function asMacro(u: Use): string {
  const path = JSON.stringify(u.node.names.map((n, i) => (u.indexes[i] === undefined ? n : `${n} ${u.indexes[i]}`)).join(' '));
  if (u.node.kind === 'Configuration') return `xapi.config.set(${path}, ${js(u.value!)});\n`;
  const props = u.params.map(p => `${JSON.stringify(p.name)}: ${p.values.length > 1 ? `[${p.values.map(js).join(', ')}]` : js(p.values[0]!)}`);
  return `xapi.command(${path}, { ${props.join(', ')} });\n`;
}

/** A segment written without an index where other nodes below the same names take one (see the test). */
function unindexedTwin(index: SchemaIndex, u: Use): boolean {
  return u.node.names.some((_, i) => u.indexes[i] === undefined && index.entry(u.node.kind, u.node.names.slice(0, i + 1))?.index !== undefined);
}

/** The device's answer to the use, over its real JSON-RPC entry: true when it accepted. */
function deviceAccepts(device: Device, u: Use): boolean {
  let answer = '';
  const session = device.openSession(DEFAULT_USER, f => { answer = f; });
  const items: Value[] = [];
  u.node.names.forEach((n, i) => { items.push(n); if (u.indexes[i] !== undefined) items.push(u.indexes[i]!); });
  const frame = u.node.kind === 'Configuration'
    ? { jsonrpc: '2.0', id: 1, method: 'xSet', params: { Path: ['Configuration', ...items], Value: u.value } }
    : { jsonrpc: '2.0', id: 1, method: `xCommand/${u.node.names.join('/')}`, params: Object.fromEntries(u.params.map(p => [p.name, p.values.length > 1 ? p.values : p.values[0]])) };
  session.receive(JSON.stringify(frame));
  session.close();
  const m = JSON.parse(answer) as { result?: unknown; error?: { code: number; message: string } };
  // A command that ran and failed in its behaviour (code 1: no such call…) was accepted by the parameter check.
  return m.error === undefined || m.error.code === 1;
}

describe('rules: property over the 11.27 schema', function () {
  let schema: Schema;
  // The property is the check that the front ends agree over a whole schema: skipped on a machine without it, never in CI.
  before(async function () { schema = await requirePublished(this, '11.27.2.0', { requiredInCi: true }); });

  it(`script, macro and device agree on ${USES} generated uses (seed ${SEED})`, function () {
    const index = new SchemaIndex(schema);
    const usable = (n: SchemaNode) => !n.variants.some(v => v.multiline) && n.names.every(x => /^[A-Za-z][\w.-]*$/.test(x));
    const commands = [...index.nodes('Command')].filter(usable);
    const configs = [...index.nodes('Configuration')].filter(usable);
    const r = rng(SEED);
    let compared = 0, deviceCompared = 0, rejected = 0, twins = 0;
    for (const product of PRODUCTS) {
      const services = new LanguageService(index, { product, onError: (w, e) => { throw e instanceof Error ? e : new Error(`${w}: ${String(e)}`); } });
      const clock = new ManualClock();
      const device = new Device({ schema, product, clock, bootDelayMs: 0 });
      for (let i = 0; i < USES / PRODUCTS.length; i++) {
        const u = generate(r, commands, configs, product);
        const script = asScript(u);
        const macro = asMacro(u);
        const sCodes = validateXcli(parseXcli(script, { isMultiline: multilineFromIndex(index) }), index, { product }).map(d => d.code).sort();
        const mCodes = services.diagnostics({ uri: `file:///p/${i}.js`, languageId: 'javascript', version: 1, text: macro }).map(d => String(d.code)).sort();
        assert.deepEqual(mCodes, sCodes, `seed ${SEED} ${product}\n${script}\n${macro}`);
        compared++;
        // The device has no node the product lacks (Method Not Found) and no per-index check of its own
        // beyond its state tree: compare argument checks where the path itself is fine.
        if (sCodes.some(c => !ARGUMENT_CODES.has(c))) continue;
        // Known gap of the state tree, not of the rules: a name that is a list for some nodes and a plain
        // branch for others on one product (Desk: `Cameras Camera[n] …` and `Cameras Camera ColorSaturation …`)
        // holds only one of the two. Counted, so the gap stays visible.
        if (unindexedTwin(index, u)) { twins++; continue; }
        const accepted = deviceAccepts(device, u);
        if (!device.ready) clock.advance(0); // a generated `SystemUnit Boot` ran: let the reboot finish
        const clean = sCodes.length === 0;
        assert.equal(accepted, clean, `seed ${SEED} ${product}: device ${accepted ? 'accepts' : 'refuses'}, diagnostics ${sCodes.join(', ') || 'none'}\n${script}`);
        deviceCompared++;
        if (!accepted) rejected++;
      }
      device.dispose();
    }
    if (process.env.RULES_PROPERTY_COUNTS) console.log({ compared, deviceCompared, rejected, twins });
    assert.ok(deviceCompared > USES / 3 && rejected > 50 && rejected < deviceCompared - 50, `${compared} compared, ${deviceCompared} on the device, ${rejected} refused: the generator must hit both sides`);
  });
});

export type { CommandParam };
