/**
 * What the rule set returns: problems with a stable code (schema/xcli/codes.ts), a severity, a message
 * and which part of the use they are about. Front ends (the `.xapi` validator, the macro diagnostics,
 * the emulator) only map a target to a place in their own text, or to a wire error.
 */
import { XcliDiagnostic } from '../xcli/codes';

export type RuleTarget =
  /** The path as a whole (not on the product, required parameters missing). */
  | { readonly on: 'path' }
  /** The index written after name `segment` of the node's path (0 = the first name after the kind). */
  | { readonly on: 'segment'; readonly segment: number }
  /** The name of given parameter number `param` (in the order the use gave them). */
  | { readonly on: 'param'; readonly param: number }
  /** A value: of given parameter `param` (its `element`th value), or the configuration value when `param` is absent. */
  | { readonly on: 'value'; readonly param?: number; readonly element: number };

/**
 * A diagnostic without a place: the `.xapi` validator's shape (its message as that validator has always
 * written it, suggestions unquoted — front ends quote as their syntax needs) plus the part it is about.
 */
export interface RuleProblem extends Omit<XcliDiagnostic, 'range'> {
  readonly target: RuleTarget;
}
