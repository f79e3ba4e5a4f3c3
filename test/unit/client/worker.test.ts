// The runner process's side of the protocol (client/src/worker/serve.ts) against a fake port and a
// real local server: events then `done`, cancel, malformed messages.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerMessage } from '../../../client/src/worker/protocol.js';
import { serve } from '../../../client/src/worker/serve.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

function suite(baseUrl: string): string {
  return `name: W
baseUrl: ${baseUrl}
tests:
  ok:
    steps:
      - GET: /status/200
        expect: { status: 200 }
  slow:
    steps:
      - GET: /slow?ms=20000
after:
  - GET: /status/204
`;
}

function port() {
  const messages: RunnerMessage[] = [];
  const waiters: (() => void)[] = [];
  return {
    messages,
    send: (message: RunnerMessage) => {
      messages.push(JSON.parse(JSON.stringify(message)) as RunnerMessage);
      for (const wake of waiters.splice(0)) wake();
    },
    /** Resolves once a message satisfies `match`. */
    until: (match: (message: RunnerMessage) => boolean) =>
      new Promise<RunnerMessage>((resolve) => {
        const check = () => {
          const found = messages.find(match);
          if (found) resolve(found);
          else waiters.push(check);
        };
        check();
      }),
  };
}

const run = (id: number, testIds: string[]) => ({
  type: 'run',
  id,
  suite: { path: '/w/w.bluebook.yaml', text: suite(server.url) },
  options: { keepRecords: 'all', filter: { testIds } },
});

void test('a run request streams its events, then `done` with the result', async () => {
  const wire = port();
  const runner = serve(wire);
  runner.receive(run(7, ['ok']));
  const done = await wire.until((m) => m.type === 'done');
  assert.equal(done.id, 7);
  assert.ok('result' in done && done.result.outcome === 'passed');
  assert.deepEqual(
    wire.messages.map((m) => (m.type === 'event' ? m.event.type : m.type)),
    [
      'suiteStarted',
      'testStarted',
      'stepStarted',
      'stepFinished',
      'testFinished',
      'stepStarted',
      'stepFinished',
      'suiteFinished',
      'done',
    ],
  );
  assert.equal(runner.active, 0);
});

void test('cancel aborts the request in flight; `after` still runs and `done` comes with the result', async () => {
  const wire = port();
  const runner = serve(wire);
  const seen = server.requests.length;
  runner.receive(run(1, ['slow']));
  await wire.until((m) => m.type === 'event' && m.event.type === 'stepStarted');
  while (!server.requests.slice(seen).some((r) => r.path === '/slow'))
    await new Promise((r) => setTimeout(r, 5));
  runner.receive({ type: 'cancel', id: 1 });
  const done = await wire.until((m) => m.type === 'done');
  assert.ok('result' in done);
  assert.notEqual(done.result.tests[0]?.outcome, 'passed');
  assert.equal(done.result.after[0]?.outcome, 'passed', '`after` ran');
});

void test('malformed messages and a repeated id are ignored; an engine error is reported in `done`', async () => {
  const wire = port();
  const failing = serve(wire, () => Promise.reject(new Error('engine bug')));
  for (const junk of [
    null,
    'run',
    { type: 'run' },
    { type: 'run', id: 1, suite: { path: 1 } },
    { type: 'cancel' },
  ])
    failing.receive(junk);
  assert.equal(failing.active, 0);
  failing.receive(run(2, ['ok']));
  failing.receive(run(2, ['ok']));
  assert.equal(failing.active, 1);
  const done = await wire.until((m) => m.type === 'done');
  assert.deepEqual(done, { type: 'done', id: 2, error: 'engine bug' });
  assert.equal(wire.messages.length, 1);
});

void test('a hook request runs the config’s setup from its file; `done` carries the result, captures and failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-hook-'));
  const config = join(dir, 'bluebook.config.yaml');
  writeFileSync(
    config,
    `setup:\n  - POST: ${server.url}/login\n    json: { user: admin, password: secret }\n    capture: { token: $.token }\n`,
  );
  const wire = port();
  serve(wire).receive({ type: 'hook', id: 3, kind: 'setup', config, options: {} });
  const done = await wire.until((m) => m.type === 'done');
  assert.ok('hook' in done, JSON.stringify(done));
  assert.equal(done.hook.result.phase, 'setup');
  assert.equal(done.hook.result.before[0].file, config);
  assert.deepEqual(done.hook.captures, { token: 'tok-123' });
  assert.equal(done.hook.failure, undefined);
  assert.equal(wire.messages.length, 1, 'a hook sends no events: its item is reported from the result');

  const missing = port();
  serve(missing).receive({ type: 'hook', id: 4, kind: 'setup', config: join(dir, 'none.yaml'), options: {} });
  const error = await missing.until((m) => m.type === 'done');
  assert.ok('error' in error && /none\.yaml/.test(error.error), JSON.stringify(error));
});
