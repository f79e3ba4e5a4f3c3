/**
 * A step's `script.before` (sees and may change the request) and `script.after` (sees the
 * response): their `vars.set` values, `check`s as expectation results, and `console.log` lines.
 */
import type { BuiltRequest } from '../http/build.js';
import { StepProblem } from '../http/errors.js';
import type { ResponseView } from '../http/response.js';
import type { Scope } from '../interpolate.js';
import type { Step, ScriptSource } from '../model.js';
import type { ExpectationResult } from '../results.js';
import type { JsonValue, ScriptContext, ScriptRequest, ScriptResult } from '../script/types.js';
import { scriptErrorMessage, scriptErrorSpan, scriptResponseOf, scriptVariables } from './scripts.js';
import type { RunState } from './state.js';

/** A script's error, with the lines it logged before it. */
export class ScriptProblem extends StepProblem {
  constructor(
    message: string,
    span: ScriptSource['span'],
    readonly logs: string[],
  ) {
    super(message, span);
  }
}

export interface AfterScript {
  vars: Readonly<Record<string, JsonValue>>;
  checks: readonly ExpectationResult[];
  logs: readonly string[];
}

/** What a step without scripts gets: shared, never written (one object less per request). */
const NO_LINES: readonly string[] = Object.freeze([]);
const NO_CHECKS: readonly ExpectationResult[] = Object.freeze([]);
const NO_AFTER_SCRIPT: AfterScript = Object.freeze({
  vars: Object.freeze({}),
  checks: NO_CHECKS,
  logs: NO_LINES,
});

/** Runs `script.before` and applies its changes to the request; returns its log lines. */
export function runBeforeScript(
  step: Step,
  built: BuiltRequest,
  scope: Scope,
  state: RunState,
): readonly string[] {
  const script = step.script?.before;
  if (!script) return NO_LINES;
  const request = toScriptRequest(built, step);
  const result = run('before', script, state, { vars: scriptVariables(scope), request });
  if (result.request) applyRequest(built, request, result.request, script);
  for (const [name, value] of Object.entries(result.vars)) scope.setCapture(name, value);
  return lines(result);
}

/** Runs `script.after` on the response. */
export function runAfterScript(step: Step, view: ResponseView, scope: Scope, state: RunState): AfterScript {
  const script = step.script?.after;
  if (!script) return NO_AFTER_SCRIPT;
  const result = run('after', script, state, {
    vars: scriptVariables(scope),
    response: scriptResponseOf(view),
  });
  const checks = result.checks.map((check): ExpectationResult => ({
    kind: 'assert',
    key: check.name,
    passed: check.passed,
    expected: true,
    actual: check.passed,
    message: check.passed ? `check “${check.name}” passed` : `check “${check.name}” failed`,
    span: script.span,
  }));
  return { vars: result.vars, checks, logs: lines(result) };
}

function run(
  kind: 'before' | 'after',
  script: ScriptSource,
  state: RunState,
  context: Omit<ScriptContext, 'redact' | 'secrets'>,
): ScriptResult {
  const session = state.scripts;
  if (!session)
    throw new StepProblem(
      state.scriptsProblem ?? 'the script sandbox is not loaded (internal error)',
      script.span,
    );
  const redact = (text: string): string => state.redactor.text(text);
  const result = session.sandbox.runScriptSync(script.source, { ...context, redact }, session.limits);
  if (!result.ok && result.error)
    throw new ScriptProblem(
      scriptErrorMessage(kind, script, result.error, state.doc),
      scriptErrorSpan(script, result.error, state.doc),
      lines(result),
    );
  return result;
}

function lines(result: ScriptResult): string[] {
  return result.logs.map((line) => line.text);
}

function toScriptRequest(built: BuiltRequest, step: Step): ScriptRequest {
  const { outgoing } = built;
  const request: ScriptRequest = {
    method: outgoing.method,
    url: outgoing.url.href,
    headers: { ...outgoing.headers },
    query: queryOf(outgoing.url),
  };
  if (typeof outgoing.body === 'string') {
    if (step.body?.kind === 'json' || step.body?.kind === 'graphql')
      request.json = JSON.parse(outgoing.body) as JsonValue;
    else request.body = outgoing.body;
  }
  return request;
}

function queryOf(url: URL): Record<string, JsonValue> {
  const query: Record<string, JsonValue> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The script's request written back: URL (and query), method, headers, body. */
function applyRequest(
  built: BuiltRequest,
  before: ScriptRequest,
  after: ScriptRequest,
  script: ScriptSource,
): void {
  const { outgoing, record } = built;
  let url: URL;
  try {
    url = new URL(String(after.url));
  } catch {
    throw new StepProblem(
      `script.before set \`request.url\` to \`${String(after.url)}\`, which is not a URL`,
      script.span,
    );
  }
  if (JSON.stringify(after.query ?? {}) !== JSON.stringify(before.query ?? {})) {
    url.search = '';
    for (const [key, value] of Object.entries(after.query ?? {}))
      for (const item of Array.isArray(value) ? value : [value])
        url.searchParams.append(key, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(after.headers ?? {}))
    if (value !== null && value !== undefined) headers[name.toLowerCase()] = String(value);
  outgoing.url = url;
  outgoing.method = String(after.method).toUpperCase();
  outgoing.headers = headers;
  record.url = url.href;
  record.method = outgoing.method;
  record.headers = headers;
  const body =
    JSON.stringify(after.json) !== JSON.stringify(before.json) && after.json !== undefined
      ? JSON.stringify(after.json)
      : after.body !== before.body && after.body !== undefined
        ? String(after.body)
        : undefined;
  if (body !== undefined) {
    outgoing.body = body;
    record.body = body;
  }
}
