// A variable is evaluated once per test instance: `user-${randomInt(…)}` is the same value in the
// request and in the expectation. Each `each` row is its own instance (its own value); what the
// `before` steps used is what the tests use; a value that depends on a capture follows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { run } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

/** The `e` query parameter each step of a test sent, read back from /echo. */
function sent(result: Awaited<ReturnType<typeof run>>['result'], testIndex = 0): string[] {
  return result.tests[testIndex].steps.map(
    (item) => (JSON.parse(item.response?.body ?? '{}') as { query: { e: string[] } }).query.e[0],
  );
}

void describe('variables are evaluated once per test instance', () => {
  void test('a suite variable calling a built-in has one value in requests and expectations', async () => {
    const { result } = await run(
      `variables:
  email: user-\${randomInt(1, 1000000000)}@example.com
  id: \${uuid()}
tests:
  t:
    steps:
      - GET: /echo?e=\${email}
        expect:
          json:
            $.query.e[0]: \${email}
      - GET: /echo?e=\${email}&id=\${id}
        expect:
          json:
            $.query.id[0]: \${id}
`,
      server.url,
    );
    const s = result.tests[0].steps;
    assert.deepEqual(
      s.map((item) => item.outcome),
      ['passed', 'passed'],
      s.flatMap((item) => item.expectations.map((e) => e.message)).join('; '),
    );
    const [first, second] = sent(result);
    assert.match(first, /^user-\d+@example\.com$/);
    assert.equal(second, first);
  });

  void test('environment values calling built-ins too; each row is its own instance', async () => {
    const { result } = await run(
      `tests:
  t:
    each:
      - { row: a }
      - { row: b }
    steps:
      - GET: /echo?e=\${token}
      - GET: /echo?e=\${token}
`,
      server.url,
      { environment: { token: '${uuid()}' } },
    );
    const [a, b] = [sent(result, 0), sent(result, 1)];
    assert.equal(a[0], a[1]);
    assert.equal(b[0], b[1]);
    assert.notEqual(a[0], b[0], 'each row evaluates its own value');
  });

  void test('what `before` steps used is what the tests and `after` use', async () => {
    const { result } = await run(
      `variables:
  email: user-\${uuid()}@example.com
before:
  - GET: /echo?e=\${email}
after:
  - GET: /echo?e=\${email}
tests:
  t:
    steps:
      - GET: /echo?e=\${email}
`,
      server.url,
    );
    const read = (body: string | undefined) =>
      (JSON.parse(body ?? '{}') as { query: { e: string[] } }).query.e[0];
    const used = read(result.before[0].response?.body);
    assert.equal(sent(result)[0], used);
    assert.equal(read(result.after[0].response?.body), used);
  });

  void test('a variable that uses a capture follows the capture; overridden names are not shared', async () => {
    const { result } = await run(
      `variables:
  who: suite
  greeting: hi-\${who}
  path: /echo/\${id}
before:
  - GET: /echo?e=\${greeting}
tests:
  t:
    variables: { who: test }
    steps:
      - GET: /status/201
        capture: { id: $.status }
      - GET: \${path}?e=\${greeting}
      - GET: /status/202
        capture: { id: $.status }
      - GET: \${path}
`,
      server.url,
    );
    const s = result.tests[0].steps;
    assert.equal(JSON.parse(result.before[0].response?.body ?? '{}').query.e[0], 'hi-suite');
    const second = JSON.parse(s[1].response?.body ?? '{}') as { path: string; query: { e: string[] } };
    assert.equal(second.path, '/echo/201');
    assert.equal(second.query.e[0], 'hi-test', 'the test variable wins inside the test');
    assert.equal(JSON.parse(s[3].response?.body ?? '{}').path, '/echo/202', 're-captured id is used');
  });
});
