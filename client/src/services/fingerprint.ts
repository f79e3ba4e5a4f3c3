/** What identifies a config's `services:` for the editor: equal fingerprints, same processes. */
import type { ProjectConfig } from '../../../core/src/config.js';
import type { ServiceSpec } from '../../../core/src/services/types.js';

/** The services' settings without their positions: an edit elsewhere in the config keeps them running. */
export function servicesFingerprint(config: ProjectConfig): string {
  const specs = (config as ProjectConfig & { services?: ServiceSpec[] }).services ?? [];
  return JSON.stringify(specs.map(({ span: _span, ...settings }) => settings));
}
