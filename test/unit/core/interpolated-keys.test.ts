// `${...}` in JSONPath keys (expect.json, captures) and in header/query names: interpolated before
// the path is compiled, each value written as a JSONPath literal; validation checks the syntax
// around it without flagging the `${...}`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Scope, interpolateJsonPath } from '../../../core/src/interpolate.js';
import { validateJsonPathTemplate } from '../../../core/src/jsonpath.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const scope = new Scope({
  captures: { id: 7, name: 'Ann "the" O\'Neil', field: 'name', spaced: 'first name', i: 1, flag: true },
});

void describe('interpolated keys', () => {
  void test('values become JSONPath literals where they stand', () => {
    const cases: [string, string][] = [
      ['$.users[?@.id == ${id}].name', '$.users[?@.id == 7].name'],
      ['$[?@.name == ${name}]', '$[?@.name == "Ann \\"the\\" O\'Neil"]'],
      ['$[?@.ok == ${flag}]', '$[?@.ok == true]'],
      ['$.items[${i}]', '$.items[1]'],
      ['$.user.${field}', '$.user.name'],
      ['$.user.${spaced}', '$.user["first name"]'],
      ['$..${spaced}', '$..["first name"]'],
      ['$.user.${i}', '$.user[1]'],
      ['$["${name}"]', '$["Ann \\"the\\" O\'Neil"]'],
      ["$['${name}']", "$['Ann \"the\" O\\'Neil']"],
      ['$.price$${x}', '$.price${x}'],
      ['$.plain', '$.plain'],
    ];
    for (const [template, expected] of cases)
      assert.equal(interpolateJsonPath(template, scope), expected, template);
  });

  void test('expect.json, captures and header/query names interpolate at run time', async () => {
    const text = `variables:
  who: Zed Q
  header: x-request-id
  sent: x-trace
  param: page
  spaced: first name
tests:
  t:
    steps:
      - POST: /users
        json: { name: "\${who}", "first name": Zed }
        capture: { id: $.id }
      - GET: /users
        capture:
          mine: $[?@.id == \${id}].name
        expect:
          json:
            $[?@.id == \${id}].name: ["Zed Q"]
            $[?@.name == \${who}].id: ["\${id}"]
            $[?@.id == \${id}][\${spaced}]: [Zed]
      - GET: /headers
        expect:
          headers:
            \${header}: req-42
      - GET: /echo
        headers: { "\${sent}": abc }
        query: { "\${param}": 2 }
        expect:
          json:
            $.headers.x-trace: abc
            $.query.page: ["2"]
`;
    const { result } = await run(text, server.url);
    for (let index = 0; index < 4; index++)
      assert.equal(
        step(result, index).outcome,
        'passed',
        JSON.stringify(
          step(result, index).expectations.find((item) => !item.passed) ?? step(result, index).error,
        ),
      );
    const keys = step(result, 1).expectations.map((item) => item.key);
    assert.match(keys[0] ?? '', /^\$\[\?@\.id == \d+\]\.name$/);
    assert.equal(keys[1], '$[?@.name == "Zed Q"].id');
  });

  void test('an undefined variable in a key errors the step at the key', async () => {
    const text = `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            $[?@.id == \${nobody}]: []\n`;
    const { result } = await run(text, server.url);
    const s = step(result);
    assert.equal(s.outcome, 'errored');
    assert.match(s.error?.message ?? '', /variable `nobody` is not defined/);
    assert.equal(at(text, s.error?.span), '$[?@.id == ${nobody}]');
  });

  void test('validation checks the syntax around `${...}` and does not flag it', () => {
    assert.equal(validateJsonPathTemplate('$.users[?@.id == ${userId}].name'), undefined);
    assert.equal(validateJsonPathTemplate('$.items[${from}:${to}]'), undefined);
    assert.equal(validateJsonPathTemplate("$['${key}']"), undefined);
    assert.equal(validateJsonPathTemplate('$.a.${field}'), undefined);
    const problem = validateJsonPathTemplate('$.users[?@.id == ${userId}');
    assert.ok(problem, 'an unclosed bracket is still an error');

    const suite = (key: string): string =>
      `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            "${key}": 1\n`;
    const codes = (key: string): string[] =>
      validateSuite(parseSuite(suite(key), '/tmp/k.bluebook.yaml'), {
        checkVariables: false,
        checkFiles: false,
      }).diagnostics.map((item) => item.code);
    assert.deepEqual(codes('$[?@.id == ${id}].name'), []);
    assert.deepEqual(codes('$[?@.id == ${id}.name'), ['invalid-jsonpath']);
  });
});
