/** The `graphql:` value of a step in the YAML tree: its shape and the query scalar's position. */
import { isMap, isScalar, type Node } from 'yaml';
import type { GraphqlVariables } from '../model.js';
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

/** The `variables:` key of a `{ query, variables }` value and its names, when it is a mapping. */
export function graphqlVariables(value: Node | null): GraphqlVariables | undefined {
  if (!isMap(value)) return undefined;
  const pair = value.items.find((item) => isScalar(item.key) && item.key.value === 'variables');
  const key = pair?.key as Node | undefined;
  if (!pair || !key?.range || !isMap(pair.value)) return undefined;
  const names: GraphqlVariables['names'] = [];
  for (const item of pair.value.items) {
    const name = item.key as Node | null;
    if (isScalar(name) && name.range && typeof name.value === 'string')
      names.push({ name: name.value, span: { start: name.range[0], end: name.range[1] } });
  }
  return { keySpan: { start: key.range[0], end: key.range[1] }, names };
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
