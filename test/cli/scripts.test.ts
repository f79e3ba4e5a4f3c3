/**
 * Rogue scripts at the run level (SPEC §8): the built CLI runs one suite of rogue tests followed
 * by a normal test. Each rogue step errors with a clear message, promptly; the next test runs and
 * passes; a secret a script logs is redacted. The packed CLI (a copy of dist/ files in a temporary
 * folder, CLI_FILES) finds quickjs.wasm beside it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SuiteResult } from '../../core/src/index.js';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

const SECRET = 'rogue-S3CRET-token';
const TIMEOUT_MS = 300;

/** id → [where, JavaScript, expected message]. */
const ROGUES: Record<string, ['before' | 'expression', string, RegExp]> = {
  'endless-loop': ['before', 'while (true) {}', /script ran longer than 300 ms \(scripts\.timeout\)/],
  'loop-in-expression': [
    'expression',
    '(() => { while (true) {} })()',
    /script ran longer than 300 ms \(scripts\.timeout\)/,
  ],
  'strings-until-limit': [
    'before',
    'let s = "x"; while (true) s = s.repeat(2);',
    /script used more than 32 MB \(scripts\.memory\)/,
  ],
  'arrays-until-limit': [
    'before',
    'const a = []; while (true) a.push({ n: a.length });',
    /script used more than 32 MB \(scripts\.memory\)|script ran longer than 300 ms/,
  ],
  'deep-recursion': [
    'before',
    'function f(n) { return f(n + 1) + 1; } f(0);',
    /script recursed too deeply \(stack overflow\)/,
  ],
  'require-fs': ['before', "require('fs').readFileSync('/etc/passwd')", /'require' is not defined/],
  'process-exit': ['before', 'process.exit(1)', /'process' is not defined/],
  fetch: ['before', "fetch('http://127.0.0.1:1/')", /'fetch' is not defined/],
  'dynamic-import': ['expression', "import('fs')", /the result is a Promise/],
  'new-function': ['before', "new Function('return process')().exit(1)", /'process' is not defined/],
  'constructor-escape': [
    'before',
    "const g = (() => {}).constructor.constructor('return this')(); g.process.exit(1);",
    /cannot read property 'exit' of undefined/,
  ],
  'globalthis-escape': ['before', 'globalThis.require("fs")', /not a function/],
  'throw-non-error': ['before', 'throw { code: 42 }', /script threw \{"code":42\}/],
  'huge-return': ['expression', "'x'.repeat(12 * 1024 * 1024)", /the result is larger than 10 MB of JSON/],
  'logs-a-secret': [
    'before',
    "console.log('token is', vars.get('token')); throw new Error('bad token ' + vars.get('token'));",
    /script\.before line 1 \(suite line \d+\): bad token •••/,
  ],
};

function suiteText(): string {
  const tests = Object.entries(ROGUES).map(([id, [where, source]]) =>
    where === 'expression'
      ? `  ${id}:\n    steps:\n      - GET: /health\n        query: { q: ${JSON.stringify(`\${{ ${source} }}`)} }\n`
      : `  ${id}:\n    steps:\n      - GET: /health\n        script:\n          before: ${JSON.stringify(source)}\n`,
  );
  return `baseUrl: \${baseUrl}
variables:
  token: ${SECRET}
tests:
${tests.join('')}  after-rogues:
    steps:
      - GET: /health
        query: { n: "\${{ 40 + 2 }}" }
        script:
          after: |
            console.log('status', response.status);
            check('healthy', response.json.ok === true);
        expect:
          status: 200
          assert: ["\${{ response.json.service === 'target' }}"]
`;
}

let server: TargetServer;
let dir: string;
before(async () => {
  server = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'bluebook-scripts-'));
  writeFileSync(
    join(dir, 'bluebook.config.yaml'),
    `secrets: [token]\nscripts: { timeout: ${TIMEOUT_MS}ms, memory: 32MB }\n`,
  );
  writeFileSync(join(dir, 'rogue.bluebook.yaml'), suiteText());
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

void test('every rogue script errors its step with a clear message; the next test passes', async () => {
  const report = join(dir, 'report.json');
  const started = performance.now();
  const result = await runCli(
    ['run', 'rogue.bluebook.yaml', '--var', `baseUrl=${server.url}`, '-r', 'pretty', '-r', `json:${report}`],
    { cwd: dir },
  );
  assert.ok(performance.now() - started < 60_000, 'the run does not hang');
  assert.equal(result.code, 1, result.stderr);
  const suites = (JSON.parse(readFileSync(report, 'utf8')) as { suites: SuiteResult[] }).suites;
  const tests = suites[0]!.tests;
  for (const [id, [, , message]] of Object.entries(ROGUES)) {
    const step = tests.find((item) => item.testId === id)?.steps[0];
    assert.equal(step?.outcome, 'errored', `${id}: ${JSON.stringify(step)}`);
    assert.match(step.error?.message ?? '', message, id);
    assert.ok(step.durationMs < TIMEOUT_MS + 5_000, `${id} took ${step.durationMs} ms`);
  }
  const last = tests.find((item) => item.testId === 'after-rogues');
  assert.equal(last?.outcome, 'passed', JSON.stringify(last));
  assert.deepEqual(last.steps[0]!.logs, ['status 200']);
  assert.deepEqual(tests.find((item) => item.testId === 'logs-a-secret')?.steps[0]!.logs, ['token is •••']);
  assert.match(result.stdout, /\n\s+log token is •••\n/);
  assert.match(result.stdout, /\n\s+log status 200\n/);
  for (const text of [result.stdout, result.stderr, readFileSync(report, 'utf8')])
    assert.ok(!text.includes(SECRET), 'the secret never appears');
});

void test('`validate` reports a script syntax error at its line and column', async () => {
  writeFileSync(
    join(dir, 'broken.bluebook.yaml'),
    'tests:\n  t:\n    steps:\n      - GET: /health\n        script:\n          after: |\n            check("x", (1 +);\n',
  );
  const result = await runCli(['validate', 'broken.bluebook.yaml'], { cwd: dir });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout + result.stderr,
    /broken\.bluebook\.yaml:7:28.*SyntaxError: Unexpected token '\)' in `script\.after`/,
  );
});
