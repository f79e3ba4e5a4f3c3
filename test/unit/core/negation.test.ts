// `not`: negates a matcher object (`not: { contains: x }`) or, given a literal, means "not equal".
// Declared once in the registry, so validation knows it like any operator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMatcher } from '../../../core/src/expect/registry.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const check = (matcher: Record<string, unknown>, actual: unknown) =>
  evaluateMatcher(matcher, actual, { baseDir: '/tmp' });

const suiteWith = (matcher: string): string =>
  `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            $.x: ${matcher}\n`;

function diagnostics(text: string): { code: string; message: string; text: string }[] {
  const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
  return validateSuite(doc, { checkVariables: false, checkFiles: false }).diagnostics.map((item) => ({
    code: item.code,
    message: item.message,
    text: text.slice(item.span.start, item.span.end),
  }));
}

void describe('the `not` matcher', () => {
  void test('negates every operator of a matcher object', () => {
    assert.equal(check({ not: { contains: 'x' } }, 'abc').passed, true);
    assert.equal(check({ not: { contains: 'b' } }, 'abc').passed, false);
    assert.equal(check({ not: { type: 'string' } }, 5).passed, true);
    assert.equal(check({ not: { gt: 0, lt: 10 } }, 20).passed, true, 'not (both): one failing is enough');
    assert.equal(check({ not: { gt: 0, lt: 10 } }, 5).passed, false);
    assert.equal(check({ not: { not: { eq: 1 } } }, 1).passed, true, 'double negation');
    assert.equal(check({ type: 'string', not: { startsWith: 'tmp-' } }, 'user-1').passed, true);
  });

  void test('a literal argument means "not equal" (deep), like `ne`', () => {
    assert.equal(check({ not: 5 }, 5).passed, false);
    assert.equal(check({ not: 5 }, 6).passed, true);
    assert.equal(check({ not: [1, 2] }, [1, 2]).passed, false);
    assert.equal(check({ not: 'deleted' }, 'active').passed, true);
    assert.equal(check({ not: null }, null).passed, false);
  });

  void test('failure messages read as a sentence', () => {
    assert.equal(check({ not: { contains: 'x' } }, 'xyz').expectation, 'a value not containing "x"');
    assert.equal(check({ not: 5 }, 5).expectation, 'a value not equal to 5');
    assert.equal(
      check({ not: { gt: 0, lt: 10 } }, 5).expectation,
      'a value not (greater than 0 and less than 10)',
    );
    assert.equal(check({ not: { type: 'integer' } }, 3).expectation, 'a value not of type integer');
    assert.equal(check({ not: { oneOf: [1, 2] } }, 1).expectation, 'a value not one of [ 1, 2 ]');
    assert.equal(check({ not: { exists: true } }, 1).expectation, 'a value not present');
  });

  void test('an absent value satisfies `not` unless the inner matcher holds for absent values', () => {
    assert.equal(check({ not: { contains: 'x' } }, undefined).passed, true);
    assert.equal(check({ not: { exists: true } }, undefined).passed, true);
    assert.equal(check({ not: { exists: false } }, undefined).passed, false);
    assert.equal(check({ not: 5 }, undefined).passed, true);
  });

  void test('problems inside the negated matcher are problems, not a pass', () => {
    const unknown = check({ not: { containz: 'x' } }, 'abc');
    assert.equal(unknown.passed, false);
    assert.deepEqual(unknown.problems, ['unknown matcher `containz` — did you mean `contains`?']);
    assert.deepEqual(check({ not: {} }, 'abc').problems, [
      'an empty matcher `{}` checks nothing; use `{ exists: true }` or a value',
    ]);
    assert.equal(check({ not: { gte: 'abc' } }, 1).passed, false);
  });

  void test('validation checks the negated matcher with exact spans', () => {
    assert.deepEqual(diagnostics(suiteWith('{ not: { contains: x }, type: string }')), []);
    assert.deepEqual(diagnostics(suiteWith('{ not: 5 }')), []);
    const text = suiteWith('{ not: { containz: x, gte: abc } }');
    const found = diagnostics(text);
    assert.deepEqual(
      found.map((item) => [item.code, item.text]),
      [
        ['unknown-matcher', 'containz'],
        ['wrong-type', 'abc'],
      ],
    );
    assert.match(found[0].message, /did you mean `contains`\?/);
  });

  void test('a run reports the negation in the expectation message', async () => {
    const text = `tests:
  t:
    steps:
      - GET: /headers
        expect:
          headers:
            x-request-id: { not: { startsWith: req- } }
            cache-control: { not: { contains: public } }
          json:
            $.ok: { not: false }
`;
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.deepEqual(
      s.expectations.map((e) => [e.key, e.passed]),
      [
        ['x-request-id', false],
        ['cache-control', true],
        ['$.ok', true],
      ],
    );
    assert.equal(
      s.expectations[0].message,
      'expected header `x-request-id` to be a value not starting with "req-", got "req-42"',
    );
    assert.equal(at(text, s.expectations[0].span), 'x-request-id: { not: { startsWith: req- } }');
  });
});
