/**
 * Sandboxed expressions and scripts (SPEC §8). This module is light: QuickJS is loaded by the first
 * `loadSandbox()` (a dynamic import, so a bundle initialises it only then) and shared afterwards.
 */
import type { Sandbox } from './sandbox.js';
import type {
  EvaluationResult,
  JsonValue,
  ScriptContext,
  ScriptLimits,
  ScriptResult,
  SyntaxProblem,
} from './types.js';

export type * from './types.js';
export type { Sandbox } from './sandbox.js';

let loading: Promise<Sandbox> | undefined;
let loaded = false;

/** The shared sandbox, compiling the WebAssembly on first use. */
export function loadSandbox(): Promise<Sandbox> {
  loading ??= import('./sandbox.js').then(async ({ Sandbox, compileWasm }) => {
    const sandbox = new Sandbox(await compileWasm());
    loaded = true;
    return sandbox;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Whether this process has loaded QuickJS (a run without `${{ }}` or `script` never does). */
export function isSandboxLoaded(): boolean {
  return loaded;
}

export async function evaluateExpression(
  source: string,
  scope: Record<string, JsonValue> = {},
  limits: ScriptLimits = {},
  response?: ScriptContext['response'],
): Promise<EvaluationResult> {
  return (await loadSandbox()).evaluateExpression(source, scope, limits, response);
}

export async function runScript(
  source: string,
  context: ScriptContext = {},
  limits: ScriptLimits = {},
): Promise<ScriptResult> {
  return (await loadSandbox()).runScript(source, context, limits);
}

export async function checkSyntax(
  source: string,
  kind: 'expression' | 'script',
): Promise<SyntaxProblem | null> {
  return (await loadSandbox()).checkSyntax(source, kind);
}
