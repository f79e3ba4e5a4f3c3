// A pattern with nested quantifiers must not hang a run: `^(a+)+$` against `a`×40 + `!` took
// minutes with a backtracking engine. Each case runs in a child process so that a regression
// fails after the time limit instead of blocking the test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolated } from '../../support/isolated.js';

const HOSTILE = "'a'.repeat(40) + '!'";

void test('the `match` matcher: a catastrophic pattern finishes, and still matches correctly', () => {
  const output = isolated(`
    const { evaluateMatcher } = require('./core/src/expect/evaluate.ts');
    const failed = evaluateMatcher({ match: '^(a+)+$' }, ${HOSTILE}, { baseDir: '.' });
    const passed = evaluateMatcher({ match: '^(a+)+$' }, 'a'.repeat(40), { baseDir: '.' });
    console.log(JSON.stringify([failed.passed, failed.expectation, passed.passed]));
  `);
  assert.deepEqual(JSON.parse(output), [false, 'a string matching /^(a+)+$/', true]);
});

void test('a `regex` capture: a catastrophic pattern finishes, and groups still capture', () => {
  const output = isolated(`
    const { captureAll } = require('./core/src/run/captures.ts');
    const { ResponseView } = require('./core/src/http/response.ts');
    const { Scope } = require('./core/src/interpolate.ts');
    const span = { start: 0, end: 0 };
    const response = new ResponseView({
      status: 200, headers: { 'content-type': 'text/plain' }, setCookies: [],
      body: Buffer.from(${HOSTILE}), durationMs: 1, url: 'http://127.0.0.1/', requestHeaders: {},
    });
    const capture = (pattern) => [{ name: 'x', nameSpan: span, valueSpan: span, span, source: { kind: 'regex', pattern } }];
    let failure;
    try { captureAll(capture('^(a+)+$'), response, new Scope({})); } catch (error) { failure = error.message; }
    const captured = captureAll(capture('^((a+)+)!$'), response, new Scope({}));
    console.log(JSON.stringify([failure, captured.x.length]));
  `);
  assert.deepEqual(JSON.parse(output), ['capture `x` found nothing: /^(a+)+$/ does not match the body', 40]);
});

void test('JSONPath `match()` and `search()` in a filter: a catastrophic pattern finishes', () => {
  const output = isolated(`
    const { queryJsonPath } = require('./core/src/jsonpath.ts');
    const data = { hostile: { s: ${HOSTILE} }, fine: { s: 'aaa' } };
    console.log(JSON.stringify([
      queryJsonPath("$[?match(@.s, '(a+)+')]", data),
      queryJsonPath("$[?search(@.s, '^(a+)+$')]", data),
    ]));
  `);
  assert.deepEqual(JSON.parse(output), [[{ s: 'aaa' }], [{ s: 'aaa' }]]);
});
