// The JSONPath Compliance Test Suite (RFC 9535), all cases, through Bluebook's own query function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { nonStandardNames, queryJsonPath, validateJsonPath } from '../../../core/src/jsonpath.js';

interface CtsCase {
  name: string;
  selector: string;
  document?: unknown;
  result?: unknown[];
  results?: unknown[][];
  invalid_selector?: boolean;
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
  });
}
