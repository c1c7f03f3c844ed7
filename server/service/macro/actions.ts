/** Refactorings between the two call styles, and signature help for command calls. */
import { describedVariant } from '../../../schema/variants';
import ts from 'typescript';
import { KIND_API_WORD, KIND_PROXY_WORD } from '../../../schema/kinds';
import type { CodeAction, Range, SignatureHelp } from '../types';
import { commandSignature } from '../signature';
import { XapiUse } from './analyze';
import { inArgs, MacroContext, propName, useAt } from './context';

function isIdentifierName(s: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(s);
}

/** The path in the schema's spelling where it is known, as typed otherwise. */
function spelled(ctx: MacroContext, u: XapiUse): string[] {
  const names = u.segs.map(s => s.name);
  const e = ctx.index.entry(u.kind, names);
  return e ? [...e.names] : names;
}

function argsText(ctx: MacroContext, call: ts.CallExpression, from: number): string {
  return call.arguments.slice(from).map(a => ctx.a.sf.text.slice(a.getStart(ctx.a.sf), a.end)).join(', ');
}

/** `xapi.Status.Audio.Volume.get()` ⇄ `xapi.status.get('Audio Volume')`, and the same for commands, configs, events. */
export function convertStyleAction(ctx: MacroContext, range: Range): CodeAction | undefined {
  const u = useAt(ctx.a, ctx.lines.offsetAt(range.start));
  if (!u || !u.call || !u.method || u.partial || !u.segs.length || u.segs.some(s => s.name === '')) return undefined;
  const names = spelled(ctx, u);
  const { call } = u;
  let text: string;
  if (u.style === 'proxy') {
    const path = names.map((n, i) => (u.segs[i].index !== undefined && !Number.isNaN(u.segs[i].index) ? `${n} ${u.segs[i].index}` : n)).join(' ');
    const rest = argsText(ctx, call, 0);
    const args = `'${path}'${rest ? `, ${rest}` : ''}`;
    text = u.kind === 'Command' ? `${u.root}.${KIND_API_WORD.Command}(${args})` : `${u.root}.${KIND_API_WORD[u.kind]}.${u.method}(${args})`;
  } else {
    if (!names.every(isIdentifierName)) return undefined;
    const chain = names.map((n, i) => (u.segs[i].index !== undefined ? `${n}[${u.segs[i].index}]` : n)).join('.');
    const rest = argsText(ctx, call, 1);
    // A command proxy is called itself (`xapi.Command.Dial({…})`); the others through a method (`.get()`).
    text = `${u.root}.${KIND_PROXY_WORD[u.kind]}.${chain}${u.kind === 'Command' ? '' : `.${u.method}`}(${rest})`;
  }
  const edit = { range: ctx.lines.range(u.start, u.end), newText: text };
  return {
    title: u.style === 'proxy' ? 'Convert to string-path call' : 'Convert to proxy call',
    kind: 'refactor.rewrite',
    edit: { changes: { [ctx.uri]: [edit] } },
  };
}

export function macroSignature(ctx: MacroContext, offset: number): SignatureHelp | null {
  const { a, index, product } = ctx;
  let best: XapiUse | undefined;
  for (const u of a.uses) {
    if (u.kind !== 'Command' || !u.call || !inArgs(u.call, offset)) continue;
    if (u.style === 'string' && (!u.call.arguments[0] || offset <= u.call.arguments[0].end)) continue;
    if (!best || u.end - u.start < best.end - best.start) best = u;
  }
  if (!best) return null;
  const node = index.lookup('Command', best.segs.map(s => s.name));
  const v = node && describedVariant(node, product);
  if (!node || !v) return null;
  const given = new Set<string>();
  let active: string | undefined;
  for (const p of best.params?.properties ?? []) {
    const n = propName(a.sf, p);
    if (!n) continue;
    given.add(n.text.toLowerCase());
    // The property being typed: the last one starting before the cursor with no comma after it.
    if (offset >= p.getStart(a.sf) && !a.sf.text.slice(p.end, offset).includes(',')) active = n.text;
  }
  return commandSignature(node, v, 'js', given, active);
}
