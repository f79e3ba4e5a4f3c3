// The OpenAPI path index (SPEC §11): matching a step's path, "did you mean", body keys, snippets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bodyKeysAt } from '../../../../core/src/openapi/bodyKeys.js';
import { loadOperationIndex } from '../../../../core/src/openapi/operations.js';
import { contractPath, OperationIndex, templateSnippet } from '../../../../core/src/openapi/paths.js';
import { OPENAPI_FILES } from '../../../support/openapiDoc.js';
import { project } from '../../server/helpers.js';

function op(method: string, template: string) {
  return { method, template, query: [], responses: [] };
}

void describe('openapi path index', () => {
  const index = new OperationIndex(
    [
      op('GET', '/users'),
      op('GET', '/users/{id}'),
      op('PUT', '/users/{id}'),
      op('GET', '/users/me'),
      op('GET', '/files/{name}.json'),
    ],
    ['https://api.example.com/v1', '/v2'],
  );

  test('matches literal, parameter and `${…}` segments', () => {
    assert.equal(index.match('/users')?.template, '/users');
    assert.equal(index.match('/users/42')?.template, '/users/{id}');
    assert.equal(index.match('/users/me')?.template, '/users/me');
    assert.equal(index.match('/users/${user.id}')?.template, '/users/me');
    assert.equal(index.match('/files/report.json')?.template, '/files/{name}.json');
    assert.equal(index.match('/files/report.xml'), undefined);
    assert.equal(index.match('/users/1/posts'), undefined);
    assert.deepEqual([...index.match('/users/1')!.operations.keys()], ['GET', 'PUT']);
  });

  test("strips the servers' path prefixes", () => {
    assert.equal(index.match('/v1/users/7')?.template, '/users/{id}');
    assert.equal(index.match('/v2/users')?.template, '/users');
    assert.equal(index.match('/v3/users'), undefined);
  });

  test('suggests the closest path of as many segments', () => {
    assert.equal(index.closest('/usres/1'), '/users/{id}');
    assert.equal(index.closest('/usres'), '/users');
    assert.equal(index.closest('/orders/1/lines'), undefined);
  });

  test('reads the path of `${baseUrl}`, relative and same-host URLs; other hosts are not checked', () => {
    assert.equal(contractPath('${baseUrl}/users?page=2', index, []), '/users');
    assert.equal(contractPath('/users/1#top', index, []), '/users/1');
    assert.equal(contractPath('https://api.example.com/v1/users', index, []), '/users');
    assert.equal(contractPath('http://localhost:3000/users', index, ['http://localhost:3000/']), '/users');
    assert.equal(contractPath('https://elsewhere.test/users', index, []), undefined);
    assert.equal(contractPath('${services.api.url}/users', index, []), undefined);
  });

  test('writes a path as a snippet: parameters are tab stops unless a variable has their name', () => {
    assert.equal(templateSnippet('/users/{id}/posts/{postId}'), '/users/${1:id}/posts/${2:postId}');
    assert.equal(
      templateSnippet('/users/{id}/posts/{postId}', new Set(['id'])),
      '/users/\\${id}/posts/${1:postId}',
    );
  });
});

void describe('openapi body keys', () => {
  const schema = {
    allOf: [
      { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      {
        properties: {
          email: { type: 'string', description: 'Mail' },
          address: { type: 'object', properties: { city: {} } },
          tags: { type: 'array', items: { properties: { label: {} } } },
        },
      },
    ],
  };

  test('lists the keys of the object at a path, required first', () => {
    assert.deepEqual(
      bodyKeysAt(schema, []).map((key) => [key.name, key.required]),
      [
        ['name', true],
        ['email', false],
        ['address', false],
        ['tags', false],
      ],
    );
    assert.deepEqual(
      bodyKeysAt(schema, ['address']).map((key) => key.name),
      ['city'],
    );
    assert.deepEqual(
      bodyKeysAt(schema, ['tags', '-']).map((key) => key.name),
      ['label'],
    );
    assert.deepEqual(bodyKeysAt(schema, ['nothing']), []);
  });

  test('a cyclic schema ends', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    node.allOf = [node];
    assert.deepEqual(
      bodyKeysAt(node, ['child', 'child']).map((key) => key.name),
      ['child'],
    );
  });
});

void describe('loadOperationIndex', () => {
  test('indexes a document whose schemas are in another file', async () => {
    const root = project(OPENAPI_FILES);
    const index = await loadOperationIndex(join(root, 'openapi.yaml'));
    const create = index.match('/users')!.operations.get('POST')!;
    assert.equal(create.summary, 'Create a user');
    assert.deepEqual(
      bodyKeysAt(create.bodySchema, []).map((key) => key.name),
      ['name', 'email', 'address', 'tags'],
    );
    const list = index.match('/users')!.operations.get('GET')!;
    assert.deepEqual(
      list.query.map((parameter) => [parameter.name, parameter.required]),
      [
        ['q', true],
        ['page', false],
      ],
    );
    assert.deepEqual(index.match('/users/1')!.operations.get('GET')!.responses, [
      { status: '200', description: 'The user' },
      { status: '404', description: 'No such user' },
    ]);
  });

  test('rejects a broken $ref with the loader message', async () => {
    const root = project({ 'openapi.yaml': OPENAPI_FILES['openapi.yaml'] });
    await assert.rejects(loadOperationIndex(join(root, 'openapi.yaml')), /schemas\.yaml/);
  });
});
