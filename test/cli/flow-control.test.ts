/** SPEC §7 in `bluebook run`: the config's setup/teardown once per run, `when`, `finally`, `retry.failWhen`. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { normalize, runCli, startCli } from './support/cli.js';
import { SESSION_COOKIE, startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const base = (): string[] => ['--var', `baseUrl=${server.url}`];
const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';

interface JsonSuite {
  file: string;
  name: string;
  phase?: string;
  outcome: string;
  before: { name: string; phase: string; file?: string; outcome: string }[];
  after: { name: string; phase: string; file?: string; outcome: string }[];
  tests: { name: string; outcome: string; error?: { message: string } }[];
}

void describe('config setup and teardown', () => {
  void test('setup logs in once for two suites; teardown runs once at the end', async () => {
    const logins = server.count('POST', '/login');
    const logouts = server.count('DELETE', '/logout');
    const result = await runCli(['run', 'setup/ok', ...base()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(server.count('POST', '/login'), logins + 1, 'one login for both suites');
    assert.equal(server.count('DELETE', '/logout'), logouts + 1, 'one logout at the end');
    assert.equal(lastLine(result.stdout), '2 passed, 0 failed, 0 skipped');
    const out = normalize(result.stdout);
    assert.match(
      out,
      /^setup {2}setup\/ok\/bluebook\.config\.yaml\n {2}setup\n {4}✓ log in {2}200 OK · N ms\n/,
    );
    assert.match(
      out,
      /teardown {2}setup\/ok\/bluebook\.config\.yaml\n {2}teardown\n {4}✓ DELETE .*\/logout {2}204/,
    );
    assert.ok(
      out.indexOf('Suite a') > out.indexOf('log in') && out.indexOf('Suite b') < out.indexOf('teardown  '),
    );
    assert.match(out, /2 tests in 2 files/);
  });

  void test('a session cookie set during setup is sent by the suites (and never printed)', async () => {
    const result = await runCli(['run', 'setup/cookie', ...base()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(lastLine(result.stdout), '1 passed, 0 failed, 0 skipped');
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(SESSION_COOKIE));
  });

  void test('the JSON report holds setup and teardown as pseudo-suites of the config file', async () => {
    const result = await runCli(['run', 'setup/ok', '--reporter', 'json', ...base()]);
    assert.equal(result.code, 0, result.stderr);
    const suites = (JSON.parse(result.stdout) as { suites: JsonSuite[] }).suites;
    assert.deepEqual(
      suites.map((suite) => [suite.phase ?? 'suite', suite.name, suite.file]),
      [
        ['setup', 'setup', 'setup/ok/bluebook.config.yaml'],
        ['suite', 'Suite a', 'setup/ok/a.bluebook.yaml'],
        ['suite', 'Suite b', 'setup/ok/b.bluebook.yaml'],
        ['teardown', 'teardown', 'setup/ok/bluebook.config.yaml'],
      ],
    );
    assert.equal(suites[0].before[0].phase, 'setup');
    assert.match(suites[0].before[0].file ?? '', /setup[\\/]ok[\\/]bluebook\.config\.yaml$/);
    assert.equal(suites[3].after[0].phase, 'teardown');
  });

  void test('a failed setup errors every test with the reason; teardown still runs; exit 1', async () => {
    const logouts = server.count('DELETE', '/logout');
    const mes = server.count('GET', '/me');
    const result = await runCli(['run', 'setup/failing', ...base()]);
    assert.equal(result.code, 1);
    assert.equal(server.count('GET', '/me'), mes, 'no test step was sent');
    assert.equal(server.count('DELETE', '/logout'), logouts + 1, 'teardown ran');
    const reason =
      'not run: `setup` step 1 (log in) in bluebook.config.yaml failed: expected status 200, got 401 Unauthorized';
    assert.equal(result.stdout.split(reason).length - 1 >= 2, true, result.stdout);
    assert.match(result.stdout, /✗ log in {2}401 Unauthorized/);
    assert.match(
      result.stdout,
      /setup\/failing\/bluebook\.config\.yaml:5:/,
      'the failure is located in the config',
    );
    assert.equal(lastLine(result.stdout), '0 passed, 2 failed, 0 skipped');
    const junit = await runCli(['run', 'setup/failing', '--reporter', 'junit', ...base()]);
    assert.match(junit.stdout, /setup: log in/);
    const tap = await runCli(['run', 'setup/failing', '--reporter', 'tap', ...base()]);
    assert.match(tap.stdout, /^not ok 1 - setup › setup: log in\n/m);
    assert.match(tap.stdout, /at: "setup\/failing\/bluebook\.config\.yaml:5:/);
    const dot = await runCli(['run', 'setup/failing', '--reporter', 'dot', ...base()]);
    assert.match(dot.stdout, /^FEE\n/, 'the failed setup step, then the two errored tests');
    assert.match(dot.stdout, /setup {2}setup\/failing\/bluebook\.config\.yaml\n {2}setup ✗ log in/);
  });
});

void test('Ctrl-C during a suite: teardown still runs, exit 130', async () => {
  const slow = server.count('GET', '/slow');
  const logouts = server.count('DELETE', '/logout');
  const { child, done } = startCli(['run', 'setup/interrupt', ...base()]);
  await server.waitFor('GET', '/slow', slow + 1);
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.equal(server.count('DELETE', '/logout'), logouts + 1, 'teardown ran');
  assert.match(
    result.stdout,
    /teardown {2}setup\/interrupt\/bluebook\.config\.yaml\n {2}teardown\n {4}✓ DELETE/,
  );
});

void test("Ctrl-C during one config's setup: its teardown runs, a later config's setup and teardown do not", async () => {
  const slow = server.count('GET', '/slow');
  const cleanups = server.count('DELETE', '/cleanup');
  const logouts = server.count('DELETE', '/logout');
  const { child, done } = startCli(['run', 'setup/multi', ...base()]);
  await server.waitFor('GET', '/slow', slow + 1);
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.equal(server.count('DELETE', '/cleanup'), cleanups + 1, 'the first config tore down');
  assert.equal(server.count('DELETE', '/logout'), logouts, 'the second config never started');
});

void describe('when, finally, failWhen', () => {
  void test('`when` skips a test and a step with the expression as the reason', async () => {
    const result = await runCli(['run', 'flow/when.bluebook.yaml', '--var', 'prod=false', ...base()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /○ prod-only {2}skipped: when: \$\{prod\}/);
    assert.match(result.stdout, /○ GET .*\/health {2}skipped: when: \$\{prod\}/);
    assert.equal(lastLine(result.stdout), '1 passed, 0 failed, 1 skipped');
  });

  void test('`finally` runs after a failed step, with the test captures', async () => {
    const cleanups = server.count('DELETE', '/cleanup');
    const result = await runCli(['run', 'flow/finally.bluebook.yaml', ...base()]);
    assert.equal(result.code, 1);
    assert.equal(server.count('DELETE', '/cleanup'), cleanups + 1);
    assert.match(
      normalize(result.stdout),
      /✓ finally: DELETE http:\/\/127\.0\.0\.1:PORT\/cleanup\?id=1 {2}204/,
    );
  });

  void test('`retry.failWhen` stops polling at the first failed status', async () => {
    const result = await runCli(['run', 'flow/failwhen.bluebook.yaml', '--var', 'jobId=j1', ...base()]);
    assert.equal(result.code, 1);
    assert.equal(server.count('GET', '/job/j1'), 2, 'two polls, not fifty');
    assert.match(result.stdout, /retry\.failWhen matched on attempt 2: `\$\.status` is "failed"/);
  });
});
