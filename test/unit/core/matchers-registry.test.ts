// One matcher registry: validation (and through it the editor's completion and hover) reads the
// engine's MATCHERS, so what `bluebook validate` flags is exactly what a run rejects.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findMatcher, MATCHERS } from '../../../core/src/expect/registry.js';
import { evaluateMatcher } from '../../../core/src/expect/evaluate.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { OPERATOR_NAMES, OPERATORS, operatorInfo } from '../../../core/src/validate/operators.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const suiteWith = (matcher: string): string =>
  `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            $.x: ${matcher}\n`;

function validationCodes(text: string): string[] {
  const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
  return validateSuite(doc, { checkVariables: false, checkFiles: false }).diagnostics.map(
    (item) => item.code,
  );
}

void describe('matcher registry', () => {
  void test('validation reads the engine registry: same operators, same docs, same argument checks', () => {
    assert.equal(OPERATORS, MATCHERS);
    assert.deepEqual(
      OPERATOR_NAMES,
      MATCHERS.map((matcher) => matcher.name),
    );
    for (const matcher of MATCHERS) assert.equal(operatorInfo(matcher.name), findMatcher(matcher.name));
    assert.equal(operatorInfo('greaterThan'), undefined);
  });

  void test('an argument the engine rejects is flagged; one it accepts is not', async () => {
    // `length` needs a whole number ≥ 0: -1 is wrong for validation and for a run alike.
    assert.ok(validationCodes(suiteWith('{ length: -1 }')).includes('wrong-type'));
    const rejected = await run(
      `tests:\n  t:\n    steps:\n      - GET: /echo\n        expect: { json: { $.path: { length: -1 } } }\n`,
      server.url,
    );
    assert.match(step(rejected.result).expectations[0].message, /`length` needs a whole number/);

    // A regex only the legacy syntax accepts compiles in a run, so validation accepts it too.
    assert.deepEqual(validationCodes(suiteWith('{ match: "[\\\\w-.]+" }')), []);
    const accepted = await run(
      `tests:\n  t:\n    steps:\n      - GET: /echo/a-b\n        expect: { json: { $.path: { match: "^/echo/[\\\\w-.]+$" } } }\n`,
      server.url,
    );
    assert.equal(step(accepted.result).outcome, 'passed', step(accepted.result).expectations[0]?.message);
    assert.ok(validationCodes(suiteWith('{ match: "(" }')).includes('invalid-regex'));
  });
});

void describe('empty and length measure alike', () => {
  const check = (matcher: Record<string, unknown>, actual: unknown) =>
    evaluateMatcher(matcher, actual, { baseDir: '/tmp' });
  test('strings, lists and objects (by key count); other values have no size', () => {
    for (const [value, size] of [
      ['abc', 3],
      [[1, 2], 2],
      [{ a: 1, b: 2, c: 3 }, 3],
      ['', 0],
      [[], 0],
      [{}, 0],
    ] as const) {
      assert.equal(check({ length: size }, value).passed, true, `length ${JSON.stringify(value)}`);
      assert.equal(
        check({ length: { gte: size } }, value).passed,
        true,
        `length matcher ${JSON.stringify(value)}`,
      );
      assert.equal(check({ empty: size === 0 }, value).passed, true, `empty ${JSON.stringify(value)}`);
      assert.equal(check({ empty: size !== 0 }, value).passed, false, `not empty ${JSON.stringify(value)}`);
    }
    for (const value of [42, true, null, undefined]) {
      assert.equal(check({ length: 0 }, value).expectation, 'of length 0');
      assert.equal(check({ empty: true }, value).expectation, 'empty');
      assert.equal(check({ empty: false }, value).expectation, 'not empty');
    }
  });
});
