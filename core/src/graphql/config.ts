/** `graphql: { schema: ./schema.graphql }` of bluebook.config.yaml (SPEC §11). */
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import type { Span } from '../span.js';

export interface GraphqlConfig {
  /** Absolute path of the schema: SDL (`.graphql`, `.gql`) or an introspection result (`.json`). */
  schema: string;
  /** The `schema` value in the config text. */
  span: Span;
}

type Report = (span: Span, message: string) => void;

const FORM = '`graphql` must be a mapping: `{ schema: ./schema.graphql }` (SDL or an introspection `.json`)';

export function parseGraphqlConfig(
  node: Node | null,
  configPath: string,
  spanOf: (node: Node | null) => Span,
  report: Report,
): GraphqlConfig | undefined {
  if (!isMap(node)) {
    report(spanOf(node), FORM);
    return undefined;
  }
  let config: GraphqlConfig | undefined;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key !== 'schema') {
      report(spanOf(pair.key as Node), `unknown key \`${key}\` in \`graphql\`; expected: schema`);
      continue;
    }
    if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
      report(spanOf(value ?? (pair.key as Node)), FORM);
      continue;
    }
    config = { schema: resolve(dirname(configPath), value.value), span: spanOf(value) };
  }
  return config;
}
