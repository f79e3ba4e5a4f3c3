import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { SuiteResult } from '../../../core/src/index.js';
import { codeActions } from '../../../server/src/features/codeActions.js';
import { codeLenses } from '../../../server/src/features/codeLens.js';
import { definition } from '../../../server/src/features/definition.js';
import { documentSymbols } from '../../../server/src/features/documentSymbols.js';
import { foldingRanges } from '../../../server/src/features/foldingRanges.js';
import { hover } from '../../../server/src/features/hover.js';
import { references } from '../../../server/src/features/references.js';
import { prepareRename, rename } from '../../../server/src/features/rename.js';
import { analyzeIn, analyzeText, cursor, project, textOf } from './helpers.js';

const SUITE = [
  'variables:',
  '  userName: Ada',
  'tests:',
  '  create:',
  '    steps:',
  '      - POST: /users',
  '        json: { name: "${userName}" }',
  '        capture:',
  '          userId: $.id',
  '      - GET: /users/${userId}',
  '        expect:',
  '          status: 200',
  '  other:',
  '    steps:',
  '      - GET: /x',
  '',
].join('\n');

function hoverText(marked: string, root?: string, selected?: string): string {
  const { text, position } = cursor(marked);
  const analyzed = root ? analyzeIn(root, 'a.bluebook.yaml', text) : analyzeText(text);
  const result = hover(analyzed, position, selected);
  return result ? (result.contents as { value: string }).value : '';
}

void describe('hover', () => {
  void it('documents keys by context', () => {
    assert.match(
      hoverText('tests:\n  t:\n    steps:\n      - GET: /a\n        cap|ture: {}\n'),
      /Values to keep from the response/,
    );
    assert.match(hoverText('tests:\n  t:\n    e|ach: []\n'), /Data-driven rows/);
  });

  void it('explains status codes', () => {
    assert.match(
      hoverText('tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          status: 4|04\n'),
      /404 Not Found/,
    );
  });

  void it('shows a variable value in the selected environment, masking secrets', () => {
    const root = project({
      'bluebook.config.yaml':
        'environments:\n  local: { baseUrl: "http://127.0.0.1:1", token: s3cr3t }\n  staging: { baseUrl: "https://s" }\ndefaultEnvironment: local\nsecrets: [token]\n',
    });
    const base = hoverText('baseUrl: ${base|Url}\ntests: {}\n', root, 'staging');
    assert.match(base, /`staging` \(selected\): `"https:\/\/s"`/);
    const token = hoverText('tests:\n  t:\n    steps:\n      - GET: /${tok|en}\n', root);
    assert.match(token, /•••/);
    assert.doesNotMatch(token, /s3cr3t/);
    assert.match(token, /not defined in `staging`/);
  });

  void it('says where a capture comes from', () => {
    const marked = SUITE.replace('/users/${userId}', '/users/${user|Id}');
    assert.match(hoverText(marked), /capture of step 1 of test `create`/);
  });
});

void describe('navigation', () => {
  void it('goes from a use to the capture that defines it', () => {
    const { text, position } = cursor(SUITE.replace('/users/${userId}', '/users/${us|erId}'));
    const [location] = definition(analyzeText(text), position);
    assert.equal(textOf(text, location.range), 'userId');
    assert.equal(location.range.start.line, 8);
  });

  void it('goes from a suite into bluebook.config.yaml for environment keys', () => {
    const root = project({
      'bluebook.config.yaml':
        'environments:\n  local:\n    baseUrl: http://127.0.0.1:1\n  ci:\n    baseUrl: http://127.0.0.1:2\n',
    });
    const { text, position } = cursor('baseUrl: ${base|Url}\ntests: {}\n');
    const locations = definition(analyzeIn(root, 'a.bluebook.yaml', text), position);
    const configUri = pathToFileURL(join(root, 'bluebook.config.yaml')).href;
    assert.deepEqual(
      locations.map((location) => [location.uri, location.range.start.line]),
      [
        [configUri, 2],
        [configUri, 4],
      ],
    );
  });

  void it('finds references from the definition and from a use', () => {
    const { text, position } = cursor(
      SUITE.replace('  user|Name: Ada', '  userName: Ada').replace('  userName: Ada', '  user|Name: Ada'),
    );
    const found = references(analyzeText(text), position, true);
    assert.deepEqual(
      found.map((location) => location.range.start.line),
      [1, 6],
    );
    assert.deepEqual(
      references(analyzeText(text), position, false).map((location) => location.range.start.line),
      [6],
    );
  });

  void it('renames a capture and all its uses, and refuses invalid names', () => {
    const { text, position } = cursor(SUITE.replace('/users/${userId}', '/users/${user|Id}'));
    const analyzed = analyzeText(text);
    assert.equal(prepareRename(analyzed, position)?.placeholder, 'userId');
    const edit = rename(analyzed, position, 'newId');
    const edits = edit?.changes?.[analyzed.uri] ?? [];
    assert.deepEqual(
      edits.map((item) => [item.range.start.line, textOf(text, item.range), item.newText]),
      [
        [8, 'userId', 'newId'],
        [9, 'userId', 'newId'],
      ],
    );
    assert.equal(rename(analyzed, position, 'not valid'), null);
  });

  void it('renames an each key in every row', () => {
    const { text, position } = cursor(
      'tests:\n  t:\n    each:\n      - { role: a }\n      - { role: b }\n    steps:\n      - GET: /${ro|le}\n',
    );
    const analyzed = analyzeText(text);
    const edits = rename(analyzed, position, 'kind')?.changes?.[analyzed.uri] ?? [];
    assert.deepEqual(
      edits.map((item) => item.range.start.line),
      [3, 4, 6],
    );
  });
});

void describe('structure features', () => {
  void it('lists tests and steps as document symbols', () => {
    const symbols = documentSymbols(analyzeText(SUITE));
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]),
      [
        ['create', ['POST /users', 'GET /users/${userId}']],
        ['other', ['GET /x']],
      ],
    );
  });

  void it('folds tests and multi-line steps', () => {
    const ranges = foldingRanges(analyzeText(SUITE)).map((range) => [range.startLine, range.endLine]);
    assert.deepEqual(ranges, [
      [3, 11],
      [5, 8],
      [9, 11],
      [12, 14],
    ]);
  });

  void it('puts Run test and Run step lenses with the shared command arguments', () => {
    const analyzed = analyzeText(SUITE);
    const lenses = codeLenses(analyzed).map((lens) => [
      lens.range.start.line,
      lens.command?.title,
      lens.command?.command,
      lens.command?.arguments?.[0],
    ]);
    assert.deepEqual(lenses[0], [
      3,
      '▶ Run test',
      'bluebook.runTest',
      { uri: analyzed.uri, testId: 'create' },
    ]);
    assert.deepEqual(lenses[2], [
      9,
      '▶ Run step',
      'bluebook.runStep',
      { uri: analyzed.uri, testId: 'create', stepIndex: 1 },
    ]);
    assert.equal(lenses.length, 5);
  });
});

void describe('code actions', () => {
  void it('offers the did-you-mean fix of a diagnostic', () => {
    const text = 'tests:\n  t:\n    steps:\n      - GET: /a\n        expct: {}\n';
    const analyzed = analyzeText(text);
    const actions = codeActions(analyzed, {
      range: { start: { line: 4, character: 9 }, end: { line: 4, character: 9 } },
      context: { diagnostics: [] },
    });
    const fix = actions.find((action) => action.title.includes('expect'));
    assert.equal(fix?.edit?.changes?.[analyzed.uri][0].newText, 'expect');
  });

  void it('rewrites a non-standard JSONPath shorthand to the bracketed form', () => {
    const marked = [
      'tests:',
      '  t:',
      '    steps:',
      '      - GET: /a',
      '        expect:',
      '          json:',
      '            $.headers.X-Su|ite: yes',
      '',
    ].join('\n');
    const { text, position } = cursor(marked);
    const analyzed = analyzeText(text);
    const warning = analyzed.validation.diagnostics.find((d) => d.code === 'non-standard-jsonpath');
    const range = analyzed.doc.lineIndex.rangeOf(warning!.span);
    assert.equal(textOf(text, range), '.X-Suite');
    const lspDiagnostic = { range, message: warning!.message, code: warning!.code };
    const actions = codeActions(analyzed, {
      range: { start: position, end: position },
      context: { diagnostics: [lspDiagnostic] },
    });
    const fix = actions.find((action) => action.title === "Change to `$.headers['X-Suite']`");
    assert.equal(fix?.isPreferred, true);
    assert.deepEqual(fix?.diagnostics, [lspDiagnostic]);
    const edit = fix?.edit?.changes?.[analyzed.uri][0];
    assert.equal(textOf(text, edit!.range), '$.headers.X-Suite');
    assert.equal(edit?.newText, "$.headers['X-Suite']");
  });

  void it('adds a missing expect block after the step', () => {
    const text = 'tests:\n  t:\n    steps:\n      - POST: /a\n        json: {}\n';
    const analyzed = analyzeText(text);
    const actions = codeActions(analyzed, {
      range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } },
      context: { diagnostics: [] },
    });
    const add = actions.find((action) => action.title === 'Add an `expect` block');
    const edit = add?.edit?.changes?.[analyzed.uri][0];
    assert.deepEqual(edit?.range.start, { line: 4, character: 16 });
    assert.equal(edit?.newText, '\n        expect:\n          status: 201');
  });

  void it('accepts the actual value of a failed expectation from the last results', () => {
    const analyzed = analyzeText(SUITE);
    const step = analyzed.doc.suite!.tests[0].steps[1];
    const expectation = step.expectations[0];
    const results: SuiteResult = {
      file: analyzed.uri,
      name: 's',
      outcome: 'failed',
      durationMs: 1,
      before: [],
      after: [],
      tests: [
        {
          testId: 'create',
          instanceId: 'create',
          name: 'create',
          outcome: 'failed',
          durationMs: 1,
          span: analyzed.doc.suite!.tests[0].span,
          steps: [
            {
              phase: 'test',
              index: 1,
              name: 'GET',
              outcome: 'failed',
              durationMs: 1,
              attempts: 1,
              span: step.span,
              methodSpan: step.methodSpan,
              expectations: [
                {
                  kind: 'status',
                  passed: false,
                  expected: 200,
                  actual: 404,
                  message: 'expected 200, got 404',
                  span: expectation.span,
                },
              ],
            },
          ],
        },
      ],
    };
    const range = { start: { line: 11, character: 12 }, end: { line: 11, character: 12 } };
    const actions = codeActions(
      analyzed,
      { range, context: { diagnostics: [] } },
      { uri: analyzed.uri, version: 1, results },
    );
    const accept = actions.find((action) => action.title.startsWith('Accept actual value'));
    const edit = accept?.edit?.changes?.[analyzed.uri][0];
    assert.equal(edit?.newText, '404');
    assert.equal(textOf(SUITE, edit!.range), '200');
    const stale = codeActions(
      analyzed,
      { range, context: { diagnostics: [] } },
      { uri: analyzed.uri, version: 0, results },
    );
    assert.ok(
      !stale.some((action) => action.title.startsWith('Accept')),
      'no fix from results of another version',
    );
  });
});
