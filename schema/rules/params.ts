/**
 * Command parameter and configuration value rules: unknown names (with did-you-mean), a parameter given
 * more often than its value space allows, values outside the value space (schema/valueCheck.ts), and
 * required parameters missing. One occurrence of a parameter may carry several values (a JavaScript
 * array); every value counts towards the repeat limit.
 */
import { CommandParam, NodeVariant, ValueSpace } from '../model';
import { shownText } from '../shownText';
import { checkValue, ValueProblem } from '../valueCheck';
import { XcliCode } from '../xcli/codes';
import { didYouMean } from '../xcli/didYouMean';
import { RuleProblem } from './problems';

/** A value as written: text or a number; undefined when the front end cannot see it (a variable). */
export type WrittenValue = string | number | undefined;

export interface GivenParam {
  readonly name: string;
  /** The values of this occurrence; empty when none was written (a syntax problem the front end reports). */
  readonly values: readonly WrittenValue[];
  /** Written as a list (`Name: [a, b]`): a parameter that is not repeatable takes no list at all. */
  readonly list?: boolean;
}

export const VALUE_CODE: Readonly<Record<ValueProblem, XcliCode>> = {
  'not-integer': XcliCode.NotInteger,
  'out-of-range': XcliCode.OutOfRange,
  step: XcliCode.IntegerStep,
  'not-literal': XcliCode.NotLiteral,
  'too-long': XcliCode.StringTooLong,
  'too-short': XcliCode.StringTooShort,
};

/** A value against a value space; `what` names it in the message. Steps are not checked (see valueCheck.ts). */
export function valueProblem(vs: ValueSpace | undefined, value: WrittenValue, what: string, target: RuleProblem['target']): RuleProblem | undefined {
  if (!vs || value === undefined) return undefined;
  const r = checkValue(vs, value);
  if (r.ok) return undefined;
  return {
    code: VALUE_CODE[r.problem], severity: 'error', target, message: `${what}: ${r.reason}`,
    suggestions: r.suggestion === undefined ? undefined : [r.suggestion],
  };
}

interface ParamTable { readonly byName: ReadonlyMap<string, CommandParam>; readonly names: readonly string[] }

/** Per variant, built once: a script may run the same command thousands of times. */
const paramTables = new WeakMap<NodeVariant, ParamTable>();

function paramTable(variant: NodeVariant): ParamTable {
  let t = paramTables.get(variant);
  if (!t) {
    const params = variant.params ?? [];
    t = { byName: new Map(params.map(p => [p.name.toLowerCase(), p])), names: params.map(p => p.name) };
    paramTables.set(variant, t);
  }
  return t;
}

/** The schema's parameter for a name as written (case-insensitive), if any. */
export function paramNamed(variant: NodeVariant, name: string): CommandParam | undefined {
  return paramTable(variant).byName.get(name.toLowerCase());
}

/** The parameters given to a command (`path` names it in messages: `Audio Volume Set`). */
export function checkParams(path: string, variant: NodeVariant, given: readonly GivenParam[]): RuleProblem[] {
  const { byName, names } = paramTable(variant);
  const problems: RuleProblem[] = [];
  const counts = new Map<string, number>();
  given.forEach((g, i) => {
    const p = byName.get(g.name.toLowerCase());
    if (!p) {
      problems.push({
        code: XcliCode.UnknownParam, severity: 'error', target: { on: 'param', param: i },
        message: `${path} has no parameter '${shownText(g.name)}'`,
        suggestions: didYouMean(g.name, names),
        data: { params: [...names] }, // a copy: the table is shared
      });
      return;
    }
    const n = (counts.get(p.name) ?? 0) + Math.max(1, g.values.length);
    counts.set(p.name, n);
    const max = p.valueSpace.multiple;
    if (max === undefined && (n > 1 || g.list)) {
      problems.push({ code: XcliCode.RepeatedParam, severity: 'error', target: { on: 'param', param: i }, message: `parameter '${p.name}' is given more than once and is not repeatable` });
    } else if (max !== undefined && max > 0 && n > max) {
      problems.push({ code: XcliCode.TooManyRepeats, severity: 'error', target: { on: 'param', param: i }, message: `parameter '${p.name}' may be given at most ${max} times` });
    }
    g.values.forEach((v, element) => {
      const vp = valueProblem(p.valueSpace, v, p.name, { on: 'value', param: i, element });
      if (vp) problems.push(vp);
    });
  });
  const missing = (variant.params ?? []).filter(p => p.required && !counts.has(p.name)).map(p => p.name);
  if (missing.length) {
    problems.push({
      code: XcliCode.MissingRequired, severity: 'error', target: { on: 'path' },
      message: `${path} needs ${missing.length === 1 ? 'parameter' : 'parameters'} ${missing.join(', ')}`,
      data: { missing },
    });
  }
  return problems;
}
