/**
 * The keys of a `*.mock.yaml` file (SPEC §9), with their documentation: the mock parser's
 * "unknown key" check and the language server's completion and hover read this table.
 */
import type { KeyDoc } from '../keys.js';
import { HTTP_METHODS } from '../model.js';

export type MockKeyContext = 'mock' | 'route' | 'respond' | 'resource';

/** `ANY` matches every method. */
export const MOCK_METHODS: readonly string[] = [...HTTP_METHODS, 'ANY'];

export const MOCK_KEYS: Record<MockKeyContext, KeyDoc[]> = {
  mock: [
    { key: 'name', doc: 'Name of the mock service (default: the file name without `.mock.yaml`).' },
    { key: 'port', doc: 'Port to listen on (default: a free port, printed at start).' },
    {
      key: 'routes',
      doc: 'The routes, first match wins in file order: `- GET: /payments/:id` with optional matchers and a `respond`.',
    },
    {
      key: 'resources',
      doc: 'Stateful collections: `users: { path: /users, seed: ./users.json }` serves list, create, read, replace, patch and delete.',
    },
    {
      key: 'openapi',
      doc: 'An OpenAPI 3.0/3.1 document: a route for each operation, answering with its examples or data generated from its schema; invalid requests get 400 listing each problem.',
    },
  ],
  route: [
    ...MOCK_METHODS.map((method) => ({
      key: method,
      doc:
        method === 'ANY'
          ? 'Any method on this path pattern (`:name` parameters, `*` wildcard).'
          : `${method} requests on this path pattern (\`:name\` parameters, \`*\` wildcard). A route has exactly one method key.`,
    })),
    { key: 'query', doc: 'Query parameters the request must have: name → exact string or matcher.' },
    {
      key: 'headers',
      doc: 'Headers the request must have (case-insensitive): name → exact string or matcher.',
    },
    { key: 'json', doc: 'JSONPath (RFC 9535) into the request body → value or matcher.' },
    { key: 'body', doc: 'Partial deep match of the JSON request body: keys not given are ignored.' },
    {
      key: 'respond',
      doc: 'The response, or a list of responses given in turn (the last repeats).',
    },
  ],
  respond: [
    { key: 'status', doc: 'Status code (default 200).' },
    { key: 'headers', doc: 'Response headers: name → value.' },
    {
      key: 'json',
      doc: 'JSON body (any YAML value); strings may use `${params.id}`, `${query.q}`, `${headers.name}`, `${request.json.field}` and `${{ expression }}`.',
    },
    { key: 'body', doc: 'Body sent as is (a string, templated like `json`).' },
    { key: 'file', doc: "Body read from a file, relative to the mock file's folder." },
    { key: 'delay', doc: 'Wait before answering: milliseconds or a duration (`150ms`, `2s`).' },
    {
      key: 'fault',
      doc: 'Misbehave instead of answering: `reset` (TCP reset), `close` (close without a response) or `hang` (never answer).',
    },
  ],
  resource: [
    {
      key: 'path',
      doc: 'Collection path, e.g. `/users`: `GET`/`POST` there, `GET`/`PUT`/`PATCH`/`DELETE` at `/users/:id`.',
    },
    { key: 'seed', doc: 'A `.json` or `.yaml` file holding the initial items (an array).' },
    { key: 'id', doc: 'The item field holding the id (default `id`); created items get the next number.' },
  ],
};

export function mockKeyNames(context: MockKeyContext): string[] {
  return MOCK_KEYS[context].map((entry) => entry.key);
}
