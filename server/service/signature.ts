/** Signature help for commands, shared by macros (`{ Level: … }`) and `.xapi` (`Level: …`). */
import type { NodeVariant, SchemaNode } from '../../schema/model';
import { paramMarkdown, shortDescription, valueSpaceSummary } from './schemaText';
import type { SignatureHelp } from './types';

export function commandSignature(node: SchemaNode, v: NodeVariant, style: 'js' | 'xcli', given: ReadonlySet<string>, activeName?: string): SignatureHelp {
  const params = [...(v.params ?? [])].sort((a, b) => Number(b.required) - Number(a.required));
  let label = style === 'js' ? `${node.normPath}({ ` : `xCommand ${node.normPath} `;
  const parameters: SignatureHelp['signatures'][0]['parameters'] = [];
  params.forEach((p, i) => {
    const part = style === 'js'
      ? `${p.name}${p.required ? '' : '?'}: ${valueSpaceSummary(p.valueSpace)}`
      : p.required ? `${p.name}: ${valueSpaceSummary(p.valueSpace)}` : `[${p.name}: ${valueSpaceSummary(p.valueSpace)}]`;
    if (i > 0) label += style === 'js' ? ', ' : ' ';
    parameters.push({ label: [label.length, label.length + part.length], documentation: { kind: 'markdown', value: paramMarkdown('Command', node, p) } });
    label += part;
  });
  label += style === 'js' ? (params.length ? ' })' : '})') : '';
  const typed = activeName?.toLowerCase();
  let active = typed ? params.findIndex(p => p.name.toLowerCase() === typed) : -1;
  if (active < 0 && typed) active = params.findIndex(p => p.name.toLowerCase().startsWith(typed));
  if (active < 0) active = params.findIndex(p => p.required && !given.has(p.name.toLowerCase()));
  if (active < 0) active = params.findIndex(p => !given.has(p.name.toLowerCase()));
  const doc = shortDescription(v.description, 200);
  return {
    signatures: [{ label, documentation: doc ? { kind: 'markdown', value: doc } : undefined, parameters }],
    activeSignature: 0,
    activeParameter: Math.max(0, active),
  };
}
