// `${{ }}`, `expect.assert` and `script:` in a run (SPEC §8), against the loopback target server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../../support/target-server.js';
import { isSandboxLoaded } from '../../../../core/src/script/index.js';
import { at, run, step } from '../helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const echoed = (body: string | undefined): Record<string, unknown> =>
  JSON.parse(JSON.parse(body ?? '{}').body as string) as Record<string, unknown>;

void describe('${{ }} expressions', () => {
  void test('a suite without ${{ }} or script never loads the sandbox', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - GET: /echo\n        expect: { status: 200 }\n`,
      server.url,
    );
    assert.equal(step(result.result).outcome, 'passed');
    assert.equal(isSandboxLoaded(), false);
  });

  void test('typed when whole, text when embedded; variables by name and as vars', async () => {
    const result = await run(
      `variables:
  n: 41
  user-id: 7
tests:
  t:
    steps:
      - POST: /echo
        headers: { x-sum: "sum \${{ n + 1 }}" }
        json: { whole: "\${{ n + 1 }}", text: "id-\${{ vars['user-id'] * 2 }}-\${n}", list: "\${{ [1, 2].map(x => x * n) }}", obj: "\${{ {a: {b: 1}} }}" }
        expect:
          status: "\${{ 200 }}"
          json:
            $.headers.x-sum: "sum \${{ n + 1 }}"
`,
      server.url,
    );
    const s = step(result.result);
    assert.equal(s.outcome, 'passed', JSON.stringify(s.error ?? s.expectations));
    assert.deepEqual(echoed(s.response?.body), {
      whole: 42,
      text: 'id-14-41',
      list: [41, 82],
      obj: { a: { b: 1 } },
    });
    assert.equal(isSandboxLoaded(), true);
  });

  void test('response in expect and capture; a capture that is one ${{ }} is computed', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - POST: /echo
        json: { items: [1, 2, 3] }
        expect:
          json:
            $.method: "\${{ response.status === 200 ? 'POST' : 'no' }}"
        capture:
          total: "\${{ JSON.parse(response.json.body).items.reduce((a, b) => a + b, 0) }}"
          type: "\${{ response.headers['content-type'] }}"
      - POST: /echo
        json: { total: "\${total}", type: "\${type}" }
`,
      server.url,
    );
    assert.equal(step(result.result).outcome, 'passed', JSON.stringify(step(result.result).error));
    assert.deepEqual(echoed(step(result.result, 1).response?.body), {
      total: 6,
      type: 'application/json',
    });
  });

  void test('skip takes ${{ }} too', async () => {
    const text = `variables: { env: prod }
tests:
  t:
    skip: "\${{ env === 'prod' }}"
    steps:
      - GET: /echo
  u:
    skip: "\${{ env === 'dev' }}"
    steps:
      - GET: /echo
`;
    const result = await run(text, server.url);
    assert.deepEqual(
      result.result.tests.map((item) => item.outcome),
      ['skipped', 'passed'],
    );
  });

  void test('a runtime error errors the step at the value, with the expression’s message', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /echo\n        query: { q: "\${{ nope.x }}" }\n  next:\n    steps:\n      - GET: /echo\n`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.match(s.error?.message ?? '', /nope/);
    assert.equal(at(text, s.error?.span), 'q: "${{ nope.x }}"');
    assert.equal(step(result.result, 0, 1).outcome, 'passed');
  });
});

void describe('expect.assert', () => {
  void test('each entry must be truthy; a failure names the expression and its operands', async () => {
    const text = `tests:
  t:
    steps:
      - POST: /echo
        json: { n: 3 }
        expect:
          assert:
            - "\${{ response.status === 200 }}"
            - "\${{ JSON.parse(response.json.body).n > 5 }}"
`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'failed');
    assert.deepEqual(
      s.expectations.map((item) => [item.kind, item.passed]),
      [
        ['assert', true],
        ['assert', false],
      ],
    );
    const failure = s.expectations[1];
    assert.match(failure.message, /JSON\.parse\(response\.json\.body\)\.n > 5/);
    assert.match(failure.message, /3 > 5/);
    assert.equal(at(text, failure.span), '"${{ JSON.parse(response.json.body).n > 5 }}"');
  });
});

void describe('script: { before, after }', () => {
  void test('before changes the request, after sets variables, checks and logs (redacted)', async () => {
    const result = await run(
      `variables:
  token: s3cret-value
tests:
  t:
    steps:
      - POST: /echo
        json: { a: 1 }
        script:
          before: |
            request.headers['x-sig'] = sha256('abc');
            request.json.b = vars.get('token').length;
          after: |
            const body = JSON.parse(response.json.body);
            vars.set('sum', body.a + body.b);
            check('status is 200', response.status === 200);
            check('has a', body.a === 1);
            console.log('token', vars.get('token'), body);
      - POST: /echo
        json: { sum: "\${sum}" }
`,
      server.url,
      { secrets: ['s3cret-value'], secretNames: ['token'] },
    );
    const s = step(result.result);
    const sent = JSON.parse(s.response?.body ?? '{}') as { headers: Record<string, string>; body: string };
    assert.equal(sent.headers['x-sig'], 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.deepEqual(JSON.parse(sent.body), { a: 1, b: 12 });
    assert.deepEqual(
      s.expectations.map((item) => [item.kind, item.key, item.passed]),
      [
        ['assert', 'status is 200', true],
        ['assert', 'has a', true],
      ],
    );
    assert.equal(s.outcome, 'passed');
    assert.deepEqual(s.logs, ['token ••• {"a":1,"b":12}']);
    assert.deepEqual(echoed(step(result.result, 1).response?.body), { sum: 13 });
  });

  void test('a failed check fails the step', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /echo\n        script:\n          after: "check('is 201', response.status === 201)"\n`;
    const s = step((await run(text, server.url)).result);
    assert.equal(s.outcome, 'failed');
    assert.deepEqual(
      s.expectations.map((item) => [item.key, item.passed, item.message]),
      [['is 201', false, 'check “is 201” failed']],
    );
  });

  void test('a script error errors the step with the script line and the suite line', async () => {
    const text = `tests:
  t:
    steps:
      - GET: /echo
        script:
          after: |
            const a = 1;
            missing.call();
  next:
    steps:
      - GET: /echo
`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.match(
      s.error?.message ?? '',
      /script\.after line 2 \(suite line 8\): ReferenceError: 'missing' is not defined/,
    );
    assert.equal(at(text, s.error?.span), 'missing.call();');
    assert.equal(step(result.result, 0, 1).outcome, 'passed');
  });

  void test('a limit hit errors the step; the next test passes', async () => {
    const text = `tests:
  t:
    steps:
      - GET: /echo
        script:
          before: "while (true) {}"
  next:
    steps:
      - GET: /echo
        expect:
          assert: ["\${{ response.status === 200 }}"]
`;
    const started = performance.now();
    const result = await run(text, server.url, { scripts: { timeoutMs: 100 } });
    assert.ok(performance.now() - started < 10_000);
    assert.match(
      step(result.result).error?.message ?? '',
      /script ran longer than 100 ms \(scripts\.timeout\)/,
    );
    assert.equal(step(result.result, 0, 1).outcome, 'passed');
  });
});
