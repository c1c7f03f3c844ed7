import { SchemaIndex } from './schema/schemaIndex';
import { publishedSchema } from './test/support/publishedSchemas';
import { core } from './schema/sources';
(async () => {
  for (const s of [core(), (await publishedSchema('11.27.2.0'))!]) {
  const index = new SchemaIndex(s);
  for (const p of ['Video Output Connector MonitorRole', 'Video Input Connector Name']) {
    const n = index.lookup('Configuration', p)!;
    console.log(s.version, p, n.variants.map(v => JSON.stringify({ products: v.products, path: v.path.map(x => x.index ? `${x.name}[${x.index.min}..${x.index.max}]` : x.name).join(' '), vs: v.valueSpace })).join('\n  '));
  }
  }
})();
