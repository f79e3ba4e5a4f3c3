// Execution semantics: captures, before/after, each rows, skip, retry, cancellation, events, redaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { runSuiteFile } from '../../../core/src/run/files.js';
import { run, step, tempFolder } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

void describe('execution', () => {
  void test('captures from every source, visible to later steps, typed when whole', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - POST: /users
        json: { name: Ada }
        capture:
          id: $.id
          both: { json: "$[*]" }
          location: { header: Location }
          status: { status: true }
          whole: { body: true }
          num: { regex: "/users/(\\\\d+)", from: location }
      - GET: /cookies/set?sid=abc
        capture: { sid: { cookie: sid }, word: { regex: '"set":(\\d)' } }
      - POST: /echo
        json: { id: "\${id}", loc: "\${location}", status: "\${status}", name: "\${whole.name}", num: "\${num}", sid: "\${sid}", word: "\${word}", n: "\${both[1]}" }
`,
      server.url,
    );
    assert.deepEqual(
      result.result.tests[0].steps.map((s) => s.outcome),
      ['passed', 'passed', 'passed'],
    );
    const sent = JSON.parse(JSON.parse(step(result.result, 2).response?.body ?? '{}').body);
    assert.deepEqual(sent, {
      id: 1,
      loc: '/users/1',
      status: 201,
      name: 'Ada',
      num: '1',
      sid: 'abc',
      word: '1',
      n: 1,
    });
  });

  void test('a capture that finds nothing fails the step, naming the capture', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /status/200\n        capture: { token: $.token }\n      - GET: /echo\n`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'failed');
    assert.equal(
      s.error?.message,
      'capture `token` found nothing: `$.token` matched nothing in the response body',
    );
    assert.equal(step(result.result, 1).outcome, 'skipped');
  });

  void test('before captures reach every test; after always runs, even after a failure', async () => {
    const result = await run(
      `before:
  - POST: /login
    json: { user: admin, password: secret }
    capture: { token: $.token }
after:
  - DELETE: /echo/session/\${token}
tests:
  a:
    steps:
      - GET: /secure
        auth: { bearer: "\${token}" }
        expect: { status: 200 }
  b:
    steps:
      - GET: /status/500
        expect: { status: 200 }
`,
      server.url,
    );
    assert.deepEqual(
      result.result.tests.map((t) => t.outcome),
      ['passed', 'failed'],
    );
    assert.equal(result.result.after[0].outcome, 'passed');
    assert.ok(server.requests.some((r) => r.method === 'DELETE' && r.path === '/echo/session/tok-123'));
    assert.equal(result.result.outcome, 'failed');
  });

  void test('a failed before step errors every test but after still runs', async () => {
    const result = await run(
      `before:\n  - GET: /status/500\n    expect: { status: 200 }\nafter:\n  - GET: /echo/cleanup\ntests:\n  a:\n    steps:\n      - GET: /echo\n`,
      server.url,
    );
    assert.equal(result.result.tests[0].outcome, 'errored');
    assert.match(
      result.result.tests[0].error?.message ?? '',
      /`before` step 1 \(GET \/status\/500\) failed: expected status 200, got 500/,
    );
    assert.equal(result.result.tests[0].steps[0].outcome, 'skipped');
    assert.equal(result.result.after[0].outcome, 'passed');
  });

  void test('each: inline rows and a CSV file, one instance per row with ids and names', async () => {
    const folder = tempFolder({ 'rows.csv': 'name,role\nAda,admin\n"Lovelace, A.","say ""hi"""\n' });
    const result = await run(
      `tests:
  inline:
    each: [{ n: 1 }, { n: 2 }]
    steps:
      - GET: /echo?n=\${n}
        expect:
          json:
            $.query.n[0]: "\${n}"
  csv:
    name: Creates \${name} as \${role}
    each: rows.csv
    steps:
      - POST: /users
        json: { name: "\${name}", role: "\${role}" }
        expect: { json: { $.role: "\${role}" } }
`,
      server.url,
      { baseDir: folder },
    );
    const tests = result.result.tests;
    assert.deepEqual(
      tests.map((t) => t.instanceId),
      ['inline[0]', 'inline[1]', 'csv[0]', 'csv[1]'],
    );
    assert.deepEqual(
      tests.map((t) => t.name),
      ['inline [1]', 'inline [2]', 'Creates Ada as admin', 'Creates Lovelace, A. as say "hi"'],
    );
    assert.deepEqual(
      tests.map((t) => t.rowIndex),
      [0, 1, 0, 1],
    );
    // inline rows compare "1" (query text) with the number 1: a failure, reported as such.
    assert.equal(tests[0].outcome, 'failed');
    assert.equal(tests[2].outcome, 'passed');
    assert.equal(tests[3].outcome, 'passed');
  });

  void test('each rows from JSON and YAML files; filter by instance id', async () => {
    const folder = tempFolder({ 'rows.json': '[{"v":"j1"},{"v":"j2"}]', 'rows.yaml': '- v: y1\n- v: y2\n' });
    const text = `tests:\n  j:\n    each: rows.json\n    steps:\n      - GET: /echo/\${v}\n  y:\n    each: rows.yaml\n    steps:\n      - GET: /echo/\${v}\n`;
    const result = await run(text, server.url, { baseDir: folder, filter: { instanceIds: ['j[1]', 'y'] } });
    assert.deepEqual(
      result.result.tests.map((t) => `${t.instanceId}:${t.outcome}`),
      ['j[1]:passed', 'y[0]:passed', 'y[1]:passed'],
    );
  });

  void test('skip on a test and on a step', async () => {
    const result = await run(
      `tests:\n  s:\n    skip: not ready\n    steps:\n      - GET: /echo\n  t:\n    steps:\n      - GET: /echo\n        skip: true\n      - GET: /echo\n`,
      server.url,
    );
    assert.equal(result.result.tests[0].outcome, 'skipped');
    assert.equal(result.result.tests[0].skipReason, 'not ready');
    assert.deepEqual(
      result.result.tests[1].steps.map((s) => s.outcome),
      ['skipped', 'passed'],
    );
  });

  void test('retry polls until the expectations hold; the last attempt is the result', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - GET: /counter/poll\n        retry: { attempts: 5, interval: 10ms }\n        expect: { json: { $.count: 3 } }\n      - GET: /counter/never\n        retry: { attempts: 2, interval: 1ms }\n        expect: { json: { $.count: 0 } }\n`,
      server.url,
    );
    assert.equal(step(result.result).outcome, 'passed');
    assert.equal(step(result.result).attempts, 3);
    const never = await run(
      `tests:\n  t:\n    steps:\n      - GET: /counter/never2\n        retry: { attempts: 2, interval: 1ms }\n        expect: { json: { $.count: 0 } }\n`,
      server.url,
    );
    assert.equal(step(never.result).attempts, 2);
    assert.equal(step(never.result).expectations[0].actual, 2);
  });

  void test('cancellation aborts the in-flight request at once, skips the rest, still runs after', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const result = await run(
      `after:\n  - GET: /echo/after\ntests:\n  a:\n    steps:\n      - GET: /slow?ms=20000\n      - GET: /echo\n  b:\n    steps:\n      - GET: /echo\n`,
      server.url,
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'stepStarted' && event.phase === 'test') controller.abort();
        },
      },
    );
    assert.ok(performance.now() - started < 10000, 'the run ended promptly');
    const [a, b] = result.result.tests;
    assert.equal(a.steps[0].outcome, 'errored');
    assert.equal(a.steps[0].error?.message, 'cancelled');
    assert.equal(a.steps[1].skipReason, 'cancelled');
    assert.equal(b.outcome, 'skipped');
    assert.equal(result.result.after[0].outcome, 'passed');
  });

  void test('untilStep runs earlier steps and skips later ones; events come in order', async () => {
    const result = await run(
      `tests:\n  other:\n    steps:\n      - GET: /echo\n  t:\n    steps:\n      - GET: /echo/1\n      - GET: /echo/2\n      - GET: /echo/3\n`,
      server.url,
      { filter: { untilStep: { testId: 't', stepIndex: 1 } } },
    );
    assert.deepEqual(
      result.result.tests.map((t) => t.testId),
      ['t'],
    );
    assert.deepEqual(
      result.result.tests[0].steps.map((s) => s.outcome),
      ['passed', 'passed', 'skipped'],
    );
    assert.deepEqual(
      result.events.map((e) => e.type),
      [
        'suiteStarted',
        'testStarted',
        'stepStarted',
        'stepFinished',
        'stepStarted',
        'stepFinished',
        'stepFinished',
        'testFinished',
        'suiteFinished',
      ],
    );
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(result.events)));
  });

  void test('bail stops starting tests after the first failure', async () => {
    const result = await run(
      `tests:\n  a:\n    steps:\n      - GET: /status/500\n        expect: { status: 200 }\n  b:\n    steps:\n      - GET: /echo\n`,
      server.url,
      { bail: true },
    );
    assert.deepEqual(
      result.result.tests.map((t) => t.outcome),
      ['failed', 'skipped'],
    );
  });

  void test('secrets never appear in results or events: variables, captures, credential headers', async () => {
    const events: string[] = [];
    const result = await run(
      `variables: { password: secret }
before:
  - POST: /login
    json: { user: admin, password: "\${password}" }
    capture: { token: $.token }
tests:
  t:
    steps:
      - GET: /echo?t=\${token}
        headers: { x-token: "\${token}" }
        expect:
          json:
            $.query.t[0]: wrong-\${token}
`,
      server.url,
      { secretNames: ['password', 'token'], onEvent: (event) => events.push(JSON.stringify(event)) },
    );
    const all = JSON.stringify(result.result) + events.join('\n');
    assert.ok(!all.includes('tok-123'), 'the captured token is redacted');
    assert.ok(!all.includes('"secret"') && !all.includes(':\\"secret\\"'), 'the password is redacted');
    assert.ok(all.includes('•••'));
    assert.match(
      step(result.result).expectations[0].message,
      /expected `\$\.query\.t\[0\]` to be "wrong-•••", got "•••"/,
    );
  });

  void test('runSuiteFile reads the config: environment, .env, secrets, defaults', async () => {
    const folder = tempFolder({
      'bluebook.config.yaml': `environments:\n  local: { baseUrl: "${server.url}", password: "\${env.PW_FROM_DOTENV}" }\ndefaultEnvironment: local\nsecrets: [password]\ndefaults:\n  headers: { x-from-config: yes }\n`,
      '.env': 'PW_FROM_DOTENV="hunter22"\n',
      'suites/a.bluebook.yaml': `baseUrl: \${baseUrl}\ntests:\n  t:\n    steps:\n      - POST: /echo\n        json: { p: "\${password}" }\n        expect: { json: { $.headers.x-from-config: "yes" } }\n`,
    });
    const result = await runSuiteFile(join(folder, 'suites/a.bluebook.yaml'), { keepRecords: 'all' });
    assert.equal(result.tests[0].outcome, 'passed', JSON.stringify(result.tests[0].steps[0].expectations));
    assert.ok(!JSON.stringify(result).includes('hunter22'));
    assert.match(result.tests[0].steps[0].request?.body ?? '', /"p":"•••"/);
  });
});
