// The mock server (core/src/mock/server.ts through startMock/serveMock): real HTTP on 127.0.0.1.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { MockLoadError, serveMock, startMock, type RunningMock } from '../../../../core/src/mock/index.js';
import type { DynamicRoutes, ResourceDef } from '../../../../core/src/mock/types.js';
import { tempFolder } from '../helpers.js';
import { hit } from './http.js';

const MOCK = `name: payments
routes:
  - GET: /payments/:id
    headers: { authorization: { startsWith: "Bearer " } }
    respond:
      status: 200
      headers: { x-payment: "\${params.id}" }
      json: { id: "\${params.id}", amount: 42, status: paid }
  - POST: /echo
    respond: { status: 201, json: { amount: "\${request.json.amount}", label: "\${query.label}-\${request.json.amount}" } }
  - GET: /flaky
    respond: [ { status: 503 }, { status: 200, json: { ok: true } } ]
  - GET: /slow
    respond: { delay: 150ms, body: done }
  - GET: /reset
    respond: { fault: reset }
  - GET: /close
    respond: { fault: close }
  - GET: /hang
    respond: { fault: hang }
  - GET: /missing
    respond: { json: { x: "\${request.json.nothing}" } }
  - GET: /file
    respond: { file: ./body.json }
`;

const running: RunningMock[] = [];
after(() => Promise.all(running.map((mock) => mock.close())));

async function start(text: string, files: Record<string, string> = {}): Promise<RunningMock> {
  const dir = tempFolder({ 'pay.mock.yaml': text, ...files });
  const mock = await startMock(join(dir, 'pay.mock.yaml'));
  running.push(mock);
  return mock;
}

function failure(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

void describe('mock server', () => {
  void test('a matched route answers with its templated response', async () => {
    const mock = await start(MOCK, { 'body.json': '{"from":"file"}' });
    assert.equal(mock.name, 'payments');
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await hit(`${mock.url}/payments/p-7`, { headers: { authorization: 'Bearer abc' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.equal(reply.headers['x-payment'], 'p-7');
    assert.deepEqual(reply.json, { id: 'p-7', amount: 42, status: 'paid' });
    const echo = await hit(`${mock.url}/echo?label=eur`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount": 12.5}',
    });
    assert.equal(echo.status, 201);
    assert.deepEqual(echo.json, { amount: 12.5, label: 'eur-12.5' });
    const file = await hit(`${mock.url}/file`);
    assert.deepEqual([file.headers['content-type'], file.json], ['application/json', { from: 'file' }]);
  });

  void test('a sequence answers in turn and its last response repeats', async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await hit(`${mock.url}/flaky`)).status);
    assert.deepEqual(statuses, [503, 200, 200]);
  });

  void test('delay waits; faults reset, close and hang', async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const started = performance.now();
    assert.equal((await hit(`${mock.url}/slow`)).text, 'done');
    assert.ok(performance.now() - started >= 140);
    assert.equal(await failure(`${mock.url}/reset`), 'ECONNRESET');
    assert.match(await failure(`${mock.url}/close`), /ECONNRESET|socket hang up/);
    const hung = await Promise.race([
      failure(`${mock.url}/hang`),
      new Promise((resolve) => setTimeout(resolve, 300, 'no answer')),
    ]);
    assert.equal(hung, 'no answer');
    assert.deepEqual(
      mock.journal().map((entry) => [entry.url, entry.status, entry.fault]),
      [
        ['/slow', 200, undefined],
        ['/reset', 0, 'reset'],
        ['/close', 0, 'close'],
        ['/hang', 0, 'hang'],
      ],
    );
  });

  void test('an unmatched request gets 404 naming the closest routes and why they missed', async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const reply = await hit(`${mock.url}/payments/9`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.json, {
      error: 'no route of mock `payments` matches GET /payments/9',
      method: 'GET',
      path: '/payments/9',
      closestRoutes: [
        {
          route: 'GET /payments/:id (line 3)',
          reasons: ['expected header authorization to be a string starting with "Bearer ", got "•••"'],
        },
      ],
    });
    assert.ok(!reply.text.includes('dXNlcjpwYXNz'));
    const method = await hit(`${mock.url}/payments/9`, { method: 'DELETE' });
    assert.deepEqual((method.json as { closestRoutes: unknown }).closestRoutes, [
      { route: 'GET /payments/:id (line 3)', reasons: ['method: expected GET, got DELETE'] },
    ]);
  });

  void test('a template naming something missing answers 500 with a clear JSON message', async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const reply = await hit(`${mock.url}/missing`);
    assert.equal(reply.status, 500);
    assert.match(
      (reply.json as { error: string }).error,
      /route `GET \/missing` \(line 21\).*`request\.json` is not defined/,
    );
  });

  void test('the journal lists requests with credentials redacted', async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    await hit(`${mock.url}/payments/1?x=1`, {
      headers: { authorization: 'Bearer s3cr3t-token', cookie: 'sid=abc123' },
    });
    await hit(`${mock.url}/echo?label=a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount":1}',
    });
    const journal = await hit(`${mock.url}/__bluebook/requests`);
    assert.equal(journal.status, 200);
    const entries = journal.json as {
      method: string;
      url: string;
      status: number;
      route?: string;
      body?: string;
      headers: Record<string, string>;
    }[];
    assert.deepEqual(
      entries.map((entry) => [entry.method, entry.url, entry.status, entry.route, entry.body]),
      [
        ['GET', '/payments/1?x=1', 200, 'GET /payments/:id', undefined],
        ['POST', '/echo?label=a', 201, 'POST /echo', '{"amount":1}'],
      ],
    );
    assert.equal(entries[0].headers.authorization, '•••');
    assert.equal(entries[0].headers.cookie, '•••');
    assert.ok(!journal.text.includes('s3cr3t') && !journal.text.includes('abc123'));
    assert.equal((await hit(`${mock.url}/__bluebook/requests`, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await hit(`${mock.url}/__bluebook/requests`)).json, []);
  });

  void test('a 100 MB body is refused with 413 and the mock keeps serving', { timeout: 30_000 }, async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${mock.url}/echo`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 100) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(status, 413);
    const after = await hit(`${mock.url}/payments/1`, { headers: { authorization: 'Bearer a' } });
    assert.equal(after.status, 200);
    const declared = await hit(`${mock.url}/echo`, {
      method: 'POST',
      headers: { 'content-length': String(200 * 1024 * 1024) },
    }).catch((error: Error) => error.message);
    assert.equal(typeof declared === 'string' ? declared : declared.status, 413);
  });

  void test('1,000 concurrent connections do not stop it serving', { timeout: 30_000 }, async () => {
    const mock = await start(MOCK, { 'body.json': '{}' });
    const sockets = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve, reject) => {
            const socket = connect(mock.port, '127.0.0.1', () => resolve(socket));
            socket.on('error', reject);
          }),
      ),
    );
    const answers = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<string>((resolve) => {
            let data = '';
            socket.on('data', (chunk) => {
              data += chunk.toString();
              if (data.includes('\r\n\r\n')) resolve(data.split('\r\n')[0]);
            });
            socket.write('GET /flaky HTTP/1.1\r\nhost: x\r\n\r\n');
          }),
      ),
    );
    assert.equal(answers.length, 1000);
    assert.ok(answers.every((line) => /^HTTP\/1\.1 (503|200)/.test(line)));
    const normal = await hit(`${mock.url}/payments/1`, { headers: { authorization: 'Bearer a' } });
    assert.equal(normal.status, 200);
    for (const socket of sockets) socket.destroy();
  });

  void test('reload swaps the routes on the same port; a file with errors keeps the old ones', async () => {
    const dir = tempFolder({ 'a.mock.yaml': 'routes:\n  - GET: /v\n    respond: { json: 1 }\n' });
    const file = join(dir, 'a.mock.yaml');
    const mock = await startMock(file);
    running.push(mock);
    assert.equal(mock.name, 'a');
    writeFileSync(file, 'routes:\n  - GET: /v\n    respond: { json: 2 }\n');
    assert.deepEqual(await mock.reload(), []);
    assert.equal((await hit(`${mock.url}/v`)).json, 2);
    writeFileSync(file, 'routes:\n  - GET: /v\n    respnd: { json: 3 }\n');
    const errors = await mock.reload();
    assert.deepEqual(
      errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      [
        '3:5 unknown key `respnd` in a route — did you mean `respond`?',
        '2:5 route `GET /v` needs a `respond`, e.g. `respond: { status: 200, json: {...} }`',
      ],
    );
    assert.equal((await hit(`${mock.url}/v`)).json, 2);
  });

  void test('startMock rejects a file with errors, a missing `file:` and a missing mock file', async () => {
    const dir = tempFolder({
      'bad.mock.yaml': 'routes:\n  - GET: /a\n    query: { q: { match: "(" } }\n    respond: {}\n',
      'nofile.mock.yaml': 'routes:\n  - GET: /a\n    respond: { file: ./gone.json }\n',
    });
    await assert.rejects(startMock(join(dir, 'bad.mock.yaml')), (error: unknown) => {
      assert.ok(error instanceof MockLoadError);
      assert.match(error.message, /bad\.mock\.yaml:3:\d+: invalid regular expression/);
      return true;
    });
    await assert.rejects(
      startMock(join(dir, 'nofile.mock.yaml')),
      /nofile\.mock\.yaml:3:22: `file: \.\/gone\.json` not found/,
    );
    await assert.rejects(
      startMock(join(dir, 'absent.mock.yaml')),
      /absent\.mock\.yaml:1:1: cannot read the mock file/,
    );
  });

  void test('routes first, then resources, then openapi; provider failures are located', async () => {
    const dir = tempFolder({
      'p.mock.yaml':
        'routes:\n  - GET: /users/me\n    respond: { json: route }\nresources:\n  users: { path: /users, seed: ./users.json }\nopenapi: ./api.yaml\n',
    });
    const seen: ResourceDef[] = [];
    const provider = (answer: string, path: string): DynamicRoutes => ({
      handle: (request, misses) => {
        if (request.path.startsWith(path)) return Promise.resolve({ status: 200, json: answer });
        misses.push({ route: `${answer} ${path}`, reasons: ['not here'] });
        return Promise.resolve(undefined);
      },
    });
    const mock = await serveMock(
      join(dir, 'p.mock.yaml'),
      {},
      {
        resourceRoutes: (def) => {
          seen.push(def);
          return provider('resource', def.path);
        },
        openApiRoutes: (file) => Promise.resolve(provider(`openapi ${file.endsWith('api.yaml')}`, '/pets')),
      },
    );
    running.push(mock);
    assert.deepEqual(seen, [{ name: 'users', path: '/users', seed: join(dir, 'users.json'), idField: 'id' }]);
    assert.equal((await hit(`${mock.url}/users/me`)).json, 'route');
    assert.equal((await hit(`${mock.url}/users/1`)).json, 'resource');
    assert.equal((await hit(`${mock.url}/pets`)).json, 'openapi true');
    const miss = await hit(`${mock.url}/nothing`);
    assert.deepEqual(
      (miss.json as { closestRoutes: { route: string }[] }).closestRoutes.map((item) => item.route),
      ['resource /users', 'openapi true /pets'],
    );
    await assert.rejects(
      serveMock(
        join(dir, 'p.mock.yaml'),
        {},
        {
          resourceRoutes: () => {
            throw new Error('seed ./users.json is not an array');
          },
          openApiRoutes: () => Promise.reject(new Error('api.yaml is not an OpenAPI document')),
        },
      ),
      /p\.mock\.yaml:5:10: seed \.\/users\.json is not an array\n.*p\.mock\.yaml:6:10: api\.yaml is not an OpenAPI document/,
    );
  });
});
