/**
 * Schema facts turned into the words editors show: hover and completion documentation,
 * one-line value-space summaries, documentation links, value checks and "did you mean".
 * Shared by the `.xapi` and the macro front ends so both say the same thing.
 */
import { describedVariant } from '../../schema/variants';
import type { CommandParam, NodeKind, NodeVariant, SchemaNode, ValueSpace } from '../../schema/model';
import type { SchemaIndex, TrieEntry } from '../../schema/schemaIndex';
import { productName } from '../../schema/products';
import { didYouMean as sharedDidYouMean } from '../../schema/xcli/didYouMean';

import { KIND_KEYWORD } from '../../schema/kinds';

export { KIND_KEYWORD };

/** The node's page on roomos.cisco.com (the site spells paths with dots and no indexes). */
export function docLink(kind: NodeKind, names: readonly string[]): string {
  return `https://roomos.cisco.com/xapi/${kind}.${names.join('.')}/`;
}

/** One line: `0..100`, `On | Off`, `string 0..255`. */
export function valueSpaceSummary(vs: ValueSpace | undefined): string {
  if (!vs) return '';
  let s: string;
  switch (vs.type) {
    case 'Integer':
      s = vs.min !== undefined || vs.max !== undefined ? `${vs.min ?? ''}..${vs.max ?? ''}` : 'integer';
      break;
    case 'Literal': {
      const shown = vs.values.slice(0, 6).map(v => v.value).join(' | ');
      s = vs.values.length > 6 ? `${shown} | …` : shown;
      break;
    }
    case 'String':
      s = vs.minLength !== undefined || vs.maxLength !== undefined ? `string ${vs.minLength ?? 0}..${vs.maxLength ?? ''}` : 'string';
      break;
    default:
      s = vs.raw;
  }
  return vs.multiple !== undefined ? `${s} (up to ${vs.multiple}×)` : s;
}

function valueSpaceMarkdown(vs: ValueSpace): string {
  const many = vs.multiple !== undefined ? `, may be given up to ${vs.multiple} times` : '';
  switch (vs.type) {
    case 'Integer': {
      const range = vs.min !== undefined || vs.max !== undefined ? ` ${vs.min ?? '−∞'} to ${vs.max ?? '∞'}` : '';
      return `Integer${range}${many}`;
    }
    case 'String': {
      const len = vs.minLength !== undefined || vs.maxLength !== undefined
        ? `, length ${vs.minLength ?? 0} to ${vs.maxLength ?? '∞'}` : '';
      return `String${len}${many}`;
    }
    case 'Literal':
      return `One of${many}:\n` + vs.values.map(v => `- \`${v.value}\`${v.description ? ` — ${v.description}` : ''}`).join('\n');
    default:
      return `${vs.raw}${many}`;
  }
}

/** First sentence, short enough for a completion item's detail. */
export function shortDescription(text: string | undefined, max = 70): string {
  if (!text) return '';
  const first = /^(.*?[.!?])(\s|$)/s.exec(text)?.[1] ?? text;
  const one = first.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function productsLine(variants: readonly NodeVariant[]): string | undefined {
  if (variants.some(v => v.products.length === 0)) return undefined;
  const names = new Set<string>();
  for (const v of variants) for (const p of v.products) names.add(productName(p));
  return [...names].sort().join(', ');
}

/** "not on Room Kit" / "only on 3 products" for completion details; undefined when nothing to say. */
export function productNote(index: SchemaIndex, node: SchemaNode | undefined, product: string | undefined): string | undefined {
  if (!node) return undefined;
  if (product && !index.hasProduct(node, product)) return `not on ${productName(product)}`;
  if (node.variants.some(v => v.products.length === 0)) return undefined;
  const all = new Set<string>();
  for (const v of node.variants) for (const p of v.products) all.add(p);
  return all.size <= 3 ? `only ${[...all].map(productName).join(', ')}` : undefined;
}

export function isPreview(v: NodeVariant | undefined): boolean {
  return !!v && v.access !== 'public-api';
}

function paramLine(p: CommandParam): string {
  const vs = valueSpaceSummary(p.valueSpace);
  const def = p.default !== undefined && p.default !== '' ? ` (default ${p.default})` : '';
  return `- \`${p.name}\`${p.required ? ' **required**' : ''}: ${vs}${def}${p.description ? ` — ${p.description}` : ''}`;
}

export function paramMarkdown(kind: NodeKind, node: SchemaNode, p: CommandParam): string {
  return [
    `**${p.name}**${p.required ? ' (required)' : ' (optional)'} — parameter of \`${KIND_KEYWORD[kind]} ${node.normPath}\``,
    p.description ?? '',
    valueSpaceMarkdown(p.valueSpace),
    p.default !== undefined && p.default !== '' ? `Default: \`${p.default}\`` : '',
  ].filter(Boolean).join('\n\n');
}

export function literalMarkdown(vs: ValueSpace | undefined, value: string): string {
  if (vs?.type !== 'Literal') return `\`${value}\``;
  const lit = vs.values.find(v => v.value === value);
  return lit?.description ? `\`${value}\` — ${lit.description}` : `\`${value}\``;
}

/** The full documentation of a node: hover and resolved completion items. */
export function nodeMarkdown(index: SchemaIndex, node: SchemaNode, product?: string): string {
  const v = describedVariant(node, product);
  const parts: string[] = [];
  const indexed = v.path.map(s => (s.index ? `${s.name}[${s.index.min}..${s.index.max ?? 'n'}]` : s.name)).join(' ');
  parts.push(`**${KIND_KEYWORD[node.kind]} ${indexed}**${isPreview(v) ? ' _(preview)_' : ''}${v.backend !== 'any' ? ` _(${v.backend} only)_` : ''}`);
  if (v.description) parts.push(v.description);
  if (v.params?.length) {
    const sorted = [...v.params].sort((a, b) => Number(b.required) - Number(a.required));
    parts.push(`Parameters:\n${sorted.map(paramLine).join('\n')}`);
  }
  if (v.multiline) parts.push('Takes a multiline body, ended by a line with a single `.`.');
  if (v.valueSpace) parts.push(`Value: ${valueSpaceMarkdown(v.valueSpace)}`);
  if (v.bareValue) parts.push(`Value: ${valueSpaceMarkdown(v.bareValue)}`);
  if (v.fields?.length) parts.push(`Fields: ${v.fields.map(f => `\`${f.name}\``).join(', ')}`);
  if (v.default !== undefined && v.default !== '') parts.push(`Default: \`${v.default}\``);
  const roles = node.kind === 'Status' || node.kind === 'Event' ? v.readRoles : v.writeRoles;
  if (roles.length) parts.push(`Roles: ${roles.join(', ')}`);
  const products = productsLine(node.variants);
  if (products) parts.push(`Products: ${products}`);
  if (product && !index.hasProduct(node, product)) parts.push(`⚠ Not available on ${productName(product)}.`);
  if (node.variants.length > 1) parts.push(`_${node.variants.length} variants across products; showing ${product ? productName(product) : 'the first'}._`);
  // A cloud device's schema is pieced together (schema/load/cloud.ts): say where this node came from.
  const source = v.extra?.schemaSource;
  if (typeof source === 'string') parts.push(`_From ${source}._`);
  parts.push(`[Open on roomos.cisco.com](${docLink(node.kind, node.names)})`);
  return parts.join('\n\n');
}

export function branchMarkdown(index: SchemaIndex, entry: TrieEntry, product?: string): string {
  if (entry.node) return nodeMarkdown(index, entry.node, product);
  const kids = index.children(entry.kind, entry.names, product);
  const range = entry.index ? ` — indexed ${entry.index.min}..${entry.index.max ?? 'n'}` : '';
  return `**${KIND_KEYWORD[entry.kind]} ${entry.names.join(' ')}**${range}\n\n${kids.length} entries: ${kids.slice(0, 12).map(k => `\`${k.name}\``).join(', ')}${kids.length > 12 ? ', …' : ''}`;
}

/** Close spellings of `name` among `candidates`, best first (the shared xCLI helper). */
export function didYouMean(name: string, candidates: readonly string[], max = 3): string[] {
  return sharedDidYouMean(name, candidates, { max });
}

/** A value that fits the value space, for "add missing parameters" (first literal, minimum, empty text). */
export function placeholder(vs: ValueSpace, quote = "'"): string {
  switch (vs.type) {
    case 'Literal': return vs.values[0] ? `${quote}${vs.values[0].value}${quote}` : `${quote}${quote}`;
    case 'Integer': return String(vs.min ?? 0);
    default: return `${quote}${quote}`;
  }
}
