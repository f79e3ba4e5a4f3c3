/**
 * The `openapi:` documents of the configs `bluebook validate` meets, each loaded once: the index
 * for `unknown-operation`, or the loader's message as a diagnostic on the config's `openapi:` value.
 */
import type { Diagnostic, ProjectConfig } from '../../core/src/index.js';
import { loadOperationIndex } from '../../core/src/openapi/operations.js';
import type { OperationIndex } from '../../core/src/openapi/paths.js';
import { openapiLoadDiagnostic } from '../../core/src/validate/openapi.js';

export class OpenapiContracts {
  private readonly indexes = new Map<string, OperationIndex | undefined>();

  /** Loads the config's document (once per file); the config diagnostic when it does not load. */
  async load(config: ProjectConfig): Promise<Diagnostic | undefined> {
    const openapi = config.openapi;
    if (!openapi || this.indexes.has(openapi.file)) return undefined;
    try {
      this.indexes.set(openapi.file, await loadOperationIndex(openapi.file));
      return undefined;
    } catch (error) {
      this.indexes.set(openapi.file, undefined);
      return openapiLoadDiagnostic(openapi.span, error);
    }
  }

  indexOf(config: ProjectConfig): OperationIndex | undefined {
    return config.openapi && this.indexes.get(config.openapi.file);
  }
}
