/**
 * Command parameters checked against the schema (§3.1, §12.1) by the same rules the diagnostics use
 * (schema/rules): an unknown or missing required parameter → `Bad usage: Missing or invalid parameter(s).`;
 * a value outside the value space, an array for a single-valued parameter or more values than `multiple`
 * → `Bad usage: Bad argument to parameter "X".`; `body` only for multiline commands. Parameter names match
 * case-insensitively. This file only maps the rules' problems to the wire's errors.
 */
import { NodeVariant } from '../schema/model';
import { checkParams as checkRules, GivenParam, paramNamed } from '../schema/rules';
import { argumentValue } from '../schema/valueCheck';
import { XcliCode } from '../schema/xcli/codes';
import { BODY_PARAM } from '../xapi/protocol';
import { RpcError } from './errors';
import { checkValue, Leaf } from './values';

export interface CheckedParams {
  /** Parameter values by schema name; repeated parameters as arrays. */
  readonly values: Record<string, Leaf | Leaf[]>;
  readonly body?: string;
}

/** Problems that are about a parameter's argument rather than the parameter list. */
const BAD_ARGUMENT = new Set<string>([
  XcliCode.NotInteger, XcliCode.OutOfRange, XcliCode.NotLiteral, XcliCode.StringTooLong, XcliCode.StringTooShort,
  XcliCode.RepeatedParam, XcliCode.TooManyRepeats,
]);

export function checkParams(variant: NodeVariant, params: unknown): CheckedParams {
  const given: Record<string, unknown> = params === undefined || params === null ? {} : (params as Record<string, unknown>);
  if (typeof given !== 'object' || Array.isArray(given)) throw RpcError.badUsage();
  let body: string | undefined;
  const list: GivenParam[] = [];
  const keys: string[] = [];
  for (const [key, raw] of Object.entries(given)) {
    if (key === BODY_PARAM && !paramNamed(variant, key)) {
      if (!variant.multiline) throw RpcError.badUsage();
      if (typeof raw !== 'string') throw RpcError.badArgument(BODY_PARAM);
      body = raw;
      continue;
    }
    const p = paramNamed(variant, key);
    const values = (Array.isArray(raw) ? raw : [raw]).map(argumentValue);
    // JSON values the rules cannot read ({}, null, []) are never a valid argument; a boolean is True/False.
    if (p && (values.length === 0 || values.some(v => v === undefined))) throw RpcError.badArgument(p.name);
    list.push({ name: key, values: values as (string | number)[], list: Array.isArray(raw) });
    keys.push(key);
  }
  const first = checkRules(variant.path.map(s => s.name).join(' '), variant, list)[0];
  if (first) {
    const t = first.target;
    const at = t.on === 'param' || (t.on === 'value' && t.param !== undefined) ? t.param : undefined;
    const p = at === undefined ? undefined : paramNamed(variant, keys[at]!);
    throw p && BAD_ARGUMENT.has(first.code) ? RpcError.badArgument(p.name) : RpcError.badUsage();
  }
  const values: Record<string, Leaf | Leaf[]> = {};
  list.forEach((g, i) => {
    const p = paramNamed(variant, keys[i]!)!;
    const typed = g.values.map(v => checkValue(p.valueSpace, v)!);
    values[p.name] = g.list ? typed : typed[0]!;
  });
  return { values, body };
}
