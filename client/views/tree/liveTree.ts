/**
 * A live tree of one xAPI root (Status or Configuration) over the session: the roots are the schema's domains;
 * expanding a node reads its subtree (xGet) and subscribes to it with one feedback subscription (none when an
 * expanded ancestor's already covers it); collapsing unsubscribes. Feedback goes into the Mirror, and the
 * Coalescer turns it into at most a few partial refreshes per second, of the changed nodes only. Subscriptions
 * are held only while the view is visible: hiding it ends them (a device's subscription slots are few, and a
 * hidden tree needs no feedback); showing it again subscribes what is expanded or watched and reads it afresh.
 *
 * The subscription limit (a real device accepts only so many feedback subscriptions per connection): when the
 * device refuses one, the node (or watched leaf) says so ("not live … refresh to read") and is not polled on a
 * timer, which would spend the device's capacity on every expanded node all day. Refresh on that node reads that
 * node's subtree alone (one xGet, nothing else in the tree is read again) and asks for its subscription again, so
 * it turns live as soon as a slot is free (another node collapsed). Collapsing the node drops the mark.
 *
 * Here: the tree as VS Code asks for it (nodes, items, expansion, visibility). Beside it, each with one job and
 * tested in plain Node: the subscriptions (treeSubscriptions.ts: which paths are live, which the limit refused),
 * the reads (subtreeReads.ts: which subtrees are read, being read, or failed), the Mirror (mirror.ts: the values
 * read and fed back), the Coalescer (coalescer.ts: when to refresh), the filter (treeFilter.ts: which paths show)
 * and the watch list (watchList.ts: which paths are pinned, kept in workspace state).
 */
import * as vscode from 'vscode';
import type { StateKind } from '../../../schema/kinds';
import type { NodeVariant } from '../../../schema/model';
import type { SchemaIndex, TrieEntry } from '../../../schema/schemaIndex';
import { variantAt } from '../../../schema/variants';
import { SubscriptionLimitError, type Xapi } from '../../../xapi';
import { MIN_POLL_SECONDS } from '../../../xapi/cloud/webexApi';
import type { PathSegment } from '../../../xapi/protocol';
import { macroCode, xcliPath } from '../../xcliText';
import { TreeFilter } from './treeFilter';
import { WatchList } from './watchList';
import { Coalescer, TREE_REFRESH_INTERVAL_MS } from './coalescer';
import { Mirror, pathKey } from './mirror';
import { SubtreeReads } from './subtreeReads';
import { TreeSubscriptions, watchedKey, type SubscriptionState } from './treeSubscriptions';

/** The kinds with a state tree to show. */
export type TreeRoot = StateKind;

export type LiveNodeKind = 'branch' | 'list' | 'item' | 'leaf' | 'watched' | 'notice';

export interface LiveNode {
  /** Which tree the node is in (commands on a node find their tree by it). */
  readonly root: TreeRoot;
  /** Unique in the tree: the rooted path's key, `w:` first for the copy under Watched. */
  readonly id: string;
  readonly kind: LiveNodeKind;
  /** The path below the root: `['Call', 2, 'Status']`. */
  readonly path: readonly PathSegment[];
  readonly label: string;
  /** The schema's entry for this path, when the schema has one. */
  readonly entry?: TrieEntry;
  /** Shown under the Watched section. */
  readonly pinned?: boolean;
}

export interface LiveTreeStats {
  /** onDidChangeTreeData events fired, and the nodes they named (a whole-tree refresh counts as one node). */
  refreshes: number;
  refreshedNodes: number;
  /** Feedback notifications received, and the changes they made. */
  notifications: number;
  changes: number;
  /** Subtree reads (xGet) sent to the device. */
  reads: number;
}

/** What a tree needs from the extension: the live client and the schema in force. */
export interface LiveTreeHost {
  readonly xapi: Xapi | undefined;
  schemaIndex(): SchemaIndex;
  schemaProduct(): string | undefined;
  readonly log: vscode.LogOutputChannel;
}

/** What a node's tooltip says of its own subscription (a device has only so many per connection). */
const LIVE_NOTE: Record<SubscriptionState, string | undefined> = {
  live: 'Live: the device reports its changes (one feedback subscription).',
  pending: 'Subscribing…',
  limited: 'Not live: the device refused a subscription (its limit per connection). Refresh reads it.',
  none: undefined,
};

/** A cloud device sends no changes: what a tree on one says, and how it keeps expanded nodes current instead. */
const CLOUD_MARK = 'cloud: no live updates';
const CLOUD_NOTE = `Read again every ${MIN_POLL_SECONDS} s while expanded and shown: a device on the Webex cloud sends no changes.`;

/** Past this many changed nodes in one flush, one whole-tree refresh is cheaper than naming them all. */
const MAX_PARTIAL = 300;

export abstract class LiveTree implements vscode.TreeDataProvider<LiveNode>, vscode.Disposable {
  protected readonly mirror = new Mirror();
  private readonly changeEmitter = new vscode.EventEmitter<LiveNode | LiveNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly nodes = new Map<string, LiveNode>();
  private readonly expanded = new Set<string>();
  /** One subscription per expanded node not covered by an expanded ancestor; and one per watched path. */
  readonly subscriptions: TreeSubscriptions;
  private readonly reads: SubtreeReads;
  private readonly coalescer = new Coalescer(TREE_REFRESH_INTERVAL_MS, keys => this.flush(keys));
  private readonly filterState = new TreeFilter();
  private readonly watched: WatchList;
  private xapi: Xapi | undefined;
  /** Whether the view shows (no view yet: as if shown, so a tree used without one still works). */
  private visible = true;
  /** On a cloud device: the timer that reads expanded nodes again (no feedback there). */
  private polling: ReturnType<typeof setInterval> | undefined;
  private readonly counts = { refreshes: 0, refreshedNodes: 0, notifications: 0, changes: 0 };
  view: vscode.TreeView<LiveNode> | undefined;

  constructor(readonly root: TreeRoot, protected readonly host: LiveTreeHost, watchedStore: vscode.Memento) {
    this.watched = new WatchList(watchedStore, root, pathKey);
    this.subscriptions = new TreeSubscriptions({
      root,
      feedback: r => this.onFeedback(r),
      markChanged: key => this.fireKey(key),
      refused: (path, e) => this.host.log.warn(e instanceof SubscriptionLimitError
        ? `${this.xcliPath(path)}: ${e.message}; it is read on Refresh instead`
        : `${this.xcliPath(path)}: no live updates: ${e.message}`),
    });
    this.reads = new SubtreeReads({
      root,
      xapi: () => this.xapi,
      mirror: this.mirror,
      subscriptions: this.subscriptions,
      isList: path => this.entryAt(path)?.index !== undefined,
      polled: () => this.onCloud,
    });
  }

  /** What the tree has done since it was made (refreshes fired, feedback taken, reads sent). */
  get stats(): LiveTreeStats {
    return { ...this.counts, reads: this.reads.reads };
  }

  /** Wires the view showing this tree (its data comes from here): expansion and visibility to subscriptions and refreshes. */
  attach(shown: vscode.TreeView<unknown>): vscode.Disposable[] {
    const view = shown as vscode.TreeView<LiveNode>;
    this.view = view;
    if (!view.visible) this.visibilityChanged(false);
    return [
      view.onDidExpandElement(e => this.expand(e.element)),
      view.onDidCollapseElement(e => this.collapse(e.element)),
      view.onDidChangeVisibility(e => this.visibilityChanged(e.visible)),
    ];
  }

  /** Hidden: no subscriptions, no refreshes. Shown: what is expanded or watched subscribes again and is read afresh. */
  private visibilityChanged(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.pollWhileShown();
    if (!visible) {
      this.coalescer.pause();
      this.subscriptions.closeAll();
      // A read still on its way was made for the live tree: it must not mark its node read for the next showing.
      this.reads.forgetAll();
      return;
    }
    // Ancestors first, so a node an expanded ancestor covers does not subscribe on its own.
    const expanded = [...this.expanded].map(k => this.nodes.get(k)?.path).filter((p): p is readonly PathSegment[] => p !== undefined)
      .sort((a, b) => a.length - b.length);
    for (const path of expanded) if (!this.subscriptions.coveredByAncestor(path)) this.subscribe(path);
    for (const path of this.watchedPaths()) this.watchLive(path);
    this.coalescer.resume();
    this.fire(undefined);
  }

  // ---- session ------------------------------------------------------------------------------------------

  /** The session changed: a new client (or the same after a reconnect), or none. */
  sessionChanged(xapi: Xapi | undefined): void {
    const reconnected = xapi !== undefined && xapi === this.xapi;
    if (reconnected) {
      // The library re-subscribed; what changed while the link was down is read again.
      for (const key of this.reads.loadedKeys()) this.reload(key);
      return;
    }
    this.reset();
    this.xapi = xapi;
    if (xapi) for (const path of this.watchedPaths()) this.watchLive(path);
    this.describeView();
    this.pollWhileShown();
    this.fire(undefined);
  }

  /** Whether the device is on the Webex cloud: no subscriptions, reads on a timer instead. */
  get onCloud(): boolean { return this.xapi?.via === 'webex'; }

  /** On a cloud device, while the view shows: expanded nodes and watched paths are read every 10 s. */
  private pollWhileShown(): void {
    const wanted = this.onCloud && this.visible;
    if (wanted === (this.polling !== undefined)) return;
    if (!wanted) { clearInterval(this.polling); this.polling = undefined; return; }
    this.polling = setInterval(() => void this.pollOnce(), MIN_POLL_SECONDS * 1000);
    (this.polling as { unref?: () => void }).unref?.();
  }

  /** A round still reading (a slow cloud, a Retry-After wait): the next tick skips rather than piles up. */
  private pollingRound = false;

  /** One round: the top-most expanded nodes (their reads hold what is below) and the watched paths, read together. */
  private async pollOnce(): Promise<void> {
    if (this.pollingRound) return;
    this.pollingRound = true;
    try { await this.readExpanded(); } finally { this.pollingRound = false; }
  }

  private async readExpanded(): Promise<void> {
    const expanded = [...this.expanded].map(k => this.nodes.get(k)?.path).filter((p): p is readonly PathSegment[] => p !== undefined);
    const top = expanded.filter(p => !expanded.some(q => q.length < p.length && q.every((s, i) => pathKey([s]) === pathKey([p[i]]))));
    await Promise.all([...top, ...this.watchedPaths()].map(p => this.reads.read(p)));
    if (this.onCloud) this.fire(undefined);
  }

  /** The schema in force changed: the structure may differ. */
  schemaChanged(): void {
    this.nodes.clear();
    this.fire(undefined);
  }

  private reset(): void {
    this.subscriptions.closeAll();
    this.reads.clear();
    this.expanded.clear();
    this.nodes.clear();
    this.mirror.clear();
  }

  // ---- TreeDataProvider ---------------------------------------------------------------------------------

  async getChildren(node?: LiveNode): Promise<LiveNode[]> {
    if (!this.xapi) return []; // the welcome view (Connect…) shows instead
    if (!node) {
      const watched = this.watchedPaths();
      const roots = this.childEntries([]).map(e => this.nodeFor([e.name], e));
      return watched.length ? [this.node({ root: this.root, id: 'w:', kind: 'watched', path: [], label: 'Watched' }), ...roots] : roots;
    }
    if (node.kind === 'watched') return this.watchedPaths().map(p => this.nodeFor(p, this.entryAt(p), true));
    if (node.kind === 'leaf' || node.kind === 'notice') return [];
    await this.reads.load(node.path);
    const error = this.reads.error(node.path);
    if (error) return [this.node({ root: this.root, id: `${node.id}#error`, kind: 'notice', path: node.path, label: `⚠ ${error}` })];
    if (node.kind === 'list') {
      return this.mirror.ids(this.rooted(node.path)).map(id => this.nodeFor([...node.path, id], node.entry));
    }
    return this.childrenFromData(node);
  }

  getTreeItem(node: LiveNode): vscode.TreeItem {
    const collapsible = node.kind === 'leaf' || node.kind === 'notice' ? vscode.TreeItemCollapsibleState.None
      : node.kind === 'watched' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    if (node.kind === 'leaf') {
      const value = this.mirror.get(this.rooted(node.path));
      this.describeLeaf(item, node, value);
      if (node.pinned) item.label = node.path.map(s => (typeof s === 'number' ? `[${s}]` : s)).join(' ').replace(/ \[/g, '[');
    }
    if (this.subscriptions.state(this.subKey(node)) === 'limited') {
      item.description = `${item.description ?? ''} (not live: the device's subscription limit — refresh to read)`.trim();
      item.iconPath = new vscode.ThemeIcon('warning');
    }
    item.contextValue = this.contextValue(node);
    item.tooltip = this.tooltip(node);
    return item;
  }

  /** The parent, for reveal(): the node one path segment up (an item's parent is its list). */
  getParent(node: LiveNode): LiveNode | undefined {
    if (node.pinned) return this.node({ root: this.root, id: 'w:', kind: 'watched', path: [], label: 'Watched' });
    if (node.path.length <= 1) return undefined;
    const up = node.path.slice(0, -1);
    return this.nodeFor(up, this.entryAt(up));
  }

  // ---- what a subclass says about its leaves --------------------------------------------------------------

  protected abstract describeLeaf(item: vscode.TreeItem, node: LiveNode, value: unknown): void;

  protected contextValue(node: LiveNode): string {
    const base = `xapi.${this.root.toLowerCase()}.${node.kind}`;
    return node.pinned ? `${base}.pinned` : base;
  }

  protected tooltip(node: LiveNode): vscode.MarkdownString | undefined {
    const v = this.variantOf(node);
    const md = new vscode.MarkdownString();
    md.appendCodeblock(this.xcliPath(node.path), 'xapi');
    if (v?.description) md.appendMarkdown(`\n\n${v.description}`);
    const how = this.onCloud ? CLOUD_NOTE : LIVE_NOTE[this.subscriptionState(node)];
    if (how) md.appendMarkdown(`\n\n*${how}*`);
    return md;
  }

  /** The schema variant for a node at its concrete path (indexes pick per-instance variants). */
  variantOf(node: LiveNode): NodeVariant | undefined {
    const schemaNode = node.entry?.node;
    return schemaNode ? variantAt(schemaNode, node.path, this.host.schemaProduct()) : undefined;
  }

  // ---- expansion and subscriptions ------------------------------------------------------------------------

  private expand(node: LiveNode): void {
    if (node.kind === 'leaf' || node.kind === 'notice' || node.kind === 'watched') return;
    this.expanded.add(this.key(node.path));
    if (!this.subscriptions.coveredByAncestor(node.path)) this.subscribe(node.path);
    // A re-expanded node was not kept current while collapsed: read it again.
    if (!this.reads.isLoaded(node.path)) this.fire([node]);
  }

  private collapse(node: LiveNode): void {
    const key = this.key(node.path);
    this.expanded.delete(key);
    // A collapsed node is not meant to be live, so the limit's mark no longer applies.
    if (this.subscriptions.forgetRefusal(key)) this.fire([node]);
    // Below a collapsed node nothing is live any more, so nothing there counts as read.
    if (this.subscriptions.close(key) || this.onCloud) this.reads.forgetBelow(node.path);
  }

  /** Subscribes while the view shows and a session is there (not on a cloud device: it has no feedback). */
  private subscribe(path: readonly PathSegment[], key = this.key(path)): void {
    if (this.xapi && this.visible && !this.onCloud) this.subscriptions.open(this.xapi, path, key);
  }

  private onFeedback(root: Record<string, unknown>): void {
    this.counts.notifications++;
    const changed = this.mirror.applyFeedback(root);
    this.counts.changes += changed.size;
    this.coalescer.add(changed);
  }

  private reload(key: string): void {
    const node = this.nodes.get(key);
    if (!node) return;
    this.reads.forget(node.path);
    void this.reads.load(node.path).then(() => this.fire([node]));
  }

  /** Refresh: reads the node again (the way a node past the subscription limit is kept current). */
  async refresh(node?: LiveNode): Promise<void> {
    if (!node) {
      this.reads.forgetAll();
      for (const path of this.watchedPaths()) await this.reads.read(path);
      this.fire(undefined);
      return;
    }
    const path = node.path;
    this.reads.forget(path);
    // A node refused at the limit asks again (a slot may be free now), and is read once the device has answered.
    const own = this.subKey(node);
    const wanted = node.pinned || (this.expanded.has(this.key(path)) && !this.subscriptions.coveredByAncestor(path));
    if (wanted) this.subscribe(path, own);
    await this.subscriptions.answered(own);
    await this.reads.read(path);
    this.fire([node]);
  }

  // ---- watched ---------------------------------------------------------------------------------------------

  watchedPaths(): PathSegment[][] { return this.watched.paths(); }

  async watch(node: LiveNode): Promise<void> {
    if (!(await this.watched.add(node.path))) return;
    this.watchLive(node.path);
    this.fire(undefined);
  }

  async unwatch(node: LiveNode): Promise<void> {
    await this.watched.remove(node.path);
    this.subscriptions.close(watchedKey(node.path));
    this.subscriptions.forgetRefusal(watchedKey(node.path));
    this.fire(undefined);
  }

  private watchLive(path: readonly PathSegment[]): void {
    if (!this.xapi) return;
    this.subscribe(path, watchedKey(path));
    void this.reads.read(path).then(() => this.fireKey(this.key(path)));
  }

  // ---- filter ---------------------------------------------------------------------------------------------

  get filter(): string { return this.filterState.value; }

  /** Shows only the paths whose text contains `text` (and what is above and below them); empty clears. */
  setFilter(text: string): void {
    this.filterState.set(text, this.host.schemaIndex(), this.root);
    const value = this.filterState.value;
    if (this.view) this.view.message = this.filterState.matchesNothing ? `Nothing matches "${value}".` : undefined;
    this.describeView();
    this.fire(undefined);
  }

  /** The view's description: the filter in force, and that a cloud device is not live. */
  private describeView(): void {
    if (!this.view) return;
    const parts = [this.filterState.value ? `filter: ${this.filterState.value}` : '', this.onCloud ? CLOUD_MARK : ''].filter(Boolean);
    this.view.description = parts.length ? parts.join(' · ') : undefined;
  }

  // ---- building nodes ---------------------------------------------------------------------------------------

  /** Schema entries below a names-only prefix, on the product, through the filter. */
  private childEntries(names: readonly string[]): TrieEntry[] {
    return this.host.schemaIndex().children(this.root, names, this.host.schemaProduct()).filter(e => this.filterState.passes(e.names));
  }

  /** The children the device reported for a read branch or item, matched with the schema where it has them. */
  private childrenFromData(node: LiveNode): LiveNode[] {
    const value = this.mirror.get(this.rooted(node.path));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const names = node.path.filter((s): s is string => typeof s === 'string');
    const schemaChildren = new Map(this.host.schemaIndex().children(this.root, names).map(e => [e.name.toLowerCase(), e]));
    const out: LiveNode[] = [];
    for (const k of Object.keys(value).sort()) {
      if (k === 'id' || /^[a-z]/.test(k)) continue; // attributes (id, ghost, status), not children
      const entry = schemaChildren.get(k.toLowerCase());
      if (!this.filterState.passes([...names, entry?.name ?? k])) continue;
      out.push(this.nodeFor([...node.path, entry?.name ?? k], entry, false, (value as Record<string, unknown>)[k]));
    }
    return out;
  }

  private entryAt(path: readonly PathSegment[]): TrieEntry | undefined {
    return this.host.schemaIndex().entry(this.root, path.filter((s): s is string => typeof s === 'string'));
  }

  private nodeFor(path: readonly PathSegment[], entry: TrieEntry | undefined, pinned = false, value?: unknown): LiveNode {
    const last = path[path.length - 1];
    let kind: LiveNodeKind;
    if (typeof last === 'number') kind = 'item';
    else if (entry?.index) kind = 'list';
    else if (entry) kind = entry.children.size > 0 ? 'branch' : 'leaf';
    else kind = typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'list' : 'branch') : 'leaf';
    const label = typeof last === 'number' ? `${String(path[path.length - 2])}[${last}]` : String(last);
    const id = `${pinned ? 'w:' : ''}${this.key(path)}`;
    return this.node({ root: this.root, id, kind, path: [...path], label, entry, pinned });
  }

  /** Node objects are kept by id, so a refresh can name the very object VS Code holds. */
  private node(n: LiveNode): LiveNode {
    const have = this.nodes.get(n.id);
    if (have && have.kind === n.kind && have.entry === n.entry) return have;
    this.nodes.set(n.id, n);
    return n;
  }

  // ---- refreshes -----------------------------------------------------------------------------------------

  private flush(keys: Set<string>): void {
    const out: LiveNode[] = [];
    for (const k of keys) {
      const rel = k.slice(this.root.length + 1);
      for (const id of [rel, `w:${rel}`]) {
        const n = this.nodes.get(id);
        if (n) out.push(n);
      }
    }
    if (out.length > MAX_PARTIAL) this.fire(undefined);
    else if (out.length) this.fire(out);
  }

  private fireKey(key: string): void {
    const nodes = [this.nodes.get(key), this.nodes.get(`w:${key}`)].filter((n): n is LiveNode => n !== undefined);
    if (nodes.length) this.fire(nodes);
  }

  protected fire(nodes: LiveNode[] | undefined): void {
    this.counts.refreshes++;
    this.counts.refreshedNodes += nodes?.length ?? 1;
    this.changeEmitter.fire(nodes);
  }

  // ---- paths ---------------------------------------------------------------------------------------------

  rooted(path: readonly PathSegment[]): PathSegment[] { return [this.root, ...path]; }

  /** The key of a path below the root, as node ids use it. */
  key(path: readonly PathSegment[]): string { return pathKey(path); }

  /** The key a node's own subscription is held under: a watched leaf's is apart from its tree node's. */
  private subKey(node: LiveNode): string { return node.pinned ? watchedKey(node.path) : this.key(node.path); }

  xcliPath(path: readonly PathSegment[]): string { return xcliPath(this.root, path); }

  macroCode(path: readonly PathSegment[]): string { return macroCode(this.root, path); }

  /** How a node is kept current: its own subscription, accepted or pending; refused at the limit; or none of its own. */
  subscriptionState(node: LiveNode): SubscriptionState {
    return this.subscriptions.state(this.subKey(node));
  }

  dispose(): void {
    clearInterval(this.polling);
    this.reset();
    this.coalescer.dispose();
    this.changeEmitter.dispose();
  }
}
