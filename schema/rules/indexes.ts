/**
 * Index rules for a resolved node: which of the product's variants the written indexes select, an index
 * on a segment that takes none, an index outside every applicable variant's range (the union of their
 * ranges, for the product when it has the node), and a node the product lacks.
 */
import { IndexRange, NodeVariant, SchemaNode } from '../model';
import { formatRange, inRange, nearestIn, unionRange } from '../indexRange';
import { productName } from '../products';
import type { TrieEntry } from '../schemaIndex';
import { variantsFor } from '../variants';
import { unionVariant } from '../variantUnion';
import { XcliCode } from '../xcli/codes';
import { RuleProblem } from './problems';

/** An index per name of the path (undefined: none written). Non-numbers are the front end's syntax problem. */
export type WrittenIndexes = readonly (number | undefined)[];

/** Where a node is available, for "not on this product (only on …)". */
function availability(node: SchemaNode): string[] {
  return [...new Set(node.variants.flatMap(v => v.products))].map(productName).sort();
}

function outOfRange(name: string, segment: number, n: number, range: IndexRange, product: string | undefined): RuleProblem {
  const where = product ? ` on ${productName(product)}` : '';
  return {
    code: XcliCode.IndexOutOfRange, severity: 'error', target: { on: 'segment', segment },
    message: `index ${n} of '${name}' is outside ${formatRange(range)}${where}`,
    suggestions: [String(nearestIn(n, range))],
    data: { min: range.min, max: range.max, product },
  };
}

function united(variants: readonly NodeVariant[]): NodeVariant | undefined {
  return variants.length ? unionVariant(variants) : undefined;
}

function takesNoIndex(name: string, segment: number): RuleProblem {
  return { code: XcliCode.InvalidIndex, severity: 'error', target: { on: 'segment', segment }, message: `'${name}' takes no index` };
}

/**
 * The variant a use of `node` with these indexes gets on `product`, and the problems on the way. Where several
 * variants remain (no product known, or one product's per-instance variants with no index written) it is their
 * union (variantUnion.ts): an error must mean that the device refuses the use, whichever of them it is. The
 * variant is undefined only when the node has none at all; after an index problem it is the union of the
 * applicable ones, so that parameters and values are still checked.
 */
export function chooseVariant(node: SchemaNode, indexes: WrittenIndexes, product: string | undefined): { variant?: NodeVariant; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  let candidates = variantsFor(node, product);
  let onProduct = product;
  if (candidates.length === 0) {
    const where = availability(node);
    const list = where.length > 6 ? `${where.slice(0, 6).join(', ')} and ${where.length - 6} more` : where.join(', ');
    problems.push({
      code: XcliCode.NotOnProduct, severity: 'warning', target: { on: 'path' },
      message: `${node.kind} ${node.normPath} is not available on ${productName(product!)}${list ? ` (only on ${list})` : ''}`,
      data: { product, products: where },
    });
    candidates = [...node.variants];
    onProduct = undefined;
  }
  for (let i = 0; i < node.names.length; i++) {
    const n = indexes[i];
    if (n === undefined) continue;
    let union: IndexRange | undefined;
    for (const v of node.variants) union = unionRange(union, v.path[i]?.index);
    if (!union) {
      problems.push(takesNoIndex(node.names[i]!, i));
      continue;
    }
    const fit = candidates.filter(v => { const r = v.path[i]?.index; return !r || inRange(n, r); });
    if (fit.length === 0) {
      let range: IndexRange | undefined;
      for (const v of candidates) range = unionRange(range, v.path[i]?.index);
      problems.push(outOfRange(node.names[i]!, i, n, range ?? union, onProduct));
      return { variant: united(candidates), problems };
    }
    candidates = fit;
  }
  return { variant: united(candidates), problems };
}

/**
 * Indexes on a path that stops at a branch (`xStatus Video Input Connector[9]`): no variant to choose,
 * so each index is checked against the widest range any node below gives it (the trie entry's).
 */
export function checkBranchIndexes(entries: readonly TrieEntry[], indexes: WrittenIndexes): RuleProblem[] {
  const problems: RuleProblem[] = [];
  entries.forEach((e, i) => {
    const n = indexes[i];
    if (n === undefined) return;
    if (!e.index) problems.push(takesNoIndex(e.name, i));
    else if (!inRange(n, e.index)) problems.push(outOfRange(e.name, i, n, e.index, undefined));
  });
  return problems;
}
