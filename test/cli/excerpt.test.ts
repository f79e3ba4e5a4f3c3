import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectedActual } from '../../cli/src/reporters/render.js';
import { createStyle } from '../../cli/src/terminal.js';
import { runCli } from './support/cli.js';

void test('excerpts never pass control characters to the terminal, and the caret still lines up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-excerpt-'));
  // An escape sequence that would turn the terminal red, and a key the parser does not know.
  writeFileSync(
    join(dir, 'ctl.bluebook.yaml'),
    'tests:\n  a:\n    steps:\n      - GET: /\x1b[31mx\n        expcet: {}\n',
  );
  const result = await runCli(['validate', 'ctl.bluebook.yaml'], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  assert.ok(!result.stdout.includes('\u001b'), 'raw ESC in the output');
  assert.match(result.stdout, /4 \| {7}- GET: \/\ufffd\[31mx/);
  const lines = result.stdout.split('\n');
  const source = lines.findIndex((line) => line.includes('expcet: {}'));
  assert.ok(source > 0, result.stdout);
  const caret = lines[source + 1];
  assert.equal(caret.indexOf('^'), lines[source].indexOf('expcet'));
  assert.equal(caret.trim().replace(/^\|\s*/, ''), '^^^^^^');
});

void test('a multi-line diff of a response text never passes its control characters to the terminal', () => {
  const lines = expectedActual('line one\nline two', 'line one\n\u001b[2Jline 2', createStyle(false), '');
  assert.ok(
    lines.every((line) => !line.includes('\u001b')),
    lines.join('\n'),
  );
  assert.ok(lines.includes('+ \ufffd[2Jline 2'), lines.join('\n'));
});
