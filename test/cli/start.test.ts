/**
 * The README's first command: `npm start` (after the build) runs every suite in examples/ against
 * the examples' system — the demo API and the payments mock it calls, started by the config's
 * `services` on free loopback ports. Running scripts/start.mjs as a process here keeps that
 * promise — and the examples themselves — from rotting.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureBuilt, ROOT } from './support/cli.js';

void test('npm start: the example suites pass against the services the config starts', async () => {
  ensureBuilt(); // scripts/start.mjs runs dist/cli.js, which must be current
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));

  assert.equal(code, 0, `npm start failed:\n${stdout}\n${stderr}`);
  assert.match(stderr, /^▸ payments ready on http:\/\/127\.0\.0\.1:\d+ /m);
  assert.match(stderr, /^▸ api ready on http:\/\/127\.0\.0\.1:\d+ /m);
  for (const suite of ['Health', 'Jobs', 'Orders', 'Users API'])
    assert.match(stdout, new RegExp(`^${suite} `, 'm'));
  const summary = /^(\d+) passed, 0 failed, 0 skipped$/m.exec(stdout);
  assert.ok(summary, `no all-passed summary line in:\n${stdout}`);
  assert.ok(Number(summary[1]) >= 10, `only ${summary[1]} example tests ran`);
});
