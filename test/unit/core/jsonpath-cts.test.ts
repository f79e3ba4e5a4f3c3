// The JSONPath Compliance Test Suite (RFC 9535), all cases, through Bluebook's own query function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  isSingularJsonPath,
  nonStandardNames,
  queryJsonPath,
  selectJsonPath,
  validateJsonPath,
} from '../../../core/src/jsonpath.js';

interface CtsCase {
  name: string;
  selector: string;
  document?: unknown;
  result?: unknown[];
  results?: unknown[][];
  invalid_selector?: boolean;
}

/** json-p3's own evaluation of what `selectJsonPath` returns: the reference for its singular walk. */
function selectJsonPathByLibrary(path: string, data: unknown): { singular: boolean; value: unknown } {
  const values = queryJsonPath(path, data);
  return isSingularJsonPath(path) ? { singular: true, value: values[0] } : { singular: false, value: values };
}

const cts = JSON.parse(readFileSync(join(__dirname, '../../fixtures/jsonpath-cts/cts.json'), 'utf8')) as {
  tests: CtsCase[];
};

void test('the compliance suite has all 703 cases', () => {
  assert.equal(cts.tests.length, 703);
});

void test('no valid CTS selector is reported as non-standard', () => {
  const valid = cts.tests.filter((item) => !item.invalid_selector);
  assert.ok(valid.length > 400);
  const flagged = valid.filter((item) => nonStandardNames(item.selector).length > 0);
  assert.deepEqual(
    flagged.map((item) => item.selector),
    [],
  );
});

for (const item of cts.tests) {
  void test(`CTS: ${item.name}`, () => {
    if (item.invalid_selector) {
      assert.throws(() => queryJsonPath(item.selector, {}));
      assert.ok(validateJsonPath(item.selector), 'validateJsonPath reports the invalid selector');
      return;
    }
    assert.equal(validateJsonPath(item.selector), undefined);
    const actual = queryJsonPath(item.selector, item.document);
    const candidates = item.results ?? [item.result];
    assert.ok(
      candidates.some((candidate) => isDeepStrictEqual(actual, candidate)),
      `got ${JSON.stringify(actual)}, expected ${JSON.stringify(candidates)}`,
    );
    // What expectations and captures read: a singular query's value is walked without json-p3's
    // node list (jsonpath.ts), and must be what the library selects.
    const selected = selectJsonPath(item.selector, item.document);
    assert.deepEqual(selected, selectJsonPathByLibrary(item.selector, item.document));
    if (isSingularJsonPath(item.selector)) assert.deepEqual(selected.value, actual[0]);
  });
}

void test('the singular walk agrees with json-p3 where objects, arrays and indexes meet', () => {
  const documents: unknown[] = [
    { a: { b: [10, 20, { c: null }] }, '0': 'zero', '': 'empty', __proto__: 'proto' },
    JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}'),
    [[1, 2], { a: 1 }, 'str', null, false, 0],
    'text',
    null,
    42,
  ];
  const paths = [
    '$',
    '$.a',
    '$.a.b',
    '$.a.b[0]',
    '$.a.b[-1]',
    '$.a.b[-3]',
    '$.a.b[-4]',
    '$.a.b[3]',
    '$.a.b[2].c',
    '$.a.b[2].c.d',
    "$['0']",
    '$[0]',
    "$['']",
    '$.__proto__',
    '$.__proto__.x',
    '$.constructor',
    '$.toString',
    '$.length',
    '$[0][1]',
    '$[1].a',
    '$[2][0]',
    '$[-1]',
    '$[-6]',
    '$[-7]',
    '$.a.*',
    '$..c',
  ];
  let singular = 0;
  for (const document of documents)
    for (const path of paths) {
      const fast = selectJsonPath(path, document);
      assert.deepEqual(
        fast,
        selectJsonPathByLibrary(path, document),
        `${path} on ${JSON.stringify(document)}`,
      );
      if (fast.singular) singular++;
    }
  assert.equal(singular, documents.length * (paths.length - 2));
});
