/**
 * GraphQL schemas and query checks on the `graphql` package, required on first use so suites
 * without `graphql:` steps never load it.
 */
import type * as Graphql from 'graphql';

type GraphqlModule = typeof Graphql;

export interface QueryProblem {
  message: string;
  /** Offsets in the query text. */
  start: number;
  end: number;
}

/** The `graphql` package, required on first use. */
export function graphql(): GraphqlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `graphql:` steps
  return require('graphql') as GraphqlModule;
}

const schemas = new Map<string, { text: string; result: SchemaResult }>();

export type SchemaResult = { schema: Graphql.GraphQLSchema } | { problem: string };

/** The schema in an SDL or introspection JSON text (cached per path and text); never throws. */
export function loadGraphqlSchema(text: string, path: string): SchemaResult {
  const cached = schemas.get(path);
  if (cached?.text === text) return cached.result;
  const result = buildSchemaFrom(text, path);
  schemas.set(path, { text, result });
  return result;
}

function buildSchemaFrom(text: string, path: string): SchemaResult {
  const { buildSchema, buildClientSchema } = graphql();
  try {
    if (/\.json$/i.test(path)) {
      const json = JSON.parse(text) as { data?: Graphql.IntrospectionQuery } & Graphql.IntrospectionQuery;
      return { schema: buildClientSchema(json.data ?? json) };
    }
    return { schema: buildSchema(text) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Syntax errors, and with a schema unknown fields, arguments, variables and type mismatches. */
export function checkQuery(query: string, schema?: Graphql.GraphQLSchema): QueryProblem[] {
  const { parse, validate, GraphQLError } = graphql();
  let document: Graphql.DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const start = error.positions?.[0] ?? 0;
    return [{ message: error.message, start, end: Math.min(start + 1, query.length) }];
  }
  if (!schema) return [];
  return validate(schema, document).map((error) => locate(error, query.length));
}

function locate(error: Graphql.GraphQLError, length: number): QueryProblem {
  const node = error.nodes?.[0] as (Graphql.ASTNode & { name?: Graphql.NameNode }) | undefined;
  const loc = node?.name?.loc ?? node?.loc;
  if (loc) return { message: error.message, start: loc.start, end: loc.end };
  const start = error.positions?.[0] ?? 0;
  return { message: error.message, start, end: Math.min(start + 1, length) };
}

export interface DeclaredVariableType {
  name: string;
  /** As written in the query (`ID!`, `[String]`). */
  type: string;
  /** Non-null without a default: the request must give it. */
  required: boolean;
  /** The definition (`$id: ID!`): offsets in the query text. */
  start: number;
  end: number;
}

/**
 * The variables of the operation a request runs: the one named `operationName`, or the only one;
 * undefined when the query does not parse or which operation runs is not known.
 */
export function operationVariables(
  query: string,
  operationName?: string,
): DeclaredVariableType[] | undefined {
  const { parse, print, Kind } = graphql();
  let document: Graphql.DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter(
    (definition): definition is Graphql.OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((candidate) => candidate.name?.value === operationName);
  return operation?.variableDefinitions?.map((definition) => ({
    name: definition.variable.name.value,
    type: print(definition.type),
    required: definition.type.kind === Kind.NON_NULL_TYPE && definition.defaultValue === undefined,
    start: definition.loc?.start ?? 0,
    end: definition.loc?.end ?? 0,
  }));
}
