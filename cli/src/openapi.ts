/**
 * The `openapi:` documents of a run's configs, loaded before any suite starts: a document that
 * cannot be used ends the run (exit 2) at its `openapi:` line in bluebook.config.yaml.
 */
import { ContractLoader } from '../../core/src/openapi/load.js';
import type { RunContext } from '../../core/src/config.js';
import { displayPath } from './discover.js';
import { renderDiagnostic } from './problems.js';
import type { Io } from './io.js';

/** The loader every suite of the run shares, or false when a document could not be loaded (reported). */
export async function loadContracts(contexts: Iterable<RunContext>, io: Io): Promise<ContractLoader | false> {
  const loader = new ContractLoader();
  const projects = new Map(
    [...contexts].flatMap(({ config }) =>
      config.project?.openapi ? [[config.project.path, config.project]] : [],
    ),
  );
  let loaded = true;
  for (const project of projects.values()) {
    const openapi = project.openapi!;
    try {
      await loader.load(openapi.file);
    } catch (error) {
      loaded = false;
      const diagnostic = {
        code: 'invalid-config' as const,
        severity: 'error' as const,
        message: `the OpenAPI document cannot be used: ${(error as Error).message}`,
        span: openapi.span,
      };
      io.errorLines(
        renderDiagnostic(diagnostic, displayPath(project.path, io.cwd), project.lineIndex, io.stderrStyle),
      );
    }
  }
  return loaded && loader;
}
