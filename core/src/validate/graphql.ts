/**
 * `graphql:` queries (SPEC §11): syntax always; with `graphql.schema` in the config, unknown fields,
 * arguments and variables and type mismatches. Each problem is located on its characters inside
 * the YAML string (block scalars and plain or quoted one-line strings; otherwise the whole string).
 */
import type { ProjectConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { scalarOffsets, type LocatedScalar } from '../graphql/locate.js';
import { checkQuery, loadGraphqlSchema, operationVariables, type SchemaResult } from '../graphql/schema.js';
import type { RequestBody, Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import { nodeFileSystem, type FileSystem } from './context.js';

type Report = (diagnostic: Diagnostic) => void;

export function checkGraphqlSteps(
  doc: SuiteDocument,
  steps: Step[],
  config: ProjectConfig | undefined,
  fileSystem: FileSystem | undefined,
  report: Report,
): void {
  const bodies = steps.flatMap((step) =>
    step.body?.kind === 'graphql' && step.body.query && !step.body.query.value.includes('${')
      ? [{ ...step.body, query: step.body.query }]
      : [],
  );
  if (bodies.length === 0) return;
  const loaded = config?.graphql ? readGraphqlSchema(config.graphql.schema, fileSystem) : undefined;
  const schema = loaded && 'schema' in loaded ? loaded.schema : undefined;
  for (const body of bodies) {
    const problems = checkQuery(body.query.value, schema);
    for (const problem of problems)
      report({
        code: 'invalid-graphql',
        severity: 'error',
        message: problem.message,
        span: spanIn(doc.text, body.query, problem.start, problem.end),
      });
    checkVariables(doc.text, body, report);
  }
}

/**
 * The `variables:` map against the variables the operation declares: a name it does not declare
 * (a typo the server would ignore) and a required one missing (the server refuses the request).
 */
function checkVariables(
  text: string,
  body: Extract<RequestBody, { kind: 'graphql' }> & { query: LocatedScalar },
  report: Report,
): void {
  const operationName = (body.value as { operationName?: unknown } | null)?.operationName;
  if (operationName !== undefined && typeof operationName !== 'string') return;
  const declared = operationVariables(body.query.value, operationName);
  if (!declared) return;
  const given = new Set(body.variables?.names.map((variable) => variable.name));
  for (const { name, span } of body.variables?.names ?? []) {
    if (declared.some((variable) => variable.name === name)) continue;
    const suggestion = closest(
      name,
      declared.map((variable) => variable.name).filter((candidate) => !given.has(candidate)),
    );
    const list = declared.map((variable) => `$${variable.name}: ${variable.type}`).join(', ');
    report({
      code: 'invalid-graphql',
      severity: 'warning',
      message: `the query declares no variable \`$${name}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''} (${list ? `it declares ${list}` : 'it declares none'})`,
      span,
      ...(suggestion ? { fixes: [{ title: `Change to \`${suggestion}\``, span, newText: suggestion }] } : {}),
    });
  }
  for (const variable of declared) {
    if (!variable.required || given.has(variable.name)) continue;
    report({
      code: 'invalid-graphql',
      severity: 'warning',
      message: `the query requires \`$${variable.name}: ${variable.type}\`, and \`variables\` does not give it: the server will refuse the request`,
      span: spanIn(text, body.query, variable.start, variable.end),
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
