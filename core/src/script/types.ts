/** Limits of one evaluation (SPEC §8, `scripts: { timeout, memory }` in the config). */
export interface ScriptLimits {
  /** Wall-clock limit of one evaluation in milliseconds (default 1000). */
  timeoutMs?: number;
  /** Heap limit of the sandbox in bytes (default 32 MiB). */
  memoryBytes?: number;
}

export const DEFAULT_LIMITS: Required<ScriptLimits> = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };

/** Interpreter stack limit: deep recursion ends with a clear error long before the host stack. */
export const MAX_STACK_BYTES = 512 * 1024;

/** The largest JSON text a value may have when it crosses from the sandbox to the host. */
export const MAX_RESULT_CHARS = 10 * 1024 * 1024;

/** A script fault, located in the script's source when QuickJS knows where (1-based line and column). */
export interface ScriptError {
  message: string;
  line?: number;
  column?: number;
}

/** A syntax error with its position relative to the source string (offset is 0-based UTF-16). */
export interface SyntaxProblem {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type EvaluationResult = { ok: true; value: JsonValue } | { ok: false; error: ScriptError };

/** What a script sees of a response (header names lower case). */
export interface ScriptResponse {
  status: number;
  headers: Record<string, string>;
  json?: JsonValue;
  text?: string;
  duration?: number;
}

/** What a `before` script sees (and may change) of the request. */
export interface ScriptRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  query?: Record<string, JsonValue>;
  json?: JsonValue;
  body?: string;
}

export interface ScriptContext {
  /** Variables in scope (`vars.get`). */
  vars?: Record<string, JsonValue>;
  request?: ScriptRequest;
  response?: ScriptResponse;
  /** Applied to every log line; or give `secrets`, values masked as `•••`. */
  redact?: (text: string) => string;
  secrets?: readonly string[];
}

export interface ScriptCheck {
  name: string;
  passed: boolean;
}

export interface ScriptLog {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

/** The outcome of a script: what it set, changed and reported, and its error if it failed. */
export interface ScriptResult {
  ok: boolean;
  error?: ScriptError;
  /** Variables set with `vars.set`, in order of the last set. */
  vars: Record<string, JsonValue>;
  /** The request as the script left it (only when a request was given). */
  request?: ScriptRequest;
  checks: ScriptCheck[];
  logs: ScriptLog[];
}
