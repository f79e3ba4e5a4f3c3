// Requests: methods, headers, query, bodies, auth, redirects, cookies, defaults.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { parseSuite } from '../../../core/src/parse.js';
import { at, run, step, tempFolder } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

function echoed(result: Awaited<ReturnType<typeof run>>, index = 0): Record<string, unknown> {
  const body = step(result.result, index).response?.body;
  assert.ok(body, `step ${index} has a response: ${JSON.stringify(step(result.result, index).error)}`);
  return JSON.parse(body) as Record<string, unknown>;
}

void describe('requests', () => {
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
    void test(`sends ${method}`, async () => {
      const result = await run(
        `tests:\n  t:\n    steps:\n      - ${method}: /echo/m\n        expect: { status: 200 }\n`,
        server.url,
      );
      assert.equal(step(result.result).outcome, 'passed');
      assert.equal(echoed(result).method, method);
    });
  }

  void test('sends HEAD and gets an empty body', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - HEAD: /echo\n        expect: { status: 200 }\n`,
      server.url,
    );
    assert.equal(step(result.result).outcome, 'passed');
    assert.equal(step(result.result).response?.body, '');
  });

  void test('headers, repeated query keys, defaults merged under the step, and a baseUrl path prefix', async () => {
    const result = await run(
      `baseUrl: \${baseUrl}/echo
defaults:
  headers: { x-default: d, x-both: from-defaults }
  query: { fromDefaults: yes }
tests:
  t:
    steps:
      - GET: /items?fixed=1
        headers: { X-Both: from-step, x-num: 5 }
        query: { tag: [a, b], n: 3 }
`,
      server.url,
    );
    const echo = echoed(result);
    assert.equal(echo.path, '/echo/items');
    assert.deepEqual(echo.query, { fixed: ['1'], fromDefaults: ['yes'], tag: ['a', 'b'], n: ['3'] });
    const headers = echo.headers as Record<string, string>;
    assert.equal(headers['x-default'], 'd');
    assert.equal(headers['x-both'], 'from-step');
    assert.equal(headers['x-num'], '5');
  });

  void test('json body keeps captured types; body, form bodies', async () => {
    const result = await run(
      `variables: { n: 42, user: { name: Ada } }
tests:
  t:
    steps:
      - POST: /echo
        json: { n: "\${n}", s: "n=\${n}", name: "\${user.name}", lit: "$\${x}" }
      - POST: /echo
        headers: { content-type: text/plain }
        body: "raw \${n}"
      - POST: /echo
        form: { a: "1 2", b: [x, y] }
`,
      server.url,
    );
    const json = echoed(result, 0);
    assert.deepEqual(JSON.parse(json.body as string), { n: 42, s: 'n=42', name: 'Ada', lit: '${x}' });
    assert.equal(json.contentType, 'application/json');
    assert.equal(echoed(result, 1).body, 'raw 42');
    assert.equal(echoed(result, 2).body, 'a=1+2&b=x&b=y');
    assert.equal(echoed(result, 2).contentType, 'application/x-www-form-urlencoded');
    assert.equal(
      step(result.result, 0).request?.body,
      JSON.stringify({ n: 42, s: 'n=42', name: 'Ada', lit: '${x}' }),
    );
  });

  void test('multipart with a file relative to the suite folder', async () => {
    const folder = tempFolder({ 'files/hello.txt': 'hello file' });
    const result = await run(
      `tests:
  t:
    steps:
      - POST: /echo
        multipart:
          title: greeting
          upload: { file: files/hello.txt, contentType: text/plain }
`,
      server.url,
      { baseDir: folder },
    );
    const echo = echoed(result);
    assert.match(String(echo.contentType), /^multipart\/form-data; boundary=/);
    const body = String(echo.body);
    assert.match(body, /name="title"\r\n\r\ngreeting/);
    assert.match(body, /name="upload"; filename="hello.txt"\r\nContent-Type: text\/plain\r\n\r\nhello file/);
    assert.match(step(result.result).request?.body ?? '', /upload: <file hello.txt, text\/plain, 10 bytes>/);
  });

  void test('a missing multipart file errors the step with the path', async () => {
    const folder = tempFolder();
    const text = `tests:\n  t:\n    steps:\n      - POST: /echo\n        multipart:\n          f: { file: nope.bin }\n`;
    const result = await run(text, server.url, { baseDir: folder });
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.match(s.error?.message ?? '', /cannot read multipart file for `f`: .*nope\.bin/);
    assert.match(at(text, s.error?.span), /^multipart:/);
  });

  void test('auth: bearer and basic', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - GET: /echo
        auth: { bearer: abc }
      - GET: /echo
        auth: { basic: { username: ada, password: "p:w" } }
`,
      server.url,
    );
    assert.equal((echoed(result, 0).headers as Record<string, string>).authorization, 'Bearer abc');
    const basic = (echoed(result, 1).headers as Record<string, string>).authorization;
    assert.equal(basic, `Basic ${Buffer.from('ada:p:w').toString('base64')}`);
    // ...and the credential never shows in results.
    assert.equal(step(result.result, 0).request?.headers.authorization, '•••');
  });

  void test('redirects are not followed by default, followed with followRedirects (303 → GET without body)', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - GET: /redirect?to=/echo/target
        expect: { status: 302, headers: { location: /echo/target } }
      - POST: /redirect?to=/echo/after&status=303
        followRedirects: true
        json: { a: 1 }
        expect: { status: 200 }
      - GET: /redirect/chain/3
        followRedirects: true
        expect: { status: 200, json: { $.path: /echo } }
`,
      server.url,
    );
    assert.deepEqual(
      result.result.tests[0].steps.map((s) => s.outcome),
      ['passed', 'passed', 'passed'],
    );
    assert.equal(echoed(result, 1).method, 'GET');
    assert.equal(echoed(result, 1).path, '/echo/after');
  });

  void test('cookies: kept per test instance, before cookies seeded into every test', async () => {
    const result = await run(
      `before:
  - GET: /cookies/set?session=s1
tests:
  first:
    steps:
      - GET: /cookies/set?own=o1
      - GET: /cookies
        expect: { json: { $.session: s1, $.own: o1 } }
  second:
    steps:
      - GET: /cookies
        expect: { json: { $.session: s1, $.own: { exists: false } } }
`,
      server.url,
    );
    assert.deepEqual(
      result.result.tests.map((t) => t.outcome),
      ['passed', 'passed'],
    );
    // Cookie headers are redacted in records.
    assert.equal(result.result.tests[0].steps[1].request?.headers.cookie, '•••');
    assert.equal(result.result.tests[0].steps[0].response?.headers['set-cookie'], '•••');
  });

  void test('timeout precedence: step, suite defaults, RunOptions (--timeout), config defaults', async () => {
    const text = (stepTimeout: string, defaults: string): string =>
      `${defaults}tests:\n  t:\n    steps:\n      - GET: /slow?ms=2000\n${stepTimeout}`;
    const configDefaults = parseSuite('defaults: { timeout: 150ms }\ntests: {}', 'x.bluebook.yaml').suite
      ?.defaults;
    const cases: [string, string, object, string][] = [
      ['        timeout: 100ms\n', 'defaults: { timeout: 5s }\n', {}, 'timed out after 100 ms'],
      [
        '',
        'defaults: { timeout: 120ms }\n',
        { configDefaults, defaultTimeoutMs: 5000 },
        'timed out after 120 ms',
      ],
      ['', '', { configDefaults, defaultTimeoutMs: 140 }, 'timed out after 140 ms'],
      ['', '', { configDefaults }, 'timed out after 150 ms'],
      ['', '', { defaultTimeoutMs: 130 }, 'timed out after 130 ms'],
    ];
    for (const [stepTimeout, defaults, options, message] of cases) {
      const result = await run(text(stepTimeout, defaults), server.url, options);
      assert.equal(step(result.result).outcome, 'errored');
      assert.equal(step(result.result).error?.message, message);
    }
  });
});
