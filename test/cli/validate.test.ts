/** `bluebook validate`: the editor's diagnostics (core's validateSuite) in CI form. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { normalize, ROOT, runCli } from './support/cli.js';
import { assertGolden } from './support/golden.js';
import { startTargetServer } from './support/target-server.js';

void test('reports file:line:col  code  message with a caret, exit 1', async () => {
  const result = await runCli(['validate', 'invalid']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^invalid\/broken\.bluebook\.yaml:7:11 {2}unknown-key {2}/m);
  assert.match(result.stdout, /missing-method/);
  assert.match(result.stdout, /\d+ errors?, \d+ warnings? in 1 suite file\n$/);
  assertGolden('validate.invalid.txt', normalize(result.stdout));
});

void test('valid suites exit 0; --var declares externally given variables', async () => {
  const undeclared = await runCli(['validate', 'run/passing.bluebook.yaml']);
  assert.equal(undeclared.code, 1, 'baseUrl is defined nowhere');
  assert.match(undeclared.stdout, /undefined-variable/);
  const result = await runCli([
    'validate',
    'run/passing.bluebook.yaml',
    '--var',
    'baseUrl=http://127.0.0.1:1',
  ]);
  assert.equal(result.code, 0, result.stdout);
  assert.equal(result.stdout, '1 suite file valid\n');
});

void test('a regex RE2 cannot run is an error at its place in the string, exit 1', async () => {
  const result = await runCli(['validate', 'patterns/lookbehind.bluebook.yaml']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stdout,
    /^patterns\/lookbehind\.bluebook\.yaml:6:27 {2}unsupported-regex {2}lookbehind `\(\?<=…\)` is not supported: Bluebook matches with RE2 semantics so a pattern can never hang a run; /m,
  );
  assert.match(result.stdout, /\n {6}\| {27}\^{7}\n/);
  assert.match(result.stdout, /1 error, 0 warnings in 1 suite file\n$/);
});

void test('a non-standard JSONPath is a warning with its fix, and does not fail validate', async () => {
  const result = await runCli(['validate', 'patterns/portable.bluebook.yaml']);
  assert.equal(result.code, 0, result.stdout);
  assert.match(
    result.stdout,
    /^patterns\/portable\.bluebook\.yaml:7:22 {2}non-standard-jsonpath {2}`\.X-Suite` is not standard JSONPath: .*; write `\$\.headers\['X-Suite'\]`\. {2}\(warning\)$/m,
  );
  assert.match(result.stdout, /^ {2}fix: Change to `\$\.headers\['X-Suite'\]`$/m);
  assert.match(result.stdout, /0 errors, 1 warning in 1 suite file\n$/);
});

void test('--reporter json: a stable machine-readable shape', async () => {
  const result = await runCli(['validate', 'invalid', '-r', 'json']);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.totals.files, 1);
  assert.ok(report.totals.errors >= 2);
  const first = report.files[0].diagnostics.find((d: { code: string }) => d.code === 'unknown-key');
  assert.deepEqual(
    { file: report.files[0].file, line: first.line, column: first.column, severity: first.severity },
    { file: 'invalid/broken.bluebook.yaml', line: 7, column: 11, severity: 'error' },
  );
  assertGolden('validate.invalid.json', result.stdout);
});

void test('validate rejects reporters it has no use for, and bad paths', async () => {
  const junit = await runCli(['validate', 'invalid', '-r', 'junit']);
  assert.equal(junit.code, 2);
  assert.match(junit.stderr, /validate supports the pretty and json reporters/);
  const missing = await runCli(['validate', 'nowhere']);
  assert.equal(missing.code, 2);
});

void test('run and validate find suite files alike: a path matching nothing or a folder without suites exits 2', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'bluebook-empty-'));
  for (const command of ['run', 'validate']) {
    const none = await runCli([command], { cwd: empty });
    assert.equal(none.code, 2, `${command}: ${none.stderr}`);
    assert.match(none.stderr, /no suite files \(\*\.bluebook\.yaml, \*\.bluebook\.yml\) under /);
    const unmatched = await runCli([command, 'nothing-here/**/*.bluebook.yaml']);
    assert.equal(unmatched.code, 2, `${command}: ${unmatched.stderr}`);
    assert.match(unmatched.stderr, /no suite file matches "nothing-here\/\*\*\/\*\.bluebook\.yaml"/);
  }
});

void test('config defaults: what the run rejects (an undefined name, a malformed ${…}) is reported at file:line:col of bluebook.config.yaml', async () => {
  const server = await startTargetServer();
  try {
    const run = await runCli(['run', 'configdefaults', '--var', `baseUrl=${server.url}`]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /variable `apiTokn` is not defined/);
  } finally {
    await server.close();
  }
  const result = await runCli(['validate', 'configdefaults', '--var', 'baseUrl=http://127.0.0.1:1']);
  assert.equal(result.code, 1, result.stdout);
  assert.match(
    result.stdout,
    /^configdefaults\/bluebook\.config\.yaml:7:29 {2}undefined-variable {2}undefined variable `apiTokn` in `defaults` — did you mean `apiToken`\?/m,
  );
  assert.match(
    result.stdout,
    /^configdefaults\/bluebook\.config\.yaml:8:14 {2}invalid-interpolation {2}`\$\{scale \* 2\}` is not a variable reference/m,
  );
  assert.match(result.stdout, /2 errors, 0 warnings in 1 suite file\n$/);
});

void test('validate on several threads prints exactly what one thread prints, in file order', async () => {
  // Every fixture folder: errors and warnings, configs with problems, `use:` across files.
  const runs = await Promise.all(
    ['1', '3', '5'].map((threads) =>
      Promise.all([
        runCli(['validate', '.'], { env: { BLUEBOOK_VALIDATE_THREADS: threads } }),
        runCli(['validate', '.', '-r', 'json'], { env: { BLUEBOOK_VALIDATE_THREADS: threads } }),
        // The examples: an OpenAPI document (loaded by each worker), GraphQL, services.
        runCli(['validate', 'examples'], { cwd: ROOT, env: { BLUEBOOK_VALIDATE_THREADS: threads } }),
      ]),
    ),
  );
  const [one, ...many] = runs;
  assert.equal(one[0].code, 1, 'the fixtures hold errors');
  assert.ok(one[0].stdout.split('\n').length > 100, one[0].stdout);
  assert.equal(one[2].code, 0, one[2].stdout + one[2].stderr);
  for (const run of many)
    for (const [index, result] of run.entries()) {
      assert.equal(result.code, one[index].code);
      assert.equal(result.stderr, one[index].stderr);
      assert.equal(result.stdout, one[index].stdout);
    }
});
