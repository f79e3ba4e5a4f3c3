/**
 * Ctrl-C: SIGINT while a request is in flight aborts it, `after` steps still run, what ran is
 * reported and the exit code is 130; a second SIGINT exits at once. Waits on what the target
 * server sees, never on sleeps.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

void test('SIGINT mid-request: request aborted, after steps run, summary printed, exit 130', async () => {
  const slow = server.count('GET', '/slow');
  const cleanups = server.count('DELETE', '/cleanup');
  const { child, done } = startCli(['run', 'interrupt/slow.bluebook.yaml', '--var', `baseUrl=${server.url}`]);
  await server.waitFor('GET', '/slow', slow + 1);
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 130, result.stdout + result.stderr);
  assert.equal(server.count('DELETE', '/cleanup'), cleanups + 1, 'the after step ran');
  assert.match(result.stdout, /✓ clean up/);
  assert.match(result.stdout, /✗ Waits for a slow answer/);
  assert.match(result.stdout, /Interrupted/);
  assert.match(result.stdout, /\d+ passed, \d+ failed, \d+ skipped\n$/);
  assert.match(result.stderr, /interrupted: aborting requests/);
});

void test('a second SIGINT exits immediately, even while an after step hangs', async () => {
  const slow = server.count('GET', '/slow');
  const { child, done } = startCli([
    'run',
    'interrupt/stuck-after.bluebook.yaml',
    '--var',
    `baseUrl=${server.url}`,
  ]);
  await server.waitFor('GET', '/slow', slow + 1);
  child.kill('SIGINT');
  // The after step (also /slow, 60 s timeout) starts once the test's request is aborted; only
  // the second SIGINT can end the run before that timeout.
  await server.waitFor('GET', '/slow', slow + 2);
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 130);
});
