/**
 * A route's response for one request: `${params.*}`, `${query.*}`, `${headers.*}`,
 * `${request.json…}`, `${request.body}` (and `${{ }}` through the sandbox) rendered with the
 * suites' interpolation, so a whole `${...}` keeps its type and text around it makes a string.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  interpolateValue,
  InterpolationError,
  Scope,
  stringify,
  UndefinedVariableError,
  type ExpressionHost,
} from '../interpolate.js';
import type { MockResponse } from './model.js';
import type { Params } from './match.js';
import type { MockReply, MockRequest } from './types.js';

/** A response that cannot be rendered: the mock answers 500 with this message. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const NAMES = 'params, query, headers, request';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  csv: 'text/csv; charset=utf-8',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
};

function templated(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(templated);
  return value !== null && typeof value === 'object' && Object.values(value).some(templated);
}

/** Whether rendering the response needs the request (else it is sent as written). */
export function isTemplated(response: MockResponse): boolean {
  return templated(response.headers) || templated(response.json) || templated(response.body);
}

function scopeFor(request: MockRequest, params: Params, host: ExpressionHost | undefined): Scope {
  const body = request.body.toString('utf8');
  const values = {
    params,
    query: request.query,
    headers: request.headers,
    request: {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body,
      ...(request.json !== undefined ? { json: request.json } : {}),
    },
  };
  const scope = new Scope({ captures: values }, {}, () => `a mock template can read ${NAMES}`);
  scope.expressionHost = host;
  return scope;
}

function render<T>(value: T, scope: () => Scope): T {
  if (!templated(value)) return value;
  try {
    return interpolateValue(value, scope()) as T;
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new TemplateError(error.message);
    throw error;
  }
}

/** The reply for `request`; throws a `TemplateError` for a template or file it cannot use. */
export async function renderResponse(
  response: MockResponse,
  request: MockRequest,
  params: Params,
  baseDir: string,
  host?: ExpressionHost,
): Promise<MockReply> {
  let scope: Scope | undefined;
  const lazyScope = (): Scope => (scope ??= scopeFor(request, params, host));
  const reply: MockReply = { status: response.status };
  if (Object.keys(response.headers).length > 0) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers))
      headers[name] = stringify(render(value, lazyScope));
    reply.headers = headers;
  }
  if (response.hasJson) reply.json = render(response.json, lazyScope);
  else if (response.body !== undefined) reply.body = stringify(render(response.body, lazyScope));
  else if (response.file !== undefined) {
    reply.body = await readBodyFile(resolve(baseDir, response.file), response.file);
    const type = contentTypeOf(response.file);
    if (type && !reply.headers?.['content-type']) reply.headers = { ...reply.headers, 'content-type': type };
  }
  if (response.delayMs !== undefined) reply.delayMs = response.delayMs;
  if (response.fault) reply.fault = response.fault;
  return reply;
}

async function readBodyFile(path: string, written: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TemplateError(
      code === 'ENOENT'
        ? `\`file: ${written}\` not found (looked for ${path})`
        : `\`file: ${written}\` cannot be read: ${(error as Error).message}`,
    );
  }
}

/** A body's content type from a `file:` name. */
function contentTypeOf(file: string): string | undefined {
  const dot = file.lastIndexOf('.');
  return dot === -1 ? undefined : CONTENT_TYPES[file.slice(dot + 1).toLowerCase()];
}
