// A default is interpolated only where it is sent: a step that overrides `auth` or a header, or
// removes it with `null`, never evaluates the default's `${...}`. So `defaults: { auth: { bearer:
// ${accessToken} } }` works with a `before` login step that opts out with `auth: null`, and
// validation flags exactly the steps that would send a default before its variable exists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

type StepResult = ReturnType<typeof step>;

function headersOf(item: StepResult): Record<string, string> {
  assert.ok(item.response?.body, `${item.name} has a response: ${JSON.stringify(item.error)}`);
  return (JSON.parse(item.response.body) as { headers: Record<string, string> }).headers;
}

function sentHeaders(result: Awaited<ReturnType<typeof run>>['result'], index = 0): Record<string, string> {
  return headersOf(step(result, index));
}

function diagnostics(text: string): string[] {
  const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
  return validateSuite(doc, { checkFiles: false, overrides: ['baseUrl'] }).diagnostics.map(
    (item) => `${item.code} ${text.slice(item.span.start, item.span.end)}: ${item.message}`,
  );
}

const loginSuite = (loginAuth: string): string => `defaults:
  auth: { bearer: "\${accessToken}" }
before:
  - POST: /login
${loginAuth}    json: { user: admin, password: secret }
    capture:
      accessToken: $.token
  - GET: /echo/before
    auth: null
tests:
  t:
    steps:
      - GET: /secure
        expect: { status: 200 }
      - GET: /echo/t
`;

void describe('defaults are interpolated only where they are sent', () => {
  void test('a before login step with `auth: null` runs before the token exists; later steps send it', async () => {
    const { result } = await run(loginSuite('    auth: null\n'), server.url);
    assert.equal(result.before[0].outcome, 'passed', JSON.stringify(result.before[0].error));
    assert.equal(headersOf(result.before[1]).authorization, undefined);
    assert.equal(
      result.tests[0].outcome,
      'passed',
      JSON.stringify(result.tests[0].steps.map((s) => s.error)),
    );
    assert.equal(sentHeaders(result, 1).authorization, 'Bearer tok-123');
  });

  void test('without `auth: null` the login step errors at the default (it would send it)', async () => {
    const { result, text } = await run(loginSuite(''), server.url);
    const error = result.before[0].error;
    assert.equal(result.before[0].outcome, 'errored');
    assert.match(error?.message ?? '', /accessToken/);
    assert.match(at(text, error?.span), /^auth: \{ bearer: "\$\{accessToken\}" \}$/);
  });

  void test('a step overriding a header or `auth` never evaluates the default', async () => {
    const { result } = await run(
      `defaults:
  headers: { x-token: "\${missing}", x-keep: kept }
  auth: { bearer: "\${alsoMissing}" }
tests:
  t:
    steps:
      - GET: /echo/a
        headers: { X-Token: own, X-KEEP: null }
        auth: { basic: { username: u, password: p } }
      - GET: /echo/b
        headers: { x-token: null }
        auth: null
`,
      server.url,
    );
    assert.equal(
      result.tests[0].outcome,
      'passed',
      JSON.stringify(result.tests[0].steps.map((s) => s.error)),
    );
    const first = sentHeaders(result, 0);
    assert.equal(first['x-token'], 'own');
    assert.equal(first['x-keep'], undefined);
    assert.match(first.authorization, /^Basic /);
    const second = sentHeaders(result, 1);
    assert.equal(second['x-token'], undefined);
    assert.equal(second['x-keep'], 'kept');
    assert.equal(second.authorization, undefined);
  });

  void test('suite `auth: null` and header `null` remove what the config defaults set', async () => {
    const config = parseSuite(
      'defaults:\n  auth: { bearer: "${nowhere}" }\n  headers: { X-From-Config: "${nowhere}", x-other: yes }\n',
      '/tmp/c.bluebook.yaml',
    ).suite?.defaults;
    assert.ok(config);
    const { result } = await run(
      'defaults:\n  auth: null\n  headers: { x-from-config: null }\ntests:\n  t:\n    steps:\n      - GET: /echo\n',
      server.url,
      { configDefaults: config },
    );
    assert.equal(result.tests[0].outcome, 'passed', JSON.stringify(result.tests[0].steps[0].error));
    const headers = sentHeaders(result);
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-from-config'], undefined);
    assert.equal(headers['x-other'], 'yes');
  });
});

void describe('`null` to remove a default: parse and schema', () => {
  const schema = JSON.parse(readFileSync('schemas/bluebook.schema.json', 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  for (const value of ['null', '~', '']) {
    void test(`\`auth: ${value}\` parses on a step and in defaults`, () => {
      const text = `defaults:\n  auth: ${value}\ntests:\n  t:\n    steps:\n      - GET: http://h/x\n        auth: ${value}\n        headers: { X-Name: null }\n`;
      const doc = parseSuite(text, '/tmp/x.bluebook.yaml');
      assert.deepEqual(doc.diagnostics, []);
      assert.equal(doc.suite?.defaults?.auth?.value, null);
      assert.equal(doc.suite?.tests[0].steps[0].auth?.value, null);
    });
  }

  void test('the schema accepts `auth: null` and a `null` header', () => {
    const suite = {
      defaults: { auth: null, headers: { 'x-a': null } },
      tests: { t: { steps: [{ GET: '/x', auth: null, headers: { 'X-Name': null } }] } },
    };
    assert.ok(validate(suite), JSON.stringify(validate.errors));
    assert.equal(validate({ tests: { t: { steps: [{ GET: '/x', auth: 5 }] } } }), false);
  });

  void test('any other non-mapping `auth` keeps its message', () => {
    const doc = parseSuite(
      'tests:\n  t:\n    steps:\n      - GET: http://h/x\n        auth: 5\n',
      '/tmp/x.bluebook.yaml',
    );
    assert.deepEqual(
      doc.diagnostics.map((item) => item.message),
      ['`auth` must be a mapping (key: value lines).'],
    );
  });
});

void describe('validation agrees with the run', () => {
  void test('a default using a `before` capture is fine for the steps that run after it', () => {
    assert.deepEqual(diagnostics(loginSuite('    auth: null\n')), []);
  });

  void test('a step that sends the default before the capture exists is flagged at the default', () => {
    const found = diagnostics(loginSuite(''));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^capture-before-definition accessToken: /);
    assert.match(found[0], /step 1 of `before`/);
    assert.match(found[0], /auth: null/);
  });

  void test('a default using one test’s capture is flagged for the other tests that send it', () => {
    const found = diagnostics(`defaults:
  headers: { x-id: "\${id}" }
tests:
  a:
    steps:
      - POST: /things
        headers: { x-id: null }
        capture: { id: $.id }
      - GET: /things/\${id}
  b:
    steps:
      - GET: /other
`);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^capture-before-definition id: /);
    assert.match(found[0], /step 1 of test `b`/);
  });

  void test('a default overridden by every step that would lack the variable is not flagged', () => {
    assert.deepEqual(
      diagnostics(`defaults:
  headers: { X-Id: "\${id}" }
tests:
  a:
    steps:
      - POST: /things
        headers: { x-id: none }
        capture: { id: $.id }
      - GET: /things
`),
      [],
    );
  });

  void test('a default naming a variable defined nowhere stays an undefined variable', () => {
    const found = diagnostics(
      'defaults:\n  auth: { bearer: "${nope}" }\ntests:\n  t:\n    steps:\n      - GET: /x\n        auth: null\n',
    );
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^undefined-variable nope: /);
  });
});
