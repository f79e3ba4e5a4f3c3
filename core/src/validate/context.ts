/**
 * What validation knows beyond the suite text: the nearest `bluebook.config.yaml` (its
 * environments and their keys, with positions so editors can jump there), the `.env` beside it,
 * and a file system to check referenced files. The CLI builds it with `loadValidationContext`;
 * the language server does the same and caches it per config file.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { CONFIG_FILE_NAME } from '../config.js';

export { CONFIG_FILE_NAME };
import { LineIndex, type Span } from '../span.js';

/** Read access to files, injectable for tests and for editors' unsaved buffers. */
export interface FileSystem {
  isFile(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
}

export const nodeFileSystem: FileSystem = {
  isFile(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** One key of one environment in the config file. */
export interface ConfigKey {
  environment: string;
  name: string;
  value: unknown;
  /** The key's span in the config text. */
  span: Span;
}

export interface ProjectConfig {
  /** Absolute path of `bluebook.config.yaml`. */
  path: string;
  text: string;
  lineIndex: LineIndex;
  /** Environment names in file order, with the span of each name. */
  environments: { name: string; span: Span }[];
  keys: ConfigKey[];
  defaultEnvironment?: string;
  /** Names of variables whose values are secret (masked in hovers and outputs). */
  secrets: string[];
  diagnostics: Diagnostic[];
}

export interface DotEnvEntry {
  name: string;
  value: string;
  span: Span;
}

export interface DotEnv {
  path: string;
  text: string;
  lineIndex: LineIndex;
  entries: DotEnvEntry[];
}

export interface ValidationContext {
  /** Absolute path of the suite file; relative file references resolve against its folder. */
  suitePath?: string;
  config?: ProjectConfig;
  dotenv?: DotEnv;
  /** The process environment, for `${env.NAME}` (defaults to none: only `.env` is known). */
  processEnv?: Record<string, string | undefined>;
  /** Names given from outside (`--var NAME=VALUE`): always defined. */
  overrides?: string[];
  fileSystem?: FileSystem;
  /** Report undefined variables (default true). */
  checkVariables?: boolean;
  /** Check referenced files exist and are valid (default true). */
  checkFiles?: boolean;
}

/** The nearest `bluebook.config.yaml` in `folder` or its ancestors. */
export function findConfigPath(folder: string, fileSystem: FileSystem = nodeFileSystem): string | undefined {
  let current = resolve(folder);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (fileSystem.isFile(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Builds the context for a suite file on disk: nearest config, its `.env`, the process env. */
export function loadValidationContext(
  suitePath: string,
  options: {
    fileSystem?: FileSystem;
    processEnv?: Record<string, string | undefined>;
    overrides?: string[];
  } = {},
): ValidationContext {
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const configPath = findConfigPath(dirname(resolve(suitePath)), fileSystem);
  const context: ValidationContext = {
    suitePath: resolve(suitePath),
    fileSystem,
    processEnv: options.processEnv,
    overrides: options.overrides,
  };
  if (configPath) {
    const text = fileSystem.readText(configPath);
    if (text !== undefined) context.config = parseProjectConfig(text, configPath);
    const envPath = join(dirname(configPath), '.env');
    const envText = fileSystem.readText(envPath);
    if (envText !== undefined) context.dotenv = parseDotEnvFile(envText, envPath);
  }
  return context;
}

function span(node: Node | null | undefined): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}

/**
 * Parses `bluebook.config.yaml` for what validation and the editor need: unlike the run-time
 * loader (`../config.ts`), it keeps the position of every environment key, for go to definition,
 * references and rename into the config. Never throws.
 */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  const config: ProjectConfig = {
    path,
    text,
    lineIndex: new LineIndex(text),
    environments: [],
    keys: [],
    secrets: [],
    diagnostics: [],
  };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    config.diagnostics.push({
      code: 'invalid-config',
      severity: 'error',
      message: `${CONFIG_FILE_NAME}: ${error.message.split('\n')[0]}`,
      span: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) },
    });
  }
  if (!isMap(doc.contents)) return config;
  for (const pair of doc.contents.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'environments' && isMap(pair.value)) {
      for (const envPair of pair.value.items as Pair<Node, Node | null>[]) {
        if (!isScalar(envPair.key)) continue;
        const environment = String(envPair.key.value);
        config.environments.push({ name: environment, span: span(envPair.key) });
        if (!isMap(envPair.value)) continue;
        for (const varPair of envPair.value.items as Pair<Node, Node | null>[]) {
          if (!isScalar(varPair.key)) continue;
          config.keys.push({
            environment,
            name: String(varPair.key.value),
            value: safeJS(varPair.value),
            span: span(varPair.key),
          });
        }
      }
    } else if (key === 'defaultEnvironment' && isScalar(pair.value)) {
      config.defaultEnvironment = String(pair.value.value);
    } else if (key === 'secrets' && isSeq(pair.value)) {
      config.secrets = pair.value.items.filter(isScalar).map((item) => String(item.value));
    }
  }
  return config;
}

function safeJS(node: Node | null): unknown {
  try {
    return node ? node.toJSON() : null;
  } catch {
    return null;
  }
}

/** Parses a `.env` file: `NAME=value` lines, `export` prefixes, quotes and `#` comments. */
export function parseDotEnvFile(text: string, path: string): DotEnv {
  const entries: DotEnvEntry[] = [];
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;
  for (const match of text.matchAll(line)) {
    const start = (match.index ?? 0) + match[0].indexOf(match[1]);
    let value = match[2].replace(/\r$/, '');
    const quoted = /^(['"])(.*)\1\s*(?:#.*)?$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '').trim();
    entries.push({ name: match[1], value, span: { start, end: start + match[1].length } });
  }
  return { path, text, lineIndex: new LineIndex(text), entries };
}

/** Environment names defining `name`, and those that do not. */
export function environmentsDefining(
  config: ProjectConfig,
  name: string,
): { defining: string[]; missing: string[] } {
  const defining = new Set(config.keys.filter((key) => key.name === name).map((key) => key.environment));
  const all = config.environments.map((env) => env.name);
  return {
    defining: all.filter((env) => defining.has(env)),
    missing: all.filter((env) => !defining.has(env)),
  };
}
