/**
 * The macro checker on real macros nobody here wrote (../shared/real-macros: 90 public MIT-licensed macros, see its
 * SOURCES.md), against the 11.27.2.0 and 26.4.1 published schemas: exactly the diagnostics listed by hand in
 * real-macros.expected, no more and no fewer. Each listed one cites what makes it right (a path the schema lacks, a
 * value no product takes), and a second test checks those citations against the schemas themselves, without the
 * checker's rules. The corpus is reference data: read from its folder (XAPI_REAL_MACROS_DIR, default
 * ../shared/real-macros), never copied here; without it the tests skip with one line.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MacroChecker } from '../../cli/macroDiagnostics';
import type { NodeKind, SchemaNode } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { checkValue } from '../../schema/valueCheck';
import { requirePublished } from '../support/publishedSchemas';

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS = process.env.XAPI_REAL_MACROS_DIR ? path.resolve(process.env.XAPI_REAL_MACROS_DIR) : path.resolve(REPO, '..', 'shared', 'real-macros');
const VERSIONS = ['11.27.2.0', '26.4.1-March-2026'] as const;

interface Expected { version: string; key: string; citation: string; reason: string }

function expectedLines(): Expected[] {
  return readFileSync(path.join(__dirname, 'real-macros.expected'), 'utf8').split('\n')
    .filter(l => l.trim() && !l.startsWith('#'))
    .map(l => {
      const [head, citation, reason] = l.split(' | ');
      const [version, key] = head.split(' ');
      assert.ok(version && key && citation && reason, `a malformed line: ${l}`);
      return { version, key, citation, reason };
    });
}

/** The corpus files, as `folder/file.js` relative to the corpus. */
function corpusFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory())
    .flatMap(d => readdirSync(path.join(CORPUS, d.name)).filter(f => /\.(m?js|cjs|ts)$/.test(f)).map(f => `${d.name}/${f}`)).sort();
}

let announced = false;
function requireCorpus(ctx: Mocha.Context): void {
  if (existsSync(CORPUS)) return;
  if (!announced) { announced = true; console.log(`    skipped: ${CORPUS} not found — set XAPI_REAL_MACROS_DIR to the folder of the real macros`); }
  ctx.skip();
}

describe('real macros: the checker gives exactly the hand-checked diagnostics', function () {
  this.timeout(120_000);

  for (const version of VERSIONS) {
    it(`on ${version}`, async function () {
      requireCorpus(this);
      const checker = new MacroChecker(new SchemaIndex(await requirePublished(this, version, { requiredInCi: true })));
      const got: string[] = [];
      for (const file of corpusFiles()) {
        for (const d of checker.check(file, readFileSync(path.join(CORPUS, file), 'utf8'))) {
          got.push(`${file}:${d.range.start.line + 1}:${d.code}`);
        }
      }
      const want = expectedLines().filter(e => e.version === version).map(e => e.key);
      const extra = got.filter(g => !want.includes(g));
      const missing = want.filter(w => !got.includes(w));
      assert.deepEqual({ extra, missing }, { extra: [], missing: [] }, `diagnostics on ${version} differ from test/corpus/real-macros.expected`);
    });
  }
});

describe('real macros: each expected diagnostic\'s citation holds in its schema', function () {
  this.timeout(60_000);

  /** The node at the longest prefix of the names, and the names left over. */
  function deepest(index: SchemaIndex, kind: NodeKind, names: string[]): { node?: SchemaNode; rest: string[] } {
    for (let n = names.length; n > 0; n--) {
      const node = index.lookup(kind, names.slice(0, n));
      if (node) return { node, rest: names.slice(n) };
    }
    return { rest: names };
  }

  it('missing paths are missing, refused values are refused by every variant', async function () {
    const indexes = new Map<string, SchemaIndex>();
    for (const version of VERSIONS) indexes.set(version, new SchemaIndex(await requirePublished(this, version, { requiredInCi: true })));
    for (const e of expectedLines()) {
      const index = indexes.get(e.version);
      assert.ok(index, `${e.key}: an unknown version ${e.version}`);
      const [verb, kind, ...words] = e.citation.split(' ');
      if (verb === 'missing') {
        const { node, rest } = deepest(index, kind as NodeKind, words);
        assert.ok(!node || rest.length > 0, `${e.key}: ${kind} ${words.join(' ')} exists in ${e.version}`);
        const fields = node?.variants.flatMap(v => v.fields ?? []) ?? [];
        assert.ok(!fields.some(f => f.name.toLowerCase() === rest[0]?.toLowerCase()), `${e.key}: ${rest[0]} is a payload field of ${node?.normPath}`);
      } else if (verb === 'refused') {
        const last = words[words.length - 1];
        const eq = last.indexOf('=');
        const [param, value] = [last.slice(0, eq), last.slice(eq + 1)];
        const names = eq === 0 ? words.slice(0, -1) : words.slice(0, -1);
        const node = index.lookup(kind as NodeKind, names);
        assert.ok(node, `${e.key}: ${kind} ${names.join(' ')} is not in ${e.version}`);
        for (const v of node.variants) {
          const vs = param ? v.params?.find(p => p.name.toLowerCase() === param.toLowerCase())?.valueSpace : v.valueSpace;
          if (!vs) continue;
          assert.equal(checkValue(vs, value).ok, false, `${e.key}: ${value} is taken by ${v.products.join(', ') || 'every product'}`);
        }
      } else assert.fail(`${e.key}: an unknown citation "${e.citation}"`);
    }
  });
});
