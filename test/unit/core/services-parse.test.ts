// `services:` in bluebook.config.yaml (SPEC §10), parsed by the config parser: every problem
// located at its key or value, with a message that says how to fix it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../core/src/config.js';

const PATH = '/p/bluebook.config.yaml';

function problems(text: string): string[] {
  return parseConfig(text, PATH).errors.map((error) => `${error.line}: ${error.message}`);
}

void describe('services parser', () => {
  void test('a full service and a mock service', () => {
    const text = `services:
  api:
    command: npm start
    cwd: ./server
    env: { PORT: "\${port}", DEBUG: 1 }
    ready: { url: "http://127.0.0.1:\${port}/health" }
    timeout: 30s
    reuseExisting: true
    dependsOn: payments
    stop: { signal: SIGINT, timeout: 2s }
  payments: { mock: ./mocks/payments.mock.yaml }
  worker:
    command: ./worker
    port: 4100
    ready: { output: "listening on \\\\d+" }
    dependsOn: [api, payments]
    stop: { command: docker compose down }
`;
    const config = parseConfig(text, PATH);
    assert.deepEqual(config.errors, []);
    const [api, payments, worker] = config.services ?? [];
    assert.deepEqual(
      { ...api, span: text.slice(api.span.start, api.span.end) },
      {
        name: 'api',
        span: 'api',
        command: 'npm start',
        cwd: '/p/server',
        env: { PORT: '${port}', DEBUG: '1' },
        ready: { url: 'http://127.0.0.1:${port}/health' },
        timeoutMs: 30_000,
        reuseExisting: true,
        dependsOn: ['payments'],
        stop: { signal: 'SIGINT', timeoutMs: 2000 },
      },
    );
    assert.equal(payments.mock, '/p/mocks/payments.mock.yaml');
    assert.equal(payments.command, undefined);
    assert.equal(payments.cwd, '/p');
    assert.equal(payments.timeoutMs, 60_000);
    assert.deepEqual(payments.stop, { signal: 'SIGTERM', timeoutMs: 5000 });
    assert.deepEqual(payments.dependsOn, []);
    assert.equal(payments.reuseExisting, false);
    assert.equal(worker.port, 4100);
    assert.deepEqual(worker.ready, { output: 'listening on \\d+' });
    assert.deepEqual(worker.dependsOn, ['api', 'payments']);
    assert.deepEqual(worker.stop, { command: 'docker compose down', timeoutMs: 5000 });
  });

  void test('no services key: no services', () => {
    assert.equal(parseConfig('environments: {}\n', PATH).services, undefined);
  });

  void test('unknown keys suggest the closest one', () => {
    assert.deepEqual(problems('services:\n  api:\n    comand: x\n'), [
      '3: unknown key `comand` in service `api` — did you mean `command`?',
      '2: service `api` needs `command` (a shell command) or `mock` (a *.mock.yaml file)',
    ]);
  });

  void test('command and mock are exclusive', () => {
    assert.deepEqual(problems('services:\n  api: { command: x, mock: ./a.mock.yaml }\n'), [
      '2: service `api` has both `command` and `mock`; keep one',
    ]);
  });

  void test('shapes of every key are checked at their value', () => {
    const text = `services:
  api:
    command: ""
    cwd: 3
    env: [a]
    port: 70000
    ready: { url: "http://x", output: "y" }
    timeout: soon
    reuseExisting: maybe
    stop: { signal: SIGFOO, timeout: 1s }
  b: 5
  c d: { command: x }
`;
    assert.deepEqual(problems(text), [
      '3: `command` of service `api` must be a non-empty shell command',
      '4: `cwd` of service `api` must be a folder path',
      '5: `env` of service `api` must map variable names to values, such as `{ PORT: "${port}" }`',
      '6: `port` of service `api` must be a whole number from 1 to 65535',
      '7: `ready` of service `api` must have one of `url` or `output`, not both',
      '8: `timeout` of service `api` must be a duration such as `60s` or `500ms`',
      '9: `reuseExisting` of service `api` must be true or false',
      '10: unknown signal `SIGFOO` in `stop.signal` of service `api`; use a name such as SIGTERM, SIGINT, SIGKILL',
      '11: service `b` must be a mapping with `command` or `mock`',
      '12: service name `c d` must be a plain name (letters, digits, `_`, `-`) so `${services.c d.url}` can refer to it',
    ]);
  });

  void test('an invalid ready.output regex is located', () => {
    const [message] = problems('services:\n  api: { command: x, ready: { output: "a(b" } }\n');
    assert.match(message, /^2: invalid regex in `ready.output` of service `api`: /);
  });

  void test('${…} in ready.output is not taken for a regex error', () => {
    assert.deepEqual(problems('services:\n  api: { command: x, ready: { output: "port ${port}" } }\n'), []);
  });

  void test('reuseExisting needs ready.url', () => {
    assert.deepEqual(problems('services:\n  api: { command: x, reuseExisting: true }\n'), [
      '2: `reuseExisting` of service `api` needs `ready.url` to tell whether it is already running',
    ]);
  });

  void test('dependsOn names existing services', () => {
    assert.deepEqual(
      problems('services:\n  api: { command: x, dependsOn: [paymnts] }\n  payments: { command: y }\n'),
      ['2: service `api` depends on `paymnts`, which is not a service — did you mean `payments`?'],
    );
    assert.deepEqual(problems('services:\n  api: { command: x, dependsOn: { a: 1 } }\n'), [
      '2: `dependsOn` of service `api` must be a service name or a list of them',
    ]);
  });

  void test('a dependsOn cycle is reported once with its chain', () => {
    const text = `services:
  a: { command: x, dependsOn: b }
  b: { command: x, dependsOn: [c] }
  c: { command: x, dependsOn: a }
  d: { command: x, dependsOn: d }
`;
    assert.deepEqual(problems(text), [
      '2: `dependsOn` cycle: a → b → c → a; a service cannot wait for itself',
      '5: `dependsOn` cycle: d → d; a service cannot wait for itself',
    ]);
  });

  void test('stop with a command, and with an unknown key', () => {
    assert.deepEqual(problems('services:\n  api: { command: x, stop: { comand: y } }\n'), [
      '2: unknown key `comand` in `stop` of service `api` — did you mean `command`?',
    ]);
    assert.deepEqual(problems('services:\n  api: { command: x, stop: { command: y, signal: SIGINT } }\n'), [
      '2: `stop` of service `api` has both `signal` and `command`; keep one',
    ]);
  });

  void test('services must be a mapping', () => {
    assert.deepEqual(problems('services: [api]\n'), [
      '1: `services` must map service names to their settings, such as `api: { command: npm start }`',
    ]);
  });

  void test('errors are also editor diagnostics', () => {
    const config = parseConfig('services:\n  api: { comand: x }\n', PATH);
    assert.ok(config.diagnostics.length >= 1);
    assert.equal(config.diagnostics[0].code, 'invalid-config');
  });
});
