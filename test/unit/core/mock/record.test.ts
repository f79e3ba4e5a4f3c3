// `bluebook mock --record` (core/src/mock/record.ts): what the proxy saw, written as a mock file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { mockKeyNames } from '../../../../core/src/mock/keys.js';
import { Recorder, recordingYaml, type RecordedExchange } from '../../../../core/src/mock/record.js';

function exchange(method: string, url: string, parts: Partial<RecordedExchange> = {}): RecordedExchange {
  return { method, url, requestHeaders: {}, status: 200, headers: {}, body: Buffer.alloc(0), ...parts };
}

function json(
  value: unknown,
  status = 200,
  headers: Record<string, string | string[]> = {},
): Partial<RecordedExchange> {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

function routesOf(exchanges: RecordedExchange[]): unknown[] {
  const { text } = recordingYaml(exchanges, {
    name: 'recorded',
    target: 'http://127.0.0.1:9',
    filesDir: 'recorded.files',
  });
  return (parseYaml(text) as { routes: unknown[] }).routes;
}

void describe('recordingYaml: routes', () => {
  test('a JSON response becomes `json`, with its status and only the useful headers', () => {
    const { text } = recordingYaml(
      [
        exchange(
          'GET',
          '/users/1',
          json({ id: 1, name: 'Ada' }, 200, { date: 'Mon', server: 'x', 'x-powered-by': 'y', etag: '"v1"' }),
        ),
        exchange('POST', '/users', json({ id: 2 }, 201, { location: '/users/2' })),
      ],
      { name: 'users-api', target: 'http://127.0.0.1:9', filesDir: 'users.files' },
    );
    assert.match(text, /^# Recorded by `bluebook mock --record` from http:\/\/127\.0\.0\.1:9/);
    assert.deepEqual(parseYaml(text), {
      name: 'users-api',
      routes: [
        {
          GET: '/users/1',
          respond: {
            status: 200,
            headers: { 'content-type': 'application/json; charset=utf-8', etag: '"v1"' },
            json: { id: 1, name: 'Ada' },
          },
        },
        {
          POST: '/users',
          respond: {
            status: 201,
            headers: { 'content-type': 'application/json; charset=utf-8', location: '/users/2' },
            json: { id: 2 },
          },
        },
      ],
    });
  });

  test('the same method and path answered differently becomes a response sequence; the same answer stays one', () => {
    const routes = routesOf([
      exchange('GET', '/flaky', { status: 503 }),
      exchange('GET', '/same', json({ ok: true })),
      exchange('GET', '/flaky', json({ ok: true })),
      exchange('GET', '/same', json({ ok: true })),
      exchange('GET', '/flaky', json({ ok: true })),
    ]);
    assert.deepEqual(routes, [
      {
        GET: '/flaky',
        respond: [
          { status: 503 },
          { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, json: { ok: true } },
          { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, json: { ok: true } },
        ],
      },
      {
        GET: '/same',
        respond: {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          json: { ok: true },
        },
      },
    ]);
  });

  test('query strings become `query` matchers, placed before the same path without one', () => {
    const routes = routesOf([
      exchange('GET', '/search', { status: 400 }),
      exchange('GET', '/search?q=ada&page=2', { status: 200 }),
      exchange('GET', '/search?page=2&q=ada', { status: 200 }),
      exchange('GET', '/search?tag=a&tag=b&q=caf%C3%A9', { status: 204 }),
    ]);
    assert.deepEqual(routes, [
      { GET: '/search', query: { page: '2', q: 'ada' }, respond: { status: 200 } },
      { GET: '/search', query: { q: 'café', tag: 'a' }, respond: { status: 204 } },
      { GET: '/search', respond: { status: 400 } },
    ]);
  });

  test('characters that mean something in a route pattern are escaped', () => {
    const routes = routesOf([exchange('GET', '/files/a:b(1)*.txt', { status: 200 })]);
    assert.deepEqual(routes, [{ GET: '/files/a\\:b\\(1\\)\\*.txt', respond: { status: 200 } }]);
  });

  test('text bodies become `body`; binary ones are written to files referenced with `file`', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const { text, files } = recordingYaml(
      [
        exchange('GET', '/hello', {
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from('hi\nthere'),
        }),
        exchange('GET', '/logo.png', { headers: { 'content-type': 'image/png' }, body: bytes }),
        exchange('GET', '/broken-json', {
          headers: { 'content-type': 'application/json' },
          body: Buffer.from('{oops'),
        }),
      ],
      { name: 'r', target: 'http://127.0.0.1:9', filesDir: 'r.files' },
    );
    const routes = (parseYaml(text) as { routes: { respond: Record<string, unknown> }[] }).routes;
    assert.equal(routes[0].respond.body, 'hi\nthere');
    assert.equal(routes[1].respond.file, 'r.files/2-logo.png.bin');
    assert.deepEqual(files, [{ path: 'r.files/2-logo.png.bin', content: bytes }]);
    assert.equal(routes[2].respond.body, '{oops');
  });
});

void describe('recordingYaml: secrets', () => {
  test('credential values, cookies, secret-looking fields and query parameters never reach the file', () => {
    const token = 'tok-SECRET-123';
    const { text } = recordingYaml(
      [
        exchange('POST', '/login?api_key=KEY-456&mode=fast', {
          requestHeaders: { authorization: `Bearer ${token}`, cookie: 'sid=COOKIE-789; theme=dark' },
          ...json(
            {
              access_token: 'NEW-TOKEN-000',
              user: { name: 'Ada', password: 'hunter22' },
              echo: `Bearer ${token}`,
              ttl: 3600,
            },
            200,
            {
              'set-cookie': ['sid=SETCOOKIE-111; HttpOnly; Max-Age=3600', 'other=OTHER-222'],
              authorization: 'Basic QUJD',
            },
          ),
        }),
        exchange('GET', '/me', {
          requestHeaders: { 'proxy-authorization': 'Basic UFJPWFk=' },
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from(`seen COOKIE-789 and ${token} and UFJPWFk=`),
        }),
      ],
      { name: 'r', target: 'http://user:PASSWORD-333@127.0.0.1:9/base', filesDir: 'r.files' },
    );
    for (const secret of [
      token,
      'KEY-456',
      'COOKIE-789',
      'NEW-TOKEN-000',
      'hunter22',
      'SETCOOKIE-111',
      'OTHER-222',
      'QUJD',
      'UFJPWFk=',
      'PASSWORD-333',
    ])
      assert.ok(!text.includes(secret), `${secret} leaked:\n${text}`);
    const routes = (
      parseYaml(text) as {
        routes: { query?: unknown; respond: { json?: unknown; body?: unknown; headers?: unknown } }[];
      }
    ).routes;
    assert.deepEqual(routes[0].query, { mode: 'fast' });
    assert.deepEqual(routes[0].respond.json, {
      access_token: '•••',
      user: { name: 'Ada', password: '•••' },
      echo: '•••',
      ttl: 3600,
    });
    assert.deepEqual(routes[0].respond.headers, { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(routes[1].respond.body, 'seen ••• and ••• and •••');
    assert.match(text, /from http:\/\/127\.0\.0\.1:9\/base/);
  });
});

void describe('recordingYaml: the mock file format', () => {
  test('every key written is a key of a mock file, a route or a response (core/src/mock/keys.ts)', () => {
    const { text } = recordingYaml(
      [
        exchange('GET', '/a?x=1', json({ ok: true }, 200, { location: '/b', etag: '"1"' })),
        exchange('GET', '/a?x=1', { status: 500 }),
        exchange('DELETE', '/a/1', { status: 204 }),
        exchange('GET', '/bin', { headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 1]) }),
      ],
      { name: 'r', target: 'http://127.0.0.1:9', filesDir: 'r.files' },
    );
    const file = parseYaml(text) as Record<string, unknown> & { routes: Record<string, unknown>[] };
    const unknown = (keys: string[], allowed: string[]): string[] =>
      keys.filter((key) => !allowed.includes(key));
    assert.deepEqual(unknown(Object.keys(file), mockKeyNames('mock')), []);
    for (const route of file.routes) {
      assert.deepEqual(unknown(Object.keys(route), mockKeyNames('route')), []);
      const responses = Array.isArray(route.respond) ? route.respond : [route.respond];
      for (const response of responses as Record<string, unknown>[])
        assert.deepEqual(unknown(Object.keys(response), mockKeyNames('respond')), []);
    }
  });
});

void describe('Recorder: one exchange at a time', () => {
  test('each recording equals a full rewrite, and a secret learnt later is masked in earlier routes too', () => {
    const options = { name: 'r', target: 'http://127.0.0.1:9', filesDir: 'r.files' };
    const exchanges = [
      exchange('GET', '/early', json({ note: 'token tok-LATE-999 seen early' })),
      exchange('GET', '/other', json({ ok: 1 })),
      exchange('GET', '/me', { requestHeaders: { authorization: 'Bearer tok-LATE-999' }, status: 204 }),
      exchange('GET', '/early', json({ note: 'again' })),
      exchange('GET', '/image', { headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 255]) }),
    ];
    const recorder = new Recorder(options);
    exchanges.forEach((item, index) => {
      recorder.add(item);
      assert.deepEqual(recorder.recording(), recordingYaml(exchanges.slice(0, index + 1), options));
    });
    assert.equal(recorder.size, 5);
    assert.ok(!recorder.recording().text.includes('tok-LATE-999'), recorder.recording().text);
    assert.deepEqual(
      recorder.recording().files.map((file) => file.path),
      ['r.files/5-image.bin'],
    );
  });
});

void describe('recordingYaml: encoded bodies', () => {
  test('a gzip body the target sent anyway is recorded decoded; an undecodable one goes to a file', () => {
    const { text, files } = recordingYaml(
      [
        exchange('GET', '/zipped', {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: gzipSync(JSON.stringify({ ok: true })),
        }),
        exchange('GET', '/broken', {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: Buffer.from([1, 2, 3]),
        }),
      ],
      { name: 'r', target: 'http://127.0.0.1:9', filesDir: 'r.files' },
    );
    const routes = (parseYaml(text) as { routes: { respond: Record<string, unknown> }[] }).routes;
    assert.deepEqual(routes[0].respond.json, { ok: true });
    assert.equal(routes[1].respond.file, 'r.files/2-broken.bin');
    assert.deepEqual(
      files.map((file) => file.path),
      ['r.files/2-broken.bin'],
    );
  });
});
