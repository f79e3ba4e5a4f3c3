/**
 * bluebook.config.yaml's `setup:` and `teardown:` around a CLI run (SPEC §7): each config the
 * selected suites use runs its setup once before any suite and its teardown once after all of
 * them (also after failures and Ctrl-C). Every suite of that config gets the setup's captures, or
 * the reason its setup failed (then each of its tests errors with it).
 */
import type { ProjectConfig, RunContext, RunOptions } from '../../core/src/index.js';

/** A config with `setup` or `teardown` steps, with the run context of the first suite using it. */
export interface HookedConfig {
  project: ProjectConfig;
  context: RunContext;
}

/** The configs of `files` that have setup or teardown steps, in the order their first suite runs. */
export function configsWithHooks(
  files: readonly string[],
  projects: ReadonlyMap<string, RunContext>,
): Map<string, HookedConfig> {
  const found = new Map<string, HookedConfig>();
  for (const file of files) {
    const context = projects.get(file);
    const project = context?.config.project;
    if (!context || !project || found.has(project.path)) continue;
    if ((project.setup?.length ?? 0) + (project.teardown?.length ?? 0) > 0)
      found.set(project.path, { project, context });
  }
  return found;
}

/** What a hook run shares with the suites: the environment of its config, `--var`, timeouts. */
export function hookOptions(config: HookedConfig, base: RunOptions): RunOptions {
  const { context } = config;
  return {
    ...base,
    environment: context.environment,
    env: context.env,
    secretNames: context.secretNames,
    ...(context.configDefaults ? { configDefaults: context.configDefaults } : {}),
  };
}
