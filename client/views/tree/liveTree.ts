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
 * Beside it, each with one job: the Mirror (mirror.ts: the values read and fed back), the Coalescer (coalescer.ts:
 * when to refresh), the filter (treeFilter.ts: which paths show) and the watch list (watchList.ts: which paths are
 * pinned, kept in workspace state).
 */
import * as vscode from 'vscode';
import { KIND_API_WORD, type StateKind } from '../../../schema/kinds';
import type { NodeVariant } from '../../../schema/model';
import type { SchemaIndex, TrieEntry } from '../../../schema/schemaIndex';
import { variantAt } from '../../../schema/variants';
import { NotFoundError, SubscriptionLimitError, type Subscription, type Xapi } from '../../../xapi';
import type { PathSegment } from '../../../xapi/protocol';
import { macroCode, xcliPath } from '../../xcliText';
import { TreeFilter } from './treeFilter';
import { WatchList } from './watchList';
import { Coalescer, TREE_REFRESH_INTERVAL_MS } from './coalescer';
import { Mirror, pathKey } from './mirror';

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

/** Past this many changed nodes in one flush, one whole-tree refresh is cheaper than naming them all. */
const MAX_PARTIAL = 300;

export abstract class LiveTree implements vscode.TreeDataProvider<LiveNode>, vscode.Disposable {
  protected readonly mirror = new Mirror();
  private readonly changeEmitter = new vscode.EventEmitter<LiveNode | LiveNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly nodes = new Map<string, LiveNode>();
  /** Paths read from the device (their subtree is in the mirror). */
  private readonly loaded = new Set<string>();
  private readonly loading = new Map<string, Promise<void>>();
  /** One subscription per expanded node not covered by an expanded ancestor; and one per watched leaf. */
  private readonly subs = new Map<string, Subscription>();
  private readonly expanded = new Set<string>();
  /** Subscriptions the device has accepted (the rest of `subs` are in flight). */
  private readonly live = new Set<string>();
  /** Nodes the device refused a subscription for: read on Refresh only. */
  private readonly limited = new Set<string>();
  private readonly errors = new Map<string, string>();
  private readonly coalescer = new Coalescer(TREE_REFRESH_INTERVAL_MS, keys => this.flush(keys));
  private readonly filterState = new TreeFilter();
  private readonly watched: WatchList;
  private xapi: Xapi | undefined;
  /** Whether the view shows (no view yet: as if shown, so a tree used without one still works). */
  private visible = true;
  /** Bumped when the view hides: reads begun before then do not count as current. */
  private generation = 0;
  readonly stats: LiveTreeStats = { refreshes: 0, refreshedNodes: 0, notifications: 0, changes: 0, reads: 0 };
  view: vscode.TreeView<LiveNode> | undefined;

  constructor(readonly root: TreeRoot, protected readonly host: LiveTreeHost, watchedStore: vscode.Memento) {
    this.watched = new WatchList(watchedStore, root, path => this.key(path));
  }

  /** Creates the TreeView and wires expansion and visibility to subscriptions and refreshes. */
  createView(viewId: string): vscode.TreeView<LiveNode> {
    const view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    this.view = view;
    view.onDidExpandElement(e => this.expand(e.element));
    view.onDidCollapseElement(e => this.collapse(e.element));
    view.onDidChangeVisibility(e => this.visibilityChanged(e.visible));
    if (!view.visible) this.visibilityChanged(false);
    return view;
  }

  /** Hidden: no subscriptions, no refreshes. Shown: what is expanded or watched subscribes again and is read afresh. */
  private visibilityChanged(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      this.coalescer.pause();
      for (const key of [...this.subs.keys()]) this.unsubscribe(key);
      this.limited.clear();
      this.loaded.clear();
      this.loading.clear();
      // A read still on its way was made for the live tree: it must not mark its node read for the next showing.
      this.generation++;
      return;
    }
    // Ancestors first, so a node an expanded ancestor covers does not subscribe on its own.
    const expanded = [...this.expanded].map(k => this.nodes.get(k)?.path).filter((p): p is readonly PathSegment[] => p !== undefined)
      .sort((a, b) => a.length - b.length);
    for (const path of expanded) if (!this.coveredByAncestor(path)) this.subscribe(path);
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
      for (const key of [...this.loaded]) this.reload(key);
      return;
    }
    this.reset();
    this.xapi = xapi;
    if (xapi) for (const path of this.watchedPaths()) this.watchLive(path);
    this.fire(undefined);
  }

  /** The schema in force changed: the structure may differ. */
  schemaChanged(): void {
    this.nodes.clear();
    this.fire(undefined);
  }

  private reset(): void {
    for (const off of this.subs.values()) off();
    this.subs.clear();
    this.live.clear();
    this.loaded.clear();
    this.loading.clear();
    this.limited.clear();
    this.errors.clear();
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
    await this.load(node.path);
    const error = this.errors.get(this.key(node.path));
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
    if (this.limited.has(this.subKey(node))) {
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
    const key = this.key(node.path);
    this.expanded.add(key);
    if (!this.coveredByAncestor(node.path)) this.subscribe(node.path);
    // A re-expanded node was not kept current while collapsed: read it again.
    if (!this.loaded.has(key) && !this.loading.has(key)) this.fire([node]);
  }

  private collapse(node: LiveNode): void {
    const key = this.key(node.path);
    this.expanded.delete(key);
    // A collapsed node is not meant to be live, so the limit's mark no longer applies.
    if (this.limited.delete(key)) this.fire([node]);
    if (this.unsubscribe(key)) {
      // Below a collapsed node nothing is live any more, so nothing there counts as read.
      for (const k of [...this.loaded]) if (k === key || k.startsWith(`${key}/`)) this.loaded.delete(k);
    }
  }

  /** Ends the subscription held under `key`; false when there was none. */
  private unsubscribe(key: string): boolean {
    this.subs.get(key)?.();
    this.live.delete(key);
    return this.subs.delete(key);
  }

  /** The subscription of this node (expanded or watched) or of the nearest expanded ancestor. */
  private covering(path: readonly PathSegment[]): Subscription | undefined {
    const watched = this.subs.get(`w:${this.key(path)}`);
    if (watched) return watched;
    for (let i = path.length; i >= 1; i--) {
      const sub = this.subs.get(this.key(path.slice(0, i)));
      if (sub) return sub;
    }
    return undefined;
  }

  private coveredByAncestor(path: readonly PathSegment[]): boolean {
    for (let i = path.length - 1; i >= 1; i--) if (this.subs.has(this.key(path.slice(0, i)))) return true;
    return false;
  }

  private subscribe(path: readonly PathSegment[], key = this.key(path)): void {
    const xapi = this.xapi;
    if (!xapi || !this.visible || this.subs.has(key)) return;
    const sub = xapi.feedback.on(this.rooted(path), (_value, root) => this.onFeedback(root as unknown as Record<string, unknown>));
    this.subs.set(key, sub);
    sub.registered.then(() => {
      if (this.subs.get(key) === sub) this.live.add(key);
      if (this.limited.delete(key)) this.fireKey(key);
    }, (e: unknown) => {
      if (this.subs.get(key) !== sub) return; // collapsed (or the session changed) meanwhile
      this.subs.delete(key);
      if (e instanceof SubscriptionLimitError) {
        this.limited.add(key);
        this.host.log.warn(`${this.xcliPath(path)}: ${e.message}; it is read on Refresh instead`);
        this.fireKey(key);
      } else this.host.log.warn(`${this.xcliPath(path)}: no live updates: ${(e as Error).message}`);
    });
  }

  private onFeedback(root: Record<string, unknown>): void {
    this.stats.notifications++;
    const changed = this.mirror.applyFeedback(root);
    this.stats.changes += changed.size;
    this.coalescer.add(changed);
  }

  /** Reads a subtree once (later calls share it); errors show as a notice child. */
  private load(path: readonly PathSegment[]): Promise<void> {
    const key = this.key(path);
    if (this.loaded.has(key) || this.coveredByLoadedAncestor(path)) return Promise.resolve();
    const pending = this.loading.get(key);
    if (pending) return pending;
    const p = this.read(path).finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  private coveredByLoadedAncestor(path: readonly PathSegment[]): boolean {
    for (let i = path.length - 1; i >= 1; i--) {
      const k = this.key(path.slice(0, i));
      if (this.loaded.has(k) && this.subs.has(k)) return true;
    }
    return false;
  }

  private async read(path: readonly PathSegment[]): Promise<void> {
    const xapi = this.xapi;
    if (!xapi) return;
    const key = this.key(path);
    const entry = this.entryAt(path);
    const generation = this.generation;
    // Read only once the device has the subscription that keeps this subtree current: a change between a read
    // and a later registration would be lost until the next change.
    await this.covering(path)?.registered.catch(() => undefined);
    try {
      this.stats.reads++;
      const value = await xapi[KIND_API_WORD[this.root]].get(this.rooted(path));
      if (this.xapi !== xapi) return;
      this.mirror.write(this.rooted(path), value);
      this.errors.delete(key);
    } catch (e) {
      if (this.xapi !== xapi) return;
      // A list with no entries, or a branch the device has nothing for, is empty rather than an error.
      if (e instanceof NotFoundError) this.mirror.write(this.rooted(path), entry?.index && typeof path[path.length - 1] === 'string' ? [] : {});
      else this.errors.set(key, (e as Error).message);
    }
    if (generation === this.generation) this.loaded.add(key);
  }

  private reload(key: string): void {
    const node = this.nodes.get(key);
    if (!node) return;
    this.loaded.delete(key);
    void this.load(node.path).then(() => this.fire([node]));
  }

  /** Refresh: reads the node again (the way a node past the subscription limit is kept current). */
  async refresh(node?: LiveNode): Promise<void> {
    if (!node) {
      this.loaded.clear();
      for (const path of this.watchedPaths()) await this.read(path);
      this.fire(undefined);
      return;
    }
    const path = node.path;
    const key = this.key(path);
    this.loaded.delete(key);
    // A node refused at the limit asks again (a slot may be free now), and is read once the device has answered.
    const own = this.subKey(node);
    const wanted = node.pinned || (this.expanded.has(key) && !this.coveredByAncestor(path));
    if (wanted && !this.subs.has(own)) this.subscribe(path, own);
    await this.subs.get(own)?.registered.catch(() => undefined);
    await this.read(path);
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
    const key = this.key(node.path);
    await this.watched.remove(node.path);
    this.unsubscribe(`w:${key}`);
    this.limited.delete(`w:${key}`);
    this.fire(undefined);
  }

  private watchLive(path: readonly PathSegment[]): void {
    if (!this.xapi) return;
    this.subscribe(path, `w:${this.key(path)}`);
    void this.read(path).then(() => this.fireKey(this.key(path)));
  }

  // ---- filter ---------------------------------------------------------------------------------------------

  get filter(): string { return this.filterState.value; }

  /** Shows only the paths whose text contains `text` (and what is above and below them); empty clears. */
  setFilter(text: string): void {
    this.filterState.set(text, this.host.schemaIndex(), this.root);
    const value = this.filterState.value;
    if (this.view) {
      this.view.description = value ? `filter: ${value}` : undefined;
      this.view.message = this.filterState.matchesNothing ? `Nothing matches "${value}".` : undefined;
    }
    this.fire(undefined);
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
    this.stats.refreshes++;
    this.stats.refreshedNodes += nodes?.length ?? 1;
    this.changeEmitter.fire(nodes);
  }

  // ---- paths ---------------------------------------------------------------------------------------------

  rooted(path: readonly PathSegment[]): PathSegment[] { return [this.root, ...path]; }

  /** The key of a path below the root, as node ids use it. */
  key(path: readonly PathSegment[]): string { return pathKey(path); }

  /** The key a node's own subscription is held under: a watched leaf's is apart from its tree node's. */
  private subKey(node: LiveNode): string { return node.pinned ? `w:${this.key(node.path)}` : this.key(node.path); }

  xcliPath(path: readonly PathSegment[]): string { return xcliPath(this.root, path); }

  macroCode(path: readonly PathSegment[]): string { return macroCode(this.root, path); }

  /** Subscriptions this tree holds now (tests; the device's limit is per connection). */
  get subscriptionKeys(): string[] { return [...this.subs.keys()]; }

  /**
   * How a node is kept current (tests, diagnostics): its own subscription, accepted by the device ('live') or
   * not yet answered ('pending'); refused at the device's limit ('limited'); or none of its own.
   */
  subscriptionState(node: LiveNode): 'live' | 'pending' | 'limited' | 'none' {
    const key = this.subKey(node);
    if (this.live.has(key)) return 'live';
    if (this.subs.has(key)) return 'pending';
    return this.limited.has(key) ? 'limited' : 'none';
  }

  dispose(): void {
    this.reset();
    this.coalescer.dispose();
    this.changeEmitter.dispose();
    this.view?.dispose();
  }
}
