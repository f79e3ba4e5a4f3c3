/**
 * LineIndex (core/src/span.ts) against a line split of the text: every offset of random texts with
 * `\n`, `\r\n` and `\r` breaks maps to the line and column a reader counts, and back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../../core/src/span.js';
import { propertyParameters } from '../../support/property.js';

/** Each line's start and the end of its text (before its break), counted the plain way. */
function lines(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    found.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  found.push({ start, end: text.length });
  return found;
}

const textArb = fc
  .array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '\n\n', 'é'), { maxLength: 40 })
  .map((parts) => parts.join(''));

void describe('LineIndex', () => {
  void it('maps every offset to its line and column, and back', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const index = new LineIndex(text);
        const expected = lines(text);
        assert.equal(index.lineCount, expected.length);
        expected.forEach(({ start, end }, line) => {
          assert.equal(index.lineText(line), text.slice(start, end));
          assert.equal(index.lineEnd(line), end);
          for (let offset = start; offset <= end; offset++) {
            assert.deepEqual(index.positionAt(offset), { line, character: offset - start });
            assert.equal(index.offsetAt({ line, character: offset - start }), offset);
          }
        });
      }),
      propertyParameters(500),
    );
  });

  void it('clamps what lies outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-3), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
    assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 9 }), 2);
    assert.equal(new LineIndex('').lineCount, 1);
    assert.equal(new LineIndex('x\n').lineCount, 2);
  });
});
