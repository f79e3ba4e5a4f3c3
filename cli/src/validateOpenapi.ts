/**
 * The `openapi:` documents of the configs `bluebook validate` meets, each loaded once: the index
 * for `unknown-operation`, or the loader's message as a diagnostic on the config's `openapi:` value.
 */
import type { Diagnostic, ProjectConfig } from '../../core/src/index.js';
import { loadOperationIndex } from '../../core/src/openapi/operations.js';
import type { OperationIndex } from '../../core/src/openapi/paths.js';
import { openapiLoadDiagnostic } from '../../core/src/validate/openapi.js';

export class OpenapiContracts {
  private readonly loaded = new Map<string, { index?: OperationIndex; problem?: Diagnostic }>();

  /** Loads the config's document (once per file); the config diagnostic when it does not load. */
  async load(config: ProjectConfig): Promise<Diagnostic | undefined> {
    const openapi = config.openapi;
    if (!openapi) return undefined;
    let entry = this.loaded.get(openapi.file);
    if (!entry) {
      try {
        entry = { index: await loadOperationIndex(openapi.file) };
      } catch (error) {
        entry = { problem: openapiLoadDiagnostic(openapi.span, error) };
      }
      this.loaded.set(openapi.file, entry);
    }
    return entry.problem;
  }

  indexOf(config: ProjectConfig): OperationIndex | undefined {
    return config.openapi && this.loaded.get(config.openapi.file)?.index;
  }
}
