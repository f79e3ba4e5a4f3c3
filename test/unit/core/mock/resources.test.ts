// `resources:` (core/src/mock/resources.ts): stateful collections seeded from a file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resourceRoutes } from '../../../../core/src/mock/resources.js';
import type { DynamicRoutes, MockReply, NearMiss, ResourceDef } from '../../../../core/src/mock/types.js';
import { tempFolder } from '../helpers.js';
import { mockRequest, type RequestParts } from './request.js';

const USERS = [
  { id: 1, name: 'Ada', role: 'admin' },
  { id: 2, name: 'Grace', role: 'user' },
  { id: 5, name: 'Linus', role: 'user' },
];

function users(seed: unknown = USERS, file = 'users.json'): DynamicRoutes {
  const folder = tempFolder({ [file]: typeof seed === 'string' ? seed : JSON.stringify(seed) });
  return resourceRoutes({ name: 'users', path: '/users', seed: join(folder, file), idField: 'id' });
}

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

void describe('resourceRoutes: reading', () => {
  test('GET lists the seeded items in order, GET :id reads one, an unknown id is a JSON 404', async () => {
    const routes = users();
    assert.deepEqual((await call(routes, 'GET', '/users')).json, USERS);
    const one = await call(routes, 'GET', '/users/2');
    assert.equal(one.status, 200);
    assert.deepEqual(one.json, USERS[1]);
    const missing = await call(routes, 'GET', '/users/9');
    assert.equal(missing.status, 404);
    assert.match((missing.json as { error: string }).error, /users.*9/);
  });

  test('the list filters on ?field=value (repeated values: any of them) and pages with _limit/_offset', async () => {
    const routes = users();
    const ids = async (query: Record<string, string | string[]>) =>
      ((await call(routes, 'GET', '/users', { query })).json as { id: number }[]).map((user) => user.id);
    assert.deepEqual(await ids({ role: 'user' }), [2, 5]);
    assert.deepEqual(await ids({ role: ['admin', 'user'], name: 'Linus' }), [5]);
    assert.deepEqual(await ids({ id: '2' }), [2]);
    assert.deepEqual(await ids({ _limit: '1', _offset: '1' }), [2]);
    assert.deepEqual(await ids({ role: 'user', _offset: '1' }), [5]);
    const paged = await call(routes, 'GET', '/users', { query: { role: 'user', _limit: '1' } });
    assert.equal(paged.headers?.['x-total-count'], '2');
  });

  test('_limit and _offset must be whole numbers ≥ 0: 400 naming the parameter', async () => {
    const reply = await call(users(), 'GET', '/users', { query: { _limit: 'ten' } });
    assert.equal(reply.status, 400);
    assert.match((reply.json as { error: string }).error, /_limit.*"ten"/);
  });

  test('items are copies: changing a reply does not change the collection', async () => {
    const routes = users();
    const reply = await call(routes, 'GET', '/users/1');
    (reply.json as { name: string }).name = 'changed';
    ((await call(routes, 'GET', '/users')).json as { name: string }[])[1].name = 'changed';
    assert.deepEqual((await call(routes, 'GET', '/users')).json, USERS);
  });

  test('a trailing slash and percent-encoded ids are accepted; other paths are not taken', async () => {
    const routes = users([{ id: 'a b', name: 'Spaced' }]);
    assert.equal((await call(routes, 'GET', '/users/')).status, 200);
    assert.equal((await call(routes, 'GET', '/users/a%20b')).status, 200);
    assert.equal(await routes.handle(mockRequest('GET', '/usersx'), []), undefined);
    assert.equal(await routes.handle(mockRequest('GET', '/other/1'), []), undefined);
  });
});

void describe('resourceRoutes: writing', () => {
  test('POST assigns the next integer after the largest numeric id: 201, Location and the item', async () => {
    const routes = users();
    const created = await call(routes, 'POST', '/users', { json: { name: 'Barbara' } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json, { name: 'Barbara', id: 6 });
    assert.equal(created.headers?.location, '/users/6');
    assert.deepEqual((await call(routes, 'GET', '/users/6')).json, { name: 'Barbara', id: 6 });
    assert.equal(((await call(routes, 'POST', '/users', { json: {} })).json as { id: number }).id, 7);
  });

  test('ids are not reused: after deleting the largest, the next item still gets a new one', async () => {
    const routes = users();
    assert.equal((await call(routes, 'DELETE', '/users/5')).status, 204);
    const created = await call(routes, 'POST', '/users', { json: { name: 'New' } });
    assert.equal((created.json as { id: number }).id, 6);
    assert.equal((await call(routes, 'DELETE', '/users/6')).status, 204);
    assert.equal(((await call(routes, 'POST', '/users', { json: {} })).json as { id: number }).id, 7);
  });

  test('POST keeps a given id that is unused; a used one is a 409 naming it', async () => {
    const routes = users();
    const kept = await call(routes, 'POST', '/users', { json: { id: 'ext-1', name: 'Ext' } });
    assert.equal(kept.status, 201);
    assert.equal(kept.headers?.location, '/users/ext-1');
    assert.equal((await call(routes, 'GET', '/users/ext-1')).status, 200);
    const taken = await call(routes, 'POST', '/users', { json: { id: 2, name: 'Twin' } });
    assert.equal(taken.status, 409);
    assert.match((taken.json as { error: string }).error, /id 2/);
    assert.equal(
      ((await call(routes, 'POST', '/users', { json: { name: 'Next' } })).json as { id: number }).id,
      6,
    );
  });

  test('an empty collection starts at id 1; a custom id field is used for ids and lookups', async () => {
    assert.equal(
      ((await call(users([]), 'POST', '/users', { json: { name: 'First' } })).json as { id: number }).id,
      1,
    );
    const folder = tempFolder({ 'codes.yaml': '- code: 10\n  label: ten\n' });
    const routes = resourceRoutes({
      name: 'codes',
      path: '/api/codes',
      seed: join(folder, 'codes.yaml'),
      idField: 'code',
    });
    assert.deepEqual((await call(routes, 'GET', '/api/codes/10')).json, { code: 10, label: 'ten' });
    const created = await call(routes, 'POST', '/api/codes', { json: { label: 'eleven' } });
    assert.deepEqual(created.json, { label: 'eleven', code: 11 });
    assert.equal(created.headers?.location, '/api/codes/11');
  });

  test('without a seed the collection starts empty', async () => {
    const routes = resourceRoutes({ name: 'notes', path: '/notes', idField: 'id' });
    assert.deepEqual((await call(routes, 'GET', '/notes')).json, []);
  });

  test('PUT replaces the item and keeps its id; an unknown id is a 404', async () => {
    const routes = users();
    const replaced = await call(routes, 'PUT', '/users/2', { json: { id: 99, name: 'Hopper' } });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.json, { id: 2, name: 'Hopper' });
    assert.deepEqual((await call(routes, 'GET', '/users/2')).json, { id: 2, name: 'Hopper' });
    assert.equal((await call(routes, 'PUT', '/users/42', { json: { name: 'x' } })).status, 404);
  });

  test('PATCH is a JSON merge patch (RFC 7386): null removes, objects merge, arrays replace; id kept', async () => {
    const routes = users([
      { id: 1, name: 'Ada', address: { city: 'London', zip: 'N1' }, tags: ['a', 'b'], role: 'x' },
    ]);
    const patched = await call(routes, 'PATCH', '/users/1', {
      json: { id: 7, role: null, address: { zip: null, street: 'Main' }, tags: ['c'] },
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json, {
      id: 1,
      name: 'Ada',
      address: { city: 'London', street: 'Main' },
      tags: ['c'],
    });
    assert.deepEqual((await call(routes, 'GET', '/users/1')).json, patched.json);
  });

  test('DELETE answers 204 and removes the item; a second DELETE is a 404', async () => {
    const routes = users();
    const deleted = await call(routes, 'DELETE', '/users/1');
    assert.equal(deleted.status, 204);
    assert.equal(deleted.json, undefined);
    assert.equal((await call(routes, 'GET', '/users/1')).status, 404);
    assert.equal((await call(routes, 'DELETE', '/users/1')).status, 404);
    assert.equal(((await call(routes, 'GET', '/users')).json as unknown[]).length, 2);
  });

  test('a body that is not a JSON object is a 400 saying what was sent, and nothing changes', async () => {
    const routes = users();
    const cases: [string, string, RequestParts, RegExp][] = [
      [
        'POST',
        '/users',
        { body: 'name=Ada', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        /not JSON/,
      ],
      ['POST', '/users', {}, /empty/],
      ['POST', '/users', { json: [1, 2] }, /an array/],
      ['PUT', '/users/1', { json: 'Ada' }, /a string/],
      ['PATCH', '/users/1', { body: '{"name": ' }, /not JSON/],
      ['PATCH', '/users/1', { json: null }, /null/],
    ];
    for (const [method, path, parts, message] of cases) {
      const reply = await call(routes, method, path, parts);
      assert.equal(reply.status, 400, `${method} ${JSON.stringify(parts)}`);
      assert.match((reply.json as { error: string }).error, /JSON object/);
      assert.match((reply.json as { error: string }).error, message);
    }
    assert.deepEqual((await call(routes, 'GET', '/users')).json, USERS);
  });
});

void describe('resourceRoutes: near misses', () => {
  test('a method the collection does not serve is not taken and says which methods are', async () => {
    const routes = users();
    const misses: NearMiss[] = [];
    assert.equal(await routes.handle(mockRequest('DELETE', '/users'), misses), undefined);
    assert.equal(await routes.handle(mockRequest('POST', '/users/1'), misses), undefined);
    assert.equal(await routes.handle(mockRequest('GET', '/users/1/friends'), misses), undefined);
    assert.deepEqual(
      misses.map((miss) => miss.reasons),
      [
        ['method: expected GET or POST at /users, got DELETE'],
        ['method: expected GET, PUT, PATCH or DELETE at /users/:id, got POST'],
        ['path: /users/1/friends is deeper than /users/:id'],
      ],
    );
    assert.ok(misses.every((miss) => miss.route.includes('users') && miss.route.includes('/users')));
    const unrelated: NearMiss[] = [];
    await routes.handle(mockRequest('GET', '/orders'), unrelated);
    assert.deepEqual(unrelated, []);
  });
});

void describe('resourceRoutes: seed files', () => {
  const def = (seed: string): ResourceDef => ({ name: 'users', path: '/users', seed, idField: 'id' });

  test('a missing seed file throws naming the file', () => {
    const seed = join(tempFolder(), 'missing.json');
    assert.throws(
      () => resourceRoutes(def(seed)),
      (error: Error) => {
        assert.ok(error.message.includes(seed), error.message);
        assert.match(error.message, /cannot read/);
        return true;
      },
    );
  });

  test('a seed that is not an array of objects, or not valid JSON/YAML, throws naming the file and the problem', () => {
    const cases: [string, string, RegExp][] = [
      ['users.json', '{"id": 1}', /must hold an array of objects; it holds an object/],
      ['users.json', '[{"id": 1}, 2]', /item 2 is a number/],
      ['users.json', '[{"id": 1,}]', /not valid JSON/],
      ['users.yaml', 'id: [1\n', /not valid YAML \(line 2\)/],
      ['users.yml', 'just text\n', /must hold an array of objects; it holds a string/],
      ['users.json', '[{"id": 1}, {"id": 1}]', /items 1 and 2 have the same id 1/],
      ['users.csv', 'id\n1\n', /\.json, \.yaml or \.yml/],
    ];
    for (const [name, text, message] of cases) {
      const seed = join(tempFolder({ [name]: text }), name);
      assert.throws(
        () => resourceRoutes(def(seed)),
        (error: Error) => {
          assert.ok(error.message.includes(seed), error.message);
          assert.match(error.message, message);
          assert.match(error.message, /resource `users`/);
          return true;
        },
        name + ' ' + text,
      );
    }
  });

  test('seed items without an id get the next integers; YAML seeds read like JSON ones', async () => {
    const routes = users('- id: 3\n  name: A\n- name: B\n', 'users.yaml');
    assert.deepEqual((await call(routes, 'GET', '/users')).json, [
      { id: 3, name: 'A' },
      { name: 'B', id: 4 },
    ]);
  });
});
