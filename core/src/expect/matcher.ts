/** The contract every matcher operator file implements; the registry collects them. */

/** What a matcher may need beyond the value: the suite's folder (for schema files). */
export interface MatchContext {
  baseDir: string;
}

export type MatcherArgType =
  'any' | 'number' | 'string' | 'regex' | 'boolean' | 'type' | 'list' | 'length' | 'schema' | 'matcher';

export interface MatcherDef {
  /** The operator key, as written in a suite (`gt`). */
  name: string;
  /** One line for hover and completion. */
  doc: string;
  /** What the argument must be, for validation and completion. */
  argType: MatcherArgType;
  /** JSON Schema fragment of the argument (the suite schema and the validator read it). */
  schema: Record<string, unknown>;
  /**
   * What the operator asks for, phrased to follow "a value …" ("containing \"x\"", "greater than
   * 0"); `not` reads it to say what must not hold. Without it: "satisfying `name: arg`".
   */
  describe?(arg: unknown): string;
  /** A problem with the argument itself (not the value), e.g. an invalid regex. */
  validateArg?(arg: unknown): string | undefined;
  /**
   * Checks `actual` (`undefined` = absent). Returns `undefined` when it holds, otherwise what was
   * expected, phrased to follow "expected X to be …" ("greater than 0").
   */
  check(actual: unknown, arg: unknown, context: MatchContext): string | undefined;
}
