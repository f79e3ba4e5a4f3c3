// The extension's services manager: started by the first run that needs them, kept for later runs,
// started again when the config's services change or one died; with a fake `startServices`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseConfig, type ProjectConfig } from '../../../core/src/config.js';
import {
  ServiceStartError,
  type RunningServices,
  type ServiceState,
  type StartServicesOptions,
} from '../../../core/src/services/types.js';
import { ServicesManager } from '../../../client/src/services/manager.js';

const CONFIG_PATH = '/w/bluebook.config.yaml';

function project(command = 'node api.js'): ProjectConfig {
  return parseConfig(
    `services:\n  api:\n    command: ${command}\n  db:\n    command: node db.js\nenvironments:\n  local: { baseUrl: "\${services.api.url}" }\n`,
    CONFIG_PATH,
  );
}

interface FakeStart {
  names: string[];
  options: StartServicesOptions;
  running: FakeRunning;
  resolve(): void;
  reject(error: Error): void;
}

class FakeRunning implements RunningServices {
  stopped = 0;
  restarted: string[] = [];
  constructor(
    readonly names: string[],
    private readonly options: StartServicesOptions,
  ) {}
  states(): ServiceState[] {
    return this.names.map((name, i) => ({ name, status: 'ready', url: `http://127.0.0.1:${4000 + i}` }));
  }
  variables() {
    return Object.fromEntries(
      this.names.map((name, i) => [
        name,
        { url: `http://127.0.0.1:${4000 + i}`, port: 4000 + i, host: '127.0.0.1' },
      ]),
    );
  }
  tails() {
    return this.names.map((name) => ({ name, lines: [`${name} says hi`] }));
  }
  async restart(name: string) {
    this.restarted.push(name);
    for (const status of ['stopping', 'stopped', 'starting', 'ready'] as const)
      this.options.onState?.({ name, status });
  }
  async stop() {
    this.stopped++;
    for (const name of this.names) this.options.onState?.({ name, status: 'stopped' });
  }
  /** The service exits by itself. */
  die(name: string) {
    this.options.onState?.({ name, status: 'failed', message: 'exited with code 1' });
  }
}

function fakeStarter(auto = true) {
  const starts: FakeStart[] = [];
  const start = (_config: ProjectConfig, names: string[], options: StartServicesOptions) =>
    new Promise<RunningServices>((resolve, reject) => {
      const running = new FakeRunning(names, options);
      for (const name of names) options.onState?.({ name, status: 'starting' });
      const entry: FakeStart = {
        names,
        options,
        running,
        resolve: () => {
          for (const state of running.states()) options.onState?.(state);
          resolve(running);
        },
        reject,
      };
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      starts.push(entry);
      if (auto) entry.resolve();
    });
  return { starts, start };
}

test('the first run starts the services; a later run reuses them', async () => {
  const { starts, start } = fakeStarter();
  const manager = new ServicesManager({ start });
  const first = await manager.prepare(project(), ['api'], new AbortController().signal);
  const second = await manager.prepare(project(), ['api'], new AbortController().signal);
  assert.equal(starts.length, 1);
  assert.deepEqual(first, { api: { url: 'http://127.0.0.1:4000', port: 4000, host: '127.0.0.1' } });
  assert.deepEqual(second, first);
  assert.deepEqual(
    manager.states().map((s) => [s.name, s.status]),
    [['api', 'ready']],
  );
});

test('suites of one run starting at once share one start', async () => {
  const { starts, start } = fakeStarter(false);
  const manager = new ServicesManager({ start });
  const signal = new AbortController().signal;
  const both = Promise.all([
    manager.prepare(project(), ['api'], signal),
    manager.prepare(project(), ['api'], signal),
  ]);
  await Promise.resolve();
  assert.equal(starts.length, 1);
  starts[0].resolve();
  const [a, b] = await both;
  assert.deepEqual(a, b);
});

test("a change to the config's services stops them and starts them again", async () => {
  const { starts, start } = fakeStarter();
  const manager = new ServicesManager({ start });
  await manager.prepare(project(), ['api'], new AbortController().signal);
  // Another key of the config (its position moved) changes nothing.
  const moved = parseConfig(`# a comment\n${project().text}`, CONFIG_PATH);
  await manager.prepare(moved, ['api'], new AbortController().signal);
  assert.equal(starts.length, 1);
  await manager.prepare(project('node api.js --verbose'), ['api'], new AbortController().signal);
  assert.equal(starts.length, 2);
  assert.equal(starts[0].running.stopped, 1);
});

test('a run that needs a service not running yet starts them together', async () => {
  const { starts, start } = fakeStarter();
  const manager = new ServicesManager({ start });
  await manager.prepare(project(), ['api'], new AbortController().signal);
  await manager.prepare(project(), ['db'], new AbortController().signal);
  assert.deepEqual(starts[1].names, ['api', 'db']);
  assert.equal(starts[0].running.stopped, 1);
  await manager.prepare(project(), ['api'], new AbortController().signal);
  assert.equal(starts.length, 2);
});

test('a service that died is started again by the next run, and reported', async () => {
  const { starts, start } = fakeStarter();
  const failures: string[] = [];
  const manager = new ServicesManager({
    start,
    onFailure: (name, message) => failures.push(`${name}: ${message}`),
  });
  await manager.prepare(project(), ['api'], new AbortController().signal);
  starts[0].running.die('api');
  assert.deepEqual(failures, ['api: exited with code 1']);
  assert.equal(manager.states()[0].status, 'failed');
  await manager.prepare(project(), ['api'], new AbortController().signal);
  assert.equal(starts.length, 2);
  assert.equal(manager.states()[0].status, 'ready');
  starts[1].running.die('api');
  assert.equal(await manager.restart('api'), true);
  await manager.prepare(project(), ['api'], new AbortController().signal);
  assert.equal(starts.length, 2, 'Restart Service brought it back');
});

test('a service that cannot start fails every suite of that run once, and the next run tries again', async () => {
  let calls = 0;
  const manager = new ServicesManager({
    start: async () => {
      calls++;
      throw new ServiceStartError('api', 'exited with code 1 before it was ready', ['boom']);
    },
  });
  const signal = new AbortController().signal;
  await assert.rejects(manager.prepare(project(), ['api'], signal), /service `api` exited with code 1/);
  await assert.rejects(manager.prepare(project(), ['api'], signal), /service `api` exited/);
  assert.equal(calls, 1);
  await assert.rejects(manager.prepare(project(), ['api'], new AbortController().signal));
  assert.equal(calls, 2);
});

test('cancelling the only run waiting for a start aborts the start', async () => {
  const { starts, start } = fakeStarter(false);
  const manager = new ServicesManager({ start });
  const run = new AbortController();
  const waiting = manager.prepare(project(), ['api'], run.signal);
  await Promise.resolve();
  run.abort();
  await assert.rejects(waiting, /cancelled/);
  assert.equal(starts[0].options.signal?.aborted, true);
  assert.deepEqual(manager.states(), []);
});

test('cancelling one of two runs waiting for a start keeps it going for the other', async () => {
  const { starts, start } = fakeStarter(false);
  const manager = new ServicesManager({ start });
  const cancelled = new AbortController();
  const a = manager.prepare(project(), ['api'], cancelled.signal);
  const b = manager.prepare(project(), ['api'], new AbortController().signal);
  await Promise.resolve();
  cancelled.abort();
  await assert.rejects(a, /cancelled/);
  assert.equal(starts[0].options.signal?.aborted, false);
  starts[0].resolve();
  assert.equal((await b).api.port, 4000);
});

test('output and states reach the callbacks; tails come from the running services', async () => {
  const { starts, start } = fakeStarter();
  const lines: string[] = [];
  let changes = 0;
  const manager = new ServicesManager({
    start,
    onOutput: (name, line) => lines.push(`${name}: ${line}`),
    onChange: () => changes++,
  });
  await manager.prepare(project(), ['api'], new AbortController().signal);
  starts[0].options.onOutput?.('api', 'listening');
  assert.deepEqual(lines, ['api: listening']);
  assert.ok(changes >= 2);
  assert.deepEqual(manager.tails(CONFIG_PATH), [{ name: 'api', lines: ['api says hi'] }]);
  assert.deepEqual(manager.tails('/elsewhere/bluebook.config.yaml'), []);
});

test('restart restarts one service by name; stop stops everything and forgets it', async () => {
  const { starts, start } = fakeStarter();
  const manager = new ServicesManager({ start });
  await manager.prepare(project(), ['api', 'db'], new AbortController().signal);
  assert.equal(await manager.restart('db'), true);
  assert.equal(await manager.restart('nope'), false);
  assert.deepEqual(starts[0].running.restarted, ['db']);
  assert.deepEqual(manager.names(), ['api', 'db']);
  await manager.prepare(project(), ['db'], new AbortController().signal);
  assert.equal(starts.length, 1, 'a restarted service is not a dead one');
  await manager.stop();
  assert.equal(starts[0].running.stopped, 1);
  assert.deepEqual(manager.states(), []);
  await manager.prepare(project(), ['api'], new AbortController().signal);
  assert.equal(starts.length, 2);
});

test('stop during a start aborts it', async () => {
  const { starts, start } = fakeStarter(false);
  const manager = new ServicesManager({ start });
  const waiting = manager.prepare(project(), ['api'], new AbortController().signal);
  await Promise.resolve();
  await manager.stop();
  await assert.rejects(waiting);
  assert.equal(starts[0].options.signal?.aborted, true);
  assert.deepEqual(manager.states(), []);
});

test('suites of one run that find the services changed start them again once', async () => {
  const { starts, start } = fakeStarter();
  const manager = new ServicesManager({ start });
  await manager.prepare(project(), ['api'], new AbortController().signal);
  const signal = new AbortController().signal;
  const changed = project('node api.js --port 1');
  const [a, b] = await Promise.all([
    manager.prepare(changed, ['api'], signal),
    manager.prepare(changed, ['api'], signal),
  ]);
  assert.equal(starts.length, 2);
  assert.equal(starts[0].running.stopped, 1);
  assert.deepEqual(a, b);
});
