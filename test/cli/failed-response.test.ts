/**
 * Under a failed step the human reports show what the server answered: the status line, the
 * headers that matter (all of them with --verbose) and a body excerpt, JSON pretty-printed and
 * cut at 20 lines (all of it with --verbose) — so "expected 201, got 422" shows the 422's reason.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const run = (...extra: string[]): ReturnType<typeof runCli> =>
  runCli(['run', 'failed', '--var', `baseUrl=${server.url}`, ...extra]);

void test('pretty and dot: status line, the headers that matter, the body cut at 20 lines', async () => {
  for (const reporter of ['pretty', 'dot']) {
    const result = await run('-r', reporter);
    assert.equal(result.code, 1, result.stderr);
    const out = result.stdout;
    assert.match(out, /^ +response {2}422 Unprocessable Content$/m, reporter);
    assert.match(out, /^ +content-type: application\/json$/m, reporter);
    assert.match(out, /^ +location: \/users\/new$/m, reporter);
    assert.doesNotMatch(out, /x-trace/, reporter);
    assert.match(out, /^ +"error": "validation failed",$/m, reporter);
    // 12 fields × 4 lines + 5 lines around them = 53 lines; 20 shown.
    assert.match(out, /^ +… 33 more lines \(--verbose shows all\)$/m, reporter);
    assert.doesNotMatch(out, /field12/, reporter);
  }
});

void test('--verbose: every header and the whole body', async () => {
  const result = await run('--verbose');
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^ +x-trace: abc$/m);
  assert.match(result.stdout, /"field": "field12",/);
  assert.doesNotMatch(result.stdout, /more lines/);
});

void test('a passing run shows no response', async () => {
  const result = await runCli(['run', 'run/passing.bluebook.yaml', '--var', `baseUrl=${server.url}`]);
  assert.equal(result.code, 0, result.stdout);
  assert.doesNotMatch(result.stdout, /response {2}/);
});
