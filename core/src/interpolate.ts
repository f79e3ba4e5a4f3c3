/**
 * `${...}` interpolation with the precedence of SPEC §2.4.
 *
 * Values declared in YAML (suite/test variables, `each` rows, environments) are templates: they
 * may refer to other variables and are interpolated when looked up. Captures and `--var` values
 * are data and are used as they are.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { jsonPathLiteral, mapJsonPathTemplate } from './jsonpath.js';
import { setOwn } from './own.js';
import { findScriptExpressions, wholeScriptExpression } from './script/template.js';

/** The variable layers, highest precedence first. */
export interface ScopeLayers {
  /** `with:` of a `use` step, inside the used steps (SPEC §7): interpolated already. */
  with?: Record<string, unknown>;
  overrides?: Record<string, unknown>;
  captures?: Record<string, unknown>;
  row?: Record<string, unknown>;
  test?: Record<string, unknown>;
  suite?: Record<string, unknown>;
  environment?: Record<string, unknown>;
}

const LAYER_ORDER = ['with', 'overrides', 'captures', 'row', 'test', 'suite', 'environment'] as const;
const TEMPLATE_LAYERS = new Set<string>(['row', 'test', 'suite', 'environment']);
const MAX_DEPTH = 16;

/** A variable (or `env.NAME`) that has no value; the runner turns it into an errored step. */
export class UndefinedVariableError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'UndefinedVariableError';
  }
}

/** Any other problem with an expression: unknown function, bad arguments, a cycle. */
export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

/**
 * Evaluates the JavaScript of a `${{ }}` with every variable in scope and, inside `expect` and
 * `capture`, the response (core/src/run/scripts.ts); throws an `InterpolationError`.
 */
export interface ExpressionHost {
  evaluate(source: string, variables: Record<string, unknown>, response: unknown): unknown;
}

/** A template variable's value and every name its evaluation read (directly or through others). */
interface Evaluated {
  value: unknown;
  uses: ReadonlySet<string>;
}

/**
 * Where variables come from. Immutable apart from `captures`, which the runner fills as steps run.
 *
 * A template variable is evaluated once per scope (a test instance has its own), so
 * `user-${randomInt(1, 1000)}` is one value wherever it is used; the value is evaluated again only
 * after a capture it read changes.
 */
export class Scope {
  private readonly evaluated = new Map<string, Evaluated>();
  /** The names read by the template evaluations in progress, innermost last. */
  private readonly reading: Set<string>[] = [];
  /** Template variables being evaluated: `${{ }}` inside one cannot see itself. */
  private readonly pending = new Set<string>();
  /** Set by a run whose suite uses `${{ }}`, once the sandbox is loaded. */
  expressionHost: ExpressionHost | undefined;
  /** What `response` is in `${{ }}` (inside `expect` and `capture`). */
  response: unknown;

  constructor(
    readonly layers: ScopeLayers,
    readonly env: Record<string, string | undefined> = {},
    /** Explains where an undefined name could have come from (see `explainUndefined`). */
    readonly hint?: (name: string) => string | undefined,
  ) {}

  /**
   * A child scope (a test instance) with some layers replaced; captures are copied so the child
   * cannot change the parent. It keeps the values already evaluated here (what `before` steps
   * used) unless a replaced layer defines the variable or a name it read.
   */
  extend(layers: ScopeLayers, hint = this.hint): Scope {
    const child = new Scope(
      { ...this.layers, captures: { ...this.layers.captures }, ...layers },
      this.env,
      hint,
    );
    child.expressionHost = this.expressionHost;
    const replaced = (name: string): boolean =>
      LAYER_ORDER.some((layer) => layer !== 'captures' && hasOwn(layers[layer], name));
    for (const [name, entry] of this.evaluated) {
      if (!replaced(name) && ![...entry.uses].some(replaced)) child.evaluated.set(name, entry);
    }
    return child;
  }

  setCapture(name: string, value: unknown): void {
    setOwn((this.layers.captures ??= {}), name, value);
    for (const [variable, entry] of this.evaluated) if (entry.uses.has(name)) this.evaluated.delete(variable);
  }

  has(name: string): boolean {
    return LAYER_ORDER.some((layer) => hasOwn(this.layers[layer], name));
  }

  /** The value of a variable, interpolating template layers; throws `UndefinedVariableError`. */
  lookup(name: string, depth = 0): unknown {
    for (const layer of LAYER_ORDER) {
      const values = this.layers[layer];
      if (!hasOwn(values, name)) continue;
      const reader = this.reading[this.reading.length - 1];
      reader?.add(name);
      if (!TEMPLATE_LAYERS.has(layer)) return values[name];
      let entry = this.evaluated.get(name);
      if (!entry) {
        if (depth > MAX_DEPTH)
          throw new InterpolationError(`variable \`${name}\` refers to itself through other variables`);
        const uses = new Set<string>();
        this.reading.push(uses);
        this.pending.add(name);
        try {
          entry = { value: interpolateValue(values[name], this, depth + 1), uses };
        } finally {
          this.reading.pop();
          this.pending.delete(name);
        }
        this.evaluated.set(name, entry);
      }
      if (reader) for (const used of entry.uses) reader.add(used);
      return entry.value;
    }
    const hint = this.hint?.(name);
    throw new UndefinedVariableError(name, `variable \`${name}\` is not defined${hint ? `; ${hint}` : ''}`);
  }

  /** Every variable that has a value, by name (what `${{ }}` sees); undefined ones are left out. */
  variables(depth = 0): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const layer of LAYER_ORDER) {
      for (const name in this.layers[layer]) {
        if (Object.prototype.hasOwnProperty.call(values, name) || this.pending.has(name)) continue;
        try {
          setOwn(values, name, this.lookup(name, depth));
        } catch (error) {
          if (!(error instanceof UndefinedVariableError || error instanceof InterpolationError)) throw error;
        }
      }
    }
    return values;
  }

  /** The value of a `${{ }}` expression. */
  evaluateScript(source: string, depth = 0): unknown {
    if (!this.expressionHost)
      throw new InterpolationError('`${{ }}` needs the script sandbox, which this run has not loaded');
    return this.expressionHost.evaluate(source, this.variables(depth), this.response);
  }
}

function hasOwn(
  values: Record<string, unknown> | undefined,
  name: string,
): values is Record<string, unknown> {
  return values !== undefined && Object.prototype.hasOwnProperty.call(values, name);
}

const WHOLE = /^\$\{([^{}]*)\}$/;
const PART = /\$\$\{|\$\{([^{}]*)\}/g;

/**
 * Interpolates a YAML value: strings are rendered, lists and maps recursively (keys are kept).
 * A string that is exactly one `${...}` keeps the value's type; `$${` is a literal `${`.
 */
export function interpolateValue(value: unknown, scope: Scope, depth = 0): unknown {
  if (typeof value === 'string') return interpolateString(value, scope, depth);
  if (Array.isArray(value)) return value.map((item) => interpolateValue(item, scope, depth));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      setOwn(result, key, interpolateValue(item, scope, depth));
    return result;
  }
  return value;
}

function interpolateString(text: string, scope: Scope, depth: number): unknown {
  if (!text.includes('${')) return text;
  if (text.includes('${{')) return interpolateScripted(text, scope, depth);
  return interpolatePlain(text, scope, depth);
}

function interpolatePlain(text: string, scope: Scope, depth: number): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return evaluateExpression(whole[1], scope, depth);
  return text.replace(PART, (_match, expression: string | undefined) =>
    expression === undefined ? '${' : stringify(evaluateExpression(expression, scope, depth)),
  );
}

/** A string with `${{ }}`: typed when it is exactly one, else text with `${...}` read as usual. */
function interpolateScripted(text: string, scope: Scope, depth: number): unknown {
  const whole = wholeScriptExpression(text);
  if (whole) return scope.evaluateScript(whole.source, depth);
  let result = '';
  let last = 0;
  for (const expression of findScriptExpressions(text)) {
    if (expression.unterminated)
      throw new InterpolationError('`${{` is not closed: end the expression with `}}`');
    result += stringify(interpolatePlain(text.slice(last, expression.start), scope, depth));
    result += stringify(scope.evaluateScript(expression.source, depth));
    last = expression.end;
  }
  return result + stringify(interpolatePlain(text.slice(last), scope, depth));
}

/** How a value reads inside a longer string. */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The grammar of `${...}`, shared with validation (core/src/validate/forms.ts). */
export const CALL = /^([A-Za-z_]\w*)\s*\((.*)\)$/s;
export const ROOT = /^[A-Za-z_][\w-]*/;
/** What follows `env` in `${env.NAME}`. */
export const ENV_REFERENCE = /^\.([A-Za-z_][\w.-]*)$/;
export const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[\s*(\d+)\s*\]|\[\s*(?:"([^"]*)"|'([^']*)')\s*\])/;

/** Evaluates the text between `${` and `}`. */
export function evaluateExpression(source: string, scope: Scope, depth = 0): unknown {
  const expression = source.trim();
  const call = CALL.exec(expression);
  if (call) return callBuiltin(call[1], call[2], scope, depth);
  const root = ROOT.exec(expression);
  if (!root)
    throw new InterpolationError(
      `\`\${${source}}\` is not a variable reference; write \`\${name}\`, \`\${name.field}\` or \`\${env.NAME}\``,
    );
  let rest = expression.slice(root[0].length);
  let value: unknown;
  let path = root[0];
  if (root[0] === 'env') {
    const name = ENV_REFERENCE.exec(rest)?.[1];
    if (!name)
      throw new InterpolationError(
        `\`\${${expression}}\`: write \`\${env.NAME}\` to read an environment variable`,
      );
    const envValue = scope.env[name];
    if (envValue === undefined) {
      throw new UndefinedVariableError(
        `env.${name}`,
        `environment variable \`${name}\` is not set; set it in the shell or in the .env file beside bluebook.config.yaml`,
      );
    }
    return envValue;
  }
  value = scope.lookup(root[0], depth);
  while (rest.length > 0) {
    const segment = SEGMENT.exec(rest);
    if (!segment)
      throw new InterpolationError(
        `cannot read \`${rest}\` in \`\${${expression}}\`; use \`.field\` or \`[index]\``,
      );
    const key = segment[1] ?? segment[3] ?? segment[4] ?? Number(segment[2]);
    const next =
      value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)
        ? (value as Record<string | number, unknown>)[key]
        : undefined;
    if (next === undefined) {
      throw new UndefinedVariableError(
        root[0],
        `\`${path}${segment[0]}\` is not defined: \`${path}\` is ${describeShape(value)} without ${typeof key === 'number' ? `index ${key}` : `field \`${key}\``}`,
      );
    }
    value = next;
    path += segment[0];
    rest = rest.slice(segment[0].length);
  }
  return value;
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Built-in functions; their docs are read by completion and hover. */
export const BUILTINS: Record<string, { signature: string; doc: string }> = {
  uuid: { signature: 'uuid()', doc: 'A random UUID (v4).' },
  now: { signature: 'now()', doc: 'The current time, ISO 8601 (UTC).' },
  timestamp: { signature: 'timestamp()', doc: 'The current time in Unix milliseconds (a number).' },
  randomInt: {
    signature: 'randomInt(min, max)',
    doc: 'A random whole number from min to max, both included.',
  },
};

/** `crypto.randomInt` draws from fewer than 2^48 values. */
export const RANDOM_RANGE = 2 ** 48;

function callBuiltin(name: string, argsSource: string, scope: Scope, depth: number): unknown {
  const args =
    argsSource.trim() === '' ? [] : argsSource.split(',').map((arg) => argument(arg.trim(), scope, depth));
  switch (name) {
    case 'uuid':
      return randomUUID();
    case 'now':
      return new Date().toISOString();
    case 'timestamp':
      return Date.now();
    case 'randomInt': {
      const [min, max] = args.map(Number);
      const needs = '`randomInt(min, max)` needs two whole numbers with min ≤ max';
      if (args.length !== 2 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max + 1) || max < min) {
        throw new InterpolationError(needs);
      }
      if (max - min + 1 >= RANDOM_RANGE) throw new InterpolationError(`${needs}, fewer than 2^48 apart`);
      return randomInt(min, max + 1);
    }
    default:
      throw new InterpolationError(
        `unknown function \`${name}()\`; available: ${Object.values(BUILTINS)
          .map((builtin) => builtin.signature)
          .join(', ')}`,
      );
  }
}

/** Literal arguments of a built-in; anything else is read as a variable reference. */
export const NUMBER_ARGUMENT = /^-?\d+(\.\d+)?$/;
export const QUOTED_ARGUMENT = /^"(.*)"$|^'(.*)'$/;

function argument(source: string, scope: Scope, depth: number): unknown {
  if (NUMBER_ARGUMENT.test(source)) return Number(source);
  const quoted = QUOTED_ARGUMENT.exec(source);
  if (quoted) return quoted[1] ?? quoted[2];
  return evaluateExpression(source, scope, depth);
}

/**
 * Interpolates a JSONPath (an `expect.json` key) before it is compiled: each `${...}` becomes a
 * JSONPath literal of its value (`$.users[?@.id == ${userId}]` → `… == 7`, a string quoted), its
 * characters inside a quoted name (`$['${key}']`), or a name after a dot (`$.${field}`).
 */
export function interpolateJsonPath(path: string, scope: Scope): string {
  return mapJsonPathTemplate(path, (slot) =>
    jsonPathLiteral(evaluateExpression(slot.expression, scope), slot),
  );
}
