/**
 * Runs code that must not hang in a child Node process with a time limit: a regression fails the
 * test after the limit instead of blocking the runner (synchronous code cannot be interrupted).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs CommonJS `code`, which may `require` the repository's .ts files; resolves with its stdout. */
export function isolated(code: string, limitMs = 10_000): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: ROOT,
    timeout: limitMs,
    encoding: 'utf8',
  });
  assert.equal(result.signal, null, `did not finish within ${limitMs / 1000} s`);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}
