// core's startServices with real processes where it matters (an uncaught error still kills the
// process group) and an injected mock starter for `mock:` services (m-core serves real ones).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../../core/src/config.js';
import { startServices, type ServiceState } from '../../../core/src/services/index.js';
import { isRunning } from '../../support/processes.js';

const FIXTURES = resolve(__dirname, '..', '..', 'fixtures', 'services');
const SERVICE = `'"${process.execPath}" "${join(FIXTURES, 'service.mjs')}"'`;

function folder(config: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-services-unit-'));
  const path = join(dir, 'bluebook.config.yaml');
  writeFileSync(path, config.replaceAll('$NODE', SERVICE).replaceAll('$DIR', dir));
  return { dir, path };
}

const gone = (pid: number): boolean => !isRunning(pid);

void describe('startServices', () => {
  void test('a mock service through the injected starter; its url reaches the services that use it', async () => {
    const { dir, path } = folder(`services:
  payments: { mock: ./payments.mock.yaml, port: 4999 }
  api:
    command: $NODE
    env: { NAME: api, PORT: "\${port}", NEED_URL: "\${services.payments.url}/health", PRINT: "up" }
    ready: { output: up }
`);
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    assert.deepEqual(config.errors, []);
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    const calls: string[] = [];
    const states: string[] = [];
    const running = await startServices(config, ['api'], {
      logDir: join(dir, 'logs'),
      onState: (state: ServiceState) => states.push(`${state.name} ${state.status}`),
      startMock: async (file, options) => {
        calls.push(`${file} ${options.port}`);
        return { url: `http://127.0.0.1:${port}`, port, close: async () => void calls.push('closed') };
      },
    });
    try {
      assert.deepEqual(calls, [`${join(dir, 'payments.mock.yaml')} 4999`]);
      assert.deepEqual(running.variables().payments, {
        url: `http://127.0.0.1:${port}`,
        port,
        host: '127.0.0.1',
      });
      assert.equal(running.variables().api.host, '127.0.0.1');
    } finally {
      await running.stop();
      server.close();
    }
    assert.equal(calls.at(-1), 'closed');
    assert.deepEqual(states, [
      'payments starting',
      'payments ready',
      'api starting',
      'api starting',
      'api ready',
      'api stopping',
      'api stopped',
      'payments stopping',
      'payments stopped',
    ]);
  });

  void test('a mock that cannot be served: a start error with its problems, and what started is stopped', async () => {
    const { path } = folder(`services:
  payments: { mock: ./payments.mock.yaml }
`);
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    await assert.rejects(
      startServices(config, ['payments'], {
        startMock: () =>
          Promise.reject(
            Object.assign(new Error('payments.mock.yaml has 1 error'), {
              errors: [{ file: 'payments.mock.yaml', line: 3, column: 1, message: 'unknown key `rutes`' }],
            }),
          ),
      }),
      (error: Error & { tail?: string[] }) => {
        assert.match(
          error.message,
          /^service `payments` could not serve its mock: .*payments\.mock\.yaml has a problem$/,
        );
        assert.deepEqual(error.tail, ['payments.mock.yaml:3:1: unknown key `rutes`']);
        return true;
      },
    );
  });

  void test('output is split into lines, redacted, logged and kept for tails; restart starts it again', async () => {
    const { dir, path } = folder(`services:
  api:
    command: $NODE
    env: { NAME: api, LINES: 3, SECRET_LINE: s3cret-value, PRINT: ready now, PORT: "\${port}" }
    ready: { output: "^ready now$" }
`);
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    const lines: string[] = [];
    const running = await startServices(config, ['api'], {
      logDir: join(dir, 'logs'),
      secrets: ['s3cret-value'],
      onOutput: (name, line) => lines.push(`${name}: ${line}`),
    });
    try {
      assert.deepEqual(lines, [
        'api: api line 1',
        'api: api line 2',
        'api: api line 3',
        'api: token is •••',
        'api: ready now',
      ]);
      assert.deepEqual(running.tails(2), [{ name: 'api', lines: ['token is •••', 'ready now'] }]);
      const firstPid = running.states()[0].pid as number;
      await running.restart('api');
      assert.equal(running.states()[0].status, 'ready');
      assert.notEqual(running.states()[0].pid, firstPid);
      assert.ok(gone(firstPid), 'the first process is gone');
    } finally {
      await running.stop();
    }
    assert.doesNotMatch(readFileSync(join(dir, 'logs', 'api.log'), 'utf8'), /s3cret/);
  });

  void test('a log folder that cannot be created is a start error, not a crash', async () => {
    const { dir, path } = folder('services:\n  api: { command: $NODE }\n');
    writeFileSync(join(dir, 'not-a-folder'), '');
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    await assert.rejects(startServices(config, ['api'], { logDir: join(dir, 'not-a-folder', 'logs') }), {
      name: 'ServiceStartError',
      message: /^service `api` cannot start: cannot write its log .*not-a-folder\/logs\/api\.log: /,
    });
  });

  void test('a cwd that does not exist is named', async () => {
    const { path } = folder('services:\n  api: { command: $NODE, cwd: ./nope }\n');
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    await assert.rejects(startServices(config, ['api']), {
      message: /^service `api` cannot start: its `cwd` .*\/nope does not exist$/,
    });
  });

  void test('an uncaught error in the process that started a service still kills its process group', () => {
    const { dir, path } = folder(`services:
  api:
    command: $NODE
    env: { NAME: api, PORT: "\${port}", PID_FILE: $DIR/pids, GRANDCHILD: "1", PRINT: up }
    ready: { output: up }
`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(FIXTURES, 'crash.ts'), path], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.match(result.stderr, /the run crashed/);
    assert.notEqual(result.status, 0);
    assert.ok(existsSync(join(dir, 'pids')));
    const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    assert.equal(pids.length, 2);
    const deadline = Date.now() + 2000;
    while (!pids.every(gone) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
    assert.deepEqual(
      pids.filter((pid) => !gone(pid)),
      [],
    );
  });
});
