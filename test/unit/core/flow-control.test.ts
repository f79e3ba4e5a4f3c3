// SPEC §7 control flow: `when:` on tests and steps, `finally:` on tests, `retry.failWhen`, and the
// config's `setup:`/`teardown:` (run by core's runConfigHook; suites see setupCaptures/setupFailure).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { parseConfig } from '../../../core/src/config.js';
import { parseSuite } from '../../../core/src/parse.js';
import { checkConfigInterpolations, validateSuite } from '../../../core/src/validate/index.js';
import { runConfigHook, setupRunOptions } from '../../../core/src/run/setup.js';
import { at, onlyTest, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const hits = (path: string): number => server.requests.filter((r) => r.path === path).length;

void describe('when', () => {
  void test('a falsy `when` skips the test with the expression as written; a truthy one runs it', async () => {
    const text = `tests:\n  off:\n    when: \${flag}\n    steps:\n      - GET: /echo/when-off\n  on:\n    when: \${other}\n    steps:\n      - GET: /echo/when-on\n`;
    const { result } = await run(text, server.url, { overrides: { flag: 'false', other: 'yes' } });
    assert.equal(result.tests[0].outcome, 'skipped');
    assert.equal(result.tests[0].skipReason, 'when: ${flag}');
    assert.equal(result.tests[0].steps[0].outcome, 'skipped');
    assert.equal(hits('/echo/when-off'), 0);
    assert.equal(result.tests[1].outcome, 'passed');
  });

  void test('falsy values: false, "false", 0, "0", null and ""; other values are truthy', async () => {
    const values = [false, 'false', 'FALSE', 0, '0', null, '', ' '];
    for (const value of values) {
      const { result } = await run(
        `tests:\n  t:\n    when: \${v}\n    steps:\n      - GET: /echo\n`,
        server.url,
        {
          overrides: { v: value },
        },
      );
      assert.equal(onlyTest(result).outcome, 'skipped', `${JSON.stringify(value)} is falsy`);
    }
    for (const value of [true, 'true', 1, 'no', 'x', [], {}]) {
      const { result } = await run(
        `tests:\n  t:\n    when: \${v}\n    steps:\n      - GET: /echo\n`,
        server.url,
        {
          overrides: { v: value },
        },
      );
      assert.equal(onlyTest(result).outcome, 'passed', `${JSON.stringify(value)} is truthy`);
    }
  });

  void test('a literal `when: false` skips; an undefined variable errors the test at the value', async () => {
    const literal = await run(`tests:\n  t:\n    when: false\n    steps:\n      - GET: /echo\n`, server.url);
    assert.equal(onlyTest(literal.result).skipReason, 'when: false');
    const text = `tests:\n  t:\n    when: \${missing}\n    steps:\n      - GET: /echo\n`;
    const undefinedVar = await run(text, server.url);
    const t = onlyTest(undefinedVar.result);
    assert.equal(t.outcome, 'errored');
    assert.match(t.error?.message ?? '', /^`when`: variable `missing` is not defined/);
    assert.equal(at(text, t.error?.span), '${missing}');
  });

  void test('`when` on a step skips only that step, with the reason; the next steps run', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /echo/a\n      - GET: /echo/b\n        when: "\${prod}"\n      - GET: /echo/c\n`;
    const { result } = await run(text, server.url, { environment: { prod: false } });
    assert.deepEqual(
      onlyTest(result).steps.map((s) => [s.outcome, s.skipReason]),
      [
        ['passed', undefined],
        ['skipped', 'when: ${prod}'],
        ['passed', undefined],
      ],
    );
    assert.equal(onlyTest(result).outcome, 'passed');
  });
});

void describe('finally', () => {
  void test('runs after a failed step, sees the test captures, and comes after the steps', async () => {
    const text = `tests:\n  t:\n    steps:\n      - POST: /users\n        json: { name: Ada }\n        capture: { id: $.id }\n      - GET: /status/500\n        expect: { status: 200 }\n      - GET: /echo/never\n    finally:\n      - DELETE: /echo/cleanup/\${id}\n        expect: { status: 200 }\n      - GET: /echo/second-cleanup\n`;
    const { result, events } = await run(text, server.url);
    const t = onlyTest(result);
    assert.equal(t.outcome, 'failed');
    assert.deepEqual(
      t.steps.map((s) => [s.phase, s.index, s.outcome]),
      [
        ['test', 0, 'passed'],
        ['test', 1, 'failed'],
        ['test', 2, 'skipped'],
        ['finally', 0, 'passed'],
        ['finally', 1, 'passed'],
      ],
    );
    assert.match(t.steps[3].request?.url ?? '', /\/echo\/cleanup\/\d+$/);
    const finished = events.filter((e) => e.type === 'stepFinished').map((e) => e.result.phase);
    assert.deepEqual(finished, ['test', 'test', 'test', 'finally', 'finally']);
  });

  void test('a finally step that needs a capture its step never made is skipped with why, not errored', async () => {
    const text = `tests:\n  t:\n    steps:\n      - name: create\n        POST: /users\n        json: { name: Ada }\n        expect: { status: 500 }\n        capture: { id: $.id }\n    finally:\n      - DELETE: /echo/cleanup/\${id}\n      - GET: /echo/always\n`;
    const { result } = await run(text, server.url);
    const test = onlyTest(result);
    assert.equal(test.outcome, 'failed', 'the failed create step decides, not the cleanup');
    const [cleanup, always] = test.steps.filter((item) => item.phase === 'finally');
    assert.equal(cleanup.outcome, 'skipped');
    assert.equal(cleanup.skipReason, 'not run: `id` was not captured (step 1, create, did not pass)');
    assert.equal(always.outcome, 'passed');
  });

  void test('a failing finally step fails a passing test; the next finally step still runs', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /echo\n    finally:\n      - GET: /status/500\n        expect: { status: 200 }\n      - GET: /echo/after-failed-cleanup\n`;
    const { result } = await run(text, server.url);
    const t = onlyTest(result);
    assert.equal(t.outcome, 'failed');
    assert.deepEqual(
      t.steps.map((s) => s.outcome),
      ['passed', 'failed', 'passed'],
    );
  });

  void test('not run when the test is skipped (skip or when)', async () => {
    const before = hits('/echo/skipped-cleanup');
    const text = `tests:\n  a:\n    skip: true\n    steps:\n      - GET: /echo\n    finally:\n      - GET: /echo/skipped-cleanup\n  b:\n    when: false\n    steps:\n      - GET: /echo\n    finally:\n      - GET: /echo/skipped-cleanup\n`;
    const { result } = await run(text, server.url);
    assert.deepEqual(
      result.tests.map((t) => t.outcome),
      ['skipped', 'skipped'],
    );
    assert.equal(hits('/echo/skipped-cleanup'), before);
  });
});

void describe('retry.failWhen', () => {
  void test('matchers: polling stops at the first response they hold for; the step fails saying so', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /counter/fail-when\n        retry:\n          attempts: 20\n          interval: 5ms\n          failWhen: { json: { $.count: { gte: 2 } }, status: 200 }\n        expect: { json: { $.count: 100 } }\n`;
    const { result } = await run(text, server.url);
    const s = step(result);
    assert.equal(s.outcome, 'failed');
    assert.equal(s.attempts, 2);
    assert.equal(hits('/counter/fail-when'), 2);
    assert.match(s.error?.message ?? '', /^retry\.failWhen matched on attempt 2: /);
    assert.match(s.error?.message ?? '', /\$\.count/);
    assert.equal(
      at(text, s.error?.span).split('\n')[0],
      'failWhen: { json: { $.count: { gte: 2 } }, status: 200 }',
    );
  });

  void test('a condition string stops polling when truthy; falsy keeps polling', async () => {
    const stop = await run(
      `tests:\n  t:\n    steps:\n      - GET: /counter/fail-when-flag\n        retry: { attempts: 5, interval: 1ms, failWhen: "\${stop}" }\n        expect: { status: 201 }\n`,
      server.url,
      { overrides: { stop: true } },
    );
    assert.equal(step(stop.result).attempts, 1);
    assert.equal(step(stop.result).error?.message, 'retry.failWhen matched on attempt 1: `${stop}` is true');
    const go = await run(
      `tests:\n  t:\n    steps:\n      - GET: /counter/fail-when-flag2\n        retry: { attempts: 3, interval: 1ms, failWhen: "\${stop}" }\n        expect: { status: 201 }\n`,
      server.url,
      { overrides: { stop: 'false' } },
    );
    assert.equal(step(go.result).attempts, 3);
    assert.equal(step(go.result).error, undefined);
  });

  void test('a passing attempt passes when failWhen does not hold', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /counter/fail-when-pass\n        retry: { attempts: 5, interval: 1ms, failWhen: { json: { $.count: 0 } } }\n        expect: { json: { $.count: 2 } }\n`,
      server.url,
    );
    assert.equal(step(result).outcome, 'passed');
    assert.equal(step(result).attempts, 2);
  });
});

void describe('config setup and teardown', () => {
  const config = (body: string) =>
    parseConfig(`environments:\n  local: {}\n${body}`, '/p/bluebook.config.yaml');

  void test('setup steps run once; their captures reach the suite below its own captures', async () => {
    const project = config(
      `setup:\n  - POST: \${baseUrl}/login\n    json: { user: admin, password: secret }\n    capture: { token: $.token, who: $.token }\n`,
    );
    assert.deepEqual(project.errors, []);
    const events: string[] = [];
    const hook = await runConfigHook('setup', project, {
      environment: { baseUrl: server.url },
      onEvent: (event) => events.push(event.type),
    });
    assert.equal(hook.failure, undefined);
    assert.deepEqual(hook.captures, { token: 'tok-123', who: 'tok-123' });
    assert.equal(hook.result.file, '/p/bluebook.config.yaml');
    assert.equal(hook.result.phase, 'setup');
    assert.equal(hook.result.before[0].phase, 'setup');
    assert.equal(hook.result.before[0].file, '/p/bluebook.config.yaml');
    assert.deepEqual(events, ['suiteStarted', 'stepStarted', 'stepFinished', 'suiteFinished']);

    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /secure\n        auth: { bearer: "\${token}" }\n        expect: { status: 200 }\n      - POST: /echo\n        capture: { who: $.method }\n      - POST: /echo\n        json: { who: "\${who}" }\n`,
      server.url,
      { setupCaptures: hook.captures },
    );
    assert.equal(onlyTest(result).outcome, 'passed');
    const sent = JSON.parse(JSON.parse(step(result, 2).response?.body ?? '{}').body);
    assert.deepEqual(sent, { who: 'POST' }, "the suite's own capture wins over the setup's");
  });

  void test('cookies set during setup are sent by every suite (as plain data, for the runner process)', async () => {
    const project = config(`setup:\n  - GET: \${baseUrl}/cookies/set?sid=from-setup\n`);
    const hook = await runConfigHook('setup', project, { environment: { baseUrl: server.url } });
    // As the runner process sends it to the host and back: JSON.
    const wire = JSON.parse(JSON.stringify(setupRunOptions(hook))) as ReturnType<typeof setupRunOptions>;
    assert.ok(wire.setupCookies);
    const { result } = await run(`tests:\n  t:\n    steps:\n      - GET: /cookies\n`, server.url, wire);
    assert.match(step(result).response?.body ?? '', /from-setup/);
    const plain = await runConfigHook('setup', config('setup:\n  - GET: ${baseUrl}/echo\n'), {
      environment: { baseUrl: server.url },
    });
    assert.equal(plain.cookies, undefined, 'no cookies, nothing to carry');
  });

  void test('a secret captured by setup is redacted in the setup and in every suite', async () => {
    const project = config(
      `setup:\n  - POST: \${baseUrl}/login\n    json: { user: admin, password: secret }\n    capture: { token: $.token }\n`,
    );
    const hook = await runConfigHook('setup', project, {
      environment: { baseUrl: server.url },
      secretNames: ['token'],
      keepRecords: 'all',
    });
    assert.doesNotMatch(JSON.stringify(hook.result), /tok-123/);
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - POST: /echo\n        json: { sent: "\${token}" }\n`,
      server.url,
      { setupCaptures: hook.captures, secretNames: ['token'] },
    );
    assert.equal(onlyTest(result).outcome, 'passed');
    assert.doesNotMatch(JSON.stringify(result), /tok-123/);
  });

  void test('a failed setup says which step and why, and errors every test of a suite', async () => {
    const project = config(
      `setup:\n  - name: log in\n    POST: \${baseUrl}/login\n    json: { user: admin, password: wrong }\n    expect: { status: 200 }\n  - GET: \${baseUrl}/echo/after-failed-login\n`,
    );
    const hook = await runConfigHook('setup', project, { environment: { baseUrl: server.url } });
    assert.equal(
      hook.failure,
      'not run: `setup` step 1 (log in) in bluebook.config.yaml failed: expected status 200, got 401 Unauthorized',
    );
    assert.equal(hook.result.before[1].outcome, 'skipped');
    const before = hits('/echo/suite-step');
    const { result } = await run(
      `before:\n  - GET: /echo/suite-step\ntests:\n  a:\n    steps:\n      - GET: /echo/suite-step\n  b:\n    steps:\n      - GET: /echo/suite-step\n`,
      server.url,
      { setupFailure: hook.failure },
    );
    assert.deepEqual(
      result.tests.map((t) => [t.outcome, t.error?.message]),
      [
        ['errored', hook.failure],
        ['errored', hook.failure],
      ],
    );
    assert.equal(hits('/echo/suite-step'), before, 'nothing of the suite was sent');
  });

  void test('teardown runs every step even after one fails, and sees the setup captures', async () => {
    const project = config(
      `teardown:\n  - GET: \${baseUrl}/status/500\n    expect: { status: 200 }\n  - DELETE: \${baseUrl}/echo/logout/\${token}\n`,
    );
    const hook = await runConfigHook('teardown', project, {
      environment: { baseUrl: server.url },
      setupCaptures: { token: 'tok-9' },
    });
    assert.equal(hook.result.phase, 'teardown');
    assert.deepEqual(
      hook.result.after.map((s) => [s.phase, s.outcome]),
      [
        ['teardown', 'failed'],
        ['teardown', 'passed'],
      ],
    );
    assert.equal(hook.result.outcome, 'failed');
    assert.match(hook.result.after[1].request?.url ?? '', /\/echo\/logout\/tok-9$/);
  });
});

void describe('parsing', () => {
  void test('setup/teardown steps are parsed with the suite step syntax and located in the config', () => {
    const text = `setup:\n  - POST: /login\n    expct: { status: 200 }\nteardown: nope\n`;
    const project = parseConfig(text, '/p/bluebook.config.yaml');
    assert.equal(project.setup?.length, 1);
    assert.deepEqual(
      project.errors.map((e) => [text.slice(e.span.start, e.span.end), e.message]),
      [
        ['expct', 'unknown key `expct` — did you mean `expect`?'],
        ['nope', '`teardown` must be a list (lines starting with `- `).'],
      ],
    );
  });

  void test('when, finally and failWhen are parsed; wrong shapes are reported', () => {
    const good = parseSuite(
      `tests:\n  t:\n    when: \${on}\n    steps:\n      - GET: /a\n        when: true\n        retry: { failWhen: { status: 500 } }\n    finally:\n      - DELETE: /a\n`,
      'a.bluebook.yaml',
    );
    assert.deepEqual(good.diagnostics, []);
    const t = good.suite?.tests[0];
    assert.equal(t?.when?.text, '${on}');
    assert.equal(t?.finally?.[0].phase, 'finally');
    assert.equal(t?.steps[0].when?.value, true);
    assert.equal(t?.steps[0].retry?.failWhen?.expectations[0].kind, 'status');
    const bad = parseSuite(
      `tests:\n  t:\n    when: [1]\n    finally: {}\n    steps:\n      - GET: /a\n        retry: { failWhen: 3 }\n`,
      'a.bluebook.yaml',
    );
    assert.deepEqual(
      bad.diagnostics.map((d) => d.message),
      [
        '`when` must be a condition: `true`, `false` or a value such as `${flag}` or `${{ expression }}`.',
        '`finally` must be a list (lines starting with `- `).',
        '`failWhen` must be expectations (`{ json: { $.status: failed } }`) or a condition such as `${{ expression }}`.',
      ],
    );
  });
});

void describe('validation', () => {
  const errorsOf = (suite: string, configText = 'environments:\n  local: {}\n') => {
    const doc = parseSuite(suite, '/p/a.bluebook.yaml');
    const config = parseConfig(configText, '/p/bluebook.config.yaml');
    return validateSuite(doc, { config, checkFiles: false }).diagnostics.map((d) => [
      d.code,
      suite.slice(d.span.start, d.span.end),
    ]);
  };

  void test('finally steps see every capture of their test, not of another test', () => {
    const suite = `tests:\n  t:\n    finally:\n      - DELETE: /users/\${id}\n    steps:\n      - POST: /users\n        capture: { id: $.id }\n  u:\n    steps:\n      - GET: /x\n    finally:\n      - DELETE: /users/\${id}\n`;
    assert.deepEqual(errorsOf(suite), [['undefined-variable', 'id']]);
    const diagnostic = validateSuite(parseSuite(suite, '/p/a.bluebook.yaml'), { checkFiles: false })
      .diagnostics[0];
    assert.ok(diagnostic.span.start > suite.indexOf('  u:'), 'the error is in test u');
  });

  void test("the config's setup captures are known in every suite", () => {
    const suite = `tests:\n  t:\n    steps:\n      - GET: /me\n        headers: { authorization: "Bearer \${token}" }\n`;
    assert.deepEqual(errorsOf(suite), [['undefined-variable', 'token']]);
    const config = `environments:\n  local: {}\nsetup:\n  - POST: /login\n    capture: { token: $.token }\n`;
    assert.deepEqual(errorsOf(suite, config), []);
  });

  void test('setup and teardown steps may use environment keys, --var names and earlier setup captures', () => {
    const text = `environments:\n  local: { baseUrl: x }\nsetup:\n  - POST: \${baseUrl}/login\n    json: { user: "\${user}" }\n    capture: { token: $.token }\n  - GET: /me/\${tokn}\nteardown:\n  - DELETE: /s/\${token}/\${nope}\n`;
    const config = parseConfig(text, '/p/bluebook.config.yaml');
    const found = checkConfigInterpolations(config, undefined, ['user']).map((d) => [
      d.code,
      text.slice(d.span.start, d.span.end),
      d.message,
    ]);
    assert.deepEqual(found, [
      [
        'undefined-variable',
        'tokn',
        'undefined variable `tokn` in `setup` step 2 — did you mean `token`?; setup and teardown steps see the environment, `--var` values and the captures of earlier setup steps (not suite variables).',
      ],
      [
        'undefined-variable',
        'nope',
        'undefined variable `nope` in `teardown` step 1; setup and teardown steps see the environment, `--var` values and the captures of earlier setup steps (not suite variables).',
      ],
    ]);
  });

  void test('failWhen expectations are checked like expectations', () => {
    const suite = `tests:\n  t:\n    steps:\n      - GET: /job\n        retry: { failWhen: { json: { "$.[": failed } } }\n`;
    assert.deepEqual(
      errorsOf(suite).map(([code]) => code),
      ['invalid-jsonpath'],
    );
  });
});
