/**
 * Typings for the full published schemas compile under `tsc --strict` with no diagnostic —
 * merged over all products and for one product — and the generator stays fast.
 */
import assert from 'node:assert/strict';
import { generateTypings } from '../../schema/typings';
import { PUBLISHED_VERSIONS, requirePublished } from '../support/publishedSchemas';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

describe('typings for the published schemas', function () {
  this.timeout(180_000);

  for (const version of PUBLISHED_VERSIONS) {
    it(`${version}: all products merged and one product compile with zero diagnostics`, async function () {
      const schema = await requirePublished(this, version);
      let t0 = performance.now();
      const merged = generateTypings(schema, { mode: 'module-augmentation' });
      const genTime = ms(t0);
      const codecPro = generateTypings(schema, { mode: 'module-augmentation', product: 'Codec Pro', typeName: 'CodecPro' });
      assert.ok(merged.length > codecPro.length, 'one product has fewer nodes than all merged');
      assert.match(merged, /readonly Dial|Dial\(args: CommandDialArgs[,)]/);

      t0 = performance.now();
      const all = compile({ ...packageFiles(), [`${VIRTUAL}/app/xapi.d.ts`]: merged });
      const compileTime = ms(t0);
      assert.deepEqual(formatDiagnostics(all.diagnostics).slice(0, 20), []);
      const one = compile({ ...packageFiles(), [`${VIRTUAL}/app/xapi.d.ts`]: codecPro });
      assert.deepEqual(formatDiagnostics(one.diagnostics).slice(0, 20), []);
      console.log(`      ${version}: generated ${(merged.length / 1024).toFixed(0)} KiB in ${genTime}, type-checked in ${compileTime}`);
    });
  }

  it('11.27: output is identical on a second run (deterministic)', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const a = generateTypings(schema, { mode: 'module-augmentation', product: 'hopen' });
    const shuffled = { ...schema, nodes: [...schema.nodes].reverse() };
    assert.equal(generateTypings(shuffled, { mode: 'module-augmentation', product: 'hopen' }), a);
  });
});
