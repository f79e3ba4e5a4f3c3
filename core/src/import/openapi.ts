/**
 * OpenAPI 3.0/3.1 → one suite: one test per operation, its path parameters as variables (their
 * example, else a placeholder that is reported), its example JSON body, and `expect.status` the
 * lowest 2xx it declares. Read and dereferenced by the mocks' loader (@readme/openapi-parser).
 */
import { loadOpenApi } from '../mock/openapiLoad.js';
import { mapStrings } from './body.js';
import { METHODS, literal, suiteFileName, suiteText } from './suite.js';
import { ImportError, type ImportResult, type RequestSpec, type TestSpec } from './types.js';

interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; default?: unknown };
}

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: {
    content?: Record<
      string,
      { example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: { example?: unknown } }
    >;
  };
  responses?: Record<string, unknown>;
}

export interface OpenApiSource {
  info?: { title?: string };
  servers?: { url?: string }[];
  paths?: Record<string, Record<string, unknown> | undefined>;
}

function exampleOf(parameter: Parameter): unknown {
  return parameter.example ?? parameter.schema?.example ?? parameter.schema?.default;
}

function bodyExample(operation: Operation): { found: boolean; value?: unknown; type?: string } {
  const content = operation.requestBody?.content ?? {};
  const type = Object.keys(content).find((name) => /json/i.test(name));
  if (!type) return { found: false, type: Object.keys(content)[0] };
  const media = content[type];
  const value = media.example ?? Object.values(media.examples ?? {})[0]?.value ?? media.schema?.example;
  return { found: value !== undefined, value, type };
}

function lowest2xx(responses: Record<string, unknown> | undefined): number | undefined {
  const codes = Object.keys(responses ?? {})
    .filter((code) => /^2\d\d$/.test(code))
    .map(Number);
  return codes.length > 0 ? Math.min(...codes) : undefined;
}

function operationTest(
  path: string,
  method: string,
  operation: Operation,
  variables: Map<string, string>,
  problems: string[],
): TestSpec {
  const where = `${method} ${path}`;
  const parameters = operation.parameters ?? [];
  for (const parameter of parameters.filter((item) => item.in === 'path' && item.name)) {
    const name = parameter.name as string;
    const example = exampleOf(parameter);
    if (!variables.has(name)) variables.set(name, example === undefined ? '' : literal(String(example)));
    if (example === undefined)
      problems.push(`${where}: path parameter \`${name}\` has no example: set the variable \`${name}\``);
  }
  const url = literal(path).replace(/\{([^}]+)\}/g, (_whole, name: string) => `\${${name}}`);
  const request: RequestSpec = { method, url, headers: [] };
  const query = parameters.filter((item) => item.in === 'query' && item.required && item.name);
  if (query.length > 0)
    request.query = Object.fromEntries(
      query.map((item) => [item.name as string, literal(String(exampleOf(item) ?? ''))]),
    );
  const headers = parameters.filter((item) => item.in === 'header' && item.required && item.name);
  request.headers = headers.map((item) => [
    (item.name as string).toLowerCase(),
    literal(String(exampleOf(item) ?? '')),
  ]);
  if (operation.requestBody) {
    const body = bodyExample(operation);
    if (body.found) request.body = { json: mapStrings(body.value, literal) };
    else if (body.type && !/json/i.test(body.type))
      problems.push(`${where}: a ${body.type} request body is not converted`);
    else {
      request.body = { json: {} };
      problems.push(`${where}: the JSON request body has no example: \`json: {}\` written`);
    }
  }
  const status = lowest2xx(operation.responses);
  if (status === undefined) problems.push(`${where}: no explicit 2xx response: no \`expect.status\``);
  return {
    id: operation.operationId ?? `${method} ${path}`,
    name: operation.summary ?? where,
    steps: [request],
    ...(status !== undefined ? { status } : {}),
  };
}

/** A dereferenced document → the suite. */
export function openApiSuite(doc: OpenApiSource): ImportResult {
  const problems: string[] = [];
  const variables = new Map<string, string>();
  const server = doc.servers?.[0]?.url;
  if (server) variables.set('baseUrl', literal(server));
  else problems.push('the document has no `servers`: set the variable `baseUrl`');
  const tests: TestSpec[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [key, operation] of Object.entries(item ?? {})) {
      const method = key.toUpperCase();
      if (!(METHODS as readonly string[]).includes(method)) {
        if (key === 'trace') problems.push(`TRACE ${path}: not a method Bluebook sends: skipped`);
        continue;
      }
      tests.push(operationTest(path, method, operation as Operation, variables, problems));
    }
  }
  if (tests.length === 0) throw new ImportError('the document declares no operation');
  const name = doc.info?.title || 'OpenAPI';
  return {
    files: [
      {
        name: suiteFileName(name),
        text: suiteText({ name, variables: Object.fromEntries(variables), tests }),
      },
    ],
    problems,
  };
}

/** Reads, validates and dereferences `file` ($refs across files), then converts it. */
export async function importOpenApi(file: string): Promise<ImportResult> {
  let doc: OpenApiSource;
  try {
    doc = (await loadOpenApi(file)).doc as OpenApiSource;
  } catch (error) {
    throw new ImportError((error as Error).message);
  }
  return openApiSuite(doc);
}
