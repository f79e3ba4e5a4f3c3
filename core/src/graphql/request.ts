/** GraphQL over HTTP (SPEC §11): the JSON a `graphql:` step sends, and the `errors` a server answers. */

export interface GraphqlPayload {
  query: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The JSON body of a `graphql:` value: a query string, or `{ query, variables?, operationName? }`. */
export function graphqlPayload(value: unknown): GraphqlPayload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { query: value };
  const { query, variables, operationName } = value as Record<string, unknown>;
  return {
    query,
    ...(variables !== undefined ? { variables } : {}),
    ...(operationName !== undefined ? { operationName } : {}),
  };
}

/** The response's GraphQL `errors`, on one line ("message at path (query line:column); …"); undefined when none. */
export function graphqlErrorsText(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return `GraphQL errors: ${errors.map(describeError).join('; ')}`;
}

function describeError(error: unknown): string {
  if (error === null || typeof error !== 'object') return JSON.stringify(error) ?? String(error);
  const { message, path, locations } = error as { message?: unknown; path?: unknown; locations?: unknown };
  let text = typeof message === 'string' ? message : JSON.stringify(message ?? null);
  if (Array.isArray(path) && path.length > 0) text += ` at ${path.map(String).join('.')}`;
  if (Array.isArray(locations)) {
    const places = locations
      .filter((item): item is { line: number; column: number } => typeof item?.line === 'number')
      .map((item) => `${item.line}:${item.column}`);
    if (places.length > 0) text += ` (query ${places.join(', ')})`;
  }
  return text;
}
