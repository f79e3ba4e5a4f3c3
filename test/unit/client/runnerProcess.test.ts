// The host side of the runner process: messages to and from a fake child, the cancel → kill timer,
// a crash; and a real forked child that ignores cancel and is killed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSuite, type RunEvent, type SuiteResult } from '../../../core/src/index.js';
import {
  forkRunner,
  RunnerProcess,
  STOPPED_MESSAGE,
  type RunnerChild,
} from '../../../client/src/testing/runnerProcess.js';
import { RunInterrupted } from '../../../client/src/testing/runner.js';
import type { HostMessage, RunnerMessage } from '../../../client/src/worker/protocol.js';

const DOC = parseSuite(
  'name: S\ntests:\n  t:\n    steps:\n      - GET: http://127.0.0.1:9/\n',
  '/w/s.bluebook.yaml',
);

const RESULT: SuiteResult = {
  file: '/w/s.bluebook.yaml',
  name: 'S',
  outcome: 'passed',
  durationMs: 1,
  before: [],
  tests: [],
  after: [],
};

/** A child that records what it is sent; the test plays the runner's part. */
class FakeChild extends EventEmitter implements RunnerChild {
  readonly pid = 4242;
  connected = true;
  readonly sent: HostMessage[] = [];
  readonly kills: NodeJS.Signals[] = [];
  /** Exits by itself when disconnected, like run-worker.js. */
  exitOnDisconnect = true;

  send(message: HostMessage): boolean {
    this.sent.push(structuredClone(message));
    return true;
  }
  kill(signal: NodeJS.Signals): boolean {
    this.kills.push(signal);
    this.exit(null, signal);
    return true;
  }
  disconnect(): void {
    this.connected = false;
    if (this.exitOnDisconnect) this.exit(0, null);
  }
  reply(message: RunnerMessage): void {
    this.emit('message', message);
  }
  exit(code: number | null, signal: NodeJS.Signals | null): void {
    this.connected = false;
    queueMicrotask(() => this.emit('exit', code, signal));
  }
}

function setup(killAfterMs = 1000) {
  const child = new FakeChild();
  const started: number[] = [];
  const runner = new RunnerProcess({ spawn: () => child, onStart: (pid) => started.push(pid), killAfterMs });
  return { child, runner, started };
}

void test('a run request carries the suite text and plain options; events and the result come back', async () => {
  const { child, runner, started } = setup();
  const events: RunEvent[] = [];
  const running = runner.run(DOC, {
    keepRecords: 'all',
    env: { TOKEN: 'x' },
    filter: { testIds: ['t'], grep: /t/ },
    signal: new AbortController().signal,
    onEvent: (event) => events.push(event),
  });
  assert.deepEqual(started, [4242]);
  assert.deepEqual(child.sent, [
    {
      type: 'run',
      id: 1,
      suite: { path: '/w/s.bluebook.yaml', text: DOC.text },
      options: { keepRecords: 'all', env: { TOKEN: 'x' }, filter: { testIds: ['t'] } },
    },
  ]);
  child.reply({ type: 'event', id: 1, event: { type: 'suiteStarted', file: 'f', name: 'S' } });
  child.reply({ type: 'event', id: 99, event: { type: 'suiteStarted', file: 'other', name: 'X' } });
  child.reply({ type: 'done', id: 1, result: RESULT });
  assert.deepEqual(await running, RESULT);
  assert.deepEqual(events, [{ type: 'suiteStarted', file: 'f', name: 'S' }]);
  await runner.close();
  assert.equal(child.connected, false, 'closing disconnects');
  assert.deepEqual(child.kills, [], 'a runner that exits by itself is not killed');
});

void test('several suites share one process; malformed messages are ignored', async () => {
  const { child, runner } = setup();
  const signal = new AbortController().signal;
  const first = runner.run(DOC, { signal });
  const second = runner.run(DOC, { signal });
  assert.deepEqual(
    child.sent.map((m) => m.id),
    [1, 2],
  );
  for (const junk of [null, 42, 'done', { type: 'done' }, { type: 'done', id: '2' }])
    child.emit('message', junk);
  child.reply({ type: 'done', id: 2, error: 'boom' });
  child.reply({ type: 'done', id: 1, result: RESULT });
  await assert.rejects(
    second,
    (error: Error) => !(error instanceof RunInterrupted) && error.message === 'boom',
  );
  assert.deepEqual(await first, RESULT);
});

void test('cancel sends a cancel message; a runner that then finishes is not killed', async () => {
  const { child, runner } = setup(50);
  const abort = new AbortController();
  const running = runner.run(DOC, { signal: abort.signal });
  abort.abort();
  assert.deepEqual(child.sent.at(-1), { type: 'cancel', id: 1 });
  child.reply({ type: 'done', id: 1, result: RESULT });
  assert.deepEqual(await running, RESULT);
  await runner.close();
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(child.kills, []);
});

void test('a runner that does not answer a cancel is killed after the delay; its runs end "stopped"', async () => {
  const { child, runner } = setup(50);
  const abort = new AbortController();
  const running = runner.run(DOC, { signal: abort.signal });
  const started = performance.now();
  abort.abort();
  await assert.rejects(
    running,
    (error: Error) => error instanceof RunInterrupted && error.message === STOPPED_MESSAGE,
  );
  assert.ok(performance.now() - started >= 45, 'not killed before the delay');
  assert.deepEqual(child.kills, ['SIGKILL']);
  await assert.rejects(runner.run(DOC, {}), /stopped responding/, 'a later suite of the run is not sent');
  await runner.close();
});

void test('a runner that does not exit after close is killed', async () => {
  const { child, runner } = setup(50);
  child.exitOnDisconnect = false;
  const running = runner.run(DOC, {});
  child.reply({ type: 'done', id: 1, result: RESULT });
  await running;
  await runner.close();
  assert.deepEqual(child.kills, ['SIGKILL']);
});

void test('a crash ends every waiting run with the exit code in a clear message', async () => {
  const { child, runner } = setup();
  const runs = [runner.run(DOC, {}), runner.run(DOC, {})];
  child.exit(134, null);
  for (const running of runs) {
    await assert.rejects(
      running,
      (error: Error) =>
        error instanceof RunInterrupted && /runner process exited with code 134/.test(error.message),
    );
  }
  await assert.rejects(runner.run(DOC, {}), /exited with code 134/);
  await runner.close();
  assert.deepEqual(child.kills, []);
});

void test('a suite started after the process died, before its exit was delivered, gets the exit reason', async () => {
  const { child, runner } = setup();
  const first = runner.run(DOC, {});
  child.exit(1, null);
  const late = runner.run(DOC, {});
  assert.equal(child.sent.length, 1, 'nothing is sent to a dead process');
  await assert.rejects(first, /exited with code 1/);
  await assert.rejects(late, /exited with code 1/);
});

void test('a runner that cannot start fails the run with the reason, and close does not wait', async () => {
  const runner = new RunnerProcess({
    spawn: () => {
      throw new Error('the runner bundle /x/run-worker.js is missing: run "npm run build"');
    },
  });
  await assert.rejects(
    runner.run(DOC, {}),
    (error: Error) => error instanceof RunInterrupted && /npm run build/.test(error.message),
  );
  await runner.close();
});

void test('a spawn error (no exit event) ends the runs and close returns', async () => {
  const { child, runner } = setup();
  const running = runner.run(DOC, {});
  child.emit('error', new Error('spawn EACCES'));
  await assert.rejects(running, /runner failed: spawn EACCES/);
  await runner.close();
});

void test('a real child busy in synchronous work is killed after a cancel and is gone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-runner-'));
  const script = join(dir, 'busy.cjs');
  writeFileSync(script, "process.on('message', () => { for (;;); });\n");
  let pid: number | undefined;
  const runner = new RunnerProcess({
    spawn: () => fork(script, [], { execArgv: [], silent: true }),
    onStart: (id) => (pid = id),
    killAfterMs: 200,
  });
  const abort = new AbortController();
  const running = runner.run(DOC, { signal: abort.signal });
  abort.abort();
  const started = performance.now();
  await assert.rejects(running, (error: Error) => error.message === STOPPED_MESSAGE);
  assert.ok(performance.now() - started < 10_000, 'the run ended instead of waiting for the busy child');
  await runner.close();
  assert.ok(pid);
  assert.throws(() => process.kill(pid!, 0), /ESRCH/, 'the process is gone');
});

void test('forking a missing runner bundle fails with how to fix it', () => {
  assert.throws(
    () => forkRunner(join(tmpdir(), 'no-such-dir', 'run-worker.js'), () => {}),
    /run-worker\.js is missing: run "npm run build"/,
  );
});

void test('a real child that dies mid-run ends the run with its exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-runner-'));
  const script = join(dir, 'dies.cjs');
  writeFileSync(script, "process.on('message', () => process.exit(3));\n");
  const runner = new RunnerProcess({ spawn: () => fork(script, [], { execArgv: [], silent: true }) });
  await assert.rejects(
    runner.run(DOC, { signal: new AbortController().signal }),
    (error: Error) =>
      error instanceof RunInterrupted && /exited with code 3 before the run finished/.test(error.message),
  );
  await runner.close();
});

void test('a config hook goes to the runner as a `hook` message; its captures and failure come back', async () => {
  const { child, runner, started } = setup();
  const hook = runner.hook(
    'setup',
    { uri: 'file:///w/bluebook.config.yaml', path: '/w/bluebook.config.yaml', setup: true, teardown: false },
    { env: { TOKEN: 'x' }, signal: new AbortController().signal },
  );
  assert.deepEqual(child.sent, [
    {
      type: 'hook',
      id: 1,
      kind: 'setup',
      config: '/w/bluebook.config.yaml',
      options: { env: { TOKEN: 'x' } },
    },
  ]);
  const run = { result: { ...RESULT, phase: 'setup' as const }, captures: { token: 't' }, failure: 'no' };
  child.reply({ type: 'done', id: 1, hook: run });
  assert.deepEqual(await hook, run);
  const suite = runner.run(DOC, { setupCaptures: run.captures });
  assert.deepEqual(child.sent[1], {
    type: 'run',
    id: 2,
    suite: { path: DOC.uri, text: DOC.text },
    options: { setupCaptures: { token: 't' } },
  });
  child.reply({ type: 'done', id: 2, result: RESULT });
  await suite;
  assert.deepEqual(started, [4242], 'one process for the setup and the suites');
  await runner.close();
});
