/**
 * The typed proxy style: `xapi.Command.Dial({...})`, `xapi.Status.Call[3].Status.get()`,
 * `xapi.Config.SystemUnit.Name.set('x')`, `xapi.Event.UserInterface.Message.TextInput.Response.on(r => …)`.
 * Property access builds the path; numeric properties are list indexes; lowercase `get/set/on/once` act.
 * The shapes are those of `xapi/typed.ts` (ActiveSchema); at run time any path is accepted and the device decides.
 */
import { type PathSegment, type Root } from './protocol';
import type { CallOptions, XapiOps } from './ops';
import type { FeedbackListener } from './feedback';
import { formatPath } from './paths';

const ACTIONS: Record<Root, readonly string[]> = {
  Command: [],
  Configuration: ['get', 'set', 'on', 'once'],
  Status: ['get', 'on', 'once'],
  Event: ['on', 'once'],
};

function isIndex(prop: string): boolean {
  const c = prop.charCodeAt(0);
  return c >= 48 && c <= 57 && /^\d+$/.test(prop);
}

export function createProxy(ops: XapiOps, root: Root): any {
  return node(ops, root, [root]);
}

function node(ops: XapiOps, root: Root, path: PathSegment[]): any {
  const actions = ACTIONS[root];
  // A function target so that `xapi.Command.Dial(...)` can be called.
  const target = function xapiNode() { /* replaced by the apply trap */ };
  return new Proxy(target, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (actions.includes(prop)) return action(ops, root, path, prop);
      if (prop === 'toString') return () => `[xapi ${formatPath(path)}]`;
      if (isIndex(prop)) return node(ops, root, [...path, Number(prop)]);
      // Lowercase names are never xAPI nodes; returning undefined keeps `then`, `toJSON`, etc. from making a proxy thenable.
      const c = prop.charCodeAt(0);
      if (c >= 97 && c <= 122) return undefined;
      return node(ops, root, [...path, prop]);
    },
    apply(_t, _this, args: unknown[]) {
      if (root !== 'Command') throw new TypeError(`${formatPath(path)} is not a command; use .get(), .set() or .on()`);
      if (path.length < 2) throw new TypeError('Name a command: xapi.Command.Dial({...})');
      const [params, body, opts] = args as [Record<string, unknown> | string | undefined, string | CallOptions | undefined, CallOptions | undefined];
      if (typeof params === 'string') return ops.command(path.slice(1), undefined, params, body as CallOptions | undefined);
      return ops.command(path.slice(1), params, typeof body === 'string' ? body : undefined, typeof body === 'object' ? body : opts);
    },
    has(_t, prop) { return typeof prop === 'string' && actions.includes(prop); },
  });
}

function action(ops: XapiOps, root: Root, path: PathSegment[], name: string): unknown {
  switch (name) {
    case 'get': return (opts?: CallOptions) => ops.get(path, opts);
    case 'set': return (value: unknown, opts?: CallOptions) => ops.set(path, value, opts);
    case 'on': return (listener: FeedbackListener) => ops.on(path, listener, false);
    case 'once': return (listener: FeedbackListener) => ops.on(path, listener, true);
  }
  throw new TypeError(`${name} is not available on ${root}`);
}
