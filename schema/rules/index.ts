/**
 * The one rule set for a use of a resolved xAPI path: a node, the indexes written after its names, the
 * product, and its arguments (command parameters, or a configuration value). Every front end asks this
 * and only maps the problems to its own ranges or wire errors: the `.xapi` validator
 * (schema/xcli/validate.ts), the macro diagnostics (server/service/macro/diagnostics.ts) and the
 * emulator (emulator/commands.ts). Syntax (a missing `:`, an unterminated string) stays with each front end.
 *
 * Paths without an index: a read (`xStatus Call Status`, `xapi.Status.Call.Status.get()`, a feedback
 * path) may leave any index out and then selects every item — on a device `xStatus Call Status` lists
 * the status of every call, and nothing when there is none. So no rule here asks for an index; the
 * emulator answers such reads with every matching item (docs/emulator.md).
 */
import { NodeVariant, SchemaNode } from '../model';
import { chooseVariant, WrittenIndexes } from './indexes';
import { checkParams, GivenParam, valueProblem, WrittenValue } from './params';
import { RuleProblem } from './problems';

export * from './problems';
export { checkBranchIndexes, chooseVariant, WrittenIndexes } from './indexes';
export { checkParams, GivenParam, paramNamed, VALUE_CODE, valueProblem, WrittenValue } from './params';

export interface ResolvedUse {
  readonly node: SchemaNode;
  /** One entry per name of `node.names`. */
  readonly indexes: WrittenIndexes;
  /** A product code (`hopen`), already resolved. */
  readonly product?: string;
  /** Command parameters in the order written. */
  readonly params?: readonly GivenParam[];
  /** A configuration value being set. */
  readonly value?: WrittenValue;
}

export interface UseCheck {
  readonly variant?: NodeVariant;
  readonly problems: RuleProblem[];
}

export function checkUse(use: ResolvedUse): UseCheck {
  const { variant, problems } = chooseVariant(use.node, use.indexes, use.product);
  if (!variant) return { problems };
  if (use.node.kind === 'Command' && use.params) problems.push(...checkParams(use.node.normPath, variant, use.params));
  if (use.node.kind === 'Configuration' && use.value !== undefined) {
    const p = valueProblem(variant.valueSpace, use.value, use.node.normPath, { on: 'value', element: 0 });
    if (p) problems.push(p);
  }
  return { variant, problems };
}
