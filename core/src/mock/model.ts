/**
 * A parsed `*.mock.yaml` file (SPEC §9): every node keeps its span, so the CLI, the server's load
 * errors and the language server point at the same characters.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { LineIndex, Span } from '../span.js';

/** One `name: expected` of a route's `query`, `headers` or `json`. */
export interface MockMatcher {
  /** Query or header name (headers lower-cased), or a JSONPath. */
  key: string;
  /** A value compared for equality, or a matcher object (`{ startsWith: "Bearer " }`). */
  expected: unknown;
  keySpan: Span;
  valueSpan: Span;
}

/** One response of a route; a route answers with its responses in turn, the last repeating. */
export interface MockResponse {
  status: number;
  /** Header names lower-cased; values are templates. */
  headers: Record<string, string>;
  /** A template value (present when `json:` is given, `null` included). */
  json?: unknown;
  hasJson: boolean;
  /** A template string. */
  body?: string;
  /** As written, relative to the mock file's folder. */
  file?: string;
  fileSpan?: Span;
  delayMs?: number;
  fault?: 'reset' | 'close' | 'hang';
  span: Span;
}

export interface MockRoute {
  /** Upper case; `ANY` matches every method. */
  method: string;
  /** The path pattern as written (`/payments/:id`, `/files/*`). */
  path: string;
  /** The same pattern in path-to-regexp 9 syntax (a bare `*` becomes `*wild`, `*wild2`, …). */
  pattern: string;
  /** How the route reads in messages: `GET /payments/:id`. */
  label: string;
  /** 1-based line of the method key. */
  line: number;
  query: MockMatcher[];
  headers: MockMatcher[];
  json: MockMatcher[];
  /** Partial match of the JSON request body (present when `body:` is given). */
  body?: unknown;
  hasBody: boolean;
  responses: MockResponse[];
  /** The whole route entry. */
  span: Span;
  methodSpan: Span;
  pathSpan: Span;
}

export interface MockResourceModel {
  name: string;
  path: string;
  /** As written, relative to the mock file's folder. */
  seed?: string;
  idField: string;
  span: Span;
}

export interface MockModel {
  /** The `name:` key, else the file name without `.mock.yaml`. */
  name: string;
  port?: number;
  routes: MockRoute[];
  resources: MockResourceModel[];
  /** As written, relative to the mock file's folder. */
  openapi?: string;
  openapiSpan?: Span;
  /** Whether any template uses `${{ }}` (the script sandbox is loaded only then). */
  usesScripts: boolean;
}

export interface MockDocument {
  path: string;
  text: string;
  lineIndex: LineIndex;
  model: MockModel;
  diagnostics: Diagnostic[];
}
