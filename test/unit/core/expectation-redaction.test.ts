// Expectations on credential headers (set-cookie, cookie, authorization, proxy-authorization) are
// judged on the real value but reported redacted, like the header in the response record; so are
// secrets in an expectation's key, expected and actual values and message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

void describe('redaction of expectation values', () => {
  void test('a set-cookie expectation is judged on the value and reported as •••', async () => {
    const text = `tests:
  t:
    steps:
      - GET: /cookies/set?sid=c00kie-VALUE-42
        expect:
          headers:
            set-cookie: { contains: Secure }
            Set-Cookie: { startsWith: "sid=" }
            SET-COOKIE: "sid=other; Path=/"
`;
    for (const keepRecords of ['all', 'failures'] as const) {
      const result = await run(text, server.url, { keepRecords });
      const [secure, prefix, equal] = step(result.result).expectations;
      assert.deepEqual(
        [secure.passed, prefix.passed, equal.passed],
        [false, true, false],
        'the match used the real value',
      );
      assert.equal(secure.actual, '•••');
      assert.deepEqual(secure.expected, { contains: 'Secure' }, 'what the suite wrote stays readable');
      assert.equal(
        secure.message,
        'expected header `set-cookie` to be a string containing "Secure", got "•••"',
      );
      assert.equal(prefix.actual, '•••');
      assert.equal(equal.message, 'expected header `SET-COOKIE` to be "sid=other; Path=/", got "•••"');
      assert.equal(step(result.result).response?.headers['set-cookie'] ?? '•••', '•••');
      // The request URL holds the value (this route sets what it is asked to): check the rest.
      const expectations = JSON.stringify(step(result.result).expectations);
      assert.ok(!expectations.includes('c00kie'), `${keepRecords}: the cookie leaks`);
    }
  });

  void test('an absent credential header stays absent; other headers are shown', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - GET: /headers
        expect:
          headers:
            set-cookie: { exists: true }
            x-request-id: { startsWith: nope }
`,
      server.url,
    );
    const [cookie, id] = step(result.result).expectations;
    assert.equal(cookie.actual, undefined);
    assert.equal(cookie.message, 'expected header `set-cookie` to be present, got absent');
    assert.equal(id.actual, 'req-42');
  });

  void test('interpolated parts of an expected credential value are redacted; a long value is too', async () => {
    const long = 'x'.repeat(200);
    const result = await run(
      `tests:
  t:
    steps:
      - GET: /cookies/set?sid=c00kie-VALUE-42
        capture: { sid: { cookie: sid } }
      - GET: /cookies/set?sid=${long}
        expect:
          headers:
            set-cookie: { contains: "\${sid}", startsWith: sid= }
            Set-Cookie: "sid=\${sid}"
`,
      server.url,
    );
    const [matcher, equal] = step(result.result, 1).expectations;
    assert.deepEqual(matcher.expected, { contains: '•••', startsWith: 'sid=' });
    assert.equal(equal.expected, '•••');
    const all = JSON.stringify(step(result.result, 1).expectations);
    assert.ok(!all.includes('c00kie'), 'the interpolated cookie leaks');
    assert.ok(!all.includes('xxxxxxxxxx'), 'the long cookie (cut in the message) leaks');
  });

  void test('a secret in an interpolated expectation key is redacted', async () => {
    const result = await run(
      `variables: { field: tok-123 }
tests:
  t:
    steps:
      - GET: /echo?tok-123=1
        expect:
          json:
            $.query['\${field}']: ["2"]
`,
      server.url,
      { secretNames: ['field'] },
    );
    const expectation = step(result.result).expectations[0];
    assert.equal(expectation.passed, false);
    assert.equal(expectation.key, "$.query['•••']");
    assert.ok(!JSON.stringify(result.result).includes('tok-123'));
  });
});
