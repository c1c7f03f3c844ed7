/**
 * Command parameters checked against the schema (§3.1, §12.1): unknown or missing required parameters
 * → `Bad usage: Missing or invalid parameter(s).`; a value outside the value space, an array for a
 * single-valued parameter or more values than `multiple` → `Bad usage: Bad argument to parameter "X".`;
 * `body` only for multiline commands. Parameter names match case-insensitively.
 */
import { CommandParam, NodeVariant } from '../schema/model';
import { BODY_PARAM } from '../xapi/protocol';
import { RpcError } from './errors';
import { checkValue, Leaf } from './values';

export interface CheckedParams {
  /** Parameter values by schema name; repeated parameters as arrays. */
  readonly values: Record<string, Leaf | Leaf[]>;
  readonly body?: string;
}

export function checkParams(variant: NodeVariant, params: unknown): CheckedParams {
  const given: Record<string, unknown> = params === undefined || params === null ? {} : (params as Record<string, unknown>);
  if (typeof given !== 'object' || Array.isArray(given)) throw RpcError.badUsage();
  const byName = new Map<string, CommandParam>();
  for (const p of variant.params ?? []) byName.set(p.name.toLowerCase(), p);
  const values: Record<string, Leaf | Leaf[]> = {};
  let body: string | undefined;
  for (const [key, raw] of Object.entries(given)) {
    if (key === BODY_PARAM && !byName.has(key)) {
      if (!variant.multiline) throw RpcError.badUsage();
      if (typeof raw !== 'string') throw RpcError.badArgument(BODY_PARAM);
      body = raw;
      continue;
    }
    const p = byName.get(key.toLowerCase());
    if (!p) throw RpcError.badUsage();
    const vs = p.valueSpace;
    if (Array.isArray(raw)) {
      if (vs.multiple === undefined || raw.length === 0 || raw.length > vs.multiple) throw RpcError.badArgument(p.name);
      const out: Leaf[] = [];
      for (const r of raw) {
        const v = checkValue(vs, r);
        if (v === undefined) throw RpcError.badArgument(p.name);
        out.push(v);
      }
      values[p.name] = out;
    } else {
      const v = checkValue(vs, raw);
      if (v === undefined) throw RpcError.badArgument(p.name);
      values[p.name] = v;
    }
  }
  for (const p of variant.params ?? []) if (p.required && !(p.name in values)) throw RpcError.badUsage();
  return { values, body };
}
