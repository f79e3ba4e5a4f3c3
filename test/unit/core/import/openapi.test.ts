import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importOpenApi, openApiSuite } from '../../../../core/src/import/openapi.js';
import { ImportError } from '../../../../core/src/import/types.js';
import { assertSuites, FIXTURES } from './helpers.js';

type Suite = {
  variables: Record<string, string>;
  tests: Record<string, { name: string; steps: Record<string, unknown>[] }>;
};

test('one test per operation: example body, required query, path parameters, lowest 2xx status', async () => {
  const result = await importOpenApi(join(FIXTURES, 'openapi.yaml'));
  assertSuites(result.files);
  assert.equal(result.files[0].name, 'pet-store.bluebook.yaml');
  const suite = parse(result.files[0].text) as Suite;
  assert.deepEqual(suite.variables, { baseUrl: 'https://pets.example.com/v1', petId: '' });
  assert.deepEqual(Object.keys(suite.tests), ['list-pets', 'create-pet', 'get-pets-pet-id']);
  assert.deepEqual(suite.tests['list-pets'].steps[0], {
    GET: '/pets',
    query: { limit: '10' },
    expect: { status: 200 },
  });
  assert.deepEqual(suite.tests['create-pet'].steps[0], {
    POST: '/pets',
    json: { name: 'Rex' },
    expect: { status: 201 },
  });
  assert.deepEqual(suite.tests['get-pets-pet-id'].steps[0], {
    GET: '/pets/${petId}',
    expect: { status: 200 },
  });
  assert.deepEqual(result.problems, [
    'GET /pets/{petId}: path parameter `petId` has no example: set the variable `petId`',
  ]);
});

test('a body without example, no 2xx, no servers and a literal ${ are reported or kept literal', () => {
  const result = openApiSuite({
    info: { title: 'Bare' },
    paths: {
      '/a': {
        put: {
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { default: {} },
        },
        post: {
          requestBody: { content: { 'application/json': { example: { t: '${x}' } } } },
          responses: { '200': {} },
        },
      },
    },
  });
  assertSuites(result.files);
  assert.match(result.files[0].text, /t: \$\$\{x\}/);
  assert.deepEqual(result.problems, [
    'the document has no `servers`: set the variable `baseUrl`',
    'PUT /a: the JSON request body has no example: `json: {}` written',
    'PUT /a: no explicit 2xx response: no `expect.status`',
  ]);
});

test('a broken $ref and a document without operations are ImportErrors', async () => {
  await assert.rejects(importOpenApi(join(FIXTURES, 'openapi-broken-ref.yaml')), (error: unknown) => {
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /a \$ref points to .*missing\.yaml, which cannot be read/);
    return true;
  });
  assert.throws(() => openApiSuite({ paths: {} }), /declares no operation/);
});
