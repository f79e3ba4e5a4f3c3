// GraphQL steps (SPEC §11): the JSON body sent, the shape checked, the `errors` in failure messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { parseSuite } from '../../../core/src/parse.js';
import { graphqlErrorsText } from '../../../core/src/graphql/request.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

function sent(result: Awaited<ReturnType<typeof run>>): { body: unknown; contentType: unknown } {
  const echo = JSON.parse(step(result.result).response?.body ?? 'null') as {
    body: string;
    contentType: unknown;
  };
  return { body: JSON.parse(echo.body), contentType: echo.contentType };
}

void describe('graphql steps', () => {
  void test('sends { query, variables, operationName } as JSON with variables interpolated', async () => {
    const result = await run(
      `tests:
  t:
    steps:
      - POST: /echo
        graphql:
          query: |
            query Hello($name: String) { hello(name: $name) }
          variables: { name: "\${baseUrl}", n: 3 }
          operationName: Hello
`,
      server.url,
    );
    const { body, contentType } = sent(result);
    assert.equal(contentType, 'application/json');
    assert.deepEqual(body, {
      query: 'query Hello($name: String) { hello(name: $name) }\n',
      variables: { name: server.url, n: 3 },
      operationName: 'Hello',
    });
  });

  void test('a query string alone is sent as { query }', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - POST: /echo\n        graphql: "{ hello }"\n`,
      server.url,
    );
    assert.deepEqual(sent(result).body, { query: '{ hello }' });
  });

  void test('a failed expectation names the GraphQL errors of the response', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - POST: /graphql\n        graphql: "{ nope }"\n        expect:\n          status: 200\n          json: { $.data.hello: hi }\n`,
      server.url,
    );
    const outcome = step(result.result);
    assert.equal(outcome.outcome, 'failed');
    const failed = outcome.expectations.filter((item) => !item.passed);
    assert.equal(failed.length, 1);
    assert.match(
      failed[0].message,
      /GraphQL errors: Cannot query field "nope" on type "Query"\. at nope \(query 1:3\)/,
    );
    assert.ok(!outcome.expectations.find((item) => item.passed)?.message.includes('GraphQL'));
  });

  void test('a passing step with data is not touched', async () => {
    const result = await run(
      `tests:\n  t:\n    steps:\n      - POST: /graphql\n        graphql: { query: "{ hello }", variables: { name: Ada } }\n        expect: { json: { $.data.hello: hello Ada } }\n`,
      server.url,
    );
    assert.equal(step(result.result).outcome, 'passed');
  });

  void test('a value of the wrong shape is a located wrong-type diagnostic', () => {
    for (const [value, marked] of [
      ['5', '5'],
      ['{ query: 1 }', '1'],
      ['{ query: "{ a }", vars: {} }', 'vars'],
      ['{ query: "{ a }", variables: [1] }', '[1]'],
    ]) {
      const text = `tests:\n  t:\n    steps:\n      - POST: /graphql\n        graphql: ${value}\n`;
      const doc = parseSuite(text, 'suite.bluebook.yaml');
      const problem = doc.diagnostics.find((item) => item.code === 'wrong-type');
      assert.ok(problem, value);
      assert.equal(at(text, problem.span), marked);
    }
  });

  void test('graphqlErrorsText lists message, path and locations; ignores bodies without errors', () => {
    assert.equal(
      graphqlErrorsText({
        errors: [
          { message: 'A', path: ['user', 0, 'name'], locations: [{ line: 2, column: 5 }] },
          { message: 'B' },
        ],
      }),
      'GraphQL errors: A at user.0.name (query 2:5); B',
    );
    assert.equal(graphqlErrorsText({ data: {} }), undefined);
    assert.equal(graphqlErrorsText({ errors: [] }), undefined);
    assert.equal(graphqlErrorsText('text'), undefined);
  });
});
