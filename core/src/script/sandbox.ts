/**
 * The QuickJS sandbox (SPEC §8). Loaded only through `loadSandbox()` (a dynamic import), so no
 * suite without scripts ever compiles the WebAssembly.
 *
 * One runtime and one context are reused: a fresh context costs more than a whole evaluation.
 * The prelude freezes the intrinsics and each evaluation's added globals are deleted afterwards, so
 * nothing one evaluation does is visible to the next. A fault of the sandbox itself (time, memory,
 * stack) throws the runtime away; the next evaluation builds a new one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { classify, faultMessage, locate, toScriptError } from './errors.js';
import { callHelper } from './helpers.js';
import { CLEAN_GLOBALS, PRELUDE } from './prelude.js';
import {
  DEFAULT_LIMITS,
  MAX_RESULT_CHARS,
  MAX_STACK_BYTES,
  type EvaluationResult,
  type JsonValue,
  type ScriptContext,
  type ScriptError,
  type ScriptLimits,
  type ScriptResult,
  type SyntaxProblem,
} from './types.js';
import { SOURCE_FILE, reachableInput, wrapExpression, wrapScript } from './wrap.js';
import { REDACTED } from '../redact.js';

/** The file name of the QuickJS WebAssembly next to a bundle in dist/ (scripts/build.mjs copies it). */
export const BUNDLED_WASM = 'quickjs.wasm';

/** A variable, not a literal: esbuild leaves the `require.resolve` below alone (and silent). */
const PACKAGED_WASM = '@jitl/quickjs-wasmfile-release-sync/wasm';

/** The WebAssembly next to the bundle when there is one, else the one inside the package. */
function wasmPath(): string {
  const bundled = join(__dirname, BUNDLED_WASM);
  return existsSync(bundled) ? bundled : require.resolve(PACKAGED_WASM);
}

/** Compiles the WebAssembly once; each instance of it (see `Sandbox.instance`) is cheap. */
export async function compileWasm(): Promise<WebAssembly.Module> {
  const { WebAssembly: wasm } = globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
  };
  return wasm.compile(readFileSync(wasmPath()));
}

/**
 * The release-sync variant, with its two parts loaded by `require` so that esbuild bundles their
 * CommonJS builds (the package's own loader would bundle the ESM one, which needs `import.meta`).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- literal paths, so esbuild bundles them */
const RELEASE_SYNC: QuickJSSyncVariant = {
  type: 'sync',
  importFFI: async () =>
    (
      require('@jitl/quickjs-wasmfile-release-sync/ffi') as {
        QuickJSFFI: QuickJSSyncVariant extends { importFFI: () => Promise<infer F> } ? F : never;
      }
    ).QuickJSFFI,
  importModuleLoader: async () =>
    require('@jitl/quickjs-wasmfile-release-sync/emscripten-module') as Awaited<
      ReturnType<QuickJSSyncVariant['importModuleLoader']>
    >,
};
/* eslint-enable @typescript-eslint/no-require-imports */

function instantiate(wasmModule: WebAssembly.Module): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule }));
}

/** What a synchronous call answers when the sandbox was not prepared (a bug of the caller). */
const NOT_PREPARED = 'the script sandbox is not ready (internal error)';

type RunResult = { ok: true; text: string } | { ok: false; error: ScriptError; state?: string };

interface Realm {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  clean: QuickJSHandle;
  /** The deadline the runtime's interrupt handler checks (Infinity between evaluations). */
  clock: { deadline: number; timedOut: boolean };
  /** The heap limit in force (set again only when an evaluation asks for another). */
  memoryLimit: number;
  /** The prelude's entry points, looked up once. */
  entry: { runExpression: QuickJSHandle; runScript: QuickJSHandle; leave: QuickJSHandle };
  /** Compiled wrappers by program text: a suite evaluates the same few sources many times. */
  compiled: Map<string, QuickJSHandle>;
}

/** How many compiled wrappers a realm keeps (all are dropped when it is full). */
const COMPILED_LIMIT = 256;

export class Sandbox {
  private realm: Realm | undefined;
  private module: QuickJSWASMModule | undefined;

  constructor(private readonly wasm: WebAssembly.Module) {}

  /** A JavaScript expression with the variables by name and as `vars`, plus `response`. */
  async evaluateExpression(
    source: string,
    scope: Record<string, JsonValue> = {},
    limits: ScriptLimits = {},
    response?: ScriptContext['response'],
  ): Promise<EvaluationResult> {
    await this.ready();
    return this.evaluateExpressionSync(source, scope, limits, response);
  }

  /** `evaluateExpression` once `prepare()` has resolved (interpolation is synchronous). */
  evaluateExpressionSync(
    source: string,
    scope: Record<string, JsonValue> = {},
    limits: ScriptLimits = {},
    response?: ScriptContext['response'],
  ): EvaluationResult {
    if (!this.realm) return { ok: false, error: { message: NOT_PREPARED } };
    const reachable = reachableInput(source, scope, response);
    const input = JSON.stringify(reachable);
    const result = this.run(wrapExpression(source, Object.keys(reachable.vars)), input, limits, 'expression');
    if (!result.ok) return result;
    return { ok: true, value: JSON.parse(result.text) as JsonValue };
  }

  /** A `before`/`after` script: what it set, changed, checked and logged, or its error. */
  async runScript(
    source: string,
    context: ScriptContext = {},
    limits: ScriptLimits = {},
  ): Promise<ScriptResult> {
    await this.ready();
    return this.runScriptSync(source, context, limits);
  }

  /** `runScript` once `prepare()` has resolved. */
  runScriptSync(source: string, context: ScriptContext = {}, limits: ScriptLimits = {}): ScriptResult {
    if (!this.realm) return { ok: false, error: { message: NOT_PREPARED }, vars: {}, checks: [], logs: [] };
    const { redact, secrets, ...data } = context;
    const input = JSON.stringify(data);
    let state: Omit<ScriptResult, 'ok' | 'error'> = { vars: {}, checks: [], logs: [] };
    const result = this.run(wrapScript(source), input, limits, 'script');
    if (result.ok) state = JSON.parse(result.text) as typeof state;
    else if (result.state) state = JSON.parse(result.state) as typeof state;
    const mask = redact ?? masker(secrets ?? []);
    const logs = state.logs.map((line) => ({ level: line.level, text: mask(line.text) }));
    const out: ScriptResult = { ok: result.ok, vars: state.vars, checks: state.checks, logs };
    if (state.request) out.request = state.request;
    if (!result.ok) out.error = { ...result.error, message: mask(result.error.message) };
    return out;
  }

  /**
   * Makes the synchronous methods usable: instantiates the WebAssembly (again after a fault
   * discarded it). Cheap when it is ready.
   */
  prepare(): Promise<void> {
    return this.realm ? Promise.resolve() : this.ready().then(() => undefined);
  }

  /** Compiles without running: `null` or the first syntax error, positioned in `source`. */
  async checkSyntax(source: string, kind: 'expression' | 'script'): Promise<SyntaxProblem | null> {
    const realm = await this.ready();
    const program = kind === 'expression' ? wrapExpression(source, []) : wrapScript(source);
    const result = realm.context.evalCode(program, SOURCE_FILE, { compileOnly: true });
    if (!result.error) {
      result.value.dispose();
      return null;
    }
    const dumped = realm.context.dump(result.error) as { message?: unknown; stack?: unknown };
    result.error.dispose();
    const located = locate(typeof dumped.stack === 'string' ? dumped.stack : '');
    const position = located && located.line <= source.split('\n').length ? located : endOf(source);
    return {
      message: `SyntaxError: ${String(dumped.message ?? 'invalid syntax')}`,
      ...position,
      offset: offsetOf(source, position.line, position.column),
    };
  }

  /** Frees the WebAssembly runtime (tests and the bench; the process exits anyway). */
  dispose(): void {
    const realm = this.realm;
    this.realm = undefined;
    this.module = undefined;
    if (!realm) return;
    realm.clean.dispose();
    for (const handle of [...Object.values(realm.entry), ...realm.compiled.values()]) handle.dispose();
    realm.context.dispose();
    realm.runtime.dispose();
  }

  private run(
    program: string,
    input: string,
    limits: ScriptLimits,
    kind: 'expression' | 'script',
  ): RunResult {
    try {
      return this.settle(program, input, { ...DEFAULT_LIMITS, ...limits }, kind);
    } catch (error) {
      // the host's own stack or the WebAssembly instance gave out: that instance is never used again
      this.drop();
      return { ok: false, error: { message: hostFaultMessage(error) } };
    }
  }

  private settle(
    program: string,
    input: string,
    { timeoutMs, memoryBytes }: Required<ScriptLimits>,
    kind: 'expression' | 'script',
  ): RunResult {
    const realm = this.realm!;
    const { runtime, context } = realm;
    const clock = realm.clock;
    clock.deadline = Date.now() + timeoutMs;
    clock.timedOut = false;
    if (realm.memoryLimit !== memoryBytes) {
      runtime.setMemoryLimit(memoryBytes);
      realm.memoryLimit = memoryBytes;
    }
    const outcome = this.attempt(realm, program, input, kind);
    clock.deadline = Infinity;
    const timedOut = clock.timedOut;
    if (outcome.ok) {
      const text = context.getString(outcome.handle);
      outcome.handle.dispose();
      return { ok: true, text };
    }
    const fault = classify(outcome.dumped, timedOut);
    if (fault) {
      this.drop();
      return { ok: false, error: { message: faultMessage(fault, timeoutMs, memoryBytes) } };
    }
    const error = toScriptError(outcome.dumped, kind);
    const state = kind === 'script' ? this.leave(realm) : undefined;
    this.clean(realm);
    return state === undefined ? { ok: false, error } : { ok: false, error, state };
  }

  private attempt(
    realm: Realm,
    program: string,
    input: string,
    kind: 'expression' | 'script',
  ): { ok: true; handle: QuickJSHandle } | { ok: false; dumped: unknown } {
    const { context } = realm;
    const handles: QuickJSHandle[] = [];
    const fail = (error: QuickJSHandle) => {
      const dumped = safeDump(context, error);
      error.dispose();
      handles.forEach((handle) => handle.alive && handle.dispose());
      return { ok: false as const, dumped };
    };
    const compiled = this.compile(realm, program);
    if (compiled.error) return fail(compiled.error);
    const text = context.newString(input);
    handles.push(text);
    const runner = kind === 'expression' ? realm.entry.runExpression : realm.entry.runScript;
    const out = context.callFunction(runner, context.undefined, compiled.value, text);
    if (out.error) return fail(out.error);
    handles.forEach((handle) => handle.dispose());
    return { ok: true, handle: out.value };
  }

  /** The wrapper function of a program, compiled once per realm. */
  private compile(
    realm: Realm,
    program: string,
  ): { value: QuickJSHandle; error?: undefined } | { error: QuickJSHandle } {
    const cached = realm.compiled.get(program);
    if (cached) return { value: cached };
    const compiled = realm.context.evalCode(program, SOURCE_FILE);
    if (compiled.error) return { error: compiled.error };
    if (realm.compiled.size >= COMPILED_LIMIT) {
      for (const handle of realm.compiled.values()) handle.dispose();
      realm.compiled.clear();
    }
    realm.compiled.set(program, compiled.value);
    return { value: compiled.value };
  }

  /** The script state after a script error (its logs and checks so far), as JSON text. */
  private leave(realm: Realm): string | undefined {
    const result = realm.context.callFunction(realm.entry.leave, realm.context.undefined);
    if (result.error) {
      result.error.dispose();
      return undefined;
    }
    const text = realm.context.getString(result.value);
    result.value.dispose();
    return text;
  }

  private clean(realm: Realm): void {
    const result = realm.context.callFunction(realm.clean, realm.context.undefined);
    if (result.error) {
      result.error.dispose();
      this.drop();
    } else result.value.dispose();
  }

  private async ready(): Promise<Realm> {
    if (this.realm) return this.realm;
    this.module ??= await instantiate(this.wasm);
    const runtime = this.module.newRuntime();
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const context = runtime.newContext();
    context
      .newFunction('__bb_host', (op, a, b) =>
        context.newString(callHelper(context.getString(op), context.getString(a), context.getString(b))),
      )
      .consume((fn) => context.setProp(context.global, '__bb_host', fn));
    context
      .unwrapResult(
        context.evalCode(PRELUDE.replace('__MAX_RESULT_CHARS__', String(MAX_RESULT_CHARS)), 'prelude.js'),
      )
      .dispose();
    const clean = context.unwrapResult(context.evalCode(CLEAN_GLOBALS, 'prelude.js'));
    const entry = {
      runExpression: context.getProp(context.global, '__bb_run_expression'),
      runScript: context.getProp(context.global, '__bb_run_script'),
      leave: context.getProp(context.global, '__bb_leave'),
    };
    const clock = { deadline: Infinity, timedOut: false };
    runtime.setInterruptHandler(() => (Date.now() > clock.deadline ? (clock.timedOut = true) : false));
    this.realm = { runtime, context, clean, clock, memoryLimit: -1, entry, compiled: new Map() };
    return this.realm;
  }

  /**
   * Forgets the instance after a fault. A runtime stopped by a limit cannot always be freed
   * (QuickJS asserts on objects the interrupted code still held), so the whole WebAssembly
   * instance goes to the garbage collector and the next evaluation instantiates a new one from
   * the compiled module (about a millisecond).
   */
  private drop(): void {
    this.realm = undefined;
    this.module = undefined;
  }
}

function hostFaultMessage(error: unknown): string {
  if (error instanceof RangeError) return 'script recursed too deeply (stack overflow)';
  return `the script sandbox failed: ${error instanceof Error ? error.message : String(error)}`;
}

function safeDump(context: QuickJSContext, handle: QuickJSHandle): unknown {
  try {
    return context.dump(handle);
  } catch {
    return { name: 'InternalError', message: 'out of memory' };
  }
}

function masker(secrets: readonly string[]): (text: string) => string {
  const values = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  return (text) => values.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

function endOf(source: string): { line: number; column: number } {
  const lines = source.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The 0-based offset of a 1-based line and column, clamped to the source. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, source.length);
}
