/**
 * Writes the interfaces of the four trees. Each path level becomes a proxy interface (what
 * `xapi.Status.Audio` is) and, for Configuration/Status/Event, a value interface (what
 * `xapi.Status.Audio.get()` resolves to, or what an event listener receives).
 */
import { IndexRange, NodeKind } from '../model';
import { productName } from '../products';
import { Effective, EffectiveField } from './merge';
import { propertyKey, jsdoc, TypeNames } from './text';
import { TypingsNode, sortedChildren } from './tree';
import { arrayOf, paramType, valueDoc, valueType } from './valueTypes';

/** The proxy shapes of xapi/typed.ts the output refers to. */
export type ProxyShape = 'Branch' | 'CallOptions' | 'CommandResult' | 'ConfigLeaf' | 'EventLeaf' | 'ListOf' | 'StatusLeaf';

/** Index ranges up to this many ids become a union of literal ids (`Connector[6]` is then an error). */
const MAX_LITERAL_IDS = 64;

export const ROOT_NAMES: Readonly<Record<NodeKind, string>> = {
  Command: 'CommandTree',
  Configuration: 'ConfigurationTree',
  Status: 'StatusTree',
  Event: 'EventTree',
};

const I = '  ';

/** Availability notes are written only when the list is short enough to read in a hover. */
const MAX_PRODUCTS_LISTED = 8;

function productNote(leaf: Effective, allProducts: readonly string[]): string | undefined {
  if (!leaf.products || allProducts.length === 0) return undefined;
  const on = new Set(leaf.products);
  const missing = allProducts.filter(p => !on.has(p));
  if (missing.length === 0) return undefined;
  const names = (codes: readonly string[]) => codes.map(productName).join(', ');
  if (leaf.products.length <= MAX_PRODUCTS_LISTED) return `Only on: ${names(leaf.products)}.`;
  if (missing.length <= MAX_PRODUCTS_LISTED) return `Not on: ${names(missing)}.`;
  return `On ${leaf.products.length} of ${allProducts.length} products.`;
}

function indexArg(index: IndexRange): string {
  if (index.max === undefined || index.max < index.min || index.max - index.min >= MAX_LITERAL_IDS) return '';
  const ids: number[] = [];
  for (let i = index.min; i <= index.max; i++) ids.push(i);
  return `, ${ids.join(' | ')}`;
}

export class Emitter {
  /** Interface texts in output order; a parent reserves its slot before its children are written. */
  private readonly blocks: string[] = [];
  readonly used = new Set<ProxyShape>();

  /**
   * @param allProducts every product of the schema when variants are merged (to note what a node is
   *   not available on); empty when typing for one product.
   */
  constructor(private readonly names: TypeNames, private readonly allProducts: readonly string[] = []) {}

  private nodeDoc(leaf: Effective | undefined, extra: readonly string[] = []): string[] {
    if (!leaf) return [...extra];
    const lines: string[] = [];
    if (leaf.description) lines.push(leaf.description);
    lines.push(...extra, ...valueDoc(leaf.spaces));
    if (leaf.default !== undefined) lines.push(`@default ${leaf.default}`);
    if (leaf.backend !== 'any') lines.push(`Only on devices registered ${leaf.backend === 'onprem' ? 'on-premises' : 'to the cloud'}.`);
    const note = productNote(leaf, this.allProducts);
    if (note) lines.push(note);
    return lines;
  }

  text(): string {
    return this.blocks.join('\n');
  }

  private slot(): number {
    this.blocks.push('');
    return this.blocks.length - 1;
  }

  private iface(slot: number, name: string, doc: string[], members: string[], base?: string): void {
    const head = `${jsdoc(doc, '')}export interface ${name}${base ? ` extends ${base}` : ''} {`;
    this.blocks[slot] = members.length ? `${head}\n${members.join('')}}\n` : `${head}}\n`;
  }

  // ---- Command ----

  command(node: TypingsNode, name: string): void {
    const slot = this.slot();
    const members: string[] = [];
    if (node.leaf) members.push(this.commandMember(node, '', node.leaf));
    for (const child of sortedChildren(node)) {
      if (child.leaf && child.children.size === 0) {
        members.push(this.commandMember(child, propertyKey(child.name), child.leaf));
      } else {
        const childName = this.names.take(['Command', ...child.names]);
        members.push(`${jsdoc(this.nodeDoc(child.leaf), I)}${I}readonly ${propertyKey(child.name)}: ${childName};\n`);
        this.command(child, childName);
      }
    }
    this.iface(slot, name, [], members);
  }

  /** `Dial(args: CommandDialArgs, opts?: CallOptions): Promise<CommandResult>;` (or a call signature when `key` is ''). */
  private commandMember(node: TypingsNode, key: string, leaf: Effective): string {
    this.used.add('CommandResult');
    this.used.add('CallOptions');
    let argsType = 'Record<string, never>';
    if (leaf.params.length) {
      argsType = this.names.take(['Command', ...node.names], 'Args');
      this.commandArgs(argsType, leaf);
    }
    const required = leaf.params.some(p => p.required);
    // The per-call options the proxy takes last at run time (xapi/proxy.ts).
    const sig = `${leaf.multiline ? `args: ${argsType}, body: string` : required ? `args: ${argsType}` : `args?: ${argsType}`}, opts?: CallOptions`;
    const extra = leaf.multiline ? ['@param body The multiline body (for example a macro, a panel XML, a certificate).'] : [];
    return `${jsdoc(this.nodeDoc(leaf, extra), I)}${I}${key}(${sig}): Promise<CommandResult>;\n`;
  }

  private commandArgs(name: string, leaf: Effective): void {
    const slot = this.slot();
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const params = [...leaf.params.filter(p => p.required).sort(byName), ...leaf.params.filter(p => !p.required).sort(byName)];
    const members = params.map(p => {
      const doc = [...(p.description ? [p.description] : []), ...valueDoc(p.spaces), ...(p.default !== undefined ? [`@default ${p.default}`] : [])];
      return `${jsdoc(doc, I)}${I}${propertyKey(p.name)}${p.required ? '' : '?'}: ${paramType(p.spaces)};\n`;
    });
    this.iface(slot, name, [], members);
  }

  // ---- Configuration and Status ----

  /** One level of the Configuration or Status tree: proxy interface `name`, value interface `valueName`. */
  valueTree(kind: 'Configuration' | 'Status', node: TypingsNode, name: string, valueName: string, isItem: boolean): void {
    const leafShape: ProxyShape = kind === 'Configuration' ? 'ConfigLeaf' : 'StatusLeaf';
    const proxySlot = this.slot();
    const valueSlot = this.slot();
    const proxy: string[] = [];
    // Values carry no JSDoc: the proxy members document the same nodes, and it would double the output.
    const value: string[] = isItem ? [`${I}id: number;\n`] : [];
    for (const child of sortedChildren(node)) {
      const key = propertyKey(child.name);
      const doc = jsdoc(this.nodeDoc(child.leaf), I);
      if (child.leaf && child.children.size === 0) {
        this.used.add(leafShape);
        const t = valueType(child.leaf.spaces);
        if (child.index) {
          this.used.add('ListOf');
          proxy.push(`${doc}${I}readonly ${key}: ListOf<${leafShape}<${t}>, ${t}${indexArg(child.index)}>;\n`);
          value.push(`${I}${key}?: ${arrayOf(t)};\n`);
        } else {
          proxy.push(`${doc}${I}readonly ${key}: ${leafShape}<${t}>;\n`);
          value.push(`${I}${key}?: ${t};\n`);
        }
      } else {
        const childName = this.names.take([kind, ...child.names]);
        const childValue = this.names.take([kind, ...child.names], 'Value');
        this.valueTree(kind, child, childName, childValue, child.index !== undefined);
        if (child.index) {
          this.used.add('ListOf');
          proxy.push(`${doc}${I}readonly ${key}: ListOf<${childName}, ${childValue}${indexArg(child.index)}>;\n`);
          value.push(`${I}${key}?: ${childValue}[];\n`);
        } else {
          proxy.push(`${doc}${I}readonly ${key}: ${childName};\n`);
          value.push(`${I}${key}?: ${childValue};\n`);
        }
      }
    }
    this.used.add('Branch');
    this.iface(proxySlot, name, [], proxy, `Branch<${valueName}>`);
    this.iface(valueSlot, valueName, [], value);
  }

  // ---- Event ----

  /**
   * One level of the Event tree: listenable `name` (with a member per field and per child event)
   * and its payload interface `payloadName` — omitted for a bare-value event
   * (`Standby SecondsToStandby: 30`), whose listener gets the number itself.
   */
  event(node: TypingsNode, name: string, payloadName: string | undefined): void {
    this.used.add('EventLeaf');
    const proxySlot = this.slot();
    const bare = node.leaf?.bare;
    if (bare || payloadName === undefined) {
      this.iface(proxySlot, name, [], this.eventChildren(node, new Set(), null), `EventLeaf<${valueType(bare ?? [], 'number')}>`);
      return;
    }
    const payloadSlot = this.slot();
    const proxy: string[] = [];
    const payload: string[] = [];
    const taken = new Set<string>();
    for (const f of sortFields(node.leaf?.fields ?? [])) {
      taken.add(f.name.toLowerCase());
      this.field(f, node.names, proxy, payload);
    }
    proxy.push(...this.eventChildren(node, taken, payload));
    this.iface(proxySlot, name, [], proxy, `EventLeaf<${payloadName}>`);
    this.iface(payloadSlot, payloadName, [], payload);
  }

  private eventChildren(node: TypingsNode, taken: Set<string>, payload: string[] | null): string[] {
    const proxy: string[] = [];
    for (const child of sortedChildren(node)) {
      if (taken.has(child.name.toLowerCase())) continue;
      const key = propertyKey(child.name);
      const bare = child.leaf?.bare;
      const childName = this.names.take(['Event', ...child.names]);
      const childPayload = bare ? undefined : this.names.take(['Event', ...child.names], 'Payload');
      this.event(child, childName, childPayload);
      proxy.push(`${jsdoc(this.nodeDoc(child.leaf), I)}${I}readonly ${key}: ${childName};\n`);
      payload?.push(`${I}${key}?: ${childPayload ?? valueType(bare ?? [], 'number')};\n`);
    }
    return proxy;
  }

  /**
   * A payload field: a scalar, a nested object (its own payload interface, and a listenable one
   * when `proxy` is given), or a list of either.
   */
  private field(f: EffectiveField, at: readonly string[], proxy: string[] | null, payload: string[]): void {
    const key = propertyKey(f.name);
    const opt = f.required ? '' : '?';
    const doc = jsdoc(valueDoc(f.spaces), I);
    if (!f.children.length) {
      const t = valueType(f.spaces);
      const full = f.multiple ? arrayOf(t) : t;
      payload.push(`${doc}${I}${key}${opt}: ${full};\n`);
      proxy?.push(`${doc}${I}readonly ${key}: EventLeaf<${full}>;\n`);
      return;
    }
    const names = [...at, f.name];
    // Lists of objects are listened to as a whole: no listenable per item field.
    const proxyName = proxy && !f.multiple ? this.names.take(['Event', ...names]) : undefined;
    const payloadName = this.names.take(['Event', ...names], 'Payload');
    const proxySlot = proxyName ? this.slot() : -1;
    const payloadSlot = this.slot();
    const innerProxy: string[] | null = proxyName ? [] : null;
    const innerPayload: string[] = [];
    for (const c of sortFields(f.children)) this.field(c, names, innerProxy, innerPayload);
    if (proxyName) this.iface(proxySlot, proxyName, [], innerProxy!, `EventLeaf<${payloadName}>`);
    this.iface(payloadSlot, payloadName, [], innerPayload);
    payload.push(`${I}${key}${opt}: ${f.multiple ? `${payloadName}[]` : payloadName};\n`);
    if (proxy) proxy.push(`${I}readonly ${key}: ${proxyName ?? `EventLeaf<${payloadName}[]>`};\n`);
  }
}

function sortFields(fields: readonly EffectiveField[]): EffectiveField[] {
  return [...fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
