// Bad input and unusable responses: every problem is a located, one-line outcome, never a crash.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const one = (url: string, extra = ''): string =>
  `tests:\n  t:\n    steps:\n      - GET: ${url}\n${extra}        expect: { status: 200 }\n      - GET: /echo\n`;

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

void describe('errors', () => {
  void test('connection refused names host and port, on the method key; later steps skipped', async () => {
    const port = await closedPort();
    const text = one(`http://127.0.0.1:${port}/x`);
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.equal(s.error?.message, `connection refused to 127.0.0.1:${port}`);
    assert.equal(at(text, s.error?.span), 'GET');
    assert.equal(step(result.result, 1).outcome, 'skipped');
    assert.equal(result.result.tests[0].outcome, 'errored');
  });

  void test('DNS failure (.invalid never resolves, without touching the internet)', async () => {
    const result = await run(one('http://bluebook-test.invalid/x'), server.url);
    assert.equal(step(result.result).error?.message, 'could not resolve host bluebook-test.invalid');
  });

  void test('TLS error: https to a plain-http port', async () => {
    const result = await run(one(`https://127.0.0.1:${server.port}/x`), server.url);
    const message = step(result.result).error?.message ?? '';
    assert.match(message, new RegExp(`^TLS error connecting to 127\\.0\\.0\\.1:${server.port}: `));
    assert.ok(!message.includes('\n'));
  });

  void test('timeout says how long; it is not a cancellation', async () => {
    const result = await run(one('/slow?ms=3000', '        timeout: 100ms\n'), server.url);
    assert.equal(step(result.result).error?.message, 'timed out after 100 ms');
  });

  void test('a body over maxBodyBytes errors the step without reading it all', async () => {
    const result = await run(one('/huge?bytes=5000000'), server.url, { maxBodyBytes: 1024 * 1024 });
    assert.equal(step(result.result).outcome, 'errored');
    assert.equal(
      step(result.result).error?.message,
      'response body is larger than the 1 MB limit (maxBodyBytes); the rest was not read',
    );
  });

  void test('a regex RE2 cannot run errors the step with the reason, in a matcher and in a capture', async () => {
    const matcher = `tests:\n  t:\n    steps:\n      - GET: /text\n        expect:\n          text: { match: 'hello(?= from)' }\n`;
    const result = await run(matcher, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.equal(
      s.error?.message,
      'lookahead `(?=…)` is not supported: Bluebook matches with RE2 semantics so a pattern can never hang a run; match the text after it too, and capture the part you want with a group',
    );
    assert.equal(at(matcher, s.error?.span), "text: { match: 'hello(?= from)' }");
    const capture = `tests:\n  t:\n    steps:\n      - GET: /text\n        capture: { word: { regex: '(\\w+) \\1' } }\n`;
    const captured = step((await run(capture, server.url)).result);
    assert.equal(captured.outcome, 'errored');
    assert.match(
      captured.error?.message ?? '',
      /^capture `word`: backreference is not supported: Bluebook matches with RE2 semantics/,
    );
  });

  void test('large bodies are cut to an excerpt in results', async () => {
    const result = await run(one('/huge?bytes=300000'), server.url);
    const response = step(result.result).response;
    assert.equal(response?.size, 300000);
    assert.equal(response?.bodyTruncated, true);
    assert.equal(response?.body.length, 64 * 1024);
  });

  void test('invalid YAML and wrong types: an errored suite naming file and line', async () => {
    const broken = await run('tests:\n  t:\n    steps: [\n', server.url);
    assert.equal(broken.result.outcome, 'errored');
    assert.match(broken.result.error?.message ?? '', /^invalid suite \(.*suite\.bluebook\.yaml:\d+:\d+\): /);
    const wrong = await run(
      'tests:\n  t:\n    steps:\n      - GET: /x\n        expect: { status: 99 }\n',
      server.url,
    );
    assert.match(wrong.result.error?.message ?? '', /suite\.bluebook\.yaml:5:27\): invalid status `99`/);
  });

  void test('undefined variable: errored step naming the variable and where it could be defined', async () => {
    const text = `tests:
  create-user:
    steps:
      - POST: /users
        json: { name: x }
      - GET: /echo
        capture: { userId: $.path }
  read-user:
    steps:
      - GET: /users/\${userId}
`;
    const result = await run(text, server.url);
    const s = result.result.tests[1].steps[0];
    assert.equal(s.outcome, 'errored');
    assert.equal(
      s.error?.message,
      'variable `userId` is not defined; it is captured in step 2 of test `create-user`, ' +
        "but a test's captures are visible only in that test — run its steps here with `use: '#create-user'`, " +
        'or capture it in `before` to share it',
    );
    assert.equal(at(text, s.error?.span), '/users/${userId}');
    const early = await run(
      text.replace(
        '  read-user:\n    steps:\n',
        "  read-user:\n    steps:\n      - GET: /echo/\\${userId}\n      - use: '#create-user'\n",
      ),
      server.url,
    );
    assert.equal(
      early.result.tests[1].steps[0].error?.message,
      'variable `userId` is not defined; it is captured by the `use` step 2 (`#create-user`) of this test, which runs later',
    );
    const plain = await run(
      `tests:\n  t:\n    steps:\n      - GET: /x\n        headers: { a: "\${nope}" }\n`,
      server.url,
    );
    assert.match(
      step(plain.result).error?.message ?? '',
      /variable `nope` is not defined; define it under `variables:`/,
    );
    assert.equal(at(plain.text, step(plain.result).error?.span), 'a: "${nope}"');
    const env = await run(`tests:\n  t:\n    steps:\n      - GET: /x?k=\${env.NOPE_X}\n`, server.url, {
      env: {},
    });
    assert.match(step(env.result).error?.message ?? '', /environment variable `NOPE_X` is not set/);
  });

  void test('a missing each data file errors the test', async () => {
    const text = `tests:\n  t:\n    each: ./missing.csv\n    steps:\n      - GET: /echo\n`;
    const result = await run(text, server.url);
    const t = result.result.tests[0];
    assert.equal(t.outcome, 'errored');
    assert.match(t.error?.message ?? '', /cannot read `each` data file .*missing\.csv/);
    assert.equal(t.steps[0].outcome, 'skipped');
  });

  void test('a relative URL without baseUrl explains what to add', async () => {
    const result = await run(`tests:\n  t:\n    steps:\n      - GET: /x\n`, '', { environment: {} });
    assert.match(step(result.result).error?.message ?? '', /relative URL `\/x` needs a base/);
  });
});
