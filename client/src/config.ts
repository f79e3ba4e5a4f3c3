/**
 * What a suite run needs from `bluebook.config.yaml` and `.env`, resolved by core's
 * `resolveRunContext` — the same function `bluebook run` uses, so an editor run and a CI run of a
 * suite see the same variables. The editor adds only the environment picked in the status bar.
 */
import {
  resolveRunContext,
  loadConfigFor,
  type ProjectConfig,
  type RunOptions,
} from '../../core/src/index.js';

export interface SuiteRunContext {
  options: RunOptions;
  /** Path of the config that applied, if any. */
  configPath?: string;
  environment?: string;
  /** The parsed config (its `services:` start before the run). */
  project?: ProjectConfig;
}

/**
 * Run options for the suite file at `suitePath`. The picked environment applies when this
 * suite's config defines it; otherwise the config's default does (a workspace may hold several
 * configs with different environments). Throws, naming file and line, when the config is invalid.
 */
export function runContextFor(suitePath: string, picked: string | undefined): SuiteRunContext {
  const config = loadConfigFor(suitePath);
  const environmentName = picked !== undefined && picked in config.environments ? picked : undefined;
  const context = resolveRunContext({
    suitePath,
    config,
    processEnv: process.env,
    ...(environmentName !== undefined ? { environmentName } : {}),
  });
  const first = context.errors[0];
  if (first) throw new Error(`invalid config ${first.file}:${first.line}:${first.column}: ${first.message}`);
  return {
    options: {
      environment: context.environment,
      env: context.env,
      secretNames: context.secretNames,
      ...(context.configDefaults ? { configDefaults: context.configDefaults } : {}),
      ...(context.scripts ? { scripts: context.scripts } : {}),
      ...(config.project?.openapi ? { openapi: config.project.openapi.file } : {}),
    },
    ...(config.path ? { configPath: config.path } : {}),
    ...(context.environmentName !== undefined ? { environment: context.environmentName } : {}),
    ...(config.project ? { project: config.project } : {}),
  };
}

/**
 * The `setup`/`teardown` of the config that applies to the file at `path` (a suite, or the config
 * itself), when it has any: a Test Explorer run runs them once around its suites (testing/hooks.ts).
 */
export function configHooksFor(
  path: string,
): { path: string; setup: boolean; teardown: boolean } | undefined {
  const project = loadConfigFor(path).project;
  const setup = (project?.setup?.length ?? 0) > 0;
  const teardown = (project?.teardown?.length ?? 0) > 0;
  return project && (setup || teardown) ? { path: project.path, setup, teardown } : undefined;
}
