/**
 * `graphql:` queries (SPEC §11): syntax always; with `graphql.schema` in the config, unknown fields,
 * arguments and variables and type mismatches. Each problem is located on its characters inside
 * the YAML string (block scalars and plain or quoted one-line strings; otherwise the whole string).
 */
import type { ProjectConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { scalarOffsets, type LocatedScalar } from '../graphql/locate.js';
import { checkQuery, loadGraphqlSchema, type SchemaResult } from '../graphql/schema.js';
import type { Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { nodeFileSystem, type FileSystem } from './context.js';

type Report = (diagnostic: Diagnostic) => void;

export function checkGraphqlSteps(
  doc: SuiteDocument,
  steps: Step[],
  config: ProjectConfig | undefined,
  fileSystem: FileSystem | undefined,
  report: Report,
): void {
  const queries = steps.flatMap((step) =>
    step.body?.kind === 'graphql' && step.body.query && !step.body.query.value.includes('${')
      ? [step.body.query]
      : [],
  );
  if (queries.length === 0) return;
  const loaded = config?.graphql ? readGraphqlSchema(config.graphql.schema, fileSystem) : undefined;
  const schema = loaded && 'schema' in loaded ? loaded.schema : undefined;
  for (const query of queries) {
    for (const problem of checkQuery(query.value, schema))
      report({
        code: 'invalid-graphql',
        severity: 'error',
        message: problem.message,
        span: spanIn(doc.text, query, problem.start, problem.end),
      });
  }
}

/** The schema file's GraphQL schema, or why it cannot be used. */
export function readGraphqlSchema(path: string, fileSystem: FileSystem = nodeFileSystem): SchemaResult {
  const text = fileSystem.readText(path);
  if (text === undefined) return { problem: `cannot read the GraphQL schema ${path}` };
  return loadGraphqlSchema(text, path);
}

/** `graphql.schema` problems of the config (a missing or unparsable schema), at its value. */
export function checkGraphqlConfig(config: ProjectConfig, fileSystem?: FileSystem): Diagnostic[] {
  if (!config.graphql) return [];
  const loaded = readGraphqlSchema(config.graphql.schema, fileSystem);
  if (!('problem' in loaded)) return [];
  return [
    {
      code: 'invalid-config',
      severity: 'error',
      message: `the GraphQL schema does not load: ${loaded.problem}. Give an SDL file (.graphql) or an introspection result (.json).`,
      span: config.graphql.span,
    },
  ];
}

function spanIn(text: string, query: LocatedScalar, start: number, end: number): Span {
  const offsetOf = scalarOffsets(text, query);
  if (!offsetOf) return query.span;
  const from = offsetOf(start);
  return { start: from, end: Math.max(offsetOf(end), from + 1) };
}
