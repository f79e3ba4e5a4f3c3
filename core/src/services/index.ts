/** The system under test (`services:`, SPEC §10): started, awaited and always stopped. */
import type { ProjectConfig } from '../config.js';
import { ServiceStartError, type RunningServices, type StartServicesOptions } from './types.js';

export * from './types.js';

/** The services an environment refers to (`${services.NAME…}`), with their `dependsOn` closure. */
export function servicesFor(config: ProjectConfig, environmentName: string | undefined): string[] {
  void config;
  void environmentName;
  return [];
}

/** Starts `names` in dependency order and waits for each to be ready. */
export async function startServices(
  config: ProjectConfig,
  names: string[],
  options: StartServicesOptions = {},
): Promise<RunningServices> {
  void config;
  void options;
  throw new ServiceStartError(names[0] ?? '?', 'cannot start: services are not implemented yet', []);
}
