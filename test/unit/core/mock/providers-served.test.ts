// Scratch check after merging m-core: recordings parse cleanly; resources/openapi served by startMock.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { writeFileSync, copyFileSync } from 'node:fs';
import { parseMock, startMock } from '../../../../core/src/mock/index.js';
import { recordingYaml, type RecordedExchange } from '../../../../core/src/mock/record.js';
import { tempFolder } from '../helpers.js';
import { hit } from './http.js';

const ex = (
  method: string,
  url: string,
  status: number,
  body = '',
  type = 'application/json',
): RecordedExchange => ({
  method,
  url,
  requestHeaders: { authorization: 'Bearer abcdef' },
  status,
  headers: body ? { 'content-type': type } : {},
  body: Buffer.from(body),
});

void describe('mock providers through parseMock and startMock', () => {
  test('a recording parses without diagnostics and serves what was recorded', async () => {
    const { text } = recordingYaml(
      [
        ex('GET', '/users/1', 200, '{"id":1,"name":"Ada"}'),
        ex('GET', '/search?q=ada', 200, '["ada"]'),
        ex('GET', '/search', 400, '{"error":"q?"}'),
        ex('GET', '/flaky', 503),
        ex('GET', '/flaky', 200, 'ok', 'text/plain'),
        ex('GET', '/files/a:b(1)', 200, 'x', 'text/plain'),
        ex('POST', '/users', 201, '{"id":2}'),
      ],
      { name: 'rec', target: 'http://x', filesDir: 'rec.files' },
    );
    const doc = parseMock(text, '/tmp/rec.mock.yaml');
    assert.deepEqual(
      doc.diagnostics.map((d) => d.message),
      [],
    );
    const folder = tempFolder({ 'rec.mock.yaml': text });
    const mock = await startMock(join(folder, 'rec.mock.yaml'));
    try {
      assert.deepEqual((await hit(`${mock.url}/users/1`)).json, { id: 1, name: 'Ada' });
      assert.deepEqual((await hit(`${mock.url}/search?q=ada`)).json, ['ada']);
      assert.equal((await hit(`${mock.url}/search`)).status, 400);
      assert.equal((await hit(`${mock.url}/flaky`)).status, 503);
      assert.equal((await hit(`${mock.url}/flaky`)).text, 'ok');
      assert.equal((await hit(`${mock.url}/files/a:b(1)`)).text, 'x');
      assert.equal((await hit(`${mock.url}/users`, { method: 'POST' })).status, 201);
    } finally {
      await mock.close();
    }
  });

  test('resources and openapi through startMock', async () => {
    const F = resolve(__dirname, '..', '..', '..', 'fixtures', 'mock-openapi');
    const folder = tempFolder({ 'users.json': '[{"id":1,"name":"Ada"}]' });
    copyFileSync(join(F, 'petstore-3.0.yaml'), join(folder, 'pets.yaml'));
    writeFileSync(
      join(folder, 'm.mock.yaml'),
      'resources:\n  users: { path: /users, seed: ./users.json }\nopenapi: ./pets.yaml\n',
    );
    const mock = await startMock(join(folder, 'm.mock.yaml'));
    try {
      const created = await hit(`${mock.url}/users`, {
        method: 'POST',
        body: '{"name":"Bo"}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.location, '/users/2');
      const bad = await hit(`${mock.url}/users`, { method: 'POST', body: 'nope' });
      assert.equal(bad.status, 400);
      assert.equal((await hit(`${mock.url}/users/1`, { method: 'DELETE' })).status, 204);
      const pets = await hit(`${mock.url}/pets`);
      assert.deepEqual(pets.json, [{ id: 1, name: 'Rex', tag: 'dog' }]);
      const invalid = await hit(`${mock.url}/pets`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(invalid.status, 400);
      assert.match(JSON.stringify(invalid.json), /createPet|POST \/pets/);
      const miss = await hit(`${mock.url}/pets/1`, { method: 'PATCH' });
      assert.equal(miss.status, 404);
      assert.match(JSON.stringify(miss.json), /method: expected .*got PATCH/);
      const miss2 = await hit(`${mock.url}/users`, { method: 'DELETE' });
      assert.equal(miss2.status, 404);
      assert.match(JSON.stringify(miss2.json), /resource `users`.*got DELETE/);
      // The journal names the provider route that answered.
      const routes = mock.journal().map((entry) => `${entry.method} ${entry.url} ${entry.route ?? '-'}`);
      assert.ok(routes.includes('POST /users resource users: POST /users'), routes.join('\n'));
      assert.ok(routes.includes('DELETE /users/1 resource users: DELETE /users/:id'), routes.join('\n'));
      assert.ok(
        routes.some((line) => /^GET \/pets openapi GET \/pets/.test(line)),
        routes.join('\n'),
      );
      assert.ok(routes.includes('PATCH /pets/1 -'), routes.join('\n'));
    } finally {
      await mock.close();
    }
  });
});
