import type { Span } from './span.js';
import type { LocatedScalar } from './graphql/locate.js';

/**
 * The parsed suite. Values that may hold `${...}` are kept raw (as YAML gave them) and
 * interpolated at run time; every node a user may need to be pointed at carries a span.
 */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isHttpMethod(key: string): key is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(key);
}

/** A `name: value` entry whose key and whole entry are located. */
export interface Entry<T = unknown> {
  key: string;
  value: T;
  /** The key's text. */
  keySpan: Span;
  /** The value's node (or the key's span when the value is empty). */
  valueSpan: Span;
  /** From the key's start to the value's end: the line(s) a user thinks of as "this entry". */
  span: Span;
}

export interface Suite {
  /** Display name: `name:` or the file name without `.bluebook.yaml`. */
  name: string;
  baseUrl?: Entry<unknown>;
  variables: Entry[];
  defaults?: RequestOptions;
  before: Step[];
  after: Step[];
  tests: Test[];
  span: Span;
}

export interface Test {
  /** The mapping key under `tests:`, stable across renames of `name`. */
  id: string;
  idSpan: Span;
  /** The whole `id: {...}` entry. */
  span: Span;
  /** `name:` as written (may contain `${...}` from `each` rows). */
  name?: string;
  tags: string[];
  skip?: SkipReason | Deferred;
  variables: Entry[];
  each?: EachSource;
  steps: Step[];
  /** Runs the test only when truthy (core/src/run/when.ts). */
  when?: Condition;
  /** Steps run after `steps`, even after a failure, with the test's captures (phase `finally`). */
  finally?: Step[];
}

/**
 * A `when:` (or `retry.failWhen`) condition: a literal or a `${...}` value, interpolated when the
 * test or step runs and judged by its truthiness (core/src/run/when.ts).
 */
export interface Condition {
  /** As YAML gave it. */
  value: unknown;
  /** As written (the reason a skipped item shows: `when: ${flag}`). */
  text: string;
  /** The value's node. */
  span: Span;
}

/** `skip: true` or `skip: "reason"`. */
export type SkipReason = true | string;

/**
 * A value with `${...}` where a boolean, a number or a duration is expected (`skip`, `timeout`,
 * `followRedirects`, `retry.*`): interpolated when the test or step runs (core/src/deferred.ts),
 * then checked as a literal would have been.
 */
export interface Deferred {
  /** As written, e.g. `${destructive}` or `${seconds}s`. */
  template: string;
  /** The value's node. */
  span: Span;
}

export function isDeferred(value: unknown): value is Deferred {
  return value !== null && typeof value === 'object' && 'template' in value;
}

export type EachSource =
  { kind: 'rows'; rows: Record<string, unknown>[]; span: Span } | { kind: 'file'; path: string; span: Span };

/** Options shared by steps and `defaults`. */
export interface RequestOptions {
  headers: Entry<unknown>[];
  query: Entry<unknown>[];
  auth?: Entry<unknown>;
  /** Milliseconds, when the duration parsed (or `${...}`, interpolated when the step runs). */
  timeoutMs?: number | Deferred;
  followRedirects?: boolean | Deferred;
}

/** `setup`/`teardown`: steps of bluebook.config.yaml, run once per run around every suite. */
export type StepPhase = 'before' | 'test' | 'after' | 'finally' | 'setup' | 'teardown';

export interface Step extends RequestOptions {
  /** Position within its list (`before`, a test's `steps`, `after`), from 0. */
  index: number;
  phase: StepPhase;
  /** `name:` or "METHOD url". */
  name: string;
  explicitName: boolean;
  method: HttpMethod;
  /** The method key (`GET`), where "▶ Run step" and errors point. */
  methodSpan: Span;
  /** The URL template as written. */
  url: unknown;
  urlSpan: Span;
  body?: RequestBody;
  retry?: RetryOptions;
  skip?: SkipReason | Deferred;
  when?: Condition;
  expectations: Expectation[];
  /** The `expect:` key, when present. */
  expectSpan?: Span;
  captures: Capture[];
  /** `script: { before, after }`. */
  script?: StepScripts;
  /** `openapi: false`: the response is not checked against the config's OpenAPI document. */
  openapi?: boolean;
  span: Span;
  /**
   * Present on a `use:` step (SPEC §7): the steps of another test run in its place. Such a step
   * has no request of its own (`method` is `GET` and `url` empty); `methodSpan` is the `use` key.
   */
  use?: UseCall;
}

/** A step's JavaScript (SPEC §8): `before` may change the request, `after` reads the response. */
export interface StepScripts {
  before?: ScriptSource;
  after?: ScriptSource;
}

export interface ScriptSource {
  source: string;
  /** The scalar holding the source. */
  span: Span;
}

/** `use: ./file.bluebook.yaml#test-id` (or `#test-id`) with its optional `with:` variables. */
export interface UseCall {
  /** The value as written; read it with `parseUseReference` (core/src/use/reference.ts). */
  target: string;
  /** The value's node (quotes included when quoted). */
  targetSpan: Span;
  /** Where `target`'s first character is in the text (inside the quotes). */
  targetOffset: number;
  /** `with:` variables, highest precedence inside the used steps; values may use `${}`. */
  with: Entry[];
}

export type RequestBody =
  | { kind: 'json'; value: unknown; span: Span }
  | { kind: 'body'; value: unknown; span: Span }
  | { kind: 'form'; value: unknown; span: Span }
  | { kind: 'multipart'; value: unknown; span: Span }
  | {
      kind: 'graphql';
      value: unknown;
      span: Span;
      query?: LocatedScalar;
      /** The `variables:` key and the names it gives, each at its key (checked against the query). */
      variables?: GraphqlVariables;
    };

export interface GraphqlVariables {
  keySpan: Span;
  names: Array<{ name: string; span: Span }>;
}

export interface RetryOptions {
  attempts: number | Deferred;
  intervalMs: number | Deferred;
  timeoutMs?: number | Deferred;
  failWhen?: FailWhen;
  span: Span;
}

/** `retry.failWhen`: expectations that all hold, or a truthy condition, end polling as failed. */
export interface FailWhen {
  expectations: Expectation[];
  condition?: Condition;
  /** The whole `failWhen:` entry. */
  span: Span;
}

export type ExpectationKind =
  | 'status'
  | 'headers'
  | 'json'
  | 'body'
  | 'text'
  | 'schema'
  | 'duration'
  | 'assert'
  | 'xpath'
  | 'css'
  | 'bytes'
  | 'snapshot';

/**
 * One thing to check. `headers` and `json` give one expectation per entry (per header name, per
 * JSONPath) so that each is reported on its own line.
 */
export interface Expectation {
  kind: ExpectationKind;
  /** Header name or JSONPath, for `headers` and `json`. */
  key?: string;
  keySpan?: Span;
  /** As written: a scalar, a list, or a matcher object. May contain `${...}`. */
  expected: unknown;
  valueSpan: Span;
  /** The whole entry (key to end of value): the line a failure is reported on. */
  span: Span;
}

export type CaptureSource =
  | { kind: 'json'; path: string }
  | { kind: 'header'; name: string }
  | { kind: 'cookie'; name: string }
  | { kind: 'status' }
  | { kind: 'body' }
  | { kind: 'regex'; pattern: string; from?: string }
  | { kind: 'xpath'; expression: string }
  | { kind: 'css'; selector: string }
  /** A `${{ }}` computed from `response` and the variables. */
  | { kind: 'expression'; source: string };

export interface Capture {
  name: string;
  nameSpan: Span;
  source: CaptureSource;
  valueSpan: Span;
  span: Span;
}

/** A `${...}` occurrence in the suite text. */
export interface Interpolation {
  /** The expression between `${` and `}`, trimmed. */
  expression: string;
  /** The root variable name (`user` in `user.id`, `env` in `env.TOKEN`), absent for built-in calls. */
  root?: string;
  /** Span of the whole `${...}`. */
  span: Span;
  /** Span of the root name. */
  rootSpan?: Span;
}
