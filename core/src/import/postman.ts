/**
 * Postman collection v2.0/v2.1 → one suite: every request a test (folders become the test's
 * id and name prefix), collection variables → `variables`, `{{var}}` → `${var}`, bearer and
 * basic auth (inherited from folders and the collection) → `auth`. Scripts, other auth types
 * and bodies Bluebook cannot send are listed per request in `problems`.
 */
import { Collection, Url } from 'postman-collection';
import { bodyFromText } from './body.js';
import { METHODS, suiteFileName, suiteText } from './suite.js';
import { converter } from './template.js';
import { ImportError, type AuthSpec, type BodySpec, type ImportResult, type TestSpec } from './types.js';

interface Pair {
  key?: string;
  value?: unknown;
  disabled?: boolean;
  type?: string;
  src?: unknown;
}

interface PostmanAuth {
  type?: string;
  [type: string]: unknown;
}

interface PostmanBody {
  mode?: string;
  disabled?: boolean;
  raw?: string;
  options?: { raw?: { language?: string } };
  urlencoded?: Pair[];
  formdata?: Pair[];
  graphql?: { query?: string; variables?: string };
}

interface PostmanRequest {
  method?: string;
  url?: ConstructorParameters<typeof Url>[0];
  header?: Pair[];
  body?: PostmanBody;
  auth?: PostmanAuth;
}

interface PostmanEvent {
  listen?: string;
  script?: { exec?: string[] | string };
}

interface PostmanItem {
  name?: string;
  item?: PostmanItem[];
  request?: PostmanRequest;
  auth?: PostmanAuth;
  event?: PostmanEvent[];
}

interface PostmanCollection extends PostmanItem {
  info?: { name?: string };
  variable?: Pair[];
}

interface Walk {
  problems: string[];
  tests: TestSpec[];
}

function readCollection(text: string): PostmanCollection {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(
      `not a Postman collection: the file is not valid JSON (${(error as Error).message})`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ImportError('not a Postman collection: expected a JSON object');
  const record = json as { info?: { schema?: unknown }; requests?: unknown; order?: unknown };
  if (!record.info && (Array.isArray(record.requests) || Array.isArray(record.order)))
    throw new ImportError(
      'this is a Postman collection v1, which is not supported: in Postman, export it again as "Collection v2.1"',
    );
  const schema = typeof record.info?.schema === 'string' ? record.info.schema : '';
  if (!/collection\/v2\.[01]\.\d/.test(schema))
    throw new ImportError(
      'not a Postman collection v2.0/v2.1 (info.schema is missing or unknown): export it from Postman as "Collection v2.1"',
    );
  try {
    return new Collection(json as ConstructorParameters<typeof Collection>[0]).toJSON() as PostmanCollection;
  } catch (error) {
    throw new ImportError(`not a valid Postman collection: ${(error as Error).message}`);
  }
}

function authParameter(auth: PostmanAuth, type: string, key: string): unknown {
  const parameters = auth[type];
  if (Array.isArray(parameters)) return (parameters as Pair[]).find((pair) => pair.key === key)?.value;
  return parameters && typeof parameters === 'object'
    ? (parameters as Record<string, unknown>)[key]
    : undefined;
}

function authOf(
  auth: PostmanAuth | undefined,
  convert: (text: string) => string,
  problems: string[],
  where: string,
): AuthSpec | undefined {
  const type = auth?.type;
  if (!auth || !type || type === 'noauth') return undefined;
  const value = (key: string): string => convert(String(authParameter(auth, type, key) ?? ''));
  if (type === 'bearer') return { bearer: value('token') };
  if (type === 'basic') return { basic: { username: value('username'), password: value('password') } };
  problems.push(`${where}: ${type} auth is not supported (bearer and basic are): dropped`);
  return undefined;
}

function enabled(pairs: Pair[] | undefined): Pair[] {
  if (!Array.isArray(pairs)) return [];
  return pairs.filter(
    (pair) =>
      pair !== null && typeof pair === 'object' && !pair.disabled && typeof pair.key === 'string' && pair.key,
  );
}

function bodyOf(
  body: PostmanBody | undefined,
  contentType: string | undefined,
  convert: (text: string) => string,
  problems: string[],
  where: string,
): BodySpec | undefined {
  if (!body?.mode || body.disabled) return undefined;
  switch (body.mode) {
    case 'raw': {
      const type = contentType ?? (body.options?.raw?.language === 'json' ? 'application/json' : undefined);
      return typeof body.raw === 'string' && body.raw ? bodyFromText(body.raw, type, convert) : undefined;
    }
    case 'urlencoded':
      return {
        form: Object.fromEntries(
          enabled(body.urlencoded).map((pair) => [
            convert(pair.key as string),
            convert(String(pair.value ?? '')),
          ]),
        ),
      };
    case 'formdata':
      return {
        multipart: Object.fromEntries(
          enabled(body.formdata).map((pair) => [
            convert(pair.key as string),
            pair.type === 'file'
              ? { file: convert(String(pair.src ?? '')) }
              : convert(String(pair.value ?? '')),
          ]),
        ),
      };
    case 'graphql': {
      let variables: unknown;
      try {
        variables = body.graphql?.variables?.trim() ? JSON.parse(body.graphql.variables) : undefined;
      } catch {
        problems.push(`${where}: GraphQL variables are not valid JSON: dropped`);
      }
      return {
        json: {
          query: convert(body.graphql?.query ?? ''),
          ...(variables !== undefined ? { variables } : {}),
        },
      };
    }
    default:
      problems.push(`${where}: a ${body.mode} body is not supported: dropped`);
      return undefined;
  }
}

function scriptsOf(events: PostmanEvent[] | undefined, where: string, problems: string[]): void {
  for (const event of Array.isArray(events) ? events : []) {
    const exec = event.script?.exec;
    const lines = (Array.isArray(exec) ? exec : String(exec ?? '').split('\n')).filter(
      (line) => line.trim() !== '',
    ).length;
    if (lines === 0) continue;
    const kind =
      event.listen === 'prerequest'
        ? 'pre-request script'
        : event.listen === 'test'
          ? 'test script'
          : `${event.listen} script`;
    problems.push(
      `${where}: ${kind} (${lines} line${lines === 1 ? '' : 's'}) not converted: rewrite it as \`expect\`, \`capture\` or \`script:\` (docs/scripts.md)`,
    );
  }
}

function requestTest(
  request: PostmanRequest,
  path: string[],
  auth: PostmanAuth | undefined,
  problems: string[],
): TestSpec | undefined {
  const where = `request "${path.join(' / ')}"`;
  const convert = converter(problems, where);
  const method = (request.method ?? 'GET').toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    problems.push(`${where}: method ${method} is not one Bluebook sends: skipped`);
    return undefined;
  }
  const headers = enabled(request.header).map((pair): [string, string] => [
    convert((pair.key as string).toLowerCase()),
    convert(String(pair.value ?? '')),
  ]);
  const contentType = headers.find(([name]) => name === 'content-type')?.[1];
  const body = bodyOf(request.body, contentType, convert, problems, where);
  const stepAuth = authOf(request.auth ?? auth, convert, problems, where);
  const url = request.url ? new Url(request.url).toString() : '';
  if (!url) {
    problems.push(`${where}: no URL: skipped`);
    return undefined;
  }
  const step = {
    method,
    url: convert(url),
    headers,
    ...(body ? { body } : {}),
    ...(stepAuth ? { auth: stepAuth } : {}),
  };
  return { id: path.join('-'), name: path.join(' › '), steps: [step] };
}

function walk(
  items: PostmanItem[] | undefined,
  path: string[],
  auth: PostmanAuth | undefined,
  state: Walk,
): void {
  for (const item of Array.isArray(items) ? items : []) {
    if (item === null || typeof item !== 'object') continue;
    const here = [...path, item.name ?? 'request'];
    if (item.request && typeof item.request === 'object') {
      scriptsOf(item.event, `request "${here.join(' / ')}"`, state.problems);
      const test = requestTest(item.request, here, auth, state.problems);
      if (test) state.tests.push(test);
    } else {
      scriptsOf(item.event, `folder "${here.join(' / ')}"`, state.problems);
      walk(item.item, here, item.auth ?? auth, state);
    }
  }
}

/** Imports a Postman collection (JSON text, v2.0 or v2.1). */
export function importPostman(text: string): ImportResult {
  const collection = readCollection(text);
  const state: Walk = { problems: [], tests: [] };
  scriptsOf(collection.event, 'collection', state.problems);
  try {
    walk(collection.item, [], collection.auth, state);
  } catch (error) {
    throw new ImportError(`not a valid Postman collection: ${(error as Error).message}`);
  }
  if (state.tests.length === 0) throw new ImportError('the collection has no request Bluebook can send');
  const convert = converter(state.problems, 'collection variables');
  const variables = Object.fromEntries(
    enabled(collection.variable).map((pair) => [pair.key as string, convert(String(pair.value ?? ''))]),
  );
  const name = collection.info?.name || 'Postman collection';
  return {
    files: [{ name: suiteFileName(name), text: suiteText({ name, variables, tests: state.tests }) }],
    problems: state.problems,
  };
}
