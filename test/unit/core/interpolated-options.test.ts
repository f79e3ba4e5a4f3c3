// `${...}` in `skip`, `timeout`, `followRedirects` and `retry.*` ("in any value"): interpolated when
// the test or step runs, keeping the value's type, then checked like a literal; a value of the
// wrong type errors the test or step, naming the key and the value. Literal mistakes stay
// diagnostics, and validation reports undefined names in these keys like anywhere else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parseConfig } from '../../../core/src/config.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

function diagnostics(text: string): string[] {
  const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
  return validateSuite(doc, { checkFiles: false }).diagnostics.map(
    (item) => `${item.code} ${text.slice(item.span.start, item.span.end)}`,
  );
}

const skipSuite = (value: string): string => `variables: { destructive: false, feature: billing, n: 3 }
tests:
  wipe:
    skip: ${value}
    steps:
      - DELETE: /echo/everything
`;

void describe('${...} in skip', () => {
  void test('a test runs or is skipped by the interpolated value, keeping its type', async () => {
    const runs = await run(skipSuite('${destructive}'), server.url);
    assert.equal(runs.result.tests[0].outcome, 'passed');
    assert.equal(runs.result.tests[0].skipReason, undefined);
    const skipped = await run(skipSuite('${destructive}'), server.url, { overrides: { destructive: true } });
    assert.equal(skipped.result.tests[0].outcome, 'skipped');
    assert.equal(skipped.result.tests[0].skipReason, undefined);
    assert.equal(step(skipped.result).outcome, 'skipped');
  });

  void test('"true" and "false" strings (from --var, env, CSV rows) are booleans', async () => {
    for (const [value, outcome] of [
      ['false', 'passed'],
      ['FALSE', 'passed'],
      ['', 'passed'],
      ['true', 'skipped'],
      [' True ', 'skipped'],
    ] as const) {
      const result = await run(skipSuite('${destructive}'), server.url, {
        overrides: { destructive: value },
      });
      assert.equal(result.result.tests[0].outcome, outcome, JSON.stringify(value));
      assert.equal(result.result.tests[0].skipReason, undefined);
    }
  });

  void test('any other text is the reason; each row decides for itself', async () => {
    const reason = await run(skipSuite('"needs ${feature}"'), server.url);
    assert.equal(reason.result.tests[0].outcome, 'skipped');
    assert.equal(reason.result.tests[0].skipReason, 'needs billing');
    const rows = await run(
      `tests:
  t:
    each:
      - { off: true }
      - { off: false }
    skip: \${off}
    steps:
      - GET: /echo
`,
      server.url,
    );
    assert.deepEqual(
      rows.result.tests.map((item) => item.outcome),
      ['skipped', 'passed'],
    );
  });

  void test('a value of another type, or an undefined name, errors the test at the value', async () => {
    const text = skipSuite('${n}');
    const wrong = await run(text, server.url);
    const instance = wrong.result.tests[0];
    assert.equal(instance.outcome, 'errored');
    assert.equal(
      instance.error?.message,
      '`skip` must be `true`, `false` or a reason (a string); `${n}` is 3',
    );
    assert.equal(at(text, instance.error?.span), '${n}');
    assert.equal(step(wrong.result).outcome, 'skipped');
    const undefinedName = await run(skipSuite('${nope}'), server.url);
    assert.match(
      undefinedName.result.tests[0].error?.message ?? '',
      /^`skip`: variable `nope` is not defined; /,
    );
  });

  void test('a step skip may use an earlier capture; a before step skip the suite variables', async () => {
    const result = await run(
      `variables: { setup: "false" }
before:
  - GET: /echo/before
    skip: \${setup}
tests:
  t:
    steps:
      - GET: /headers
        capture: { ok: $.ok }
      - GET: /echo/skipped
        skip: \${ok}
      - GET: /echo/runs
        skip: "\${ok} and more"
`,
      server.url,
    );
    assert.equal(result.result.before[0].outcome, 'passed');
    const steps = result.result.tests[0].steps;
    assert.deepEqual(
      steps.map((item) => item.outcome),
      ['passed', 'skipped', 'skipped'],
    );
    assert.equal(steps[1].skipReason, undefined);
    assert.equal(steps[2].skipReason, 'true and more');
  });
});

void describe('${...} in timeout, followRedirects and retry', () => {
  void test('timeout from a variable, in the step or in defaults', async () => {
    const text = `variables: { short: 50ms, long: "2s" }
defaults:
  timeout: \${short}
tests:
  t:
    steps:
      - GET: /slow?ms=300
      - GET: /slow?ms=300
        timeout: \${long}
`;
    const result = await run(text, server.url);
    assert.equal(step(result.result).error?.message, 'timed out after 50 ms');
    // The first step gets a generous timeout too, so that only step 2 decides (a loaded machine
    // can take more than 50 ms for /echo).
    const own = await run(
      text.replace('/slow?ms=300\n      - GET', '/echo\n        timeout: ${long}\n      - GET'),
      server.url,
    );
    assert.equal(step(own.result, 1).outcome, 'passed');
  });

  void test('a timeout that is not a duration errors the step, naming key and value', async () => {
    const text = `variables: { t: soon }
tests:
  t:
    steps:
      - GET: /echo
        timeout: \${t}
`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.equal(
      s.error?.message,
      '`timeout` must be a duration: milliseconds (`500`) or a number with a unit (`250ms`, `5s`, `1m`); `${t}` is "soon"',
    );
    assert.equal(at(text, s.error?.span), '${t}');
  });

  void test('followRedirects from a variable (a boolean or "true"/"false"), checked', async () => {
    const text = (value: string) => `tests:
  t:
    steps:
      - GET: /redirect?to=/echo/landed
        followRedirects: \${follow}
        expect: { status: ${value} }
`;
    assert.equal(
      step((await run(text('200'), server.url, { overrides: { follow: 'true' } })).result).outcome,
      'passed',
    );
    assert.equal(
      step((await run(text('302'), server.url, { overrides: { follow: false } })).result).outcome,
      'passed',
    );
    const wrong = step((await run(text('200'), server.url, { overrides: { follow: 'maybe' } })).result);
    assert.equal(wrong.outcome, 'errored');
    assert.equal(wrong.error?.message, '`followRedirects` must be `true` or `false`; `${follow}` is "maybe"');
  });

  void test('retry attempts, interval and timeout from variables', async () => {
    const text = (attempts: string) => `variables: { n: ${attempts}, gap: 10ms, limit: 5s, key: "\${uuid()}" }
tests:
  t:
    steps:
      - GET: /counter/\${uuid()}
        retry: { attempts: "\${n}", interval: "\${gap}", timeout: "\${limit}" }
        expect:
          json: { $.count: 1 }
      - GET: /counter/polled-\${key}
        retry: { attempts: "\${n}", interval: "\${gap}", timeout: "\${limit}" }
        expect:
          json: { $.count: 3 }
`;
    const result = await run(text('"3"'), server.url);
    assert.equal(step(result.result, 1).outcome, 'passed');
    assert.equal(step(result.result, 1).attempts, 3);
    const zero = await run(text('0'), server.url);
    const s = step(zero.result);
    assert.equal(s.outcome, 'errored');
    assert.equal(s.attempts, 0);
    assert.equal(s.error?.message, '`retry.attempts` must be a whole number of at least 1; `${n}` is 0');
  });
});

void describe('validation of interpolated options', () => {
  void test('undefined names are reported in skip, timeout, followRedirects and retry', () => {
    const found = diagnostics(`tests:
  t:
    skip: \${a}
    steps:
      - GET: /x
        skip: \${b}
        timeout: \${c}
        followRedirects: \${d}
        retry: { attempts: "\${e}", interval: "\${f}", timeout: "\${g}" }
`);
    assert.deepEqual(
      found.map((item) => item.replace(/ .*/, '')),
      Array(7).fill('undefined-variable'),
    );
    assert.deepEqual(
      found.map((item) => item.replace(/^\S+ /, '')),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    );
  });

  void test('interpolated values are not type errors; literal mistakes still are', () => {
    assert.deepEqual(
      diagnostics(`variables: { a: 1 }
defaults: { timeout: "\${a}s" }
tests:
  t:
    skip: \${a}
    steps:
      - GET: /x
        skip: "why \${a}"
        timeout: \${a}
        followRedirects: \${a}
        retry: { attempts: "\${a}", interval: "\${a}", timeout: "\${a}" }
`),
      [],
    );
    assert.deepEqual(
      diagnostics(`tests:
  t:
    skip: 3
    steps:
      - GET: /x
        timeout: soon
        followRedirects: maybe
        retry: { attempts: 0, interval: later }
`),
      ['wrong-type 3', 'invalid-duration soon', 'wrong-type maybe', 'wrong-type 0', 'invalid-duration later'],
    );
  });

  void test('the config file takes ${...} in defaults.timeout and defaults.followRedirects', async () => {
    const config = parseConfig(
      'environments:\n  local: { t: 40ms, f: "false" }\ndefaults:\n  timeout: ${t}\n  followRedirects: ${f}\n',
      '/tmp/bluebook.config.yaml',
    );
    assert.deepEqual(config.errors, []);
    const result = await run(
      'tests:\n  t:\n    steps:\n      - GET: /slow?ms=300\n      - GET: /echo\n',
      server.url,
      { configDefaults: config.defaults, environment: config.environmentValues.local },
    );
    assert.equal(step(result.result).error?.message, 'timed out after 40 ms');
    const text = 'tests:\n  t:\n    steps:\n      - GET: /echo\n';
    const wrong = await run(text, server.url, {
      configDefaults: config.defaults,
      environment: { t: 40, f: 'maybe' },
    });
    const s = step(wrong.result);
    assert.equal(
      s.error?.message,
      '`followRedirects` must be `true` or `false`; `${f}` is "maybe" (in the `defaults` of bluebook.config.yaml)',
    );
    assert.equal(at(text, s.error?.span), 'GET');
  });

  void test('the suite schema takes ${...} in these keys and still rejects other text', () => {
    const validate = new Ajv({ strict: false }).compile(
      JSON.parse(readFileSync('schemas/bluebook.schema.json', 'utf8')),
    );
    const suite = (step: Record<string, unknown>) => ({ tests: { t: { steps: [{ GET: '/a', ...step }] } } });
    assert.ok(
      validate(
        suite({
          skip: '${off}',
          timeout: '${seconds}s',
          followRedirects: '${follow}',
          retry: { attempts: '${n}', interval: '${gap}', timeout: '${limit}' },
        }),
      ),
      JSON.stringify(validate.errors),
    );
    assert.equal(validate(suite({ followRedirects: 'maybe' })), false);
    assert.equal(validate(suite({ retry: { attempts: 'many' } })), false);
    assert.equal(validate(suite({ timeout: 'soon' })), false);
  });
});
