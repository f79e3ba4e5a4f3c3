import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  loadValidationContext,
  parseSuite,
  validateSuite,
  type Diagnostic,
} from '../../../core/src/index.js';
import { project } from './helpers.js';

/** Validates `text` as `suite.bluebook.yaml` in `root`; returns [code, severity, covered text]. */
function check(text: string, root?: string, files: Record<string, string> = {}): [string, string, string][] {
  const folder = root ?? project(files);
  const path = join(folder, 'suite.bluebook.yaml');
  const doc = parseSuite(text, path);
  return validateSuite(doc, loadValidationContext(path)).diagnostics.map((d: Diagnostic) => [
    d.code,
    d.severity,
    text.slice(d.span.start, d.span.end),
  ]);
}

const CONFIG =
  'environments:\n  local: { baseUrl: "http://127.0.0.1:1", token: a }\n  staging: { baseUrl: "https://s" }\ndefaultEnvironment: local\nsecrets: [token]\n';

void describe('validateSuite', () => {
  void it('accepts the example suites of the repository', () => {
    for (const name of ['users', 'jobs', 'health']) {
      const path = join('examples', `${name}.bluebook.yaml`);
      const doc = parseSuite(readFileSync(path, 'utf8'), path);
      assert.deepEqual(validateSuite(doc, loadValidationContext(path)).diagnostics, [], name);
    }
  });

  void it('knows suite variables, before captures, earlier captures, test variables and each rows', () => {
    const text = [
      'variables: { a: 1 }',
      'before:',
      '  - POST: /login',
      '    capture: { token: $.token }',
      'tests:',
      '  t:',
      '    variables: { b: 2 }',
      '    each: [{ c: 3 }]',
      '    steps:',
      '      - GET: /x/${a}/${token}/${b}/${c}',
      '        capture: { id: $.id }',
      '      - GET: /y/${id}/${uuid()}/${randomInt(1, 5)}',
      '',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  void it('reports an undefined variable on its name, with did-you-mean', () => {
    const text = 'variables: { userName: x }\ntests:\n  t:\n    steps:\n      - GET: /u/${usrName}\n';
    assert.deepEqual(check(text), [['undefined-variable', 'error', 'usrName']]);
    const doc = parseSuite(text, 'x.bluebook.yaml');
    const [diagnostic] = validateSuite(doc).diagnostics;
    assert.match(diagnostic.message, /did you mean `userName`/);
    assert.equal(diagnostic.fixes?.[0].newText, 'userName');
  });

  void it('reports a capture used before the step that defines it', () => {
    const text =
      'tests:\n  t:\n    steps:\n      - GET: /u/${id}\n      - GET: /v\n        capture: { id: $.id }\n';
    assert.deepEqual(check(text), [['capture-before-definition', 'error', 'id']]);
  });

  void it('explains a capture of another test', () => {
    const text =
      'tests:\n  a:\n    steps:\n      - GET: /v\n        capture: { id: $.id }\n  b:\n    steps:\n      - GET: /u/${id}\n';
    const doc = parseSuite(text, 'x.bluebook.yaml');
    const [diagnostic] = validateSuite(doc).diagnostics;
    assert.equal(diagnostic.code, 'undefined-variable');
    assert.match(diagnostic.message, /captured in test `a`/);
  });

  void it('knows environment keys and warns when some environments lack one', () => {
    const root = project({ 'bluebook.config.yaml': CONFIG });
    const text =
      'baseUrl: ${baseUrl}\ntests:\n  t:\n    steps:\n      - GET: /x\n        headers: { authorization: "Bearer ${token}" }\n';
    const found = check(text, root);
    assert.deepEqual(found, [['variable-missing-in-environment', 'warning', 'token']]);
  });

  void it('checks env.* names against .env and the process', () => {
    const root = project({ 'bluebook.config.yaml': CONFIG, '.env': 'API_KEY=1\n' });
    const text = 'tests:\n  t:\n    steps:\n      - GET: /x/${env.API_KEY}/${env.MISSING}\n';
    assert.deepEqual(check(text, root), [['undefined-variable', 'warning', 'MISSING']]);
  });

  void it('reports unknown built-in functions and wrong arity', () => {
    const text = 'tests:\n  t:\n    steps:\n      - GET: /x/${uuidd()}/${randomInt(1)}\n';
    assert.deepEqual(check(text), [
      ['unknown-function', 'error', '${uuidd()}'],
      ['unknown-function', 'error', '${randomInt(1)}'],
    ]);
  });

  void it('reports invalid JSONPath on the key, invalid regexes and unknown matchers', () => {
    const text = [
      'tests:',
      '  t:',
      '    steps:',
      '      - GET: /x',
      '        expect:',
      '          json:',
      '            $.items[?@.a ==]: 1',
      '            $.ok: { typ: string }',
      '            $.name: { match: "([a-z" }',
      '            name: x',
      '        capture:',
      '          a: $..[',
      '          b: { regex: "(" }',
      '',
    ].join('\n');
    assert.deepEqual(check(text), [
      ['invalid-jsonpath', 'error', '$.items[?@.a ==]'],
      ['unknown-matcher', 'error', 'typ'],
      ['invalid-regex', 'error', '[a-z'],
      ['invalid-jsonpath', 'error', 'name'],
      ['invalid-jsonpath', 'error', '$..['],
      ['invalid-regex', 'error', '('],
    ]);
  });

  void it('reports a regex construct RE2 cannot run at its place in the YAML string, behind quotes and escapes', () => {
    const text = [
      'tests:',
      '  t:',
      '    steps:',
      '      - GET: /x',
      '        expect:',
      '          text: { match: "\\\\d+(?<=a)" }',
      '          headers:',
      "            etag: { match: '(\\w)\\1' }",
      "            x-a: { match: 'it''s(?=x)' }",
      '            x-b: { match: a++ }',
      '        capture:',
      '          n: { regex: "(\\\\d+)-\\\\1" }',
      '',
    ].join('\n');
    assert.deepEqual(check(text), [
      ['unsupported-regex', 'error', '(?<=a)'],
      ['unsupported-regex', 'error', '\\1'],
      ['unsupported-regex', 'error', '(?=x)'],
      ['unsupported-regex', 'error', '++'],
      ['unsupported-regex', 'error', '\\\\1'],
    ]);
    const doc = parseSuite(text, 'x.bluebook.yaml');
    const messages = validateSuite(doc).diagnostics.map((d) => d.message);
    assert.equal(
      messages[0],
      'lookbehind `(?<=…)` is not supported: Bluebook matches with RE2 semantics so a pattern can never hang a run; match the text before it too, and capture the part you want with a group.',
    );
    assert.match(messages[4], /^capture `n`: backreference is not supported: /);
  });

  void it('accepts RE2 syntax the old engine refused: inline flags', () => {
    const text =
      'tests:\n  t:\n    steps:\n      - GET: /x\n        expect:\n          text: { match: "(?i)^ok$" }\n';
    assert.deepEqual(check(text), []);
  });

  void it('warns about a JSONPath shorthand RFC 9535 rejects, with a fix that brackets it', () => {
    const text = [
      'tests:',
      '  t:',
      '    steps:',
      '      - GET: /x',
      '        expect:',
      '          json:',
      '            $.headers.X-Suite: 1',
      '            "$..a-b": 2',
      "            $['ok-name']: 3",
      '        capture:',
      '          s: $.x-y',
      '          t: { json: "$.p.q-r" }',
      '      - GET: /y',
      "        capture: { u: $.m-n, v: '$[''a''].o-p' }",
      '',
    ].join('\n');
    assert.deepEqual(check(text, undefined), [
      ['non-standard-jsonpath', 'warning', '.X-Suite'],
      ['non-standard-jsonpath', 'warning', '..a-b'],
      ['non-standard-jsonpath', 'warning', '.x-y'],
      ['non-standard-jsonpath', 'warning', '.q-r'],
      ['non-standard-jsonpath', 'warning', '.m-n'],
      ['non-standard-jsonpath', 'warning', '.o-p'],
    ]);
    const doc = parseSuite(text, 'x.bluebook.yaml');
    const diagnostics = validateSuite(doc).diagnostics;
    assert.equal(
      diagnostics[0].message,
      "`.X-Suite` is not standard JSONPath: in RFC 9535 a shorthand name has only letters, digits, `_` and non-ASCII characters (json-p3 also takes `-`, other tools reject it); write `$.headers['X-Suite']`.",
    );
    // Each fix rewrites the whole YAML scalar, in its own quoting; plain stays plain outside `{ }`.
    assert.deepEqual(
      diagnostics.map((d) => [
        d.fixes?.[0].title,
        text.slice(d.fixes![0].span.start, d.fixes![0].span.end),
        d.fixes?.[0].newText,
      ]),
      [
        ["Change to `$.headers['X-Suite']`", '$.headers.X-Suite', "$.headers['X-Suite']"],
        ["Change to `$..['a-b']`", '"$..a-b"', '"$..[\'a-b\']"'],
        ["Change to `$['x-y']`", '$.x-y', "$['x-y']"],
        ["Change to `$.p['q-r']`", '"$.p.q-r"', '"$.p[\'q-r\']"'],
        ["Change to `$['m-n']`", '$.m-n', '"$[\'m-n\']"'],
        ["Change to `$['a']['o-p']`", "'$[''a''].o-p'", "'$[''a''][''o-p'']'"],
      ],
    );
    let fixed = text;
    for (const diagnostic of [...diagnostics].reverse()) {
      const fix = diagnostic.fixes![0];
      fixed = fixed.slice(0, fix.span.start) + fix.newText + fixed.slice(fix.span.end);
    }
    assert.deepEqual(check(fixed), [], fixed);
    const paths = (source: string) => {
      const suite = parseSuite(source, 'x.bluebook.yaml').suite!;
      const steps = suite.tests[0].steps;
      return [
        ...steps[0].expectations.map((e) => e.key),
        ...steps.flatMap((step) => step.captures.map((c) => (c.source as { path: string }).path)),
      ];
    };
    assert.deepEqual(paths(fixed), [
      "$.headers['X-Suite']",
      "$..['a-b']",
      "$['ok-name']",
      "$['x-y']",
      "$.p['q-r']",
      "$['m-n']",
      "$['a']['o-p']",
    ]);
  });

  void it('checks schema files exist and compile, and inline schemas', () => {
    const root = project({ 'ok.json': '{"type":"object"}', 'bad.json': '{"type":"objekt"}' });
    const step = (schema: string) =>
      `tests:\n  t:\n    steps:\n      - GET: /x\n        expect:\n          schema: ${schema}\n`;
    assert.deepEqual(check(step('./ok.json'), root), []);
    assert.deepEqual(check(step('./missing.json'), root), [['missing-file', 'error', './missing.json']]);
    assert.deepEqual(check(step('./bad.json'), root), [['invalid-schema', 'error', './bad.json']]);
    assert.deepEqual(check(step('{ type: 12 }'), root), [['invalid-schema', 'error', '{ type: 12 }']]);
  });

  void it('reads each: data files for variables and reports missing or invalid ones', () => {
    const root = project({ 'rows.csv': 'role,name\nadmin,Ada\n', 'bad.json': '{"not":"rows"}' });
    const suite = (each: string, use: string) =>
      `tests:\n  t:\n    each: ${each}\n    steps:\n      - GET: /x/\${${use}}\n`;
    assert.deepEqual(check(suite('./rows.csv', 'role'), root), []);
    assert.deepEqual(check(suite('./rows.csv', 'nope'), root), [['undefined-variable', 'error', 'nope']]);
    assert.deepEqual(
      check(suite('./none.csv', 'x'), root).map((d) => d[0]),
      ['missing-file', 'undefined-variable'],
    );
    assert.deepEqual(
      check(suite('./bad.json', 'x'), root).map((d) => d[0]),
      ['invalid-data-file', 'undefined-variable'],
    );
  });

  void it('reports a missing multipart file', () => {
    const root = project({ 'a.txt': 'x' });
    const text =
      'tests:\n  t:\n    steps:\n      - POST: /x\n        multipart:\n          ok: { file: ./a.txt }\n          bad: { file: ./b.txt }\n';
    assert.deepEqual(check(text, root), [['missing-file', 'error', './b.txt']]);
  });
});
