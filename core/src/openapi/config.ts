/** `openapi: ./openapi.yaml` of bluebook.config.yaml (SPEC §11): the contract responses are checked against. */
import { dirname, resolve } from 'node:path';
import { isScalar, type Node } from 'yaml';
import type { Span } from '../span.js';

export interface OpenapiConfig {
  /** Absolute path of the OpenAPI 3.0/3.1 document (YAML or JSON). */
  file: string;
  /** The `openapi` value in the config text. */
  span: Span;
}

type Report = (span: Span, message: string) => void;

const FORM = '`openapi` must be the path of an OpenAPI 3.0 or 3.1 document, e.g. `openapi: ./openapi.yaml`';

export function parseOpenapiConfig(
  node: Node | null,
  configPath: string,
  spanOf: (node: Node | null) => Span,
  report: Report,
): OpenapiConfig | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    report(spanOf(node), FORM);
    return undefined;
  }
  return { file: resolve(dirname(configPath), node.value.trim()), span: spanOf(node) };
}
