/**
 * The fast YAML path (core/src/parse/fastYaml.ts) against the `yaml` package: on every YAML file
 * of the project, every YAML block of the docs, the generated scale suites, each test segment
 * the incremental parser cuts from them, hand-written corners and random edits of all of those,
 * the fast path either declines (`undefined`) or builds exactly the tree `parseDocument` builds.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { fastParseDocument, parseYamlDocument } from '../../../core/src/parse/fastYaml.js';
import { segment } from '../../../core/src/parse/incremental.js';
import { propertyParameters } from '../../support/property.js';
import { apply, editArb, FRAGMENTS } from '../../support/yamlEdits.js';

const ROOT = resolve('.');
const OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** Everything about a node the fast path promises to match (comments aside). */
function dump(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) return { key: dump(node.key), value: dump(node.value) };
  const n = node as Record<string, unknown>;
  const out: Record<string, unknown> = { class: (node as object).constructor.name, range: n.range };
  for (const p of ['type', 'source', 'format', 'minFractionDigits', 'flow', 'tag', 'anchor'])
    if (n[p] !== undefined) out[p] = n[p];
  if (isScalar(node)) out.value = node.value;
  if (isMap(node) || isSeq(node)) out.items = node.items.map(dump);
  return out;
}

function documentDump(doc: Document.Parsed): unknown {
  return {
    range: doc.range,
    contents: dump(doc.contents),
    errors: doc.errors.map((e) => e.message),
    warnings: doc.warnings.map((w) => w.message),
  };
}

type Where = 'root' | 'tests' | 'test' | 'steps' | 'other';

/**
 * `dump`, with each step of a suite (a block mapping in the sequence under the root's `before` or
 * `after`, or under a test's `steps` or `finally`) reduced to its class and range: an `outline`
 * tree has those and nothing more of a step.
 */
function outlineDump(node: unknown, where: Where = 'root'): unknown {
  if (isPair(node)) return { key: dump(node.key), value: outlineDump(node.value, where) };
  if (where === 'steps' && isSeq(node) && !node.flow) {
    const items = node.items.map((item) =>
      isMap(item) && !item.flow ? { class: item.constructor.name, range: item.range } : dump(item),
    );
    return { ...(dump(node) as object), items };
  }
  if (!isMap(node) || node.flow) return dump(node);
  const items = node.items.map((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const inner: Where =
      where === 'root'
        ? key === 'tests'
          ? 'tests'
          : key === 'before' || key === 'after'
            ? 'steps'
            : 'other'
        : where === 'tests'
          ? 'test'
          : where === 'test' && (key === 'steps' || key === 'finally')
            ? 'steps'
            : 'other';
    return { key: dump(pair.key), value: outlineDump(pair.value, inner) };
  });
  return { ...(dump(node) as object), items };
}

/**
 * Whether the fast path took `text`; throws where it built a different tree, lite or not (a lite
 * tree's ranges are read through its nodes' `range` accessor), or an outline that is not that
 * tree with its steps passed over.
 */
function check(text: string, options: { uniqueKeys?: boolean } = OPTIONS): boolean {
  const fast = fastParseDocument(text, { ...OPTIONS, ...options });
  const lite = fastParseDocument(text, { ...OPTIONS, ...options }, 'lite');
  assert.equal(lite === undefined, fast === undefined, `lite and full disagree on taking:\n${text}`);
  if (!fast || !lite) return false;
  const expected = documentDump(parseDocument(text, { ...OPTIONS, ...options }));
  assert.deepStrictEqual(documentDump(fast), expected, `differs on:\n${text}`);
  assert.deepStrictEqual(documentDump(lite), expected, `lite differs on:\n${text}`);
  const outline = fastParseDocument(text, { ...OPTIONS, ...options }, 'outline');
  assert.ok(outline, `outline declined what the fast path took:\n${text}`);
  assert.deepStrictEqual(outline.range, fast.range, `outline's document range differs on:\n${text}`);
  assert.deepStrictEqual(
    outlineDump(outline.contents),
    outlineDump(fast.contents),
    `outline differs on:\n${text}`,
  );
  return true;
}

function yamlFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) yamlFiles(path, found);
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}

function docBlocks(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) =>
      [...readFileSync(join(dir, name), 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]),
    );
}

const examples = yamlFiles(join(ROOT, 'examples')).map((path) => readFileSync(path, 'utf8'));
const files = [
  ...examples,
  ...yamlFiles(join(ROOT, 'test/fixtures')).map((path) => readFileSync(path, 'utf8')),
  ...yamlFiles(join(ROOT, 'test/e2e/workspace')).map((path) => readFileSync(path, 'utf8')),
  ...docBlocks(join(ROOT, 'docs')),
  ...docBlocks(ROOT),
];
/** Suites of the 1,000-suite bench workspace (loaded in `before`: the generator is an ES module). */
let scale: string[] = [];

/** What suites hold, in shapes the corpus may not: each must take the fast path. */
const SUBSET: string[] = [
  'a: 1\nb: -2\nc: 2.50\nd: 1e3\ne: 0x1F\nf: 0o17\ng: .inf\nh: -.Inf\ni: .nan\nj: ~\nk: null\nl: True\nm: false\nn: +12\no: 1.\n',
  'a: "x \\"q\\" \\\\ \\n \\t \\u00e9 \\x41 \\U0001F600 \\/"\nb: \'it\'\'s\'\nc: ""\nd: \'\'\n',
  '200: ok\n"quoted key": 1\n\'single\': 2\n1.5: x\ntrue: y\nnull: z\n',
  'empty:\nnext: 1\nlast:\n',
  'a:\n  b:\n    c: 1\n  d: [1, [2, 3], { e: f }]\n  g: {}\n  h: []\n',
  'list:\n  - a\n  - "b"\n  - { c: 1, d: "e" }\n  - [1, 2]\n  - k: v\n    k2: v2\n  - x: |\n      literal\n      text\n',
  'lit: |\n  one\n    two\n\n  three\nstrip: |-\n  x\nfold: >\n  a\n  b\n\n  c\n    d\n  e\nfoldstrip: >-\n  a b\nlast: 1\n',
  'q: |\n  query {\n    user(id: $id) { name }\n  }\n',
  '# a comment\nname: x # trailing\n\n# before b\nb:\n  # before c\n  c: 1\n\n\n',
  'url: http://example.com/a?b=c#frag\nexpr: $.items[0].name\nre: "^a+$"\nplain: a, b, c\n',
  'flow: { a: http://x/y, b: "$.x[0]", "c": \'d\' }\nseq: [ a , b ]\n',
  'k: v   \nk2: v2',
  '  indented: 1\n  root: 2\n',
  '- a\n- b: 1\n  c: 2\n-   spaced\n',
  `${'a'.repeat(900)}: long key\n`,
  'tests:\n  t:\n    steps:\n      - GET: /x\n        expect:\n          status: 200\n          json:\n            $.id: { type: integer, gt: 0 }\n',
  // Steps an outline passes over, ending with empty values, nested lists, a block scalar (read).
  'before:\n  - POST: /login\n    expect:\n      status:\ntests:\n  t:\n    steps:\n      - GET: /a\n        body: |\n          x\n      - GET: /b\n        expect:\n          json:\n            $.list:\n              - a\n              - b:\n\n      - plain\n      - [1]\n    finally:\n      - DELETE: /c\n        expect:\nafter:\n  -   GET: /d # last\n      name:   \n',
];

/** Shapes outside the subset: each must decline, so the package parses them. */
const DECLINED: string[] = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: multi\n  line\n',
  'a: "multi\n  line"\n',
  'a: [1,\n  2]\n',
  'key:\n- item\n',
  'a:\tb\n',
  'a: 1\r\nb: 2\r\n',
  '---\na: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a:\n  b: 1\n  # comment indented like b, before a line at column 0\nc: 2\n',
  'a: 1\n  # more indented than what follows\nb: 2\n',
  'a: # comment on an empty value\n  b: 1\n',
  'empty:\n# comment after an empty value\nb: 1\n',
  'a: |+\n  keep\n\n',
  'a: |2\n   explicit\n',
  'a: | # comment\n  x\n',
  '? explicit\n: key\n',
  '- - nested\n',
  'a: b: c\n',
  'a : 1\n',
  'just a scalar\n',
  '',
  '# only a comment\n',
  'a: 1\nb: [1, 2,]\n',
  'a: 1\n  b: 2\n',
  'x: "\\q"\n',
];

void describe('fast YAML path', () => {
  before(async () => {
    const { scaleSuite } = await import('../../../bench/scale-workspace.mjs');
    scale = [0, 1, 5, 42].map((suite) => scaleSuite(suite));
  });

  void it('builds the tree parseDocument builds, on every YAML file, doc block and test segment', () => {
    let fast = 0;
    let all = 0;
    for (const text of [...files, ...scale]) {
      all++;
      if (check(text)) fast++;
      const cut = segment(text);
      if (!cut) continue;
      for (let i = 0; i < cut.testStarts.length; i++) {
        all++;
        if (check(text.slice(cut.testStarts[i], cut.testStarts[i + 1] ?? cut.trailerStart))) fast++;
      }
    }
    // Most of the corpus must take the fast path, or the comparisons above compare nothing.
    assert.ok(fast / all > 0.9, `only ${fast} of ${all} texts took the fast path`);
  });

  void it('takes every example suite, every generated scale suite and the subset corners', () => {
    for (const text of [...examples, ...scale, ...SUBSET]) assert.ok(check(text), `declined:\n${text}`);
  });

  void it('passes over the steps of an outline, and reads the rest', () => {
    const text = scale[1];
    const outline = fastParseDocument(text, OPTIONS, 'outline');
    assert.ok(outline);
    const tests = outline.get('tests') as YAMLMap<Scalar<string>, YAMLMap>;
    assert.equal(tests.items.length, 10);
    for (const test of tests.items) {
      assert.equal(test.value?.get('name'), `Area 1 ${test.key.value.replace('-', ' ')}`);
      const steps = test.value?.get('steps') as YAMLSeq<YAMLMap>;
      assert.ok(steps.items.length >= 3);
      for (const step of steps.items) assert.deepEqual(step.items, [], 'a step passed over is empty');
    }
    const before = outline.get('before') as YAMLSeq<YAMLMap>;
    assert.deepEqual(before.items[0]?.items, []);
    // A step with a block scalar is read (its range depends on its chomping).
    const withScalar = fastParseDocument(
      'tests:\n  t:\n    steps:\n      - POST: /a\n        body: |\n          x\n',
      OPTIONS,
      'outline',
    );
    const step = (withScalar?.getIn(['tests', 't', 'steps']) as YAMLSeq<YAMLMap>).items[0];
    assert.equal(step?.get('body'), 'x\n');
  });

  void it('declines what is outside the subset', () => {
    for (const text of DECLINED) {
      assert.equal(fastParseDocument(text, OPTIONS), undefined, `took:\n${text}`);
      // …and the wrapper still returns the package's document.
      assert.deepStrictEqual(
        documentDump(parseYamlDocument(text, OPTIONS)),
        documentDump(parseDocument(text, OPTIONS)),
      );
    }
  });

  void it('declines a repeated key when keys must be unique (the package reports it)', () => {
    assert.equal(fastParseDocument('a: 1\na: 2\n', { uniqueKeys: true }), undefined);
    assert.equal(fastParseDocument('m: { a: 1, a: 2 }\n', { uniqueKeys: true }), undefined);
    assert.ok(check('a: 1\na: 2\n'));
  });

  void it('builds the same tree or declines after any sequence of edits', () => {
    const texts = [...files, ...scale, ...SUBSET].filter((text) => text.length < 20_000);
    const edits = fc.oneof(
      editArb,
      fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 3 }),
        insert: fc.constantFrom(
          ...FRAGMENTS,
          ' # c',
          '\n# c\n',
          '\n  # c\n',
          '\n\n',
          '"a\\tb"',
          "'it''s'",
          '0x1F',
          '2.50',
          '|-\n',
          '>\n',
          '[a, [b]]',
          '{ a: { b: 1 } }',
          ' :',
          'k:v',
        ),
        mode: fc.constantFrom('raw' as const, 'line' as const),
      }),
    );
    let fast = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(edits, { minLength: 1, maxLength: 4 }),
        (which, list) => {
          let text = texts[which];
          for (const edit of list) text = apply(text, edit);
          if (check(text)) fast++;
        },
      ),
      propertyParameters(2000),
    );
    assert.ok(fast > 0, 'no edited text took the fast path');
  });
});
