/**
 * Matcher operators as validation, completion and hover see them. They are the engine's matcher
 * registry (core/src/expect/registry.ts `MATCHERS`): an operator is declared once — name, docs,
 * argument type and argument check — and the editor, `bluebook validate` and a run agree on it.
 */
import { findMatcher, MATCHERS, type MatcherDef } from '../expect/registry.js';
import { JSON_TYPES } from '../expect/values.js';

/** What validation and the editor read of a matcher operator. */
export type OperatorInfo = Pick<MatcherDef, 'name' | 'doc' | 'argType' | 'validateArg'>;

export const JSON_TYPE_NAMES = JSON_TYPES;

/** Every operator, in documentation order. */
export const OPERATORS: readonly OperatorInfo[] = MATCHERS;

export const OPERATOR_NAMES: readonly string[] = MATCHERS.map((operator) => operator.name);

export function operatorInfo(name: string): OperatorInfo | undefined {
  return findMatcher(name);
}
