// `use:` (SPEC §7): another test's steps run in place, with `with` variables, captures visible
// afterwards, nested uses, cycles and missing targets as errored steps, failures located in the used file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { parseSuite } from '../../../core/src/parse.js';
import { runFiles, runSuiteFile } from '../../../core/src/run/files.js';
import { SuiteLoader } from '../../../core/src/use/loader.js';
import { at, tempFolder } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const AUTH = `variables:
  user: nobody
  password: secret
tests:
  login:
    steps:
      - POST: /login
        json: { user: "\${user}", password: "\${password}" }
        expect: { status: 200 }
        capture: { token: $.token }
`;

function runIn(
  files: Record<string, string>,
  main = 'main.bluebook.yaml',
  vars: Record<string, unknown> = {},
) {
  const folder = tempFolder(files);
  return {
    folder,
    result: runSuiteFile(join(folder, main), {
      config: false,
      environment: { baseUrl: server.url },
      overrides: vars,
      keepRecords: 'all',
    }),
  };
}

void describe('use', () => {
  void test('runs the used steps in place; `with` wins inside; captures are visible afterwards', async () => {
    const { folder, result } = runIn({
      'auth.bluebook.yaml': AUTH,
      'main.bluebook.yaml': `variables:
  who: admin
tests:
  profile:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { user: "\${who}" }
      - GET: /secure
        headers: { authorization: "Bearer \${token}" }
        expect: { status: 200 }
`,
    });
    const suite = await result;
    const steps = suite.tests[0].steps;
    assert.deepEqual(
      steps.map((step) => [step.name, step.outcome, step.file]),
      [
        ['login › POST /login', 'passed', join(folder, 'auth.bluebook.yaml')],
        ['GET /secure', 'passed', undefined],
      ],
    );
    assert.equal(steps[0].index, 0);
    assert.equal(JSON.parse(steps[0].request?.body ?? '{}').user, 'admin');
  });

  void test('`with` is above `--var` inside the used steps; the used suite’s variables below it', async () => {
    const { result } = runIn(
      {
        'auth.bluebook.yaml': AUTH,
        'main.bluebook.yaml': `tests:
  t:
    steps:
      - use: auth.bluebook.yaml#login
        with: { user: admin }
`,
      },
      'main.bluebook.yaml',
      { user: 'overridden' },
    );
    const step = (await result).tests[0].steps[0];
    assert.equal(step.outcome, 'passed');
    assert.deepEqual(JSON.parse(step.request?.body ?? '{}'), { user: 'admin', password: 'secret' });
  });

  void test('`#id` uses a test of the same file; its captures reach the following steps', async () => {
    const { result } = runIn({
      'main.bluebook.yaml': `tests:
  create:
    steps:
      - POST: /users
        json: { name: Ada }
        capture: { id: $.id }
  read:
    steps:
      - use: "#create"
      - GET: /users/\${id}
        expect: { json: { $.name: Ada } }
`,
    });
    const read = (await result).tests[1];
    assert.deepEqual(
      read.steps.map((step) => [step.name, step.outcome, step.file]),
      [
        ['create › POST /users', 'passed', undefined],
        [`GET ${server.url}/users/2`, 'passed', undefined],
      ],
    );
  });

  void test('nested uses chain their names; each used file is parsed once per run', async () => {
    const files = {
      'auth.bluebook.yaml': AUTH,
      'session.bluebook.yaml': `tests:
  session:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { user: admin }
      - GET: /secure
        headers: { authorization: "Bearer \${token}" }
`,
      'a.bluebook.yaml': `tests:
  one:
    steps: [{ use: ./session.bluebook.yaml#session }, { use: ./auth.bluebook.yaml#login, with: { user: admin } }]
  two:
    steps: [{ use: ./session.bluebook.yaml#session }]
`,
    };
    const folder = tempFolder(files);
    const reads: string[] = [];
    const suites = new SuiteLoader(async (path) => {
      reads.push(path);
      return files[path.slice(folder.length + 1) as keyof typeof files];
    });
    const [suite] = await runFiles([join(folder, 'a.bluebook.yaml')], {
      config: false,
      environment: { baseUrl: server.url },
      suites,
    });
    assert.deepEqual(
      suite.tests[0].steps.map((step) => [step.name, step.outcome]),
      [
        ['session › login › POST /login', 'passed'],
        ['session › GET /secure', 'passed'],
        ['login › POST /login', 'passed'],
      ],
    );
    assert.equal(suite.tests[0].steps[0].file, join(folder, 'auth.bluebook.yaml'));
    assert.equal(suite.tests[0].steps[1].file, join(folder, 'session.bluebook.yaml'));
    assert.equal(suite.tests[1].outcome, 'passed');
    assert.deepEqual(reads.sort(), [
      join(folder, 'auth.bluebook.yaml'),
      join(folder, 'session.bluebook.yaml'),
    ]);
  });

  void test('a cycle errors the use step with the chain, never overflowing the stack', async () => {
    const { result } = runIn({
      'main.bluebook.yaml': `tests:
  a:
    steps: [{ use: ./other.bluebook.yaml#b }]
  self:
    steps: [{ use: "#self" }]
`,
      'other.bluebook.yaml': `tests:
  b:
    steps: [{ use: ./main.bluebook.yaml#a }]
`,
    });
    const suite = await result;
    const [a, self] = suite.tests;
    assert.equal(a.outcome, 'errored');
    assert.equal(a.steps.length, 1);
    assert.equal(a.steps[0].name, 'b › use ./main.bluebook.yaml#a');
    assert.match(a.steps[0].error?.message ?? '', /^`use` cycle: #a → \.\/other\.bluebook\.yaml#b → #a/);
    assert.equal(self.outcome, 'errored');
    assert.match(self.steps[0].error?.message ?? '', /^`use` cycle: #self → #self/);
  });

  void test('a missing file or test errors the step; a misspelt id gets a suggestion', async () => {
    const { folder, result } = runIn({
      'auth.bluebook.yaml': AUTH,
      'main.bluebook.yaml': `tests:
  typo:
    steps: [{ use: ./auth.bluebook.yaml#logn }, { GET: /health }]
  nofile:
    steps: [{ use: ./gone.bluebook.yaml#login }]
`,
    });
    const [typo, nofile] = (await result).tests;
    assert.equal(typo.outcome, 'errored');
    assert.equal(
      typo.steps[0].error?.message,
      'test `logn` not found in ./auth.bluebook.yaml — did you mean `login`?',
    );
    assert.equal(typo.steps[1].outcome, 'skipped');
    assert.equal(
      nofile.steps[0].error?.message,
      `\`./gone.bluebook.yaml\` not found (looked for ${join(folder, 'gone.bluebook.yaml')}); the path is relative to the using suite's folder.`,
    );
  });

  void test('a used file with YAML errors errors the use step naming that file', async () => {
    const { result } = runIn({
      'broken.bluebook.yaml': 'tests:\n  login:\n    steps: [\n',
      'main.bluebook.yaml': 'tests:\n  t:\n    steps: [{ use: ./broken.bluebook.yaml#login }]\n',
    });
    const step = (await result).tests[0].steps[0];
    assert.equal(step.outcome, 'errored');
    assert.match(
      step.error?.message ?? '',
      /^`\.\/broken\.bluebook\.yaml` is not a valid suite \(broken\.bluebook\.yaml:\d+:\d+: /,
    );
  });

  void test('a failure inside is located in the used file; the rest is not run', async () => {
    const { folder, result } = runIn({
      'auth.bluebook.yaml': AUTH,
      'main.bluebook.yaml': `tests:
  t:
    steps:
      - use: ./auth.bluebook.yaml#login
      - GET: /health
`,
    });
    const suite = await result;
    const [used, next] = suite.tests[0].steps;
    assert.equal(used.outcome, 'failed');
    assert.equal(used.file, join(folder, 'auth.bluebook.yaml'));
    const failed = used.expectations.find((item) => !item.passed);
    assert.equal(at(AUTH, failed?.span), 'status: 200');
    assert.equal(at(AUTH, used.methodSpan), 'POST');
    assert.equal(next.outcome, 'skipped');
  });

  void test('an undefined variable inside says `with` can pass it', async () => {
    const { result } = runIn({
      'lib.bluebook.yaml': 'tests:\n  greet:\n    steps: [{ GET: "/echo?who=${who}" }]\n',
      'main.bluebook.yaml': 'tests:\n  t:\n    steps: [{ use: ./lib.bluebook.yaml#greet }]\n',
    });
    const step = (await result).tests[0].steps[0];
    assert.equal(step.outcome, 'errored');
    assert.match(step.error?.message ?? '', /variable `who` is not defined; .*`with: \{ who: … \}`/);
  });

  void test('a `before` step may use a test: its captures reach every test', async () => {
    const { folder, result } = runIn({
      'auth.bluebook.yaml': AUTH,
      'main.bluebook.yaml': `before:
  - use: ./auth.bluebook.yaml#login
    with: { user: admin }
tests:
  t:
    steps:
      - GET: /secure
        headers: { authorization: "Bearer \${token}" }
        expect: { status: 200 }
`,
    });
    const suite = await result;
    assert.deepEqual(
      suite.before.map((step) => [step.phase, step.name, step.outcome, step.file]),
      [['before', 'login › POST /login', 'passed', join(folder, 'auth.bluebook.yaml')]],
    );
    assert.equal(suite.tests[0].outcome, 'passed');
  });

  void test('a secret given by `with` is redacted from the used steps’ records', async () => {
    const folder = tempFolder({
      'auth.bluebook.yaml': AUTH,
      'main.bluebook.yaml': `tests:
  t:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { password: hunter2 }
`,
    });
    const suite = await runSuiteFile(join(folder, 'main.bluebook.yaml'), {
      config: false,
      environment: { baseUrl: server.url },
      secretNames: ['password'],
    });
    const step = suite.tests[0].steps[0];
    assert.equal(step.outcome, 'failed');
    assert.ok(step.request?.body?.includes('•••'), step.request?.body);
    assert.ok(!JSON.stringify(suite).includes('hunter2'));
  });

  void test('a skipped use step is one skipped step; the used file is not read', async () => {
    const { result } = runIn({
      'main.bluebook.yaml': 'tests:\n  t:\n    steps: [{ use: ./gone.bluebook.yaml#x, skip: later }]\n',
    });
    const step = (await result).tests[0].steps[0];
    assert.deepEqual(
      [step.name, step.outcome, step.skipReason],
      ['use ./gone.bluebook.yaml#x', 'skipped', 'later'],
    );
  });

  void test('parse: `use: #id` unquoted is a YAML comment, and the message says to quote it', () => {
    const text = 'tests:\n  t:\n    steps:\n      - use: #login\n';
    const doc = parseSuite(text, 'x.bluebook.yaml');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, at(text, d.span), d.message]),
      [
        [
          'wrong-type',
          'use',
          '`#login` after `use:` is a YAML comment, so `use` is empty: quote it, `use: "#login"`.',
        ],
      ],
    );
  });

  void test('parse: `use` with a method key or request keys, `with` without `use`', () => {
    const text = `tests:
  t:
    steps:
      - use: "#x"
        GET: /a
        expect: { status: 200 }
      - GET: /b
        with: { a: 1 }
      - use: nothing
`;
    const doc = parseSuite(text, 'x.bluebook.yaml');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, at(text, d.span), d.message]),
      [
        [
          'wrong-type',
          'GET',
          'a step has either a method key or `use`, not both: `use` runs the steps of `#x`. Put `GET` in a step of its own.',
        ],
        [
          'wrong-type',
          'expect',
          "`expect` does not apply to a `use` step: the used test's steps carry their own requests, expectations and captures. Move it to a step of its own.",
        ],
        [
          'wrong-type',
          'with',
          '`with` gives variables to the steps of a `use` step; this step sends its own request. Add `use: ./file.bluebook.yaml#test-id` instead of the method key, or remove `with`.',
        ],
        [
          'wrong-type',
          'nothing',
          '`use: nothing` names no test: write `./file.bluebook.yaml#test-id`, or `#test-id` for a test of this file',
        ],
      ],
    );
    const use = doc.suite?.tests[0].steps[0].use;
    assert.equal(use?.target, '#x');
    assert.equal(text.slice(use?.targetOffset, (use?.targetOffset ?? 0) + 2), '#x');
  });
});
