/** The response excerpt under a failed step and the matcher describer, as pure functions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResponseRecord } from '../../core/src/index.js';
import { describeMatcher } from '../../cli/src/reporters/describe.js';
import { MAX_CHARS, responseDetail } from '../../cli/src/reporters/response.js';
import { createStyle } from '../../cli/src/terminal.js';

const plain = createStyle(false);
const record = (body: string, extra: Partial<ResponseRecord> = {}): ResponseRecord => ({
  status: 500,
  statusText: 'Internal Server Error',
  headers: { 'content-type': 'text/plain', 'x-trace': 'abc' },
  body,
  bodyTruncated: false,
  size: Buffer.byteLength(body),
  ...extra,
});

void test('text bodies as they are, control characters made printable, an empty body said so', () => {
  assert.deepEqual(responseDetail(record('oops\n\u001b[2Jboom\n'), plain, '', false), [
    'response  500 Internal Server Error',
    '  content-type: text/plain',
    '  oops',
    '  \ufffd[2Jboom',
  ]);
  assert.deepEqual(responseDetail(record(''), plain, '', true), [
    'response  500 Internal Server Error',
    '  content-type: text/plain',
    '  x-trace: abc',
    '  (empty body)',
  ]);
});

void test('one long line is cut at the character limit; a body cut in the record says so', () => {
  const long = 'x'.repeat(MAX_CHARS * 3);
  const lines = responseDetail(record(long, { bodyTruncated: true, size: 200_000 }), plain, '', false);
  assert.equal(lines[2], `  ${'x'.repeat(MAX_CHARS)}…`);
  assert.equal(lines[3], '  … the body is cut at 64 KB in reports (200000 bytes in all)');
  assert.equal(responseDetail(record(long), plain, '', true)[3], `  ${long}`, 'whole with --verbose');
});

void test('matchers read as words', () => {
  assert.equal(describeMatcher({ contains: 'Secure' }), 'a value containing "Secure"');
  assert.equal(describeMatcher({ exists: true }), 'present');
  assert.equal(describeMatcher({ exists: true, type: 'string' }), 'a value of type string');
  assert.equal(describeMatcher({ length: { gte: 2 } }), 'a value of length at least 2');
  assert.equal(describeMatcher({ match: '^a' }), 'a value matching /^a/');
  assert.equal(describeMatcher({ novel: 1 }), 'a value novel 1');
});
