/**
 * What a run needs from the project around a suite — the nearest `bluebook.config.yaml`, the
 * selected environment, `.env`, secret names, config `defaults` — resolved by core's
 * `resolveRunContext` (the extension uses the same function, so editor and CI runs agree).
 * Configs are loaded once per file; problems become `ProjectError`s (exit code 2).
 */
import { readFileSync } from 'node:fs';
import { findConfigFile, loadConfigFor, LineIndex, resolveRunContext } from './core.js';
import type { ConfigError, LoadedConfig, RunContext } from '../../core/src/index.js';

/** A problem with the project setup, located in the config (or `.env`) file. */
export class ProjectError extends Error {
  constructor(readonly problems: ConfigError[]) {
    super(problems[0]?.message ?? 'invalid config');
  }

  /** The text of the file a problem is in, for an excerpt (undefined when unreadable). */
  lineIndexOf(problem: ConfigError): LineIndex | undefined {
    try {
      return new LineIndex(readFileSync(problem.file, 'utf8'));
    } catch {
      return undefined;
    }
  }
}

export interface ProjectInputs {
  envName?: string;
  processEnv: Record<string, string | undefined>;
}

export class ProjectLoader {
  private readonly configs = new Map<string, LoadedConfig>();

  constructor(private readonly inputs: ProjectInputs) {}

  /** The run context of a suite file. Throws `ProjectError` for an invalid config or unknown `--env`. */
  forSuite(suitePath: string): RunContext {
    const configPath = findConfigFile(suitePath.replace(/[\\/][^\\/]*$/, '')) ?? '';
    let config = this.configs.get(configPath);
    if (!config) {
      config = loadConfigFor(suitePath);
      this.configs.set(configPath, config);
    }
    const context = resolveRunContext({
      suitePath,
      config,
      processEnv: this.inputs.processEnv,
      ...(this.inputs.envName !== undefined ? { environmentName: this.inputs.envName } : {}),
    });
    if (context.errors.length > 0) throw new ProjectError(context.errors);
    return context;
  }
}
