// `openapi:` (core/src/mock/openapi.ts): a route for every operation of an OpenAPI 3.0/3.1 document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { openApiRoutes } from '../../../../core/src/mock/openapi.js';
import type { DynamicRoutes, MockReply, NearMiss } from '../../../../core/src/mock/types.js';
import { tempFolder } from '../helpers.js';
import { mockRequest, type RequestParts } from './request.js';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'fixtures', 'mock-openapi');
const PETS = join(FIXTURES, 'petstore-3.0.yaml');
const ORDERS = join(FIXTURES, 'orders-3.1.yaml');

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

/** An independent check of generated data: the fixture's schemas written as JSON Schema 2020-12. */
function validator(schema: object): (value: unknown) => string | undefined {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? undefined : ajv.errorsText(validate.errors));
}

const PET_2020 = {
  type: 'object',
  required: ['id', 'name', 'status'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string', minLength: 1, maxLength: 20 },
    tag: { type: ['string', 'null'] },
    status: { enum: ['available', 'pending', 'sold'] },
    born: { type: 'string', format: 'date-time' },
  },
};

const SHARED = parseYaml(readFileSync(join(FIXTURES, 'shared', 'order.yaml'), 'utf8')) as Record<
  string,
  object
>;

async function call(
  routes: DynamicRoutes,
  method: string,
  path: string,
  parts?: RequestParts,
): Promise<MockReply> {
  const misses: NearMiss[] = [];
  const reply = await routes.handle(mockRequest(method, path, parts), misses);
  assert.ok(reply, `${method} ${path} was not handled (misses: ${JSON.stringify(misses)})`);
  return reply;
}

interface Problems {
  error: string;
  problems: { in: string; path: string; message: string }[];
}

function problemsOf(reply: MockReply): Problems['problems'] {
  assert.equal(reply.status, 400, JSON.stringify(reply.json));
  const body = reply.json as Problems;
  assert.equal(typeof body.error, 'string');
  return body.problems;
}

void describe('openApiRoutes: responses (OpenAPI 3.0)', () => {
  test('a media type example is served with the lowest 2xx status', async () => {
    const routes = await openApiRoutes(PETS);
    const reply = await call(routes, 'GET', '/pets');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers?.['content-type'], 'application/json');
    assert.deepEqual(reply.json, [{ id: 1, name: 'Rex', tag: 'dog' }]);
  });

  test('without `example`, the first of `examples` is served; path parameters are matched', async () => {
    const routes = await openApiRoutes(PETS);
    const reply = await call(routes, 'GET', '/pets/7', { headers: { 'x-request-id': 'abcd' } });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { id: 7, name: 'Rex', tag: null });
  });

  test('without examples, data is generated from the schema: valid, and the same on every load', async () => {
    const body = { json: { name: 'Rex' } };
    const first = await call(await openApiRoutes(PETS), 'POST', '/pets', body);
    assert.equal(first.status, 201);
    assert.equal(validator(PET_2020)(first.json), undefined, JSON.stringify(first.json));
    const again = await call(await openApiRoutes(PETS), 'POST', '/pets', body);
    assert.deepEqual(again.json, first.json);
  });

  test('a response without content is sent with its status and no body', async () => {
    const reply = await call(await openApiRoutes(PETS), 'DELETE', '/pets/3');
    assert.equal(reply.status, 204);
    assert.equal(reply.json, undefined);
    assert.equal(reply.body, undefined);
  });
});

void describe('openApiRoutes: request validation', () => {
  test('each problem of the parameters and the body is listed in one 400', async () => {
    const routes = await openApiRoutes(PETS);
    const reply = await call(routes, 'POST', '/pets', { json: { tag: 3, age: 0, colour: 'red' } });
    assert.deepEqual(
      problemsOf(reply)
        .map((problem) => `${problem.in} ${problem.path}`)
        .sort(),
      ['body $.age', 'body $.colour', 'body $.name', 'body $.tag'],
    );
    assert.match((reply.json as Problems).error, /POST \/pets/);
    const messages = problemsOf(reply)
      .map((problem) => problem.message)
      .join('\n');
    assert.match(messages, /required/);
    assert.match(messages, /not allowed/);
  });

  test('query parameters are converted to their schema type before checking; nullable 3.0 schemas allow null', async () => {
    const routes = await openApiRoutes(PETS);
    assert.equal((await call(routes, 'GET', '/pets', { query: { limit: '10', tag: 'dog' } })).status, 200);
    const bad = problemsOf(await call(routes, 'GET', '/pets', { query: { limit: '0' } }));
    assert.deepEqual(
      bad.map((problem) => [problem.in, problem.path]),
      [['query', 'limit']],
    );
    assert.match(bad[0].message, />= 1/);
    const text = problemsOf(await call(routes, 'GET', '/pets', { query: { limit: 'ten' } }));
    assert.match(text[0].message, /integer/);
    const created = await call(routes, 'POST', '/pets', { json: { name: 'Tom', tag: null } });
    assert.equal(created.status, 201);
  });

  test('path and header parameters: wrong type, missing required header', async () => {
    const routes = await openApiRoutes(PETS);
    const problems = problemsOf(await call(routes, 'GET', '/pets/abc'));
    assert.deepEqual(
      problems.map((problem) => [problem.in, problem.path]),
      [
        ['path', 'petId'],
        ['header', 'x-request-id'],
      ],
    );
    assert.match(problems[1].message, /required/);
  });

  test('a body that is missing, or not JSON, is a problem of the body', async () => {
    const routes = await openApiRoutes(PETS);
    const missing = problemsOf(await call(routes, 'POST', '/pets'));
    assert.deepEqual(
      missing.map((problem) => problem.in),
      ['body'],
    );
    assert.match(missing[0].message, /required/);
    const text = problemsOf(await call(routes, 'POST', '/pets', { body: 'name=Rex' }));
    assert.match(text[0].message, /not valid JSON/);
  });
});

void describe('openApiRoutes: OpenAPI 3.1 and $refs to other files', () => {
  test('schemas from another file are used for generation (2020-12 keywords) and validation', async () => {
    const routes = await openApiRoutes(ORDERS);
    const order = await call(routes, 'GET', '/orders/ord-12');
    assert.equal(order.status, 200);
    assert.equal(validator(SHARED.Order)(order.json), undefined, JSON.stringify(order.json));
    const created = await call(routes, 'POST', '/orders', { json: { items: [{ sku: 'a', qty: 1 }] } });
    assert.equal(created.status, 201);
    const bad = problemsOf(
      await call(routes, 'POST', '/orders', { json: { items: [{ sku: 'a', qty: 0 }] } }),
    );
    assert.deepEqual(
      bad.map((problem) => problem.path),
      ['$.items[0].qty'],
    );
  });

  test('schema `examples` are served; a missing required query parameter and a pattern mismatch are 400s', async () => {
    const routes = await openApiRoutes(ORDERS);
    const listed = await call(routes, 'GET', '/orders', { query: { status: 'open' } });
    assert.deepEqual(listed.json, [{ id: 'ord-1', total: 10.5, status: 'open', note: null }]);
    const missing = problemsOf(await call(routes, 'GET', '/orders'));
    assert.deepEqual(
      missing.map((problem) => [problem.in, problem.path]),
      [['query', 'status']],
    );
    const pattern = problemsOf(await call(routes, 'GET', '/orders/12'));
    assert.deepEqual(
      pattern.map((problem) => [problem.in, problem.path]),
      [['path', 'orderId']],
    );
  });
});

void describe('openApiRoutes: near misses', () => {
  test('a known path with another method, or a close path, is not taken and is explained', async () => {
    const routes = await openApiRoutes(PETS);
    const misses: NearMiss[] = [];
    assert.equal(await routes.handle(mockRequest('PATCH', '/pets/1'), misses), undefined);
    assert.deepEqual(misses, [
      {
        route: 'openapi /pets/{petId}',
        reasons: ['method: expected GET or DELETE, got PATCH'],
      },
    ]);
    const close: NearMiss[] = [];
    assert.equal(await routes.handle(mockRequest('GET', '/pet/1'), close), undefined);
    assert.deepEqual(close, [
      {
        route: 'openapi GET /pets/{petId} (showPet)',
        reasons: ['path: /pet/1 does not match /pets/{petId}'],
      },
    ]);
    const unrelated: NearMiss[] = [];
    assert.equal(await routes.handle(mockRequest('GET', '/accounts/1/settings'), unrelated), undefined);
    assert.deepEqual(unrelated, []);
  });
});

void describe('openApiRoutes: documents that cannot be served', () => {
  async function failure(file: string): Promise<string> {
    const error = await openApiRoutes(file).then(
      () => assert.fail(`${file} was accepted`),
      (error: unknown) => error as Error,
    );
    assert.ok(error instanceof Error);
    assert.ok(error.message.includes(file), error.message);
    assert.doesNotMatch(error.message, /\n\s+at /);
    return error.message;
  }

  test('a file that is not OpenAPI says so', async () => {
    assert.match(await failure(join(FIXTURES, 'not-openapi.yaml')), /not an OpenAPI 3\.0 or 3\.1 document/);
  });

  test('broken $refs are named', async () => {
    const message = await failure(join(FIXTURES, 'broken-ref.yaml'));
    assert.match(message, /nowhere\.yaml/);
    const internal = join(
      tempFolder({
        'api.yaml': readFileSync(join(FIXTURES, 'broken-ref.yaml'), 'utf8').split('  /others:')[0],
      }),
      'api.yaml',
    );
    assert.match(await failure(internal), /#\/components\/schemas\/Missing/);
  });

  test('a missing file, invalid YAML, an invalid document and Swagger 2.0 are each explained', async () => {
    const folder = tempFolder({
      'bad.yaml': 'openapi: [3.0\n  bad: : yaml',
      'invalid.yaml': 'openapi: 3.0.3\ninfo: { title: T }\npaths: {}\n',
      'swagger.json': '{"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}}',
    });
    assert.match(await failure(join(folder, 'missing.yaml')), /cannot read|no such file/i);
    assert.match(await failure(join(folder, 'bad.yaml')), /YAML|pars/i);
    assert.match(await failure(join(folder, 'invalid.yaml')), /version/);
    assert.match(await failure(join(folder, 'swagger.json')), /Swagger 2\.0/);
  });
});

void describe('openApiRoutes: recursive schemas', () => {
  test('a schema that refers to itself is checked and generated without looping', async () => {
    const doc = [
      'openapi: 3.0.3',
      'info: { title: Tree, version: "1" }',
      'paths:',
      '  /nodes:',
      '    post:',
      '      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } } }',
      '      responses:',
      '        "200": { description: a node, content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } } }',
      'components:',
      '  schemas:',
      '    Node:',
      '      type: object',
      '      required: [name]',
      '      properties:',
      '        name: { type: string }',
      '        children: { type: array, items: { $ref: "#/components/schemas/Node" } }',
    ].join('\n');
    const routes = await openApiRoutes(join(tempFolder({ 'tree.yaml': doc }), 'tree.yaml'));
    const reply = await call(routes, 'POST', '/nodes', {
      json: { name: 'root', children: [{ name: 'leaf' }] },
    });
    assert.equal(reply.status, 200);
    assert.equal(typeof (reply.json as { name: unknown }).name, 'string');
    const bad = problemsOf(await call(routes, 'POST', '/nodes', { json: { children: [] } }));
    assert.deepEqual(
      bad.map((problem) => problem.path),
      ['$.name'],
    );
  });
});

void describe('openApiRoutes: schemas that cannot be compiled', () => {
  test('an invalid pattern in a schema rejects the load, naming the file and the operation', async () => {
    const doc = [
      'openapi: 3.1.0',
      'info: { title: Bad pattern, version: "1" }',
      'paths:',
      '  /codes:',
      '    post:',
      '      operationId: createCode',
      '      requestBody: { content: { application/json: { schema: { type: string, pattern: "([a-z" } } } }',
      '      responses: { "204": { description: none } }',
    ].join('\n');
    const file = join(tempFolder({ 'bad.yaml': doc }), 'bad.yaml');
    const error = await openApiRoutes(file).then(
      () => assert.fail('accepted'),
      (error: unknown) => error as Error,
    );
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /POST \/codes \(createCode\)/);
    assert.match(error.message, /pattern|regular expression/i);
  });
});

void describe('openApiRoutes: which response and which example', () => {
  test('a 3.0 schema `example` is served; without 2xx, `default` is sent as 200; non-JSON media as text', async () => {
    const doc = [
      'openapi: 3.0.3',
      'info: { title: Choices, version: "1" }',
      'paths:',
      '  /status:',
      '    get:',
      '      responses:',
      '        "404": { description: gone }',
      '        "202": { description: accepted, content: { application/json: { schema: { type: object, example: { queued: true } } } } }',
      '        "201": { description: created, content: { application/json: { schema: { type: object, example: { created: true } } } } }',
      '  /fallback:',
      '    get:',
      '      responses:',
      '        default: { description: any, content: { text/plain: { example: all good } } }',
    ].join('\n');
    const routes = await openApiRoutes(join(tempFolder({ 'api.yaml': doc }), 'api.yaml'));
    const status = await call(routes, 'GET', '/status');
    assert.equal(status.status, 201);
    assert.deepEqual(status.json, { created: true });
    const fallback = await call(routes, 'GET', '/fallback');
    assert.equal(fallback.status, 200);
    assert.equal(fallback.headers?.['content-type'], 'text/plain');
    assert.equal(fallback.body, 'all good');
  });
});

void describe('openApiRoutes: path templates', () => {
  test('a literal path wins over a templated one written before it; parameters are percent-decoded', async () => {
    const doc = [
      'openapi: 3.1.0',
      'info: { title: Order, version: "1" }',
      'paths:',
      '  /pets/{name}:',
      '    get:',
      '      parameters: [{ name: name, in: path, required: true, schema: { type: string, maxLength: 5 } }]',
      '      responses: { "200": { description: one, content: { application/json: { example: { templated: true } } } } }',
      '  /pets/mine:',
      '    get:',
      '      responses: { "200": { description: mine, content: { application/json: { example: { mine: true } } } } }',
    ].join('\n');
    const routes = await openApiRoutes(join(tempFolder({ 'api.yaml': doc }), 'api.yaml'));
    assert.deepEqual((await call(routes, 'GET', '/pets/mine')).json, { mine: true });
    assert.deepEqual((await call(routes, 'GET', '/pets/a%20b')).json, { templated: true });
    assert.equal((await call(routes, 'GET', '/pets/too%20long')).status, 400);
  });
});
