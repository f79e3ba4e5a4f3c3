// The OpenAPI contract check (SPEC §11): every response of an operation the config's document
// declares is checked as an `openapi` expectation on the method line; `openapi: false` opts out.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseSuite } from '../../../core/src/parse.js';
import { runSuite } from '../../../core/src/run/runSuite.js';
import type { ExpectationResult, StepResult } from '../../../core/src/results.js';

let server: Server;
let base = '';
const dir = mkdtempSync(join(tmpdir(), 'bluebook-openapi-'));

const ROUTES: Record<string, { status: number; type?: string; body?: string }> = {
  '/api/v1/users/1': { status: 200, type: 'application/json', body: '{"id":1,"name":"Ada","email":null}' },
  '/api/v1/users/2': { status: 200, type: 'application/json', body: '{"id":"two","name":7}' },
  '/api/v1/users/3': { status: 404, type: 'application/problem+json', body: '{"title":"Not Found"}' },
  '/api/v1/users/4': { status: 418, type: 'application/json', body: '{}' },
  '/api/v1/users/5': { status: 200, type: 'text/html', body: '<p>hi</p>' },
  '/api/v1/users/6': { status: 201, type: 'application/json', body: '{"id":6}' },
  '/api/v1/users': {
    status: 200,
    type: 'application/json',
    body: JSON.stringify({ items: Array.from({ length: 14 }, (_, id) => ({ id: `x${id}`, name: 'n' })) }),
  },
  '/api/v1/users/me': { status: 200, type: 'application/json', body: '{"me":true}' },
  '/api/v1/things': { status: 418, type: 'application/json', body: '{}' },
  '/api/v1/other': { status: 500, type: 'text/plain', body: 'boom' },
};

const DOC = `openapi: 3.0.3
info: { title: t, version: '1' }
servers: [{ url: 'https://example.com/api/{version}', variables: { version: { default: v1 } } }]
components:
  schemas:
    User:
      type: object
      required: [id, name]
      properties:
        id: { type: integer }
        name: { type: string }
        email: { type: string, nullable: true }
paths:
  /things:
    get:
      responses:
        '200': { description: ok }
  /users:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { items: { type: array, items: { $ref: '#/components/schemas/User' } } } }
  /users/me:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, required: [me] } } } }
  /users/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
        '2XX': { description: other success, content: { application/json: { schema: { type: object } } } }
        default: { description: problem, content: { application/problem+json: { schema: { type: object, required: [title] } } } }
    head:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
`;

before(async () => {
  writeFileSync(join(dir, 'openapi.yaml'), DOC);
  writeFileSync(
    join(dir, 'broken.yaml'),
    DOC.replace(
      "'#/components/schemas/User' } } } }\n  /users/me",
      "'#/components/schemas/Nope' } } } }\n  /users/me",
    ),
  );
  server = createServer((request, response) => {
    const route = ROUTES[new URL(request.url ?? '/', 'http://x').pathname] ?? { status: 404 };
    response.writeHead(route.status, route.type ? { 'content-type': route.type } : {});
    response.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
after(() => server.close());

async function steps(
  stepsYaml: string,
  openapi = join(dir, 'openapi.yaml'),
  baseUrl = `${base}/api/v1`,
): Promise<StepResult[]> {
  const text = `baseUrl: ${baseUrl}\ntests:\n  t:\n    steps:\n${stepsYaml}`;
  const result = await runSuite(parseSuite(text, join(dir, 's.bluebook.yaml')), { openapi });
  assert.equal(result.error, undefined, result.error?.message);
  return result.tests[0].steps;
}

const contract = (step: StepResult): ExpectationResult | undefined =>
  step.expectations.find((item) => item.kind === 'openapi');

void test('a valid response passes, on the method line, matched below the servers base path', async () => {
  const [step] = await steps('      - GET: /users/1\n');
  const check = contract(step);
  assert.equal(check?.passed, true, check?.message);
  assert.equal(step.outcome, 'passed');
  assert.deepEqual(check?.span, step.methodSpan);
  assert.match(check?.message ?? '', /GET \/users\/\{id\} → 200/);
});

void test('body violations are listed at their JSON paths and fail the step', async () => {
  const [step] = await steps('      - GET: /users/2\n');
  const check = contract(step);
  assert.equal(check?.passed, false);
  assert.equal(step.outcome, 'failed');
  assert.match(check?.message ?? '', /\$\.id: must be integer/);
  assert.match(check?.message ?? '', /\$\.name: must be string/);
});

void test('3.0 nullable accepts null', async () => {
  const [step] = await steps('      - GET: /users/1\n');
  assert.equal(contract(step)?.passed, true);
});

void test('status ranges and default apply; an undeclared status fails', async () => {
  const [created, problem, teapot] = await steps(
    '      - GET: /users/6\n      - GET: /users/3\n      - GET: /things\n',
  );
  assert.match(contract(created)?.message ?? '', /→ 2XX/);
  assert.equal(contract(created)?.passed, true);
  assert.match(contract(problem)?.message ?? '', /→ default/);
  assert.equal(contract(problem)?.passed, true, contract(problem)?.message);
  assert.equal(contract(teapot)?.passed, false);
  assert.match(contract(teapot)?.message ?? '', /status 418 is not declared \(declared: 200\)/);
});

void test('an undeclared content type fails', async () => {
  const [step] = await steps('      - GET: /users/5\n');
  assert.equal(contract(step)?.passed, false);
  assert.match(
    contract(step)?.message ?? '',
    /content type text\/html is not declared \(declared: application\/json\)/,
  );
});

void test('at most ten violations are listed, the rest counted', async () => {
  const [step] = await steps('      - GET: /users\n');
  const message = contract(step)?.message ?? '';
  assert.match(message, /\$\.items\[2\]\.id: must be integer/);
  assert.equal(message.split('\n').filter((line) => line.startsWith('  $')).length, 10);
  assert.match(message, /… and 4 more/);
});

void test('a literal path wins over a template', async () => {
  const [step] = await steps('      - GET: /users/me\n');
  assert.equal(contract(step)?.passed, true, contract(step)?.message);
  assert.match(contract(step)?.message ?? '', /GET \/users\/me/);
});

void test('operations the document lacks are not checked; nor other methods', async () => {
  const [other, deleted] = await steps('      - GET: /other\n      - DELETE: /users/1\n');
  assert.equal(contract(other), undefined);
  assert.equal(contract(deleted), undefined);
});

void test('a HEAD response is checked for status and content type, not for its (absent) body', async () => {
  const [step] = await steps('      - HEAD: /users/1\n');
  assert.equal(contract(step)?.passed, true, contract(step)?.message);
});

void test('`openapi: false` on a step turns the check off', async () => {
  const [step] = await steps('      - GET: /users/2\n        openapi: false\n');
  assert.equal(contract(step), undefined);
  assert.equal(step.outcome, 'passed');
});

void test('without servers matching, the path is taken relative to the suite baseUrl', async () => {
  writeFileSync(
    join(dir, 'rooted.yaml'),
    DOC.replace(/^servers:.*$/m, "servers: [{ url: 'https://example.com/' }]"),
  );
  const [step] = await steps('      - GET: /users/2\n', join(dir, 'rooted.yaml'));
  assert.equal(contract(step)?.passed, false);
});

void test('a document with a broken $ref errors the suite, naming the problem', async () => {
  const text = `baseUrl: ${base}/api/v1\ntests:\n  t:\n    steps:\n      - GET: /users/1\n`;
  const result = await runSuite(parseSuite(text, join(dir, 's.bluebook.yaml')), {
    openapi: join(dir, 'broken.yaml'),
  });
  assert.equal(result.outcome, 'errored');
  assert.match(result.error?.message ?? '', /OpenAPI document .* cannot be used: .*broken\.yaml/s);
  assert.match(result.error?.message ?? '', /Nope/);
});

void test('a secret in a violation is redacted', async () => {
  const text = `baseUrl: ${base}/api/v1\ntests:\n  t:\n    steps:\n      - GET: /users/5\n`;
  const result = await runSuite(parseSuite(text, join(dir, 's.bluebook.yaml')), {
    openapi: join(dir, 'openapi.yaml'),
    secrets: ['text/html'],
  });
  const check = contract(result.tests[0].steps[0]);
  assert.equal(check?.passed, false);
  assert.match(check?.message ?? '', /content type .* is not declared/);
  assert.doesNotMatch(JSON.stringify(check), /text\/html/);
});
