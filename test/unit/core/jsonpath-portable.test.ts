// JSONPaths json-p3 evaluates but RFC 9535 rejects: a member-name shorthand is
// name-first (ALPHA / "_" / %x80-D7FF / %xE000-10FFFF) then name-chars (also DIGIT); json-p3's
// lexer also takes `-` after the first character (and lone surrogates). Those paths keep working
// and are reported so they can be written portably.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonStandardNames, standardJsonPath, validateJsonPath } from '../../../core/src/jsonpath.js';

void describe('nonStandardNames', () => {
  const flagged: [path: string, shorthands: string[], standard: string][] = [
    ['$.headers.X-Suite', ['.X-Suite'], "$.headers['X-Suite']"],
    ['$.a--b', ['.a--b'], "$['a--b']"],
    ['$.a-', ['.a-'], "$['a-']"],
    ['$..a-b', ['..a-b'], "$..['a-b']"],
    ['$.a.b-c.d-e', ['.b-c', '.d-e'], "$.a['b-c']['d-e']"],
    ['$.a[0].b-c', ['.b-c'], "$.a[0]['b-c']"],
    ['$.é-x', ['.é-x'], "$['é-x']"],
    ['$[?@.a-b == 1]', ['.a-b'], "$[?@['a-b'] == 1]"],
    ['$[?length(@.a-b) > 1]', ['.a-b'], "$[?length(@['a-b']) > 1]"],
    ['$.\uD800', ['.\uD800'], "$['\uD800']"],
  ];
  for (const [path, shorthands, standard] of flagged) {
    void it(`${path}: json-p3 accepts it, RFC 9535 does not`, () => {
      assert.equal(validateJsonPath(path), undefined, 'json-p3 evaluates it');
      const names = nonStandardNames(path);
      assert.deepEqual(
        names.map((item) => path.slice(item.start, item.end)),
        shorthands,
      );
      assert.equal(standardJsonPath(path, names), standard);
      assert.equal(validateJsonPath(standard), undefined, 'the rewrite is valid');
      assert.deepEqual(nonStandardNames(standard), [], 'the rewrite is standard');
    });
  }

  void it('leaves standard shorthands, quoted names, numbers and ${...} alone', () => {
    for (const path of [
      '$.a1',
      '$._a',
      '$.true',
      '$.😀',
      '$.a\u00a0b',
      "$['a-b']",
      '$["x.y-z"]',
      "$[?@.a == 'x.y-z']",
      '$[?@.a == 1.5]',
      '$.a.${b-c}',
    ])
      assert.deepEqual(nonStandardNames(path), [], path);
  });

  void it('json-p3 rejects the other non-RFC shorthands itself', () => {
    for (const path of ['$.-a', '$.1a', '$.a$b', '$.a@b', '$.a:b', '$.a~', '$.a+b'])
      assert.ok(validateJsonPath(path), path);
  });
});
