import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver';
import { LineIndex, parseSuite, SuiteParseCache } from '../../../core/src/index.js';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import {
  prepareTestIdRename,
  renameTestId,
  testIdAt,
  testIdDefinition,
  testIdReferences,
} from '../../../server/src/features/testIds.js';
import { ProjectCache } from '../../../server/src/project.js';
import { cursorContext } from '../../../server/src/cursor.js';
import { scriptCursorAt } from '../../../server/src/scriptCursor.js';
import { suiteSource, useSteps } from '../../../server/src/useSteps.js';
import { SuiteWorkspace } from '../../../server/src/workspace.js';
import { analyzeIn, analyzeText, cursor, project } from './helpers.js';

const noOpen = { document: () => undefined, paths: () => [] };

const SUITE = [
  'before:',
  '  - use: ./setup.bluebook.yaml#seed',
  'tests:',
  '  first:',
  '    steps:',
  "      - use: '#second'",
  '      - { use: "./a b.bluebook.yaml#x" }',
  '      - use: "#esc\\u0061ped"',
  '      - GET: /users',
  '  second:',
  '    steps:',
  '      - use: #not-a-reference-but-a-comment',
  '      - GET: /x',
  'after:',
  '  - use: "#first"',
  '',
].join('\n');

void describe('use: steps in the YAML tree', () => {
  void it('finds values in steps, before, after and flow maps, quotes excluded, escapes skipped', () => {
    const steps = useSteps(parseSuite(SUITE, 'a.bluebook.yaml'));
    assert.deepEqual(
      steps.map((step) => [step.text, SUITE.slice(step.span.start, step.span.end), step.reference?.testId]),
      [
        ['./setup.bluebook.yaml#seed', './setup.bluebook.yaml#seed', 'seed'],
        ['#second', '#second', 'second'],
        ['./a b.bluebook.yaml#x', './a b.bluebook.yaml#x', 'x'],
        ['#first', '#first', 'first'],
      ],
    );
    const setup = steps[0];
    assert.equal(SUITE.slice(setup.fileSpan!.start, setup.fileSpan!.end), './setup.bluebook.yaml');
    assert.equal(SUITE.slice(setup.idSpan!.start, setup.idSpan!.end), 'seed');
  });

  void it('gives the same steps for an incrementally parsed version as for a full parse', () => {
    const cache = new SuiteParseCache();
    parseSuite(SUITE, 'a.bluebook.yaml', cache);
    const edited = SUITE.replace('GET: /users', 'GET: /users/1');
    const incremental = parseSuite(edited, 'a.bluebook.yaml', cache);
    assert.ok(incremental.segments, 'the edit was parsed incrementally');
    const spans = (text: string, doc = parseSuite(text, 'a.bluebook.yaml')) =>
      useSteps(doc).map((step) => [step.span.start, step.span.end]);
    assert.deepEqual(spans(edited, incremental), spans(edited));
  });

  void it('walks nothing in a suite without a use: key', () => {
    assert.deepEqual(useSteps(parseSuite('tests:\n  users:\n    steps:\n      - GET: /users\n', 'a')), []);
  });
});

void describe('test ids across files', () => {
  const root = project({
    'bluebook.config.yaml': 'environments: {}\n',
    'auth.bluebook.yaml': 'tests:\n  "login":\n    steps:\n      - POST: /login\n',
    'deep/nested/x.bluebook.yaml': 'tests:\n  t:\n    steps:\n      - use: ../../auth.bluebook.yaml#login\n',
    'node_modules/pkg/y.bluebook.yaml':
      'tests:\n  t:\n    steps:\n      - use: ../../auth.bluebook.yaml#login\n',
  });
  const suites = new SuiteWorkspace(new ProjectCache(), noOpen);

  void it('lists the suites under the config folder, skipping node_modules', () => {
    assert.deepEqual(suites.suiteFiles(join(root, 'auth.bluebook.yaml')), [
      join(root, 'auth.bluebook.yaml'),
      join(root, 'deep/nested/x.bluebook.yaml'),
    ]);
  });

  void it('renames a quoted key inside its quotes, and every use: in deeper folders', async () => {
    const { text, offset } = cursor('tests:\n  "lo|gin":\n    steps:\n      - POST: /login\n');
    const analyzed = suiteSource(analyzeIn(root, 'auth.bluebook.yaml', text));
    const at = testIdAt(analyzed, offset)!;
    assert.equal(at.part, 'key');
    const edit = await renameTestId(at, analyzed, suites, 'sign-in');
    assert.ok(!(edit instanceof ResponseError));
    assert.deepEqual(
      Object.entries(edit.changes!).map(([uri, edits]) => [
        uri.slice(uri.lastIndexOf('/') + 1),
        edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character]),
      ]),
      [
        ['auth.bluebook.yaml', [[1, 3, 8]]],
        ['x.bluebook.yaml', [[3, 38, 43]]],
      ],
    );
    assert.equal(
      Object.keys(edit.changes!)[1],
      pathToFileURL(join(root, 'deep/nested/x.bluebook.yaml')).href,
    );
  });

  void it('names an open document by the URI the editor gave it', async () => {
    const authPath = join(root, 'auth.bluebook.yaml');
    const editorUri = pathToFileURL(root).href + '/%61uth.bluebook.yaml';
    const opened = new SuiteWorkspace(new ProjectCache(), {
      document: (path) =>
        path === authPath ? parseSuite('tests:\n  login:\n    steps: []\n', editorUri) : undefined,
      paths: () => [authPath],
    });
    const { text, offset } = cursor('tests:\n  a:\n    steps:\n      - use: ./auth.bluebook.yaml#lo|gin\n');
    const source = suiteSource(analyzeIn(root, 'n.bluebook.yaml', text));
    const at = testIdAt(source, offset)!;
    assert.deepEqual(
      testIdDefinition(at, source, opened).map((location) => location.uri),
      [editorUri],
    );
  });

  void it('works in a document with no file: #id uses of the same document', async () => {
    const { text, offset } = cursor(
      'tests:\n  a:\n    steps:\n      - use: "#b|"\n  b:\n    steps:\n      - GET: /b\n',
    );
    const analyzed = suiteSource(analyzeText(text));
    const at = testIdAt(analyzed, offset)!;
    const refs = await testIdReferences(at, analyzed, suites, true);
    assert.deepEqual(
      refs.map((location) => [location.uri, location.range.start.line]),
      [
        [analyzed.uri, 4],
        [analyzed.uri, 3],
      ],
    );
  });

  void it('refuses to rename a test that does not exist or the file part of a use:', () => {
    const missing = cursor('tests:\n  a:\n    steps:\n      - use: "#nope|"\n');
    const analyzed = suiteSource(analyzeText(missing.text));
    const refused = prepareTestIdRename(testIdAt(analyzed, missing.offset)!, analyzed, suites);
    assert.ok(refused instanceof ResponseError);
    assert.match(refused.message, /no test `nope` to rename/);
    const file = cursor('tests:\n  a:\n    steps:\n      - use: ./au|th.bluebook.yaml#login\n');
    const onFile = suiteSource(analyzeIn(root, 'u.bluebook.yaml', file.text));
    const answer = prepareTestIdRename(testIdAt(onFile, file.offset)!, onFile, suites);
    assert.ok(answer instanceof ResponseError);
    assert.match(answer.message, /on the test id/);
  });

  void it('reads no device or FIFO named by a use: (answers at once)', () => {
    const { text, offset } = cursor('tests:\n  a:\n    steps:\n      - use: /dev/zero#x|\n');
    const analyzed = suiteSource(analyzeIn(root, 'dev.bluebook.yaml', text));
    const started = Date.now();
    assert.deepEqual(testIdDefinition(testIdAt(analyzed, offset)!, analyzed, suites), []);
    assert.equal(suites.text('/dev/zero'), undefined);
    assert.ok(Date.now() - started < 5_000);
  });

  void it('goes nowhere and refuses rename, without throwing, for values that name no test', async () => {
    for (const value of [
      "'#'",
      './auth.bluebook.yaml#',
      './#x',
      './missing.bluebook.yaml#a',
      'auth',
      '"#a\\u0062"',
    ]) {
      const { text, offset } = cursor(`tests:\n  a:\n    steps:\n      - use: ${value}|\n`);
      const source = suiteSource(analyzeIn(root, 'odd.bluebook.yaml', text));
      const at = testIdAt(source, offset);
      if (!at) continue;
      assert.deepEqual(testIdDefinition(at, source, suites), [], value);
      const refs = await testIdReferences(at, source, suites, true);
      assert.ok(
        refs.every((location) => location.uri === source.uri),
        `${value}: only the uses naming the same missing test`,
      );
      assert.ok(prepareTestIdRename(at, source, suites) instanceof ResponseError, value);
    }
  });

  void it('offers only # for use: in a document with no file', () => {
    const { text, position } = cursor('tests:\n  a:\n    steps:\n      - use: |\n');
    const list = completion(analyzeText(text), position, { suites });
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['#'],
    );
  });
});

/** `cursor`, with `¦` written for a block scalar's `|` (the cursor marker). */
function marked(text: string) {
  const { text: raw, offset, position } = cursor(text);
  return { text: raw.replace(/¦/g, '|'), offset, position };
}

void describe('the workspace of a suite', () => {
  void it('is the innermost workspace folder, else the config folder, else the suite folder', () => {
    const root = project({
      'a/x.bluebook.yaml': 'tests: {}\n',
      'b/y.bluebook.yaml': 'tests: {}\n',
      'b/c/bluebook.config.yaml': 'environments: {}\n',
      'b/c/z.bluebook.yaml': 'tests: {}\n',
    });
    const suites = new SuiteWorkspace(new ProjectCache(), noOpen);
    const x = join(root, 'a/x.bluebook.yaml');
    const z = join(root, 'b/c/z.bluebook.yaml');
    assert.deepEqual(suites.suiteFiles(x), [x]);
    assert.deepEqual(suites.suiteFiles(z), [z]);
    suites.setRoots([root, join(root, 'b')]);
    assert.deepEqual(suites.suiteFiles(x), [
      x,
      join(root, 'b/c/z.bluebook.yaml'),
      join(root, 'b/y.bluebook.yaml'),
    ]);
    assert.deepEqual(suites.suiteFiles(z), [
      join(root, 'b/c/z.bluebook.yaml'),
      join(root, 'b/y.bluebook.yaml'),
    ]);
  });
});

void describe('scripts and expressions', () => {
  const at = (text: string) => {
    const { text: source, offset } = marked(text);
    const lines = new LineIndex(source);
    return scriptCursorAt(lines, offset, cursorContext(lines, offset));
  };

  void it('knows where JavaScript is and whether a response exists', () => {
    const step = 'tests:\n  a:\n    steps:\n      - GET: /x\n';
    assert.deepEqual(at(`${step}        headers: { a: "\${{ x|" }\n`), {
      kind: 'expression',
      hasResponse: false,
    });
    assert.deepEqual(at(`${step}        capture:\n          n: "\${{ r|" }\n`), {
      kind: 'expression',
      hasResponse: true,
    });
    assert.deepEqual(at(`${step}        script: { after: "resp|" }\n`), {
      kind: 'script',
      hasResponse: true,
    });
    assert.deepEqual(
      at(`${step}        script:\n          before: ¦\n            const a = 1\n            re|\n`),
      {
        kind: 'script',
        hasResponse: false,
      },
    );
    assert.equal(at(`${step}        headers: { a: "\${{ x }} |" }\n`), undefined);
    assert.equal(at('before:\n  - GET: /|\n'), undefined);
    assert.equal(at(`${step}        script:\n          |\n`), undefined);
  });

  void it('completes response members in an inline after script', () => {
    const { text, position } = cursor(
      'tests:\n  a:\n    steps:\n      - GET: /x\n        script: { after: "check(\'ok\', response.st|" }\n',
    );
    const list = completion(analyzeText(text), position);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['status', 'headers', 'json', 'text', 'duration'],
    );
    assert.deepEqual((list.items[0].textEdit as { range: unknown }).range, {
      start: { line: 4, character: 47 },
      end: { line: 4, character: 49 },
    });
  });

  void it('completes vars. in an expression with the variables in scope', () => {
    const { text, position } = cursor(
      'variables:\n  user-id: 1\ntests:\n  a:\n    steps:\n      - GET: /x/${{ vars.|\n',
    );
    const labels = completion(analyzeText(text), position).items.map((item) => item.label);
    assert.ok(labels.includes('user-id'), labels.join());
    assert.ok(!labels.includes('get'), 'vars.get is a script API');
  });

  void it('hovers a root with its members, and nothing for an unknown name', () => {
    const value = (source: string) => {
      const { text, position } = marked(source);
      const result = hover(analyzeText(text), position);
      return result ? (result.contents as { value: string }).value : '';
    };
    const step = 'tests:\n  a:\n    steps:\n      - GET: /x\n        script:\n          after: ¦\n';
    assert.match(value(`${step}            con|sole.log(1)\n`), /console\.log\(\.\.\.values\)/);
    assert.match(value(`${step}            respo|nse.json\n`), /response\.status/);
    assert.equal(value(`${step}            myHel|per()\n`), '');
  });
});
