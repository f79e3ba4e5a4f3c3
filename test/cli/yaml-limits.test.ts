/**
 * YAML-level problems through the CLI: one error per cascade (an unquoted `[` in flow style), an
 * alias bomb and a suite over the size limit are refused quickly with the file, line and limit.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './support/cli.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-yaml-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BRACKET = `baseUrl: http://127.0.0.1:1
tests:
  list:
    steps:
      - GET: /items
        capture: { name: $.items[0].name }
        expect:
          status: 200
      - GET: /items/\${name}
        expect:
          status: 200
`;

void test('validate: an unquoted [ in a flow mapping is one error with the hint', async () => {
  const cwd = folder({ 'list.bluebook.yaml': BRACKET });
  const result = await runCli(['validate', 'list.bluebook.yaml'], { cwd });
  assert.equal(result.code, 1, result.stderr);
  const errors = result.stdout.split('\n').filter((line) => /^list\.bluebook\.yaml:\d+:\d+/.test(line));
  assert.deepEqual(errors, [
    'list.bluebook.yaml:6:33  yaml-syntax  `[` in an unquoted value inside `{ }` or `[ ]` starts a list — quote a JSONPath that contains `[` in flow style: { name: "$.items[0].name" }',
  ]);
  assert.match(result.stdout, /1 error, 0 warnings in 1 suite file\n$/);
});

void test('validate and run refuse an alias bomb at its line, quickly', async () => {
  const lines = ['  l0: &l0 [lol]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `  l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  const cwd = folder({
    'bomb.bluebook.yaml': `variables:\n${lines.join('\n')}\ntests:\n  t:\n    steps:\n      - GET: http://127.0.0.1:1/\${l9}\n`,
  });
  for (const command of ['validate', 'run']) {
    const started = Date.now();
    const result = await runCli([command, 'bomb.bluebook.yaml'], { cwd });
    assert.ok(Date.now() - started < 30_000, 'does not hang');
    assert.notEqual(result.code, 0, command);
    assert.match(
      result.stdout + result.stderr,
      /bomb\.bluebook\.yaml:7:\d+ +yaml-limit +this file expands aliases to more than 100,000 nodes — YAML alias bombs are refused/,
      command,
    );
  }
});

void test('validate refuses a suite over the size limit, naming the file and the limit', async () => {
  const entry = '  t: { steps: [{ GET: /items }] }\n';
  const cwd = folder({
    'huge.bluebook.yaml': 'tests:\n' + entry.repeat(Math.ceil(10_000_000 / entry.length) + 1),
  });
  const result = await runCli(['validate', 'huge.bluebook.yaml'], { cwd });
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stdout,
    /^huge\.bluebook\.yaml:1:1 {2}yaml-limit {2}this file has 10,000,\d{3} characters; Bluebook reads files of at most 10 MB \(10,000,000 characters\) — split it into several files\.$/m,
  );
});
