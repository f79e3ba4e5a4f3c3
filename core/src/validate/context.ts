/**
 * What validation knows beyond the suite text: the nearest `bluebook.config.yaml` (its
 * environments and their keys, with positions so editors can jump there), the `.env` beside it,
 * and a file system to check referenced files. The CLI builds it with `loadValidationContext`;
 * the language server does the same and caches it per config file.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SuiteDocument } from '../parse.js';
import type { OperationIndex } from '../openapi/paths.js';
// The one parser of bluebook.config.yaml and .env lives in ../config.ts (run time and editor alike).
import {
  CONFIG_FILE_NAME,
  parseConfig as parseProjectConfig,
  parseDotEnv as parseDotEnvFile,
  type DotEnv,
  type ProjectConfig,
} from '../config.js';

export { CONFIG_FILE_NAME, parseProjectConfig, parseDotEnvFile };
export type { ConfigKey, DotEnv, DotEnvEntry, ProjectConfig } from '../config.js';

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
  /**
   * Another suite, parsed, for `use:` steps (an absolute path in, undefined when it cannot be
   * read). Default: read through `fileSystem` and parsed once per text. An editor passes its
   * open documents' parses so unsaved text counts.
   */
  readSuite?: (path: string) => SuiteDocument | undefined;
  /** The config's `openapi:` document, indexed (loaded asynchronously by the caller), for `unknown-operation`. */
  openapi?: OperationIndex;
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
