/**
 * The live Configuration tree: each leaf shows its value, the default, and a mark when they differ; editable in
 * place through the value-space pickers. A node is marked read-only when the profile's roles (or a refusal by the
 * device) say this user cannot write it: the device does not tell a client its roles. On a Webex cloud device, a
 * value an organisation or location rule enforces is read-only from the start, with the rule's reason.
 */
import * as vscode from 'vscode';
import { formatValueSpace } from '../../../schema/describe';
import { acceptedValue } from '../../../schema/valueCheck';
import { PermissionDeniedError, type CloudXapi } from '../../../xapi';
import { parseDottedKey } from '../../../xapi/cloud/cloudPaths';
import { leafText } from './format';
import { LiveTree, type LiveNode, type LiveTreeHost } from './liveTree';

export interface ConfigTreeHost extends LiveTreeHost {
  /** The user's roles when known (a profile's `roles`, every role on the simulated device). */
  userRoles(): readonly string[] | undefined;
}

export class ConfigTree extends LiveTree {
  /** Paths the device refused to write for this user, this session. */
  private readonly refused = new Set<string>();
  /** On a cloud device: paths a rule enforces, with the rule's reason. */
  private enforced = new Map<string, string>();

  constructor(private readonly configHost: ConfigTreeHost, store: vscode.Memento) {
    super('Configuration', configHost, store);
  }

  override sessionChanged(xapi: Parameters<LiveTree['sessionChanged']>[0]): void {
    if (xapi !== undefined) this.refused.clear();
    this.enforced = new Map();
    super.sessionChanged(xapi);
    if (xapi?.via === 'webex') void this.readRules(xapi as CloudXapi);
  }

  /** What the cloud's rules hold on this device: marked read-only before anyone tries to write them. */
  private async readRules(xapi: CloudXapi): Promise<void> {
    try {
      const rules = await xapi.enforcedConfigurations();
      if (this.host.xapi !== xapi) return;
      this.enforced = new Map([...rules].flatMap(([key, rule]) => {
        const path = parseDottedKey(key);
        return path ? [[this.key(path), rule.reason] as const] : [];
      }));
      this.fire(undefined);
    } catch (e) {
      this.host.log.warn(`The configuration rules of the cloud device could not be read: ${(e as Error).message}`);
    }
  }

  /** The rule's reason when an organisation or location rule enforces this node (cloud devices). */
  enforcedBy(node: LiveNode): string | undefined {
    return this.enforced.get(this.key(node.path));
  }

  /** The default as the schema gives it for this instance (`[1]: Off; [2]: On` picks the index's). */
  defaultOf(node: LiveNode): string | undefined {
    const v = this.variantOf(node);
    if (v?.default === undefined) return undefined;
    const perIndex = /\[\d+\]:/.test(v.default) ? new Map([...v.default.matchAll(/\[(\d+)\]:\s*([^;]*);?/g)].map(m => [Number(m[1]), m[2].trim()])) : undefined;
    if (!perIndex) return v.default;
    const index = [...node.path].reverse().find((s): s is number => typeof s === 'number');
    return index === undefined ? undefined : perIndex.get(index);
  }

  /** Whether the value differs from the default, compared as the value space reads both. */
  differsFromDefault(node: LiveNode, value: unknown): boolean {
    const def = this.defaultOf(node);
    const vs = this.variantOf(node)?.valueSpace;
    if (def === undefined || value === undefined || !vs) return false;
    const a = acceptedValue(vs, def);
    const b = typeof value === 'string' || typeof value === 'number' ? acceptedValue(vs, value) : undefined;
    return (a ?? def) !== (b ?? value);
  }

  isReadOnly(node: LiveNode): boolean {
    if (this.refused.has(this.key(node.path)) || this.enforced.has(this.key(node.path))) return true;
    const writers = this.variantOf(node)?.writeRoles ?? [];
    const roles = this.configHost.userRoles();
    return roles !== undefined && writers.length > 0 && !writers.some(r => roles.includes(r));
  }

  markRefused(node: LiveNode): void {
    this.refused.add(this.key(node.path));
    this.fire([node]);
  }

  protected describeLeaf(item: vscode.TreeItem, node: LiveNode, value: unknown): void {
    const def = this.defaultOf(node);
    const differs = this.differsFromDefault(node, value);
    const rule = this.enforcedBy(node);
    const lock = rule ? `  (enforced by a rule: ${rule})` : this.isReadOnly(node) ? '  (read-only)' : '';
    item.description = `${leafText(value)}${differs ? `  ● default ${leafText(def)}` : ''}${lock}`;
    item.iconPath = new vscode.ThemeIcon(this.isReadOnly(node) ? 'lock' : differs ? 'circle-filled' : 'circle-outline');
  }

  protected override contextValue(node: LiveNode): string {
    const base = super.contextValue(node);
    return node.kind === 'leaf' ? `${base}.${this.isReadOnly(node) ? 'readonly' : 'editable'}` : base;
  }

  protected override tooltip(node: LiveNode): vscode.MarkdownString | undefined {
    const md = super.tooltip(node);
    const v = this.variantOf(node);
    if (md && v?.valueSpace && node.kind === 'leaf') {
      md.appendMarkdown(`\n\n${formatValueSpace(v.valueSpace)}${this.defaultOf(node) !== undefined ? ` — default \`${this.defaultOf(node)}\`` : ''}`);
      if (v.writeRoles.length) md.appendMarkdown(`\n\nWritable by: ${v.writeRoles.join(', ')}`);
    }
    const rule = this.enforcedBy(node);
    if (md && rule) md.appendMarkdown(`\n\nEnforced by an organisation or location rule (\`${rule}\`): it cannot be changed on this device; change the rule in Control Hub.`);
    return md;
  }

  /** Sets a value on the device; the device's refusal for this user's role marks the node read-only. */
  async set(node: LiveNode, value: string | number): Promise<void> {
    try {
      await this.host.xapi!.config.set(this.rooted(node.path), value);
    } catch (e) {
      if (e instanceof PermissionDeniedError) this.markRefused(node);
      throw e;
    }
    // Feedback brings the new value when the node is live; a read makes it show either way.
    await this.refresh(node);
  }
}
