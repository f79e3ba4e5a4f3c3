// Runs one test tier with Node's built-in test runner (TypeScript through tsx).
// Node 20's `--test` takes no globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const tier = process.argv[2];
if (!tier) {
  console.error('usage: node scripts/test.mjs <unit|protocol|cli|report> [filter]');
  process.exit(2);
}
const filter = process.argv[3];
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts') && (!filter || path.includes(filter))) files.push(path);
  }
})(join('test', tier));
if (files.length === 0) {
  console.error(`no test files in test/${tier}`);
  process.exit(1);
}
// A test that hangs (a process never exits, an event never comes) fails after two minutes with
// its name, instead of holding the whole tier until CI gives up.
const TEST_TIMEOUT_MS = 120_000;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
