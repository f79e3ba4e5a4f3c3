/** What identifies a config's `services:` for the editor: equal fingerprints, same processes. */
import type { ProjectConfig } from '../../../core/src/config.js';

/** The services' settings without their positions: an edit elsewhere in the config keeps them running. */
export function servicesFingerprint(config: ProjectConfig): string {
  return JSON.stringify((config.services ?? []).map(({ span: _span, ...settings }) => settings));
}
