/**
 * What a run needs from the project around a suite: the nearest `bluebook.config.yaml` (parsed
 * by core, the same parser the editor uses), the selected environment's variables, `.env`
 * values for `${env.*}`, and the secret values to redact. Loaded once per config file.
 */
import { dirname, join } from 'node:path';
import {
  closest,
  findConfigPath,
  nodeFileSystem,
  parseConfig,
  parseDotEnv,
  type Diagnostic,
  type ProjectConfig,
} from '../../core/src/index.js';

export interface Project {
  config?: ProjectConfig;
  /** The environment used (from `--env` or `defaultEnvironment`), if any. */
  environmentName?: string;
  environment: Record<string, unknown>;
  /** `.env` beside the config, then the process environment (which wins). */
  env: Record<string, string | undefined>;
  /** Values to redact: those of variables named in `secrets:`. */
  secrets: string[];
}

/** A problem with the project setup (exit code 2), located in the config file when possible. */
export class ProjectError extends Error {
  constructor(
    message: string,
    readonly config?: ProjectConfig,
    readonly diagnostic?: Diagnostic,
  ) {
    super(message);
  }
}

export interface ProjectInputs {
  envName?: string;
  overrides: Record<string, string>;
  processEnv: Record<string, string | undefined>;
}

export class ProjectLoader {
  private readonly cache = new Map<string, Project>();

  constructor(private readonly inputs: ProjectInputs) {}

  /** The project of a suite file. Throws `ProjectError` for an invalid config or unknown `--env`. */
  forSuite(suitePath: string): Project {
    const configPath = findConfigPath(dirname(suitePath));
    const key = configPath ?? '';
    let project = this.cache.get(key);
    if (!project) {
      project = this.load(configPath);
      this.cache.set(key, project);
    }
    return project;
  }

  private load(configPath: string | undefined): Project {
    const { envName, overrides, processEnv } = this.inputs;
    if (!configPath) {
      if (envName)
        throw new ProjectError(
          `--env ${envName}: no bluebook.config.yaml found in the suite's folder or above`,
        );
      return { environment: {}, env: { ...processEnv }, secrets: [] };
    }
    const text = nodeFileSystem.readText(configPath);
    if (text === undefined) throw new ProjectError(`cannot read ${configPath}`);
    const config = parseConfig(text, configPath);
    const error = config.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    if (error) throw new ProjectError(error.message, config, error);
    const dotenvText = nodeFileSystem.readText(join(dirname(configPath), '.env'));
    const env: Record<string, string | undefined> = {};
    if (dotenvText !== undefined) {
      for (const entry of parseDotEnv(dotenvText, join(dirname(configPath), '.env')).entries)
        env[entry.name] = entry.value;
    }
    Object.assign(env, processEnv); // real process variables are never overridden by .env
    const names = config.environments.map((environment) => environment.name);
    const selected = envName ?? config.defaultEnvironment;
    if (selected !== undefined && !names.includes(selected)) {
      const suggestion = closest(selected, names);
      const known =
        names.length > 0 ? ` (environments: ${names.join(', ')})` : ' (it defines no environments)';
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      const what = envName !== undefined ? `--env ${selected}` : `defaultEnvironment ${selected}`;
      throw new ProjectError(`${what}: no such environment in ${configPath}${hint}${known}`, config);
    }
    const environment: Record<string, unknown> = {};
    for (const key of config.keys)
      if (key.environment === selected) environment[key.name] = resolveEnvReferences(key.value, env);
    const secrets: string[] = [];
    for (const name of config.secrets) {
      for (const value of [environment[name], overrides[name]]) {
        if (typeof value === 'string' && value !== '') secrets.push(value);
        else if (typeof value === 'number') secrets.push(String(value));
      }
    }
    return {
      config,
      ...(selected !== undefined ? { environmentName: selected } : {}),
      environment,
      env,
      secrets,
    };
  }
}

/** `${env.NAME}` inside environment values, so a token can come from CI's secret store. */
function resolveEnvReferences(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\s*env\.([A-Za-z_][\w.-]*)\s*\}$/.exec(value);
    if (whole) return env[whole[1]] ?? value;
    return value.replace(/\$\{\s*env\.([A-Za-z_][\w.-]*)\s*\}/g, (match, name: string) => env[name] ?? match);
  }
  if (Array.isArray(value)) return value.map((item) => resolveEnvReferences(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveEnvReferences(item, env)]),
    );
  }
  return value;
}
