/**
 * Project config (`bluebook.config.yaml`, SPEC §3): found from the suite's folder upward, with
 * the `.env` file beside it. The CLI and the extension both resolve a run through
 * `resolveRunContext`, so an editor run and a CI run of the same suite see the same variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { parseDuration } from './duration.js';
import type { Entry, RequestOptions } from './model.js';
import { LineIndex, type Span } from './span.js';
import { closest } from './suggest.js';

export const CONFIG_FILE_NAME = 'bluebook.config.yaml';

/** A problem in the config or `.env` file, located for "file:line:col: message" output. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
  span: Span;
}

export interface LoadedConfig {
  /** Absolute path of the config file; absent when none was found. */
  path?: string;
  environments: Record<string, Record<string, unknown>>;
  defaultEnvironment?: string;
  /** Names of variables whose values are redacted from every output. */
  secrets: string[];
  defaults?: RequestOptions;
  /** Values read from `.env` beside the config (not yet merged with the process environment). */
  dotEnv: Record<string, string>;
  errors: ConfigError[];
}

const TOP_KEYS = ['environments', 'defaultEnvironment', 'secrets', 'defaults'];
const DEFAULT_KEYS = ['headers', 'query', 'auth', 'timeout', 'followRedirects'];

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
    return emptyWithError(path, `cannot read ${CONFIG_FILE_NAME}: ${(error as Error).message}`);
  }
  const config = parseConfig(text, path);
  const envPath = join(dirname(path), '.env');
  if (existsSync(envPath)) {
    try {
      const parsed = parseDotEnv(readFileSync(envPath, 'utf8'), envPath);
      config.dotEnv = parsed.values;
      config.errors.push(...parsed.errors);
    } catch (error) {
      config.errors.push({
        file: envPath,
        line: 1,
        column: 1,
        message: `cannot read .env: ${(error as Error).message}`,
        span: { start: 0, end: 0 },
      });
    }
  }
  return config;
}

function emptyWithError(path: string, message: string): LoadedConfig {
  return {
    path,
    environments: {},
    secrets: [],
    dotEnv: {},
    errors: [{ file: path, line: 1, column: 1, message, span: { start: 0, end: 0 } }],
  };
}

/** Parses config text; never throws. */
export function parseConfig(text: string, path: string): LoadedConfig {
  const lines = new LineIndex(text);
  const config: LoadedConfig = { path, environments: {}, secrets: [], dotEnv: {}, errors: [] };
  const report = (span: Span, message: string): void => {
    const position = lines.positionAt(span.start);
    config.errors.push({
      file: path,
      line: position.line + 1,
      column: position.character + 1,
      message,
      span,
    });
  };
  const spanOf = (node: Node | null | undefined): Span =>
    node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  const doc = parseDocument(text, { prettyErrors: false });
  for (const error of doc.errors)
    report(
      { start: error.pos[0], end: error.pos[1] },
      error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    );
  if (doc.errors.length > 0) return config;
  if (doc.contents === null) return config;
  if (!isMap(doc.contents)) {
    report(spanOf(doc.contents), `${CONFIG_FILE_NAME} must be a mapping with keys ${TOP_KEYS.join(', ')}`);
    return config;
  }
  for (const pair of doc.contents.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'environments':
        if (value !== null && !isMap(value)) {
          report(spanOf(value), '`environments` must map environment names to variables');
          break;
        }
        for (const env of (value?.items ?? []) as Pair<Node, Node | null>[]) {
          const name = isScalar(env.key) ? String(env.key.value) : '';
          if (env.value !== null && !isMap(env.value))
            report(spanOf(env.value), `environment \`${name}\` must be a mapping of variables`);
          else config.environments[name] = (env.value?.toJSON() ?? {}) as Record<string, unknown>;
        }
        break;
      case 'defaultEnvironment':
        if (!isScalar(value) || typeof value.value !== 'string')
          report(spanOf(value ?? pair.key), '`defaultEnvironment` must be an environment name');
        else config.defaultEnvironment = value.value;
        break;
      case 'secrets': {
        const list = value?.toJSON() as unknown;
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
          report(spanOf(value ?? pair.key), '`secrets` must be a list of variable names');
        else config.secrets = list;
        break;
      }
      case 'defaults':
        if (!isMap(value))
          report(spanOf(value ?? pair.key), '`defaults` must be a mapping of request options');
        else config.defaults = parseDefaults(value, report, spanOf);
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
  if (config.defaultEnvironment !== undefined && !(config.defaultEnvironment in config.environments)) {
    const pair = (doc.contents.items as Pair<Node, Node | null>[]).find(
      (item) => isScalar(item.key) && item.key.value === 'defaultEnvironment',
    );
    report(
      spanOf(pair?.value),
      `\`defaultEnvironment\` names \`${config.defaultEnvironment}\`, which is not under \`environments\` (${Object.keys(config.environments).join(', ') || 'none defined'})`,
    );
  }
  return config;
}

function parseDefaults(
  map: Node,
  report: (span: Span, message: string) => void,
  spanOf: (node: Node | null | undefined) => Span,
): RequestOptions {
  const options: RequestOptions = { headers: [], query: [] };
  const none: Span = { start: 0, end: 0 };
  const entries = (node: Node | null): Entry[] =>
    isMap(node)
      ? (node.items as Pair<Node, Node | null>[]).map((item) => ({
          key: String((item.key as { value?: unknown }).value),
          value: item.value?.toJSON() ?? null,
          keySpan: spanOf(item.key),
          valueSpan: spanOf(item.value),
          span: spanOf(item.key),
        }))
      : [];
  for (const pair of (map as Node & { items: Pair<Node, Node | null>[] }).items) {
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
      else options.auth = { key, value: value.toJSON(), keySpan: none, valueSpan: none, span: none };
    } else if (key === 'timeout') {
      const ms = parseDuration(value?.toJSON());
      if (ms === undefined)
        report(
          spanOf(value ?? pair.key),
          'invalid duration in `defaults.timeout`; write milliseconds (`500`) or a duration (`5s`)',
        );
      else options.timeoutMs = ms;
    } else if (key === 'followRedirects') {
      if (!isScalar(value) || typeof value.value !== 'boolean')
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

/** `.env` syntax: `NAME=value`, optional `export `, quotes, `#` comments. */
export function parseDotEnv(
  text: string,
  path = '.env',
): { values: Record<string, string>; errors: ConfigError[] } {
  const values: Record<string, string> = {};
  const errors: ConfigError[] = [];
  let offset = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    const lineStart = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) {
      errors.push({
        file: path,
        line: index + 1,
        column: 1,
        message: 'expected `NAME=value`',
        span: { start: lineStart, end: lineStart + line.length },
      });
      return;
    }
    let value = match[2];
    const quoted = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(value);
    if (quoted)
      value = quoted[1] !== undefined ? quoted[1].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') : quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    values[match[1]] = value;
  });
  return { values, errors };
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
  /** Config errors plus an unknown environment name; the CLI exits 2 when non-empty. */
  errors: ConfigError[];
}

export function resolveRunContext(request: RunContextRequest): RunContext {
  const config = request.config ?? loadConfigFor(request.suitePath);
  const errors = [...config.errors];
  const environmentName = request.environmentName ?? config.defaultEnvironment;
  let environment: Record<string, unknown> = {};
  if (environmentName !== undefined) {
    if (environmentName in config.environments) environment = config.environments[environmentName];
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
    errors,
  };
}
