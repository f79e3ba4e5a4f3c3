/**
 * `services:` (SPEC §10) through the built CLI, against real processes (test/fixtures/services/
 * service.mjs, started through the shell): readiness, order, ports, start failures, reuse, and
 * that nothing is left running afterwards — each service writes its pid (and, with GRANDCHILD,
 * its child's) to a file, and after the run every one of them is gone from the process table.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli, ROOT } from './support/cli.js';
import { isRunning } from '../support/processes.js';

const SERVICE = resolve(ROOT, 'test', 'fixtures', 'services', 'service.mjs');
/** The service's command line, as text inside a YAML single-quoted scalar (`'$CMD'`); `$NODE` is that scalar. */
const CMD = `"${process.execPath}" "${SERVICE}"`;

/** A project folder with this config and suite (`a.bluebook.yaml`). */
function project(config: string, suite = PASSING): string {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-services-'));
  writeFileSync(
    join(dir, 'bluebook.config.yaml'),
    config.replaceAll('$NODE', `'${CMD}'`).replaceAll('$CMD', CMD).replaceAll('$DIR', dir),
  );
  writeFileSync(join(dir, 'a.bluebook.yaml'), suite);
  return dir;
}

const PASSING = `name: Services
tests:
  hello:
    steps:
      - GET: \${baseUrl}/hello
        expect: { status: 200, json: { $.name: api } }
`;

const FAILING = `name: Services
tests:
  hello:
    steps:
      - GET: \${baseUrl}/hello
        expect: { status: 201 }
`;

const alive = isRunning;

function pids(dir: string): number[] {
  const file = join(dir, 'pids');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map(Number) : [];
}

/** Every pid the services wrote is gone (allowing the kernel a moment to reap killed ones). */
async function assertNoneLeft(dir: string, expected: number): Promise<void> {
  const all = pids(dir);
  assert.equal(all.length, expected, `pids written: ${all.join(' ')}`);
  const deadline = Date.now() + 2000;
  while (all.some(alive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 25));
  assert.deepEqual(all.filter(alive), [], 'every service process and its children are gone after the run');
}

const API = (extra = '') => `services:
  api:
    command: $NODE
    env: { NAME: api, PORT: "\${port}", PID_FILE: $DIR/pids, GRANDCHILD: "1"${extra} }
    ready: { url: "http://127.0.0.1:\${port}/health" }
    timeout: 10s
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`;

void test('a service ready by url: started, announced, used through ${services.api.url}, stopped with its children', async () => {
  const dir = project(API());
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stderr, /▸ api ready on http:\/\/127\.0\.0\.1:\d+ \(\d+(\.\d)? m?s\)/);
  assert.match(result.stdout, /1 passed, 0 failed/);
  assert.match(
    readFileSync(join(dir, '.bluebook', 'logs', 'api.log'), 'utf8'),
    /GET \/hello\nstopping on SIGTERM\n/,
  );
  await assertNoneLeft(dir, 2);
});

void test('ready by output, and `${port}` in the command', async () => {
  const dir = project(`services:
  api:
    command: 'PORT=\${port} $CMD'
    env: { NAME: api, PRINT: "api listening", PID_FILE: $DIR/pids }
    ready: { output: "api listen\\\\w+" }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  await assertNoneLeft(dir, 1);
});

void test('dependsOn and ${services.X.url} in env: each starts after what it waits for', async () => {
  const dir = project(`services:
  api:
    command: $NODE
    env: { NAME: api, PORT: "\${port}", ORDER_FILE: $DIR/order, PID_FILE: $DIR/pids, NEED_URL: "\${services.payments.url}/health" }
    ready: { url: "http://127.0.0.1:\${port}/health" }
    dependsOn: [db]
  payments:
    command: $NODE
    env: { NAME: payments, PORT: "\${port}", ORDER_FILE: $DIR/order, PID_FILE: $DIR/pids }
    ready: { url: "http://127.0.0.1:\${port}/health" }
  db:
    command: $NODE
    env: { NAME: db, PORT: "\${port}", ORDER_FILE: $DIR/order, PID_FILE: $DIR/pids }
    ready: { url: "http://127.0.0.1:\${port}/health" }
    dependsOn: payments
  unused: { command: $NODE, env: { NAME: unused, ORDER_FILE: $DIR/order } }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(readFileSync(join(dir, 'order'), 'utf8').trim().split('\n'), ['payments', 'db', 'api']);
  await assertNoneLeft(dir, 3);
});

void test('a service that exits before it is ready: exit 2 with its last 20 lines', async () => {
  const dir = project(`services:
  api:
    command: $NODE
    env: { NAME: api, LINES: 30, EXIT: 3 }
    ready: { url: "http://127.0.0.1:\${port}/health" }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /service `api` exited with code 3 before it was ready/);
  assert.match(result.stderr, /last 20 lines of .*\.bluebook\/logs\/api\.log/);
  assert.match(result.stderr, /│ api line 12\n/);
  assert.match(result.stderr, /│ api is exiting with 3/);
  assert.doesNotMatch(result.stderr, /api line 11\n/);
  assert.equal(result.stdout, '', 'no suite ran');
});

void test('a service that never becomes ready: exit 2 at its timeout, and it is stopped', async () => {
  const dir = project(`services:
  api:
    command: $NODE
    env: { NAME: api, SILENT: "1", PID_FILE: $DIR/pids, GRANDCHILD: "1" }
    ready: { output: "never printed" }
    timeout: 700ms
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(
    result.stderr,
    /service `api` did not become ready within 700ms \(waiting for output matching \/never printed\/\)/,
  );
  await assertNoneLeft(dir, 2);
});

void test('a command that does not exist: exit 2 saying so', async () => {
  const dir = project(`services:
  api:
    command: bluebook-no-such-command-xyz --serve
    ready: { url: "http://127.0.0.1:\${port}/health" }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(
    result.stderr,
    /service `api` could not be started: the shell did not find the command \(exit code 127\)/,
  );
  assert.match(result.stderr, /bluebook-no-such-command-xyz/);
});

async function listen(handler: RequestListener = (_request, response) => response.end('ok')): Promise<{
  server: Server;
  port: number;
}> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as { port: number }).port };
}

void test('a fixed port already taken: exit 2 naming the port', async () => {
  const { server, port } = await listen();
  try {
    const dir = project(`services:
  api: { command: $NODE, port: ${port}, env: { NAME: api, PORT: "\${port}", ORDER_FILE: $DIR/order } }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
    const result = await runCli(['run', dir], { cwd: dir });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`service \`api\` cannot start: port ${port} is already in use`));
    assert.equal(existsSync(join(dir, 'order')), false, 'the command never ran');
  } finally {
    server.close();
  }
});

void test('reuseExisting: a service already answering is used and left running', async () => {
  const { server, port } = await listen((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"name":"api"}');
  });
  try {
    const dir = project(`services:
  api:
    command: $NODE
    port: ${port}
    env: { NAME: api, PORT: "\${port}", ORDER_FILE: $DIR/order }
    ready: { url: "http://127.0.0.1:\${port}/health" }
    reuseExisting: true
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
    const result = await runCli(['run', dir], { cwd: dir });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`▸ api already running on http://127.0.0.1:${port} \\(reused\\)`));
    assert.equal(existsSync(join(dir, 'order')), false, 'the command never ran');
    assert.equal(server.listening, true);
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(answer.status, 200, 'the reused service still answers');
  } finally {
    server.close();
  }
});

void test('a failed test: exit 1, the services stopped, their log tails in pretty output and JUnit system-out', async () => {
  const dir = project(API(', LINES: 3'), FAILING);
  const junit = join(dir, 'junit.xml');
  const result = await runCli(['run', dir, '--reporter', 'pretty', '--reporter', `junit:${junit}`], {
    cwd: dir,
  });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /service api {2}last \d+ lines of \.bluebook\/logs\/api\.log\n {2}│ api line 1\n/,
  );
  assert.match(result.stdout, /│ GET \/hello\n/);
  const xml = readFileSync(junit, 'utf8');
  assert.match(
    xml,
    /<failure[^>]*>[\s\S]*<\/failure>\n\s*<system-out>service api \(last \d+ lines\):\napi line 1\n[\s\S]*GET \/hello[\s\S]*<\/system-out>/,
  );
  assert.match(readFileSync(join(dir, '.bluebook', 'logs', 'api.log'), 'utf8'), /stopping on SIGTERM/);
  await assertNoneLeft(dir, 2);
});

void test('a failed test: the service tails in the JSON report and as TAP comments', async () => {
  const dir = project(API(', LINES: 3'), FAILING);
  const json = join(dir, 'report.json');
  const result = await runCli(['run', dir, '--reporter', 'tap', '--reporter', `json:${json}`], { cwd: dir });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { services?: { name: string; lines: string[] }[] };
  assert.equal(report.services?.[0]?.name, 'api');
  assert.ok(report.services?.[0]?.lines.includes('api line 1'), JSON.stringify(report.services));
  assert.match(result.stdout, /^# service api \(last \d+ lines\):\n# {3}api line 1\n/m);
  await assertNoneLeft(dir, 2);
});

void test('a passing run carries no service output in its report', async () => {
  const dir = project(API(', LINES: 3'));
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.doesNotMatch(result.stdout, /api line 1/);
});

void test('SIGINT during the run: the services are stopped, exit 130', async () => {
  const dir = project(
    API(),
    `name: Slow
tests:
  slow:
    steps:
      - GET: \${baseUrl}/slow
        timeout: 60s
`,
  );
  const { child, done } = startCli(['run', dir], { cwd: dir });
  const log = join(dir, '.bluebook', 'logs', 'api.log');
  const deadline = Date.now() + 10_000;
  while (!(existsSync(log) && readFileSync(log, 'utf8').includes('GET /slow')) && Date.now() < deadline)
    await new Promise((wait) => setTimeout(wait, 25));
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.match(readFileSync(log, 'utf8'), /stopping on SIGTERM/, 'stopped by its stop signal, not killed');
  await assertNoneLeft(dir, 2);
});

void test('a service that ignores SIGTERM is killed after the stop timeout', async () => {
  const dir = project(
    API(', IGNORE_TERM: "1"').replace(
      '    timeout: 10s\n',
      '    timeout: 10s\n    stop: { signal: SIGTERM, timeout: 300ms }\n',
    ),
  );
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(
    readFileSync(join(dir, '.bluebook', 'logs', 'api.log'), 'utf8'),
    /ignoring SIGTERM[\s\S]*killed \(SIGKILL\)/,
  );
  await assertNoneLeft(dir, 2);
});

void test('--no-services: nothing starts, and ${services…} says why it has no value', async () => {
  const dir = project(API());
  const result = await runCli(['run', dir, '--no-services'], { cwd: dir });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.deepEqual(pids(dir), [], 'no service started');
  assert.match(result.stdout, /variable `services` is not defined; .*--no-services/);
});

void test('secret values never reach the service log or the output', async () => {
  const dir = project(
    API(', SECRET_LINE: "${env.API_TOKEN}", LINES: 1')
      .replace('defaultEnvironment: local', 'defaultEnvironment: local\nsecrets: [token]')
      .replace(
        'local: { baseUrl: "${services.api.url}" }',
        'local: { baseUrl: "${services.api.url}", token: "${env.API_TOKEN}" }',
      ),
    FAILING,
  );
  const result = await runCli(['run', dir], { cwd: dir, env: { API_TOKEN: 'hunter2-secret' } });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const log = readFileSync(join(dir, '.bluebook', 'logs', 'api.log'), 'utf8');
  assert.match(log, /token is •••/);
  assert.doesNotMatch(log + result.stdout + result.stderr, /hunter2-secret/);
});

void test('stop.command runs instead of the signal; what it leaves is killed after its timeout', async () => {
  const dir = project(
    API().replace(
      '    timeout: 10s\n',
      '    timeout: 10s\n    stop: { command: \'echo stopped-by-command > "$DIR/stopped"\', timeout: 300ms }\n',
    ),
  );
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.equal(readFileSync(join(dir, 'stopped'), 'utf8'), 'stopped-by-command\n');
  assert.doesNotMatch(readFileSync(join(dir, '.bluebook', 'logs', 'api.log'), 'utf8'), /stopping on SIGTERM/);
  await assertNoneLeft(dir, 2);
});

void test('a service without `ready` that exits during the run is reported', async () => {
  const dir = project(
    `services:
  api: { command: bluebook-no-such-command-xyz }
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`,
    // Retried for a while: the run is still going when the shell gives up on the command.
    `name: Retry
tests:
  t:
    steps:
      - GET: \${baseUrl}/x
        retry: { attempts: 10, interval: 100ms }
`,
  );
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /service `api` exited with code 127 during the run/);
  assert.match(result.stdout, /service api {2}last \d+ lines[\s\S]*not found/);
});

void test('SIGTERM while a service starts: it is stopped, nothing runs, exit 130', async () => {
  const dir = project(`services:
  api:
    command: $NODE
    env: { NAME: api, SILENT: "1", PID_FILE: $DIR/pids, GRANDCHILD: "1" }
    ready: { output: "never printed" }
    timeout: 60s
environments:
  local: { baseUrl: "\${services.api.url}" }
defaultEnvironment: local
`);
  const { child, done } = startCli(['run', dir], { cwd: dir });
  const deadline = Date.now() + 10_000;
  while (pids(dir).length < 2 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 25));
  child.kill('SIGTERM');
  const result = await done;
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.equal(result.stdout, '', 'no suite ran');
  await assertNoneLeft(dir, 2);
});

void test('validate: ${services.NAME…} is known when declared, a misspelt name is reported with the declared ones', async () => {
  const dir = project(
    API(),
    `name: Direct
tests:
  t:
    steps:
      - GET: \${services.api.url}/hello
      - GET: \${services.api.port}
      - GET: \${services.ap.url}/hello
`,
  );
  const result = await runCli(['validate', dir], { cwd: dir });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /a\.bluebook\.yaml:7:25 {2}undefined-variable {2}unknown service `ap` in `\$\{services\.ap\.url\}` — did you mean `api`\? bluebook\.config\.yaml declares: api\./,
  );
  assert.doesNotMatch(result.stdout, /:5:|:6:/, 'the declared service is defined');
});

void test('a secret in a service command never appears in a start error', async () => {
  const dir = project(
    `services:
  api:
    command: bluebook-no-such-command-xyz --token \${env.API_TOKEN}
    ready: { url: "http://127.0.0.1:\${port}/health" }
environments:
  local: { baseUrl: "\${services.api.url}", token: "\${env.API_TOKEN}" }
defaultEnvironment: local
secrets: [token]
`,
  );
  const result = await runCli(['run', dir], { cwd: dir, env: { API_TOKEN: 'hunter2-secret' } });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /--token •••/);
  assert.doesNotMatch(result.stdout + result.stderr, /hunter2-secret/);
});

void test('a mock service whose file has errors: exit 2 with file:line, nothing runs', async () => {
  const dir = project(`services:
  payments: { mock: ./payments.mock.yaml }
environments:
  local: { baseUrl: "\${services.payments.url}" }
defaultEnvironment: local
`);
  writeFileSync(join(dir, 'payments.mock.yaml'), 'routes:\n  - GET: /x\n    respnd: { json: 1 }\n');
  const result = await runCli(['run', dir], { cwd: dir });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /service `payments` could not serve its mock/);
  assert.match(result.stderr, /in its mock file:\n {2}│ .*payments\.mock\.yaml:\d+:\d+: /);
  assert.equal(result.stdout, '', 'no suite ran');
});
