// Where "Paste cURL as Step" puts the step: inside the `steps:` around the cursor, indented like
// the other steps; on an empty line there, or after the step the cursor is in.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { stepInsertion } from '../../../client/src/import/pasteStep.js';

const STEP = '- POST: http://x/users\n  json:\n    name: Ada\n';

const SUITE = [
  'name: Users', // 0
  'tests:', // 1
  '  user:', // 2
  '    steps:', // 3
  '      - GET: /users/1', // 4
  '        expect:', // 5
  '          status: 200', // 6
  '', // 7
  '      - GET: /users/2', // 8
  '', // 9
  '  other:', // 10
  '    name: Other', // 11
].join('\n');

function apply(text: string, line: number): string {
  const result = stepInsertion(text, line, STEP);
  assert.ok('text' in result, 'message' in result ? result.message : '');
  const lines = text.split('\n');
  const before = lines.slice(0, result.start.line).join('\n');
  const startOffset = before.length + (result.start.line > 0 ? 1 : 0) + result.start.character;
  const endLineStart = lines.slice(0, result.end.line).join('\n').length + (result.end.line > 0 ? 1 : 0);
  return text.slice(0, startOffset) + result.text + text.slice(endLineStart + result.end.character);
}

test('inside a step: the new step goes after it, at the steps’ indentation', () => {
  const lines = apply(SUITE, 5).split('\n');
  assert.deepEqual(lines.slice(4, 11), [
    '      - GET: /users/1',
    '        expect:',
    '          status: 200',
    '      - POST: http://x/users',
    '        json:',
    '          name: Ada',
    '',
  ]);
});

test('on an empty line under steps: the step replaces the empty line', () => {
  const lines = apply(SUITE, 7).split('\n');
  assert.deepEqual(lines.slice(6, 11), [
    '          status: 200',
    '      - POST: http://x/users',
    '        json:',
    '          name: Ada',
    '      - GET: /users/2',
  ]);
});

test('on the last step and after the last line of the file', () => {
  const lines = apply(SUITE, 8).split('\n');
  assert.deepEqual(lines.slice(8, 13), [
    '      - GET: /users/2',
    '      - POST: http://x/users',
    '        json:',
    '          name: Ada',
    '',
  ]);
  const end = apply('tests:\n  t:\n    steps:\n    - GET: /a', 3);
  assert.equal(
    end,
    'tests:\n  t:\n    steps:\n    - GET: /a\n    - POST: http://x/users\n      json:\n        name: Ada',
  );
});

test('on the steps: line of an empty list, and in before:/finally: lists', () => {
  assert.equal(
    apply('tests:\n  t:\n    steps:\n', 2),
    'tests:\n  t:\n    steps:\n      - POST: http://x/users\n        json:\n          name: Ada\n',
  );
  assert.equal(
    apply('before:\n  - GET: /a\ntests: {}\n', 1),
    'before:\n  - GET: /a\n  - POST: http://x/users\n    json:\n      name: Ada\ntests: {}\n',
  );
});

test('on a comment line the comment is kept and the step goes after it', () => {
  assert.equal(
    apply('tests:\n  t:\n    steps:\n      # first\n', 3),
    'tests:\n  t:\n    steps:\n      # first\n      - POST: http://x/users\n        json:\n          name: Ada\n',
  );
});

test('CRLF documents get CRLF lines', () => {
  const result = stepInsertion('tests:\r\n  t:\r\n    steps:\r\n      - GET: /a\r\n', 3, STEP);
  assert.ok('text' in result);
  assert.equal(result.text, '      - POST: http://x/users\r\n        json:\r\n          name: Ada\r\n');
});

test('outside any steps: a message says where to put the cursor', () => {
  for (const line of [0, 2, 11]) {
    const result = stepInsertion(SUITE, line, STEP);
    assert.ok('message' in result, `line ${line}`);
    assert.match(result.message, /steps:/);
  }
});
