/**
 * The engine's side of SPEC §8: whether a run needs the sandbox, loading it before the run, the
 * `${{ }}` evaluator the scope calls, and what a step's scripts see and give back.
 *
 * Interpolation is synchronous, the sandbox's loading is not: a run whose suite holds `${{` or a
 * `script:` loads (and before every step re-prepares) the sandbox, then evaluates synchronously.
 */
import type { ResponseView } from '../http/response.js';
import { InterpolationError, type ExpressionHost, type Scope } from '../interpolate.js';
import type { ScriptSource, Step, Suite } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { loadSandbox, type Sandbox } from '../script/index.js';
import type { JsonValue, ScriptError, ScriptLimits, ScriptResponse } from '../script/types.js';
import { hasScriptExpression } from '../script/template.js';
import type { Span } from '../span.js';
import { scalarAt } from '../validate/scalars.js';
import { textSpan } from '../validate/scripts.js';
import type { SuiteLoader } from '../use/loader.js';
import { parseUseReference, resolveUseFile } from '../use/reference.js';
import type { RunOptions } from './options.js';
import { suitePath } from './runUse.js';

export interface ScriptSession {
  sandbox: Sandbox;
  limits: ScriptLimits;
}

/**
 * Whether anything the run reads may hold `${{ }}` or a step script: the suite, the suites its
 * `use:` steps read (transitively, through the run's loader), the environment, config defaults.
 */
export async function needsScripts(
  doc: SuiteDocument,
  options: RunOptions,
  suites: SuiteLoader,
): Promise<boolean> {
  if (
    [options.environment, options.configDefaults].some(
      (value) => value !== undefined && hasScriptExpression(JSON.stringify(value)),
    )
  )
    return true;
  const seen = new Set<string>();
  const visit = async (current: SuiteDocument): Promise<boolean> => {
    const path = suitePath(current.uri);
    if (seen.has(path)) return false;
    seen.add(path);
    if (hasScriptExpression(current.text)) return true;
    const steps = current.suite ? allSteps(current.suite) : [];
    if (steps.some((step) => step.script)) return true;
    for (const step of steps) {
      const reference = step.use ? parseUseReference(step.use.target) : undefined;
      if (!reference || 'problem' in reference || reference.file === undefined) continue;
      const loaded = await suites.load(resolveUseFile(path, reference), reference.file);
      if ('doc' in loaded && (await visit(loaded.doc))) return true;
    }
    return false;
  };
  return visit(doc);
}

/**
 * The loaded sandbox for a run that needs it (`undefined`, nothing loaded, otherwise), or why it
 * could not be loaded: then every `${{ }}` and script errors its step with that reason.
 */
export async function openScripts(
  doc: SuiteDocument,
  options: RunOptions,
  suites: SuiteLoader,
): Promise<ScriptSession | { problem: string } | undefined> {
  if (!(await needsScripts(doc, options, suites))) return undefined;
  try {
    const sandbox = await loadSandbox();
    await sandbox.prepare();
    return { sandbox, limits: options.scripts ?? {} };
  } catch (error) {
    return {
      problem: `the script sandbox could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** What `${{ }}` calls; a failing expression throws an `InterpolationError` naming it. */
export function expressionHost(session: ScriptSession | { problem: string }): ExpressionHost {
  return {
    evaluate(source, variables, response) {
      if ('problem' in session) throw new InterpolationError(session.problem);
      const result = session.sandbox.evaluateExpressionSync(
        source,
        variables as Record<string, JsonValue>,
        session.limits,
        response as ScriptResponse | undefined,
      );
      if (result.ok) return result.value;
      throw new InterpolationError(`\`\${{${source}}}\`: ${describeScriptError(result.error)}`);
    },
  };
}

/** `TypeError: … (line 2)`: the line only when the source has more than one. */
export function describeScriptError(error: ScriptError): string {
  return error.line !== undefined && error.line > 1 ? `${error.message} (line ${error.line})` : error.message;
}

/** A response as scripts and expressions see it (header names are already lower case). */
export function scriptResponseOf(view: ResponseView): ScriptResponse {
  const { response } = view;
  const result: ScriptResponse = {
    status: response.status,
    headers: response.headers,
    duration: Math.round(response.durationMs),
  };
  const json = view.json();
  if (json.ok) result.json = json.value as JsonValue;
  if (!view.isBinary) result.text = view.text();
  return result;
}

/** `script.after line 2 (suite line 8): …`: the line in the script and, where known, in the file. */
export function scriptErrorMessage(
  kind: 'before' | 'after',
  script: ScriptSource,
  error: ScriptError,
  doc: SuiteDocument,
): string {
  if (error.line === undefined) return `script.${kind}: ${error.message}`;
  return `script.${kind} line ${error.line} (suite line ${fileLine(script, error.line, doc)}): ${error.message}`;
}

/** Where a script's error is in the file: its line and column when known, else the whole script. */
export function scriptErrorSpan(script: ScriptSource, error: ScriptError, doc: SuiteDocument): Span {
  if (error.line === undefined) return script.span;
  const lines = script.source.split('\n');
  const text = lines[error.line - 1];
  const located = scalarAt(doc, script.span);
  if (text === undefined || !located) return script.span;
  const lineStart = lines.slice(0, error.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
  const column = Math.min(Math.max((error.column ?? 1) - 1, 0), text.length);
  return textSpan(doc, located, lineStart + column, lineStart + text.length);
}

/** The 1-based line in the suite file of a script's line (a block scalar starts below its `|`). */
function fileLine(script: ScriptSource, line: number, doc: SuiteDocument): number {
  const first = doc.lineIndex.positionAt(script.span.start).line + 1;
  const block = doc.text[script.span.start] === '|' || doc.text[script.span.start] === '>';
  return first + (block ? 1 : 0) + line - 1;
}

/** Every variable in scope, for a script's `vars.get`. */
export function scriptVariables(scope: Scope): Record<string, JsonValue> {
  return scope.variables() as Record<string, JsonValue>;
}

function allSteps(suite: Suite): Step[] {
  return [
    ...suite.before,
    ...suite.after,
    ...suite.tests.flatMap((test) => [...test.steps, ...(test.finally ?? [])]),
  ];
}
