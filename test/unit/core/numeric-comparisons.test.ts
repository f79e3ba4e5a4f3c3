// gt/gte/lt/lte take numeric strings on either side (a regex capture is a string): in validation
// and in a run alike; a string that does not spell a decimal number stays a clear failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMatcher } from '../../../core/src/expect/evaluate.js';
import { asNumber } from '../../../core/src/expect/values.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const check = (matcher: Record<string, unknown>, actual: unknown) =>
  evaluateMatcher(matcher, actual, { baseDir: '/tmp' });

function diagnostics(matcher: string): string[] {
  const text = `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            $.x: ${matcher}\n`;
  const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
  return validateSuite(doc, { checkVariables: false, checkFiles: false }).diagnostics.map(
    (item) => `${item.code}: ${item.message}`,
  );
}

void describe('numeric strings in comparisons', () => {
  void test('decimal and exponent spellings are numbers, trimmed; hex, blanks and infinities are not', () => {
    for (const [text, value] of [
      ['9', 9],
      [' 9 ', 9],
      ['-1.5', -1.5],
      ['+2', 2],
      ['.5', 0.5],
      ['1e3', 1000],
      ['2.5E-1', 0.25],
    ] as const)
      assert.equal(asNumber(text), value, JSON.stringify(text));
    for (const text of ['', '  ', '0x1A', '0b11', 'Infinity', '1,5', '12px', 'NaN', '1e'])
      assert.equal(asNumber(text), undefined, JSON.stringify(text));
  });

  void test('an argument that is a numeric string validates and compares', () => {
    assert.deepEqual(diagnostics('{ gte: "9", lt: "1e3", gt: " 1 ", lte: "-0.5e1" }'), []);
    assert.equal(check({ gte: '9' }, 9).passed, true);
    assert.equal(check({ gte: '9' }, '10').passed, true);
    assert.equal(check({ lt: '10' }, '9.5').passed, true);
    assert.equal(check({ gt: '10' }, '9').expectation, 'greater than 10');
  });

  void test('a non-numeric argument is flagged in validation and fails the run with the same words', async () => {
    const [problem] = diagnostics('{ gte: abc }');
    assert.equal(problem, 'wrong-type: `gte` needs a number or a numeric string such as "9", got "abc".');
    assert.ok(diagnostics('{ lt: "0x10" }')[0]?.startsWith('wrong-type: `lt` needs a number'));
    assert.deepEqual(check({ gte: 'abc' }, 1).problems, [
      '`gte` needs a number or a numeric string such as "9", got "abc"',
    ]);
  });

  void test('a non-numeric actual value is a failure that shows the value', () => {
    const outcome = check({ gt: 1 }, 'many');
    assert.equal(outcome.passed, false);
    assert.equal(outcome.expectation, 'a number greater than 1');
    assert.equal(check({ lte: 5 }, '0x3').passed, false);
  });

  void test('a regex-captured number compares with a literal and with a captured number', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - POST: /users
        json: { name: Ada }
        capture:
          idText: { regex: "/users/(\\\\d+)", from: location }
      - GET: /echo/\${idText}
        expect:
          json:
            $.path: { match: "^/echo/1$" }
      - GET: /status/200
        expect:
          json:
            $.status: { gt: "\${idText}", gte: "200", lt: "3e2" }
`,
      server.url,
    );
    const third = step(result.result, 2);
    assert.equal(third.outcome, 'passed', third.expectations.map((e) => e.message).join('; '));
  });
});
