// Validation of `use:` steps: use-not-found (file or id, with "did you mean"), use-cycle with the
// chain, other suites read through the context's `readSuite`, and variables a use brings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { at, tempFolder } from './helpers.js';

const AUTH = `variables: { user: nobody }
tests:
  login:
    steps:
      - POST: /login
        json: { user: "\${user}" }
        capture: { token: $.token }
`;

/** Validates `text` as main.bluebook.yaml beside the given files (read from memory). */
function check(text: string, files: Record<string, string> = {}, folder = '/project') {
  const reads: string[] = [];
  const doc = parseSuite(text, join(folder, 'main.bluebook.yaml'));
  const result = validateSuite(doc, {
    suitePath: join(folder, 'main.bluebook.yaml'),
    checkFiles: false,
    readSuite: (path) => {
      reads.push(path);
      const name = path.slice(folder.length + 1);
      return name in files ? parseSuite(files[name], path) : undefined;
    },
  });
  return {
    reads,
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      at: at(text, d.span),
      message: d.message,
      fixes: d.fixes,
    })),
  };
}

void describe('use validation', () => {
  void test('a misspelt test id is reported at the id with a suggestion and a fix', () => {
    const text = 'tests:\n  t:\n    steps:\n      - use: ./auth.bluebook.yaml#logn\n';
    const { diagnostics } = check(text, { 'auth.bluebook.yaml': AUTH });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'use-not-found');
    assert.equal(diagnostics[0].at, 'logn');
    assert.equal(
      diagnostics[0].message,
      'test `logn` not found in ./auth.bluebook.yaml — did you mean `login`?',
    );
    assert.equal(diagnostics[0].fixes?.[0].newText, 'login');
  });

  void test('a missing file is reported at the path; a missing id of this file at the id', () => {
    const text =
      'tests:\n  t:\n    steps:\n      - use: "./gone.bluebook.yaml#login"\n      - use: "#nope"\n';
    const { diagnostics } = check(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.at, d.message]),
      [
        [
          'use-not-found',
          './gone.bluebook.yaml',
          "`./gone.bluebook.yaml` not found (looked for /project/gone.bluebook.yaml); the path is relative to the using suite's folder.",
        ],
        ['use-not-found', 'nope', 'test `nope` not found in this suite'],
      ],
    );
  });

  void test('a used file with errors is reported naming that file', () => {
    const text = 'tests:\n  t:\n    steps: [{ use: ./bad.bluebook.yaml#x }]\n';
    const { diagnostics } = check(text, { 'bad.bluebook.yaml': 'tests:\n  x:\n    steps: [{ GRT: /a }]\n' });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].at, './bad.bluebook.yaml');
    assert.match(
      diagnostics[0].message,
      /^`\.\/bad\.bluebook\.yaml` is not a valid suite \(bad\.bluebook\.yaml:3:/,
    );
  });

  void test('cycles across files and a test using itself are use-cycle with the chain', () => {
    const text = `tests:
  a:
    steps: [{ use: ./b.bluebook.yaml#b }]
  self:
    steps: [{ use: "#self" }]
  fine:
    steps: [{ use: "#a" }]
`;
    const { diagnostics } = check(text, {
      'b.bluebook.yaml': 'tests:\n  b:\n    steps: [{ use: ./c.bluebook.yaml#c }]\n',
      'c.bluebook.yaml': 'tests:\n  c:\n    steps: [{ use: ./main.bluebook.yaml#a }]\n',
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.at, d.message]),
      [
        [
          'use-cycle',
          './b.bluebook.yaml#b',
          '`use` cycle: #a → ./b.bluebook.yaml#b → ./c.bluebook.yaml#c → #a; a test cannot use itself, directly or through the tests it uses.',
        ],
        [
          'use-cycle',
          '"#self"',
          '`use` cycle: #self → #self; a test cannot use itself, directly or through the tests it uses.',
        ],
      ],
    );
  });

  void test('each other suite is read once through readSuite', () => {
    const text = `tests:
  t:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { user: admin }
      - GET: /me
        headers: { authorization: "Bearer \${token}" }
      - use: ./auth.bluebook.yaml#login
`;
    const { diagnostics, reads } = check(text, { 'auth.bluebook.yaml': AUTH });
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(reads, ['/project/auth.bluebook.yaml']);
  });

  void test('a used test’s captures are visible after the use step, not before', () => {
    const text = `tests:
  t:
    steps:
      - GET: /early/\${token}
      - use: ./auth.bluebook.yaml#login
      - GET: /late/\${token}
`;
    const { diagnostics } = check(text, { 'auth.bluebook.yaml': AUTH });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.at]),
      [['undefined-variable', 'token']],
    );
    assert.match(diagnostics[0].message, /^undefined variable `token`/);
  });

  void test('after a use whose target is unknown, its captures are not reported undefined', () => {
    const text = `tests:
  t:
    steps:
      - use: ./gone.bluebook.yaml#login
      - GET: /me/\${token}
  other:
    steps:
      - GET: /x/\${token}
`;
    assert.deepEqual(
      check(text).diagnostics.map((d) => [d.code, d.at]),
      [
        ['use-not-found', './gone.bluebook.yaml'],
        ['undefined-variable', 'token'],
      ],
    );
    const untitled = parseSuite(text, 'untitled:Untitled-1');
    assert.deepEqual(
      validateSuite(untitled).diagnostics.map((d) => [d.code, at(text, d.span)]),
      [['undefined-variable', 'token']],
    );
  });

  void test('a `use` step sends no request: suite defaults are not checked on it', () => {
    const text = `defaults:
  headers: { authorization: "Bearer \${token}" }
tests:
  t:
    steps:
      - use: ./auth.bluebook.yaml#login
      - GET: /me
`;
    assert.deepEqual(check(text, { 'auth.bluebook.yaml': AUTH }).diagnostics, []);
  });

  void test('`with` names are defined inside a test of this suite used with them', () => {
    const text = `tests:
  greet:
    steps:
      - GET: /hello/\${who}
  t:
    steps:
      - use: "#greet"
        with: { who: "\${me}" }
`;
    const { diagnostics } = check(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.at]),
      [['undefined-variable', 'me']],
    );
  });

  void test('the default reader reads other suites from disk', () => {
    const folder = tempFolder({ 'auth.bluebook.yaml': AUTH });
    const text = 'tests:\n  t:\n    steps: [{ use: ./auth.bluebook.yaml#login }, { GET: "/x/${token}" }]\n';
    const doc = parseSuite(text, join(folder, 'main.bluebook.yaml'));
    const result = validateSuite(doc, { suitePath: join(folder, 'main.bluebook.yaml') });
    assert.deepEqual(result.diagnostics, []);
  });
});
