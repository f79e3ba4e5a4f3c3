// `scripts: { timeout, memory }` in bluebook.config.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../../core/src/config.js';

void test('scripts limits parse, with defaults left to the sandbox', () => {
  assert.deepEqual(parseConfig('scripts: { timeout: 250ms, memory: 64MB }\n', 'c.yaml').scripts, {
    timeoutMs: 250,
    memoryBytes: 64 * 1024 * 1024,
  });
  assert.deepEqual(parseConfig('scripts:\n  timeout: 2s\n  memory: 16\n', 'c.yaml').scripts, {
    timeoutMs: 2000,
    memoryBytes: 16 * 1024 * 1024,
  });
  assert.equal(parseConfig('secrets: []\n', 'c.yaml').scripts, undefined);
});

void test('invalid scripts limits are located config errors', () => {
  const text = 'scripts:\n  timeout: forever\n  memory: 4GB\n  cpu: 1\n';
  const config = parseConfig(text, 'c.yaml');
  assert.deepEqual(
    config.errors.map((error) => [error.line, text.slice(error.span.start, error.span.end), error.message]),
    [
      [2, 'forever', '`scripts.timeout` must be a duration from 1ms to 60s, such as `1s` or `500ms`'],
      [3, '4GB', '`scripts.memory` must be a size from 1MB to 1024MB, such as `32MB`'],
      [4, 'cpu', 'unknown key `cpu` in `scripts`; expected timeout, memory'],
    ],
  );
  assert.equal(parseConfig('scripts: 5\n', 'c.yaml').errors.length, 1);
  assert.equal(parseConfig('scripts: { timeout: 0 }\n', 'c.yaml').errors.length, 1);
});

void test('a syntax error in a setup or teardown step script or ${{ }} is invalid-script at its place', () => {
  const text =
    'setup:\n  - POST: /login\n    json: { n: "${{ 1 + }}" }\n' +
    'teardown:\n  - DELETE: /session\n    script:\n      after: "check(\'gone\', response.status ==== 204)"\n';
  const config = parseConfig(text, 'bluebook.config.yaml');
  const found = config.diagnostics.map((diagnostic) => [
    diagnostic.code,
    config.lineIndex.positionAt(diagnostic.span.start).line + 1,
  ]);
  assert.deepEqual(found, [
    ['invalid-script', 3],
    ['invalid-script', 7],
  ]);
  assert.equal(config.errors.length, 2, 'the CLI prints them too');
  assert.deepEqual(parseConfig('setup:\n  - GET: "/x?n=${{ 1 + 1 }}"\n', 'c.yaml').diagnostics, []);
});
