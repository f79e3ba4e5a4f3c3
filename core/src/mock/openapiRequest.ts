/**
 * Checking a request against its OpenAPI operation: path, query, header and cookie parameters
 * (text converted to the schema's types first) and the JSON body. Validators are compiled once,
 * when the document is loaded; a request gets every problem at once.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { setOwn } from '../own.js';
import type { SchemaCompiler } from './openapiSchema.js';
import type { MockRequest } from './types.js';

export interface Problem {
  /** `path`, `query`, `header`, `cookie` or `body`. */
  in: string;
  /** The parameter's name, or a JSONPath into the body (`$.items[0].qty`). */
  path: string;
  message: string;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  style?: string;
  explode?: boolean;
}

export interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: unknown } | undefined>;
}

export type RequestCheck = (request: MockRequest, params: Record<string, string>) => Problem[];

const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
/** Header parameters OpenAPI says to ignore (the request's own mechanics). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Compiles the checks of one operation. */
export function requestCheck(
  parameters: Parameter[],
  body: RequestBody | undefined,
  compiler: SchemaCompiler,
): RequestCheck {
  const checks = LOCATIONS.map((location) => parameterCheck(location, parameters, compiler));
  const bodyCheck = body ? bodyChecker(body, compiler) : undefined;
  return (request, params) => {
    const sources: Record<(typeof LOCATIONS)[number], Record<string, string | string[]>> = {
      path: params,
      query: request.query,
      header: request.headers,
      cookie: cookies(request.headers.cookie),
    };
    const problems = checks.flatMap((check, index) => check(sources[LOCATIONS[index]]));
    return bodyCheck ? [...problems, ...bodyCheck(request)] : problems;
  };
}

function parameterCheck(
  location: (typeof LOCATIONS)[number],
  parameters: Parameter[],
  compiler: SchemaCompiler,
): (values: Record<string, string | string[]>) => Problem[] {
  const own = parameters.filter(
    (parameter) =>
      parameter.in === location &&
      !(location === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())),
  );
  if (own.length === 0) return () => [];
  const key = (name: string): string => (location === 'header' ? name.toLowerCase() : name);
  const schema = {
    type: 'object',
    properties: Object.fromEntries(
      own.map((parameter) => [key(parameter.name), compiler.convert(parameter.schema ?? {}, 'request')]),
    ),
    required: own.filter((parameter) => parameter.required === true).map((parameter) => key(parameter.name)),
  };
  const validate = compiler.parameters(schema);
  const commaLists = own.filter(
    (parameter) => location === 'query' && parameter.explode === false && isArraySchema(parameter.schema),
  );
  return (values) => {
    const data: Record<string, unknown> = {};
    for (const parameter of own) {
      const value = values[key(parameter.name)];
      if (value === undefined) continue;
      const items = commaLists.includes(parameter) && typeof value === 'string' ? value.split(',') : value;
      setOwn(data, key(parameter.name), Array.isArray(items) ? [...items] : items);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => parameterProblem(location, error));
  };
}

function isArraySchema(schema: unknown): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

function parameterProblem(location: string, error: ErrorObject): Problem {
  const [name, ...rest] = error.instancePath.split('/').slice(1).map(unescapePointer);
  if (error.keyword === 'required')
    return { in: location, path: String(error.params.missingProperty), message: 'is required' };
  const where = rest.length > 0 ? `${name}[${rest.join('][')}]` : name;
  return { in: location, path: where, message: describe(error) };
}

function bodyChecker(body: RequestBody, compiler: SchemaCompiler): (request: MockRequest) => Problem[] {
  const content = body.content ?? {};
  const types = Object.keys(content);
  const validators = new Map<string, ValidateFunction>();
  for (const [type, media] of Object.entries(content))
    if (media?.schema !== undefined && isJsonType(type)) validators.set(type, compiler.body(media.schema));
  return (request) => {
    if (request.body.length === 0)
      return body.required === true ? [{ in: 'body', path: '$', message: 'a request body is required' }] : [];
    const sent = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const type =
      sent === '' ? types.find(isJsonType) : types.find((candidate) => mediaMatches(candidate, sent));
    if (type === undefined)
      return [
        {
          in: 'header',
          path: 'content-type',
          message: `must be one of ${types.join(', ')} (got ${sent === '' ? 'none' : sent})`,
        },
      ];
    const validate = validators.get(type);
    if (!isJsonType(type)) return [];
    if (request.json === undefined)
      return [{ in: 'body', path: '$', message: `is not valid JSON (${type})` }];
    if (!validate || validate(request.json)) return [];
    return (validate.errors ?? []).map(bodyProblem);
  };
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(type.split(';')[0].trim()) || type === '*/*';
}

function mediaMatches(candidate: string, sent: string): boolean {
  const wanted = candidate.split(';')[0].trim().toLowerCase();
  if (wanted === sent || wanted === '*/*') return true;
  return wanted.endsWith('/*') && sent.startsWith(wanted.slice(0, -1));
}

export function bodyProblem(error: ErrorObject): Problem {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  if (error.keyword === 'required')
    return {
      in: 'body',
      path: jsonPath([...segments, String(error.params.missingProperty)]),
      message: 'is required',
    };
  if (error.keyword === 'additionalProperties')
    return {
      in: 'body',
      path: jsonPath([...segments, String(error.params.additionalProperty)]),
      message: 'is not allowed (the schema has additionalProperties: false)',
    };
  return { in: 'body', path: jsonPath(segments), message: describe(error) };
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'enum')
    return `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  if (error.keyword === 'type') return `must be ${String(error.params.type).split(',').join(' or ')}`;
  return error.message ?? `fails ${error.keyword}`;
}

/** `$`, `$.name`, `$.items[0].qty`, `$['odd key']`. */
function jsonPath(segments: string[]): string {
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment)
        ? `${path}[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${path}.${segment}`
          : `${path}[${JSON.stringify(segment).replace(/^"|"$/g, "'")}]`,
    '$',
  );
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function cookies(header: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) setOwn(result, part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return result;
}
