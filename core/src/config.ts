/**
 * Project config (`bluebook.config.yaml`, SPEC §3): found from the suite's folder upward, with
 * the `.env` file beside it. The CLI and the extension both resolve a run through
 * `resolveRunContext`, so an editor run and a CI run of the same suite see the same variables.
 *
 * `parseConfig` is the one parser of the file: it keeps what a run needs (environments' values,
 * secrets, defaults) and where every key is (go to definition, references and rename into the
 * config), and reports every problem both as a located error (CLI) and as a diagnostic (editor).
 */
import type { ScriptLimits } from './script/types.js';
import { parseScriptsConfig } from './scriptsConfig.js';
import { parseServicesConfig } from './services/parse.js';
import type { ServiceSpec } from './services/types.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Diagnostic, DiagnosticCode } from './diagnostics.js';
import { parseDotEnv, type ConfigError, type DotEnv } from './dotenv.js';
import { parseDuration } from './duration.js';
import { CONFIG_KEYS, keyNames } from './keys.js';
import type { Deferred, Entry, RequestOptions, Step } from './model.js';
import { parseSuite, SuiteParser } from './parse.js';
import { hasScriptExpression } from './script/template.js';
import { checkScripts } from './validate/scripts.js';
import { setOwn } from './own.js';
import { readYaml } from './parse/yaml.js';
import { parseGraphqlConfig, type GraphqlConfig } from './graphql/config.js';
import { parseOpenapiConfig, type OpenapiConfig } from './openapi/config.js';
import { LineIndex, type Span } from './span.js';
import { closest } from './suggest.js';

export { parseDotEnv, type ConfigError, type DotEnv, type DotEnvEntry } from './dotenv.js';

export const CONFIG_FILE_NAME = 'bluebook.config.yaml';

/** One key of one environment in the config file. */
export interface ConfigKey {
  environment: string;
  name: string;
  value: unknown;
  /** The key's span in the config text. */
  span: Span;
}

/** `bluebook.config.yaml`, parsed: run-time values plus the position of every key. */
export interface ProjectConfig {
  /** Absolute path of the file. */
  path: string;
  text: string;
  lineIndex: LineIndex;
  /** Environment names in file order, with the span of each name. */
  environments: { name: string; span: Span }[];
  /** Every variable of every environment, in file order, with the span of its key. */
  keys: ConfigKey[];
  /** Each valid environment's variables (what a run uses). */
  environmentValues: Record<string, Record<string, unknown>>;
  defaultEnvironment?: string;
  /** Names of variables whose values are secret (redacted from every output). */
  secrets: string[];
  defaults?: RequestOptions;
  /** `setup:` steps (phase `setup`), run once per run before any suite (core/src/run/setup.ts). */
  setup?: Step[];
  /** `teardown:` steps (phase `teardown`), run once per run after every suite. */
  teardown?: Step[];
  /** `scripts: { timeout, memory }`: limits of each `${{ }}` and script evaluation. */
  scripts?: ScriptLimits;
  /** `services:` (SPEC §10): the system under test, in file order (core/src/services). */
  services?: ServiceSpec[];
  /** `graphql: { schema }` (SPEC §11): the schema `graphql:` steps are checked against. */
  graphql?: GraphqlConfig;
  /** `openapi: ./openapi.yaml` (SPEC §11): the contract every response of a declared operation is checked against. */
  openapi?: OpenapiConfig;
  /** Every problem, located for "file:line:col: message" output. */
  errors: ConfigError[];
  /** The same problems as editor diagnostics (code `invalid-config`). */
  diagnostics: Diagnostic[];
}

/** What a run reads from the config and the `.env` beside it. */
export interface LoadedConfig {
  /** Absolute path of the config file; absent when none was found. */
  path?: string;
  environments: Record<string, Record<string, unknown>>;
  defaultEnvironment?: string;
  /** Names of variables whose values are redacted from every output. */
  secrets: string[];
  defaults?: RequestOptions;
  scripts?: ScriptLimits;
  /** Values read from `.env` beside the config (not yet merged with the process environment). */
  dotEnv: Record<string, string>;
  errors: ConfigError[];
  /** The parsed config, with positions (absent when none was found or it could not be read). */
  project?: ProjectConfig;
  /** The parsed `.env`, with positions (absent when there is none). */
  dotEnvFile?: DotEnv;
}

// One key table (core/src/keys.ts) serves this parser, completion and hover.
const TOP_KEYS = CONFIG_KEYS.map((entry) => entry.key);
const DEFAULT_KEYS = keyNames('defaults');

/** The nearest `bluebook.config.yaml` in `folder` or its ancestors. */
export function findConfigFile(folder: string): string | undefined {
  let current = resolve(folder);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Loads the config that applies to a suite file (none found: an empty config without errors). */
export function loadConfigFor(suitePath: string): LoadedConfig {
  const path = findConfigFile(dirname(resolve(suitePath)));
  if (!path) return { environments: {}, secrets: [], dotEnv: {}, errors: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      path,
      environments: {},
      secrets: [],
      dotEnv: {},
      errors: [locatedAtStart(path, `cannot read ${CONFIG_FILE_NAME}: ${(error as Error).message}`)],
    };
  }
  const project = parseConfig(text, path);
  const config: LoadedConfig = {
    path,
    environments: project.environmentValues,
    ...(project.defaultEnvironment !== undefined ? { defaultEnvironment: project.defaultEnvironment } : {}),
    secrets: project.secrets,
    ...(project.defaults ? { defaults: project.defaults } : {}),
    ...(project.scripts ? { scripts: project.scripts } : {}),
    dotEnv: {},
    errors: [...project.errors],
    project,
  };
  const envPath = join(dirname(path), '.env');
  if (existsSync(envPath)) {
    try {
      const dotEnvFile = parseDotEnv(readFileSync(envPath, 'utf8'), envPath);
      config.dotEnv = dotEnvFile.values;
      config.dotEnvFile = dotEnvFile;
      config.errors.push(...dotEnvFile.errors);
    } catch (error) {
      config.errors.push(locatedAtStart(envPath, `cannot read .env: ${(error as Error).message}`));
    }
  }
  return config;
}

function locatedAtStart(file: string, message: string): ConfigError {
  return { file, line: 1, column: 1, message, span: { start: 0, end: 0 } };
}

type YamlPair = Pair<Node, Node | null>;

function spanOf(node: Node | null | undefined): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}

function toJS(node: Node | null | undefined): unknown {
  try {
    return node ? node.toJSON() : null;
  } catch {
    return null;
  }
}

/** Parses config text; never throws. Whatever is valid is kept even when something else is not. */
export function parseConfig(text: string, path: string): ProjectConfig {
  const lineIndex = new LineIndex(text);
  const config: ProjectConfig = {
    path,
    text,
    lineIndex,
    environments: [],
    keys: [],
    environmentValues: {},
    secrets: [],
    errors: [],
    diagnostics: [],
  };
  const reportAs = (code: DiagnosticCode, span: Span, message: string): void => {
    const position = lineIndex.positionAt(span.start);
    config.errors.push({
      file: path,
      line: position.line + 1,
      column: position.character + 1,
      message,
      span,
    });
    const end = Math.max(span.end, Math.min(span.start + 1, text.length));
    config.diagnostics.push({ code, severity: 'error', message, span: { start: span.start, end } });
  };
  const report = (span: Span, message: string): void => reportAs('invalid-config', span, message);
  // Duplicate keys are reported below, by name, instead of failing the whole document.
  const { root, problems } = readYaml(text);
  for (const problem of problems) report(problem.span, problem.message);
  if (root === null) return config;
  if (!isMap(root)) {
    if (problems.length === 0)
      report(spanOf(root), `${CONFIG_FILE_NAME} must be a mapping with keys ${TOP_KEYS.join(', ')}`);
    return config;
  }
  const pairs = uniquePairs(root.items as YamlPair[], 'in bluebook.config.yaml', report);
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'environments':
        if (value !== null && !isMap(value)) {
          report(spanOf(value), '`environments` must map environment names to variables');
          break;
        }
        for (const env of uniquePairs((value?.items ?? []) as YamlPair[], 'in `environments`', report))
          readEnvironment(env, config, report);
        break;
      case 'defaultEnvironment':
        if (!isScalar(value) || typeof value.value !== 'string')
          report(spanOf(value ?? pair.key), '`defaultEnvironment` must be an environment name');
        else config.defaultEnvironment = value.value;
        break;
      case 'secrets': {
        const list = toJS(value);
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
          report(spanOf(value ?? pair.key), '`secrets` must be a list of variable names');
        else config.secrets = list as string[];
        break;
      }
      case 'defaults':
        if (!isMap(value))
          report(spanOf(value ?? pair.key), '`defaults` must be a mapping of request options');
        else config.defaults = parseDefaults(value, report);
        break;
      case 'setup':
      case 'teardown': {
        // The suite step syntax, parsed by the suite parser: positions are in this file.
        const parser = new SuiteParser(text, path);
        config[key] = parser.steps(pair, key);
        for (const diagnostic of parser.diagnostics) report(diagnostic.span, diagnostic.message);
        break;
      }
      case 'scripts':
        config.scripts = parseScriptsConfig(value, spanOf, report);
        break;
      case 'services':
        config.services = parseServicesConfig(value, path, spanOf, report);
        break;
      case 'graphql':
        config.graphql = parseGraphqlConfig(value, path, spanOf, report);
        break;
      case 'openapi':
        config.openapi = parseOpenapiConfig(value, path, spanOf, report);
        break;
      default: {
        const suggestion = closest(key, TOP_KEYS);
        report(
          spanOf(pair.key),
          `unknown key \`${key}\` in ${CONFIG_FILE_NAME}${suggestion ? ` — did you mean \`${suggestion}\`?` : `; expected one of: ${TOP_KEYS.join(', ')}`}`,
        );
      }
    }
  }
  if (
    config.defaultEnvironment !== undefined &&
    !config.environments.some((env) => env.name === config.defaultEnvironment)
  ) {
    const pair = pairs.find((item) => isScalar(item.key) && item.key.value === 'defaultEnvironment');
    report(
      spanOf(pair?.value),
      `\`defaultEnvironment\` names \`${config.defaultEnvironment}\`, which is not under \`environments\` (${config.environments.map((env) => env.name).join(', ') || 'none defined'})`,
    );
  }
  const hookSteps = [...(config.setup ?? []), ...(config.teardown ?? [])];
  if (hookSteps.some((step) => step.script) || (hookSteps.length > 0 && hasScriptExpression(text))) {
    // The config read as a suite document only for the positions of its scalars.
    const doc = parseSuite(text, path);
    checkScripts(doc, hookSteps, (diagnostic) =>
      reportAs(diagnostic.code, diagnostic.span, diagnostic.message),
    );
  }
  return config;
}

/** The pairs of a mapping, reporting (and skipping) a key that appeared before. */
function uniquePairs(
  pairs: YamlPair[],
  where: string,
  report: (span: Span, message: string) => void,
): YamlPair[] {
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    if (!isScalar(pair.key)) return true;
    const key = String(pair.key.value);
    if (!seen.has(key)) return seen.add(key);
    report(spanOf(pair.key), `duplicate key \`${key}\` ${where}`);
    return false;
  });
}

function readEnvironment(
  env: YamlPair,
  config: ProjectConfig,
  report: (span: Span, message: string) => void,
): void {
  if (!isScalar(env.key)) {
    report(spanOf(env.key), 'an environment name must be a plain name');
    return;
  }
  const name = String(env.key.value);
  config.environments.push({ name, span: spanOf(env.key) });
  if (env.value !== null && !isMap(env.value)) {
    report(spanOf(env.value), `environment \`${name}\` must be a mapping of variables`);
    return;
  }
  const values: Record<string, unknown> = {};
  for (const variable of uniquePairs(
    (env.value?.items ?? []) as YamlPair[],
    `in environment \`${name}\``,
    report,
  )) {
    if (!isScalar(variable.key)) {
      report(spanOf(variable.key), `a variable name in environment \`${name}\` must be a plain name`);
      continue;
    }
    const key = String(variable.key.value);
    const value = toJS(variable.value);
    setOwn(values, key, value);
    config.keys.push({ environment: name, name: key, value, span: spanOf(variable.key) });
  }
  setOwn(config.environmentValues, name, values);
}

function parseDefaults(map: Node, report: (span: Span, message: string) => void): RequestOptions {
  const options: RequestOptions = { headers: [], query: [] };
  const none: Span = { start: 0, end: 0 };
  const entries = (node: Node | null): Entry[] =>
    isMap(node)
      ? (node.items as YamlPair[]).map((item) => ({
          key: String((item.key as { value?: unknown }).value),
          value: toJS(item.value),
          keySpan: spanOf(item.key),
          valueSpan: spanOf(item.value),
          span: spanOf(item.key),
        }))
      : [];
  for (const pair of (map as Node & { items: YamlPair[] }).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (key === 'headers' || key === 'query') {
      if (!isMap(value)) report(spanOf(value ?? pair.key), `\`defaults.${key}\` must be a mapping`);
      else options[key] = entries(value);
    } else if (key === 'auth') {
      if (!isMap(value))
        report(
          spanOf(value ?? pair.key),
          '`defaults.auth` must be `{ basic: { username, password } }` or `{ bearer: token }`',
        );
      else options.auth = { key, value: toJS(value), keySpan: none, valueSpan: none, span: none };
    } else if (key === 'timeout') {
      const ms = deferred(value) ?? parseDuration(toJS(value));
      if (ms === undefined)
        report(
          spanOf(value ?? pair.key),
          'invalid duration in `defaults.timeout`; write milliseconds (`500`) or a duration (`5s`)',
        );
      else options.timeoutMs = ms;
    } else if (key === 'followRedirects') {
      const template = deferred(value);
      if (template) options.followRedirects = template;
      else if (!isScalar(value) || typeof value.value !== 'boolean')
        report(spanOf(value ?? pair.key), '`defaults.followRedirects` must be true or false');
      else options.followRedirects = value.value;
    } else {
      const suggestion = closest(key, DEFAULT_KEYS);
      report(
        spanOf(pair.key),
        `unknown key \`${key}\` in \`defaults\`${suggestion ? ` — did you mean \`${suggestion}\`?` : `; expected one of: ${DEFAULT_KEYS.join(', ')}`}`,
      );
    }
  }
  return options;
}

/** A `${...}` value of `timeout`/`followRedirects`: interpolated by the run, where it is used. */
function deferred(node: Node | null): Deferred | undefined {
  const value = toJS(node);
  return typeof value === 'string' && value.includes('${')
    ? { template: value, span: { start: 0, end: 0 } }
    : undefined;
}

export interface RunContextRequest {
  /** The suite file the run is for (its config is looked up from its folder). */
  suitePath: string;
  /** `--env` / the status-bar picker; default: the config's `defaultEnvironment`. */
  environmentName?: string;
  /** `process.env` by default. */
  processEnv?: Record<string, string | undefined>;
  /** An already loaded config (the extension caches it). */
  config?: LoadedConfig;
}

/** What a run needs from the config: pass these fields into `RunOptions`. */
export interface RunContext {
  config: LoadedConfig;
  environmentName?: string;
  environment: Record<string, unknown>;
  env: Record<string, string | undefined>;
  secretNames: string[];
  configDefaults?: RequestOptions;
  /** The config's `scripts` limits (RunOptions.scripts). */
  scripts?: ScriptLimits;
  /** Config errors plus an unknown environment name; the CLI exits 2 when non-empty. */
  errors: ConfigError[];
}

export function resolveRunContext(request: RunContextRequest): RunContext {
  const config = request.config ?? loadConfigFor(request.suitePath);
  const errors = [...config.errors];
  const environmentName = request.environmentName ?? config.defaultEnvironment;
  let environment: Record<string, unknown> = {};
  if (environmentName !== undefined) {
    if (Object.hasOwn(config.environments, environmentName))
      environment = config.environments[environmentName];
    else {
      const names = Object.keys(config.environments);
      const suggestion = closest(environmentName, names);
      errors.push({
        file: config.path ?? CONFIG_FILE_NAME,
        line: 1,
        column: 1,
        message: `unknown environment \`${environmentName}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}; ${names.length > 0 ? `defined: ${names.join(', ')}` : config.path ? 'no environments are defined' : `no ${CONFIG_FILE_NAME} was found`}`,
        span: { start: 0, end: 0 },
      });
    }
  }
  // Real process variables win over `.env`.
  const env: Record<string, string | undefined> = { ...config.dotEnv };
  for (const [name, value] of Object.entries(request.processEnv ?? process.env))
    if (value !== undefined) env[name] = value;
  return {
    config,
    ...(environmentName !== undefined ? { environmentName } : {}),
    environment,
    env,
    secretNames: config.secrets,
    ...(config.defaults ? { configDefaults: config.defaults } : {}),
    ...(config.scripts ? { scripts: config.scripts } : {}),
    errors,
  };
}
