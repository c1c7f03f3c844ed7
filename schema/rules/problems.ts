/**
 * What the rule set returns: problems with a stable code (schema/xcli/codes.ts), a severity, a message
 * and which part of the use they are about. Front ends (the `.xapi` validator, the macro diagnostics,
 * the emulator) only map a target to a place in their own text, or to a wire error.
 */
import { XcliCode, XcliSeverity } from '../xcli/codes';

export type RuleTarget =
  /** The path as a whole (not on the product, required parameters missing). */
  | { readonly on: 'path' }
  /** The index written after name `segment` of the node's path (0 = the first name after the kind). */
  | { readonly on: 'segment'; readonly segment: number }
  /** The name of given parameter number `param` (in the order the use gave them). */
  | { readonly on: 'param'; readonly param: number }
  /** A value: of given parameter `param` (its `element`th value), or the configuration value when `param` is absent. */
  | { readonly on: 'value'; readonly param?: number; readonly element: number };

export interface RuleProblem {
  readonly code: XcliCode;
  readonly severity: XcliSeverity;
  /** One sentence for users, as the `.xapi` validator has always written it. */
  readonly message: string;
  readonly target: RuleTarget;
  /** Replacement texts for the target, best first, unquoted (front ends quote as their syntax needs). */
  readonly suggestions?: readonly string[];
  readonly data?: Readonly<Record<string, unknown>>;
}
