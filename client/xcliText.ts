/** How a path or value is written for users: as an xCLI line (`xStatus Call[2] Status`) or as macro code. */
import { KIND_KEYWORD, KIND_PROXY_WORD, type StateKind } from '../schema/kinds';
import type { NodeKind } from '../schema/model';
import { formatPath, type PathItem } from '../schema/path';

/** `xStatus Call[2] Status`: what a .xapi script or the device's terminal takes. */
export function xcliPath(kind: NodeKind, path: readonly PathItem[]): string {
  return `${KIND_KEYWORD[kind]} ${formatPath(path)}`;
}

/** A value as an xCLI line writes it: numbers and plain words bare, other text quoted with escapes. */
export function xcliValue(v: string | number): string {
  return typeof v === 'number' || /^[A-Za-z0-9_.:/-]+$/.test(v) ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `xapi.Status.Call[2].Status.get()`: the proxy form a macro takes. */
export function macroCode(kind: StateKind, path: readonly PathItem[]): string {
  const chain = path.map(s => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `['${s}']`)).join('');
  return `xapi.${KIND_PROXY_WORD[kind]}${chain}.get()`;
}
