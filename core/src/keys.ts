/**
 * The keys allowed in each context of a suite, with their documentation. The parser uses this
 * table for "unknown key" diagnostics; completion and hover read the same table, so a key is
 * declared in exactly one place.
 */
import { HTTP_METHODS } from './model.js';

export type KeyContext = 'suite' | 'defaults' | 'test' | 'step' | 'expect' | 'retry' | 'auth' | 'script';

export interface KeyDoc {
  key: string;
  doc: string;
}

const requestOptionKeys: KeyDoc[] = [
  {
    key: 'headers',
    doc: 'Request headers: a map of name to value; `null` removes a header set by `defaults`.',
  },
  { key: 'query', doc: 'Query parameters: a map of name to value; a list value repeats the parameter.' },
  {
    key: 'auth',
    doc: 'Authentication: `{ basic: { username, password } }` or `{ bearer: token }`; `null` removes the `auth` set by `defaults`.',
  },
  { key: 'timeout', doc: 'Request timeout: milliseconds or a duration such as `5s` (default 30s).' },
  { key: 'followRedirects', doc: 'Follow 3xx redirects (default false, like curl and Hurl).' },
];

export const KEYS: Record<KeyContext, KeyDoc[]> = {
  suite: [
    { key: 'name', doc: 'Display name of the suite (default: the file name).' },
    { key: 'baseUrl', doc: 'Base URL that relative step URLs are resolved against.' },
    { key: 'variables', doc: 'Suite variables: any YAML value, available as `${name}`.' },
    { key: 'defaults', doc: 'Request options applied to every request of the suite.' },
    {
      key: 'before',
      doc: 'Setup steps run once before the tests; their captures are visible to every test.',
    },
    { key: 'after', doc: 'Teardown steps, always run, even after failures or cancellation.' },
    { key: 'tests', doc: 'The tests: a map of test id to test. The id is stable across renames of `name`.' },
  ],
  defaults: requestOptionKeys,
  test: [
    { key: 'name', doc: 'Display name (may use `${...}` from `each` rows).' },
    { key: 'tags', doc: 'Tags for `bluebook run --tag`.' },
    { key: 'skip', doc: '`true` or a reason: the test is reported as skipped.' },
    { key: 'variables', doc: 'Test variables, overriding suite variables.' },
    {
      key: 'each',
      doc: 'Data-driven rows: a list of variable maps, or a path to a `.json`, `.yaml` or `.csv` file. Each row is its own test.',
    },
    { key: 'steps', doc: 'The requests of this test, run in order.' },
    {
      key: 'when',
      doc: 'Run the test only when this is truthy (`${flag}`, `${{ expression }}`); otherwise it is skipped with the reason `when: …`. Falsy: `false`, `0`, `null`, `""` and the texts `"false"`/`"0"`.',
    },
    {
      key: 'finally',
      doc: "Steps that always run after the test's steps, even after a failure, with the test's captures in scope (cleanup). A failing one fails the test. Not run when the test is skipped.",
    },
  ],
  step: [
    { key: 'name', doc: 'Display name of the step (default: "METHOD url").' },
    ...HTTP_METHODS.map((method) => ({
      key: method,
      doc: `Send a ${method} request to this URL (absolute, or relative to \`baseUrl\`). A step has exactly one method key.`,
    })),
    ...requestOptionKeys,
    { key: 'json', doc: 'Request body sent as JSON (any YAML value).' },
    { key: 'body', doc: 'Request body sent as is (a string).' },
    { key: 'form', doc: 'Request body sent as `application/x-www-form-urlencoded` (a map).' },
    {
      key: 'multipart',
      doc: 'Request body sent as `multipart/form-data`: a map whose values are strings or `{ file: path, contentType? }`.',
    },
    {
      key: 'graphql',
      doc: 'A GraphQL request sent as JSON `{ query, variables, operationName }` (on a POST): a query string or `{ query, variables?, operationName? }`. With `graphql.schema` in bluebook.config.yaml the editor checks the query against the schema.',
    },
    {
      key: 'retry',
      doc: 'Polling: resend until every expectation holds: `{ attempts, interval, timeout }`.',
    },
    { key: 'skip', doc: '`true` or a reason: the step is reported as skipped.' },
    {
      key: 'when',
      doc: 'Run the step only when this is truthy (`${flag}`, `${{ expression }}`); otherwise it is skipped with the reason `when: …`.',
    },
    { key: 'expect', doc: 'What the response must satisfy. Every expectation is evaluated and reported.' },
    { key: 'capture', doc: 'Values to keep from the response for later steps: name → JSONPath or source.' },
    {
      key: 'use',
      doc: 'Run the steps of another test here: `./auth.bluebook.yaml#login`, or `#login` for a test of this file. Their captures are visible to the following steps. Instead of a method key.',
    },
    {
      key: 'with',
      doc: 'Variables for the steps of a `use` step (highest precedence inside them); values may use `${}` of this test.',
    },
    {
      key: 'script',
      doc: 'JavaScript run in a sandbox: `before` (may change `request`) and `after` (reads `response`; `vars.set`, `check`, `console.log`).',
    },
    {
      key: 'openapi',
      doc: "`false`: this step's response is not checked against the OpenAPI document of bluebook.config.yaml (`openapi:`). Without it, every response of an operation the document declares is checked (status, content type, body schema).",
    },
  ],
  expect: [
    { key: 'status', doc: 'Status code: a code, a list of codes, a class such as `"2xx"`, or a matcher.' },
    { key: 'headers', doc: 'Response headers (case-insensitive): name → exact string or matcher.' },
    {
      key: 'json',
      doc: 'JSONPath (RFC 9535) → value or matcher. A singular query compares a value; any other compares the list of matches.',
    },
    { key: 'body', doc: 'Partial deep match of the JSON body: keys not given are ignored.' },
    { key: 'text', doc: 'The body as text: the whole text, or a matcher (`contains`, `match`, …).' },
    { key: 'schema', doc: 'A JSON Schema (2020-12), inline or a path to a `.json`/`.yaml` file.' },
    { key: 'duration', doc: 'Maximum response time in milliseconds, or a matcher.' },
    {
      key: 'assert',
      doc: 'A list of `${{ expression }}`: each must be truthy; `response` holds status, headers, json, text, duration.',
    },
    {
      key: 'xpath',
      doc: 'XPath 1.0 on an XML body → value or matcher (`count(//user)`: 3). One node compares its text, several the list of texts.',
    },
    {
      key: 'css',
      doc: 'CSS selector on an HTML body → text or matcher; `selector@attr` gives an attribute. Several matches compare the list of texts.',
    },
    {
      key: 'bytes',
      doc: 'The raw body bytes: `{ size, sha256, md5, startsWith, equalsFile }` (startsWith in hex or `base64:…`; equalsFile relative to the suite).',
    },
    {
      key: 'snapshot',
      doc: 'Status and body equal the stored snapshot (`__snapshots__/<suite>.snap.yaml`, recorded when missing); `{ ignore: [$.id] }` leaves JSONPaths out.',
    },
  ],
  retry: [
    { key: 'attempts', doc: 'How many times to send the request at most.' },
    { key: 'interval', doc: 'Wait between attempts (a duration).' },
    { key: 'timeout', doc: 'Overall deadline for all attempts (a duration).' },
    {
      key: 'failWhen',
      doc: 'Stop polling at once and fail the step when these expectations all hold (`{ json: { $.status: failed } }`) or this condition is truthy (`${{ expression }}`).',
    },
  ],
  script: [
    {
      key: 'before',
      doc: 'JavaScript run before the request is sent; `request` (method, url, headers, query, json, body) may be changed.',
    },
    {
      key: 'after',
      doc: 'JavaScript run after the response arrives: `response`, `vars.set(name, value)`, `check(name, condition)`, `console.log`.',
    },
  ],
  auth: [
    { key: 'basic', doc: 'HTTP Basic authentication: `{ username, password }`.' },
    { key: 'bearer', doc: 'Bearer token, sent as `Authorization: Bearer <token>`.' },
  ],
};

const KEY_NAMES = new Map<KeyContext, readonly string[]>();

/** The keys allowed in a context, in documentation order (one array per context, shared). */
export function keyNames(context: KeyContext): readonly string[] {
  let names = KEY_NAMES.get(context);
  if (!names) {
    names = Object.freeze(KEYS[context].map((entry) => entry.key));
    KEY_NAMES.set(context, names);
  }
  return names;
}

export function keyDoc(context: KeyContext, key: string): string | undefined {
  return KEYS[context].find((entry) => entry.key === key)?.doc;
}

/**
 * The top-level keys of `bluebook.config.yaml` (SPEC §3), with their documentation: the config
 * parser's "unknown key" check and the language server's completion and hover read this table.
 * `defaults` takes the request-option keys of `KEYS.defaults`.
 */
export const CONFIG_KEYS: KeyDoc[] = [
  {
    key: 'environments',
    doc: 'Named environments (e.g. `local`, `staging`): each maps variable names to values, used in suites as `${name}`. Select one with `bluebook run --env` or the status-bar picker.',
  },
  {
    key: 'defaultEnvironment',
    doc: 'The environment used when none is selected; must be a name under `environments`.',
  },
  {
    key: 'secrets',
    doc: 'Names of variables whose values are secret: redacted (`•••`) from every report, log and hover.',
  },
  {
    key: 'defaults',
    doc: 'Request options (`headers`, `query`, `auth`, `timeout`, `followRedirects`) applied to every request of every suite; a suite’s own `defaults` and each step override them.',
  },
  {
    key: 'setup',
    doc: 'Steps run once per run (a CLI run, a Test Explorer run) before any suite; their captures are visible to every suite. A failed setup errors every test; `teardown` still runs.',
  },
  {
    key: 'teardown',
    doc: 'Steps run once per run after all suites, even after failures or cancellation; they see the setup captures.',
  },
  {
    key: 'scripts',
    doc: 'Limits of each `${{ }}` expression and step script: `timeout` (default `1s`) and `memory` (default `32MB`).',
  },
  {
    key: 'services',
    doc: 'The system under test: processes (`command`) and mocks (`mock`) that `bluebook run` starts before the suites of an environment that refers to them (`${services.NAME.url}`), waits for, and always stops afterwards.',
  },
  {
    key: 'graphql',
    doc: '`{ schema: ./schema.graphql }`: the GraphQL schema (SDL, or an introspection result `.json`) that `graphql:` steps are checked against in the editor and by `bluebook validate`.',
  },
  {
    key: 'openapi',
    doc: '`./openapi.yaml`: an OpenAPI 3.0 or 3.1 document. Every response of an operation it declares is checked against it (status, content type, body schema) as an `openapi` expectation; the editor completes paths, methods, parameters, body keys and statuses from it.',
  },
];

/** The keys of one entry of `services:` in `bluebook.config.yaml` (SPEC §10). */
export const SERVICE_KEYS: KeyDoc[] = [
  {
    key: 'command',
    doc: 'The shell command that starts the service (`npm start`, `docker compose up api`). Instead of `mock`.',
  },
  {
    key: 'mock',
    doc: 'A `*.mock.yaml` file served by Bluebook itself, in process (a mock service). Instead of `command`.',
  },
  { key: 'cwd', doc: "Working directory of `command` (default: the config's folder)." },
  {
    key: 'env',
    doc: 'Environment variables of the command: `${port}` is the free port chosen for this service, `${services.NAME.url}` another service, `${env.NAME}` a variable of the process.',
  },
  {
    key: 'port',
    doc: 'A fixed port instead of a free one (`${port}` and `${services.NAME.port}` give it).',
  },
  {
    key: 'ready',
    doc: 'When the service is ready: `{ url: "http://127.0.0.1:${port}/health" }` (answers with a status below 500) or `{ output: "listening on" }` (a regex on its output). Default: as soon as it started.',
  },
  { key: 'timeout', doc: 'Readiness deadline (default `60s`): missing it ends the run with exit code 2.' },
  {
    key: 'reuseExisting',
    doc: 'If `ready.url` already answers before starting, use the running service and leave it running.',
  },
  { key: 'dependsOn', doc: 'Services to start (and see ready) before this one: a name or a list.' },
  {
    key: 'stop',
    doc: 'How to stop it: `{ signal: SIGTERM, timeout: 5s }` (the process group; SIGKILL after the timeout, the default) or `{ command: docker compose down }`.',
  },
];
