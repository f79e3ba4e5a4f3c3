// Validation as you type of expect.xpath / expect.css keys, { xpath } / { css } captures and
// expect.bytes: each problem at its exact characters inside the YAML.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';
import { tempFolder } from './helpers.js';

function diagnose(text: string, folder = tempFolder()): { code: string; message: string; at: string }[] {
  const suitePath = join(folder, 'suite.bluebook.yaml');
  return validateSuite(parseSuite(text, suitePath), { suitePath }).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    at: text.slice(d.span.start, d.span.end),
  }));
}

const step = (lines: string): string => `tests:\n  t:\n    steps:\n      - GET: http://127.0.0.1/x\n${lines}`;

void describe('validation of XPath, CSS and bytes', () => {
  void test('valid expressions, selectors and fields give no diagnostics', () => {
    const folder = tempFolder({ 'logo.png': Buffer.from('89504e47', 'hex') });
    const text = step(`        expect:
          xpath:
            count(//user): 3
            '//user[@id="1"]/name': { startsWith: A }
          css:
            a.next@href: /p2
            "ul > li:first-child": Dune
          bytes: { size: { gt: 0 }, startsWith: "base64:iVBORw==", equalsFile: ./logo.png }
        capture:
          name: { xpath: "//user[1]/name" }
          link: { css: "a@href" }
`);
    assert.deepEqual(diagnose(text, folder), []);
  });

  void test('an XPath that does not parse is reported on the expression inside the quotes', () => {
    const text = step(`        expect:\n          xpath:\n            "//user[": 1\n`);
    const [diagnostic, ...rest] = diagnose(text);
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'invalid-xpath');
    assert.equal(diagnostic.at, '//user[');
    assert.match(diagnostic.message, /^`\/\/user\[` is not a valid XPath 1\.0 expression/);
  });

  void test('a CSS selector that does not parse is reported on the selector, not the @attr', () => {
    const text = step(`        expect:\n          css:\n            'li:nope@href': x\n`);
    const [diagnostic, ...rest] = diagnose(text);
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'invalid-css-selector');
    assert.equal(diagnostic.at, 'li:nope');
    assert.match(diagnostic.message, /`li:nope` is not a valid CSS selector: Unknown pseudo-class :nope/);
  });

  void test('captures: a bad XPath or selector inside { xpath } / { css }', () => {
    const text = step(
      `        capture:\n          a: { xpath: "count(//x" }\n          b: { css: "a >> b" }\n`,
    );
    assert.deepEqual(
      diagnose(text).map((d) => [d.code, d.at]),
      [
        ['invalid-xpath', 'count(//x'],
        ['invalid-css-selector', 'a >> b'],
      ],
    );
  });

  void test('bytes: a missing equalsFile, malformed magic bytes, an unknown field', () => {
    const text = step(
      `        expect:\n          bytes:\n            equalsFile: ./nope.pdf\n            startsWith: "zz"\n            crc: 1\n`,
    );
    assert.deepEqual(
      diagnose(text).map((d) => [d.code, d.at]),
      [
        ['missing-file', './nope.pdf'],
        ['wrong-type', '"zz"'],
        ['unknown-key', 'crc'],
      ],
    );
  });

  void test('an unknown matcher under xpath is reported like under json', () => {
    const text = step(`        expect:\n          xpath:\n            count(//a): { greater: 1 }\n`);
    assert.deepEqual(
      diagnose(text).map((d) => [d.code, d.at]),
      [['unknown-matcher', 'greater']],
    );
  });
});
