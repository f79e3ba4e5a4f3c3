// Builds the MockRequest the mock server hands to route providers (resources, openapi).
import type { MockRequest } from '../../../../core/src/mock/types.js';

export interface RequestParts {
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** A value sent as JSON. */
  json?: unknown;
  /** A raw body (not JSON unless it parses). */
  body?: string;
}

export function mockRequest(method: string, path: string, parts: RequestParts = {}): MockRequest {
  const text = parts.body ?? (parts.json === undefined ? '' : JSON.stringify(parts.json));
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const headers = { ...(text === '' ? {} : { 'content-type': 'application/json' }), ...parts.headers };
  return { method, path, query: parts.query ?? {}, headers, body: Buffer.from(text), json };
}
