/** The `graphql:` value of a step in the YAML tree: its shape and the query scalar's position. */
import { isMap, isScalar, type Node } from 'yaml';
import type { LocatedScalar, ScalarStyle } from './locate.js';

export const GRAPHQL_FORM =
  '`graphql` must be a query string or `{ query, variables?, operationName? }`; `variables` is a mapping.';

const KEYS = new Set(['query', 'variables', 'operationName']);

/** Why a `graphql:` value has the wrong shape (with the node to mark), or undefined. */
export function graphqlShapeProblem(value: Node | null): { node: Node | null; message: string } | undefined {
  if (isScalar(value))
    return typeof value.value === 'string' ? undefined : { node: value, message: GRAPHQL_FORM };
  if (!isMap(value)) return { node: value, message: GRAPHQL_FORM };
  for (const pair of value.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KEYS.has(key))
      return {
        node: pair.key as Node,
        message: `unknown key \`${key}\` in \`graphql\`; expected: query, variables, operationName`,
      };
  }
  const query = value.get('query', true);
  if (!isScalar(query) || typeof query.value !== 'string')
    return { node: (query as Node | undefined) ?? value, message: GRAPHQL_FORM };
  const variables = value.get('variables', true);
  if (variables !== undefined && variables !== null && !isMap(variables))
    return { node: variables as Node, message: GRAPHQL_FORM };
  return undefined;
}

/** The query's scalar with its style and span, when it is a string. */
export function graphqlQueryScalar(value: Node | null): LocatedScalar | undefined {
  const node = isMap(value) ? value.get('query', true) : value;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  return {
    value: node.value,
    style: (node.type ?? 'PLAIN') as ScalarStyle,
    span: { start: node.range[0], end: node.range[1] },
  };
}
