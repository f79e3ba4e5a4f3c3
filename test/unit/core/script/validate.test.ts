// `invalid-script`: syntax errors of `${{ }}` and `script:` at their exact characters in the YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSuite } from '../../../../core/src/parse.js';
import { validateSuite } from '../../../../core/src/validate/index.js';
import { isSandboxLoaded } from '../../../../core/src/script/index.js';

function problems(text: string): { message: string; at: string; line: number; column: number }[] {
  const doc = parseSuite(text, 'suite.bluebook.yaml');
  return validateSuite(doc, { checkFiles: false })
    .diagnostics.filter((item) => item.code === 'invalid-script')
    .map((item) => {
      const position = doc.lineIndex.positionAt(item.span.start);
      return {
        message: item.message,
        at: text.slice(item.span.start, item.span.end),
        line: position.line + 1,
        column: position.character + 1,
      };
    });
}

const suite = (step: string): string => `tests:\n  t:\n    steps:\n      - GET: /a\n${step}`;

void test('a syntax error in a plain, a quoted and an escaped scalar is located at its character', () => {
  assert.deepEqual(problems(suite('        headers: { x: "${{ a b }}" }\n')), [
    { message: "SyntaxError: Unexpected identifier 'b' in `${{ }}`.", at: 'b', line: 5, column: 30 },
  ]);
  assert.deepEqual(problems(suite("        query:\n          q: '''${{ (1 +) }}'\n")), [
    { message: "SyntaxError: Unexpected token ')' in `${{ }}`.", at: ')', line: 6, column: 25 },
  ]);
  assert.deepEqual(problems(suite('        json: { a: "\\t\\u00e9 ${{ x.. }}" }\n')), [
    { message: "SyntaxError: Unexpected token '.' in `${{ }}`.", at: '.', line: 5, column: 36 },
  ]);
  assert.deepEqual(problems(suite('        body: ${{ 1 + }}\n'))[0]?.at, '}');
});

void test('an unclosed ${{ and a valid expression', () => {
  assert.deepEqual(problems(suite('        json: { a: "x ${{ 1 + 2" }\n')), [
    { message: '`${{` is not closed: end the expression with `}}`.', at: '${{', line: 5, column: 23 },
  ]);
  assert.deepEqual(problems(suite('        json: { a: "${{ {a: {b: [1]}}.a.b.length > 0 }}" }\n')), []);
});

void test('a syntax error in a block-scalar script is on its line and column', () => {
  const text = suite(
    '        script:\n          after: |\n            const a = 1;\n            if (a {\n            }\n          before: "let x = ;"\n',
  );
  assert.deepEqual(problems(text), [
    { message: "SyntaxError: Unexpected token '{' in `script.after`.", at: '{', line: 8, column: 19 },
    { message: "SyntaxError: Unexpected token ';' in `script.before`.", at: ';', line: 10, column: 28 },
  ]);
  assert.equal(isSandboxLoaded(), false);
});

void test('an assert entry that is not a ${{ }} expression, and a script that is not text, are wrong-type', () => {
  const text = suite(
    '        script: { before: [1] }\n        expect:\n          assert: ["${{ true }}", "status == 200"]\n',
  );
  const doc = parseSuite(text, 'suite.bluebook.yaml');
  const found = validateSuite(doc, { checkFiles: false }).diagnostics.map((item) => [
    item.code,
    text.slice(item.span.start, item.span.end),
  ]);
  assert.deepEqual(found, [
    ['wrong-type', '[1]'],
    ['wrong-type', '"status == 200"'],
  ]);
  assert.equal(doc.suite?.tests[0]?.steps[0]?.expectations.length, 1);
});
