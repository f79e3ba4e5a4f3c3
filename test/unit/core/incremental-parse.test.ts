/**
 * The invariant that makes incremental parsing safe: whatever edits a document goes through,
 * `parseSuite(text, uri, cache)` deep-equals a fresh `parseSuiteFully(text, uri)` (model,
 * diagnostics, interpolations, YAML nodes found by offset) and `validateSuite` reports exactly
 * the same diagnostics and variables over both.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  loadValidationContext,
  parseSuite,
  parseSuiteFully,
  SuiteParseCache,
  validateSuite,
  yamlNodeAt,
  type SuiteDocument,
  type ValidationContext,
} from '../../../core/src/index.js';
import { segment } from '../../../core/src/parse/incremental.js';
import { nodeStartingAt } from '../../../core/src/validate/nodes.js';
import { propertyParameters } from '../../support/property.js';
import { apply, editArb } from '../../support/yamlEdits.js';

// Tests run from the repository root (scripts/test.mjs).
const ROOT = resolve('.');

function suiteFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...suiteFiles(path));
    else if (name.endsWith('.bluebook.yaml')) found.push(path);
  }
  return found;
}

/** Hand-written shapes the real suites lack: trailer keys, comments, CRLF, no final newline… */
const CORNERS: Record<string, string> = {
  'trailer.bluebook.yaml': [
    '---',
    'name: Corners',
    'variables:',
    '  base: 1',
    'tests:',
    '  # leading comment',
    '',
    '  first:',
    '    steps:',
    '      - GET: /a/${base}',
    '        expect: { status: 200, json: { $.x: { gt: 1, typ: number } } }',
    '# column-0 comment inside the tests block',
    '  second:',
    '    variables: { v: 2 }',
    '    steps:',
    '      - POST: /b',
    '        body: |+',
    '          kept ${v}',
    '',
    '        capture: { id: $.id }',
    '      - GET: /c/${id}/${missing}',
    '  third: not a mapping',
    'after:',
    '  - DELETE: /a/${base}',
    'bogus: 1',
    'defaults:',
    '  timeout: 5q',
  ].join('\n'),
  'crlf.bluebook.yaml':
    'name: CRLF\r\ntests:\r\n  a:\r\n    steps:\r\n      - GET: /x\r\n        expect:\r\n          status: 2000\r\n  b:\r\n    steps: []\r\n',
  'dupes.bluebook.yaml':
    'tests:\n  same:\n    steps:\n      - GET: /1\n  same:\n    steps:\n      - GET: /2\n        expect: { stauts: 200 }\n  other:\n    steps:\n      - get: /3',
  'deferred.bluebook.yaml':
    'variables: { off: false, t: 5s }\ndefaults:\n  timeout: ${t}\n  followRedirects: ${off}\ntests:\n  a:\n    skip: ${off}\n    steps:\n      - GET: /a\n        skip: "later ${off}"\n        timeout: ${t}\n        retry:\n          attempts: ${t}\n          interval: ${t}\n          timeout: ${t}\n  b:\n    steps:\n      - GET: /b\n        followRedirects: ${off}\n',
  'use.bluebook.yaml':
    'tests:\n  login:\n    variables: { user: a }\n    steps:\n      - GET: /login/${user}\n        capture: { token: $.t }\n  t:\n    steps:\n      - use: "#login"\n        with: { user: "${token}" }\n        name: log in\n      - GET: /me/${token}\n      - use: "#logn"\n        expect: { status: 200 }\n',
  'each.bluebook.yaml':
    'tests:\n  rows:\n    each:\n      - { id: 1, start: 3, end: 4 }\n      - { id: 2, start: 5, end: 6 }\n    steps:\n      - GET: /r/${id}\n        json: { start: 0, end: 1 }\n        expect: { json: { $.span: { eq: { start: 1, end: 2 } } } }\n',
};

interface Sample {
  path: string;
  text: string;
  context: ValidationContext;
}

const samples: Sample[] = [
  ...suiteFiles(join(ROOT, 'examples')),
  ...suiteFiles(join(ROOT, 'test/fixtures')),
  ...suiteFiles(join(ROOT, 'test/e2e/workspace')),
].map((path) => ({ path, text: readFileSync(path, 'utf8'), context: loadValidationContext(path) }));
for (const [name, text] of Object.entries(CORNERS)) {
  const path = join(ROOT, 'examples', name); // beside the examples' config, schemas and data
  samples.push({ path, text, context: loadValidationContext(path) });
}

function assertSame(actual: SuiteDocument, expected: SuiteDocument, context: ValidationContext): void {
  const where = `\n--- text ---\n${expected.text}`;
  assert.deepStrictEqual(actual.suite, expected.suite, `suite differs${where}`);
  assert.deepStrictEqual(actual.diagnostics, expected.diagnostics, `diagnostics differ${where}`);
  assert.deepStrictEqual(actual.interpolations, expected.interpolations, `interpolations differ${where}`);
  assert.equal(actual.lineIndex.lineCount, expected.lineIndex.lineCount);
  // Every YAML node a check can look up by offset resolves to the same absolute range.
  for (const offset of nodeStarts(expected)) {
    const full = nodeStartingAt(expected.yaml, offset);
    const located = yamlNodeAt(actual, offset);
    if (!full || isOuterContainer(expected, offset)) continue;
    assert.ok(located, `no node at ${offset}${where}`);
    assert.deepStrictEqual(
      [located.node.range![0] + located.base, located.node.range![1] + located.base],
      [full.range![0], full.range![1]],
      `node at ${offset} differs${where}`,
    );
  }
  const a = validateSuite(actual, context);
  const e = validateSuite(expected, context);
  assert.deepStrictEqual(a.diagnostics, e.diagnostics, `validation differs${where}`);
  assert.deepStrictEqual(a.variables.definitions, e.variables.definitions, `definitions differ${where}`);
  assert.deepStrictEqual(a.variables.references, e.variables.references, `references differ${where}`);
}

/** The value spans checks look nodes up at (expectations, each, bodies, captures). */
function nodeStarts(doc: SuiteDocument): number[] {
  const starts: number[] = [];
  const steps = [...(doc.suite?.before ?? []), ...(doc.suite?.after ?? [])];
  for (const test of doc.suite?.tests ?? []) {
    steps.push(...test.steps);
    if (test.each) starts.push(test.each.span.start);
  }
  for (const step of steps) {
    for (const expectation of step.expectations) starts.push(expectation.valueSpan.start);
    for (const capture of step.captures) starts.push(capture.valueSpan.start);
    starts.push(step.urlSpan.start);
  }
  return starts;
}

/** The root map and the `tests:` map start at a key, where lookups never happen. */
function isOuterContainer(doc: SuiteDocument, offset: number): boolean {
  return doc.suite?.tests[0]?.idSpan.start === offset || doc.suite?.span.start === offset;
}

void describe('incremental parsing', () => {
  void it('segments every real suite (the invariant below is not vacuous)', () => {
    const segmented = samples.filter((sample) => segment(sample.text) !== undefined);
    assert.ok(
      segmented.length >= samples.length - 3,
      `only ${segmented.length} of ${samples.length} segment`,
    );
    for (const sample of segmented) {
      const cache = new SuiteParseCache();
      const doc = parseSuite(sample.text, sample.path, cache);
      if (parseSuiteFully(sample.text, sample.path).diagnostics.some((d) => d.code === 'yaml-syntax'))
        continue;
      assert.equal(cache.stats.incremental, 1, `${sample.path} was parsed whole`);
      assert.ok(doc.segments, sample.path);
    }
  });

  void it('an edit re-parses only the test entry it touched', () => {
    const text = samples.find((sample) => sample.path.endsWith('users.bluebook.yaml'))!.text;
    const cache = new SuiteParseCache();
    const first = parseSuite(text, 'u.bluebook.yaml', cache);
    const lastTest = first.suite!.tests.at(-1)!;
    const edited = text.slice(0, lastTest.idSpan.end + 1) + ' ' + text.slice(lastTest.idSpan.end + 1);
    const second = parseSuite(edited, 'u.bluebook.yaml', cache);
    assert.equal(cache.stats.incremental, 2);
    const firstParts = first.segments!.tests;
    const secondParts = second.segments!.tests;
    assert.equal(secondParts.length, firstParts.length);
    for (let i = 0; i < firstParts.length - 1; i++) assert.equal(secondParts[i].yaml, firstParts[i].yaml);
    assert.notEqual(secondParts.at(-1)!.yaml, firstParts.at(-1)!.yaml);
    // Unchanged tests before the edit are the very same objects; earlier versions stay intact.
    assert.equal(second.suite!.tests[0], first.suite!.tests[0]);
    assertSame(first, parseSuiteFully(text, 'u.bluebook.yaml'), {});
  });

  void it('falls back to a full parse where splitting is unsafe', () => {
    const unsafe = [
      'tests: { a: { steps: [] } }\n',
      'x: &a 1\ntests:\n  a:\n    variables: { y: *a }\n',
      'tests:\n\ta:\n',
      'tests:\n  a:\n    steps: []\n---\ntests:\n  b: {}\n',
      '%YAML 1.2\n---\ntests:\n  a: {}\n',
      'tests:\n  a: {}\ntests:\n  b: {}\n',
      'tests:\n    a: {}\n  b: {}\n',
      'tests:\n  - a\n',
      'name: x\n',
    ];
    for (const text of unsafe) {
      const cache = new SuiteParseCache();
      const doc = parseSuite(text, 'f.bluebook.yaml', cache);
      assert.equal(cache.stats.full, 1, text);
      assertSame(doc, parseSuiteFully(text, 'f.bluebook.yaml'), {});
    }
  });

  void it('keeps the incremental path for a YAML error local to one test, not for one that leaks', () => {
    const base =
      'tests:\n  a:\n    steps:\n      - GET: /a\n        expect:\n          status: 200\n  b:\n    steps: []\n';
    const local = base.replace('          status: 200\n', '          stat\n          status: 200\n');
    const leaking = [
      base.replace('/a\n', '"/a\n'), // an unterminated quote swallows the next test
      base.replace('status: 200', 'status: { eq: 200'), // so does an unclosed flow mapping
      base.replace('  b:', '    stat\n  b:'), // a half-typed key last in a test: the error lands on `b:`
    ];
    for (const [text, incremental] of [[local, 2], ...leaking.map((t) => [t, 1] as const)] as const) {
      const cache = new SuiteParseCache();
      parseSuite(base, 'l.bluebook.yaml', cache);
      const doc = parseSuite(text, 'l.bluebook.yaml', cache);
      const full = parseSuiteFully(text, 'l.bluebook.yaml');
      assert.ok(
        full.diagnostics.some((d) => d.code === 'yaml-syntax'),
        text,
      );
      assert.equal(cache.stats.incremental, incremental, text);
      assertSame(doc, full, {});
    }
  });

  void it('deep-equals a full parse after any sequence of edits (model, diagnostics, interpolations, validation)', () => {
    const totals = { incremental: 0, full: 0 };
    /** Versions whose YAML is broken, and how many of those took the incremental path. */
    const broken = { incremental: 0, all: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(editArb, { minLength: 1, maxLength: 8 }),
        (which, edits) => {
          const sample = samples[which];
          const cache = new SuiteParseCache();
          let text = sample.text;
          assertSame(
            parseSuite(text, sample.path, cache),
            parseSuiteFully(text, sample.path),
            sample.context,
          );
          for (const edit of edits) {
            text = apply(text, edit);
            const before = cache.stats.incremental;
            const full = parseSuiteFully(text, sample.path);
            assertSame(parseSuite(text, sample.path, cache), full, sample.context);
            if (full.yaml.errors.length > 0) {
              broken.all++;
              broken.incremental += cache.stats.incremental - before;
            }
          }
          totals.incremental += cache.stats.incremental;
          totals.full += cache.stats.full;
        },
      ),
      { ...propertyParameters(1000), includeErrorInReport: true },
    );
    // Many edits break the YAML (and must fall back), but a good share of versions has to take
    // the incremental path, or the property proves little (about 40% do).
    const share = totals.incremental / (totals.incremental + totals.full);
    assert.ok(share > 0.25, `incremental ${totals.incremental}, full ${totals.full}`);
    // Broken YAML (a user halfway through typing) must not cost a full parse whenever the error
    // stays within one test entry (about 17% of broken versions here: many edits break YAML for good).
    const brokenShare = broken.incremental / broken.all;
    assert.ok(brokenShare > 0.1, `broken versions: ${broken.incremental} of ${broken.all} incremental`);
  });
});
