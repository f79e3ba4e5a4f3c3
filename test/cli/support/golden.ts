/**
 * Golden files: expected outputs under test/cli/golden/. `UPDATE_GOLDEN=1 npm run test:cli`
 * rewrites them from the current output (review the diff before committing).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.js';

const GOLDEN = join(ROOT, 'test', 'cli', 'golden');

export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    assert.fail(`missing golden file test/cli/golden/${name}; run UPDATE_GOLDEN=1 npm run test:cli`);
  }
  assert.equal(actual, expected, `output differs from test/cli/golden/${name} (UPDATE_GOLDEN=1 to accept)`);
}
