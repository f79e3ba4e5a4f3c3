import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import {
  checkConfigInterpolations,
  checkGraphqlConfig,
  type ProjectConfig,
} from '../../../core/src/index.js';
import { toLspDiagnostic } from './diagnostics.js';

/**
 * Diagnostics of `bluebook.config.yaml`: exactly the `invalid-config` problems of core's one config
 * parser (YAML syntax, unknown keys with "did you mean", wrong types, duplicate keys, an unknown
 * `defaultEnvironment`), so the editor and `bluebook run`/`validate` never disagree; plus `${...}`
 * forms the run cannot evaluate (names in `defaults` need a suite: `bluebook validate` checks them);
 * and a `graphql.schema` that does not load.
 */
export function configDiagnostics(config: ProjectConfig): LspDiagnostic[] {
  return [...config.diagnostics, ...checkConfigInterpolations(config), ...checkGraphqlConfig(config)].map(
    (diagnostic) => toLspDiagnostic(diagnostic, config.lineIndex),
  );
}
