// `parseSuiteToRun` (what `bluebook run` parses with) does not keep the YAML tree: the document
// must still be the one `parseSuite` gives, including `yaml` and `interpolations` when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSuite, parseSuiteToRun, type SuiteDocument } from '../../../core/src/parse.js';

const ROOT = join(__dirname, '../../..');

function suiteFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) suiteFiles(path, found);
    else if (name.endsWith('.bluebook.yaml')) found.push(path);
  }
  return found;
}

const files = [join(ROOT, 'examples'), join(ROOT, 'test/fixtures'), join(ROOT, 'test/e2e/workspace')].flatMap(
  (dir) => suiteFiles(dir),
);

/** The document as plain data (the YAML tree as its JSON and its errors). */
function dump(doc: SuiteDocument): unknown {
  return {
    uri: doc.uri,
    text: doc.text,
    suite: doc.suite,
    diagnostics: doc.diagnostics,
    lineIndex: doc.lineIndex,
    interpolations: doc.interpolations,
    yaml: { json: doc.yaml.toJSON() as unknown, errors: doc.yaml.errors.map((error) => error.message) },
  };
}

void test('every suite of the project parses to run as it parses for the editor', () => {
  assert.ok(files.length > 40, `found ${files.length} suites`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.deepStrictEqual(dump(parseSuiteToRun(text, file)), dump(parseSuite(text, file)), file);
  }
});

void test('broken YAML and a document that is not a mapping keep their diagnostics', () => {
  for (const text of [
    'tests:\n  a: [1, 2\n',
    '- just\n- a list\n',
    '',
    'tests:\n  t:\n    steps:\n      - GET: ${x\n',
  ]) {
    const run = parseSuiteToRun(text, 'x.bluebook.yaml');
    const full = parseSuite(text, 'x.bluebook.yaml');
    assert.deepStrictEqual(dump(run), dump(full), JSON.stringify(text));
  }
  assert.ok(parseSuiteToRun('tests:\n  a: [1, 2\n', 'x.bluebook.yaml').diagnostics.length > 0);
});

void test('the tree read again is the same each time it is asked for', () => {
  const doc = parseSuiteToRun(readFileSync(files[0], 'utf8'), files[0]);
  assert.equal(doc.yaml, doc.yaml);
});

void test("a step's empty lists are one frozen list, so a push cannot reach every step", () => {
  for (const parse of [parseSuiteToRun, parseSuite]) {
    const doc = parse(
      'tests:\n  t:\n    steps:\n      - GET: /a\n      - POST: /b\n        headers: { x-a: "1" }\n        expect: { status: 201 }\n',
      'x.bluebook.yaml',
    );
    const [bare, full] = doc.suite?.tests[0]?.steps ?? [];
    assert.ok(bare && full);
    assert.equal(bare.headers, bare.captures);
    assert.equal(bare.query, full.query);
    assert.ok(Object.isFrozen(bare.expectations));
    assert.throws(() => (bare.headers as unknown[]).push(1), TypeError);
    assert.deepEqual(bare.headers, []);
    // Lists with items are the step's own.
    assert.deepEqual(
      full.headers.map((header) => [header.key, header.value]),
      [['x-a', '1']],
    );
    assert.equal(full.expectations.length, 1);
    assert.ok(!Object.isFrozen(full.headers));
  }
});
