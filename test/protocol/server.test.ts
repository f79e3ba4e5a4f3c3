import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import {
  Commands,
  LastResultsNotification,
  SelectedEnvironmentNotification,
} from '../../core/src/protocol.js';
import type { SuiteResult } from '../../core/src/index.js';
import { ensureBuilt, TestClient } from './client.js';

const SUITE = [
  'name: Users',
  'baseUrl: ${baseUrl}',
  'variables:',
  '  userName: Ada',
  'tests:',
  '  create:',
  '    steps:',
  '      - POST: /users',
  '        json: { name: "${userName}" }',
  '        expect:',
  '          status: 201',
  '        capture:',
  '          userId: $.id',
  '      - GET: /users/${userId}',
  '        expct:',
  '          status: 200',
  '',
].join('\n');

const CONFIG =
  'environments:\n  local: { baseUrl: "http://127.0.0.1:1", token: s3cr3t }\n  ci: { baseUrl: "http://127.0.0.1:2" }\nsecrets: [token]\n';

/** Each diagnostic as [code, line, start character, end character]. */
function located(diagnostics: Diagnostic[]): [unknown, number, number, number][] {
  return diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
}

void describe('language server over stdio', () => {
  let client: TestClient;
  let root: string;
  let uri: string;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-'));
    writeFileSync(join(root, 'bluebook.config.yaml'), CONFIG);
    writeFileSync(join(root, 'users.bluebook.yaml'), SUITE);
    uri = pathToFileURL(join(root, 'users.bluebook.yaml')).href;
    client = new TestClient({
      validate: { undefinedVariables: true, files: true },
      codeLens: { enabled: true },
    });
    await client.initialize({
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    });
  });

  after(async () => {
    await client.close();
  });

  /** Writes bluebook.config.yaml, tells the server it changed, and resolves with the suite's next diagnostics. */
  async function changeConfig(text: string): Promise<Diagnostic[]> {
    const configPath = join(root, 'bluebook.config.yaml');
    writeFileSync(configPath, text);
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(configPath).href, type: 2 }],
    });
    return (await published).diagnostics;
  }

  async function complete(line: number, character: number): Promise<CompletionList> {
    return (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    })) as CompletionList;
  }

  void it('publishes diagnostics with codes and exact ranges on open', async () => {
    const published = await client.open(uri, SUITE);
    assert.deepEqual(located(published.diagnostics), [['unknown-key', 14, 8, 13]]);
    assert.match(String(published.diagnostics[0].message), /did you mean `expect`/);
    assert.equal(published.diagnostics[0].source, 'bluebook');
  });

  void it('registers file watchers for config, .env and data files, and reads settings per resource', () => {
    const registration = client.serverRequests.find(
      (request) => request.method === 'client/registerCapability',
    );
    assert.match(JSON.stringify(registration?.params), /bluebook\.config\.yaml/);
    const configuration = client.serverRequests.find(
      (request) => request.method === 'workspace/configuration',
    );
    assert.match(
      JSON.stringify(configuration?.params),
      new RegExp(uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
  });

  void it('re-publishes after an incremental edit', async () => {
    const published = await client.change(uri, 2, [
      { range: { start: { line: 14, character: 8 }, end: { line: 14, character: 13 } }, text: 'expect' },
    ]);
    assert.deepEqual(published.diagnostics, []);
    const broken = await client.change(uri, 3, [
      { range: { start: { line: 13, character: 23 }, end: { line: 13, character: 23 } }, text: 'X' },
    ]);
    assert.deepEqual(located(broken.diagnostics), [['undefined-variable', 13, 22, 29]]);
    await client.change(uri, 4, [
      { range: { start: { line: 13, character: 23 }, end: { line: 13, character: 24 } }, text: '' },
    ]);
  });

  void it('refreshes diagnostics when bluebook.config.yaml changes', async () => {
    const diagnostics = await changeConfig('environments:\n  local: { token: x }\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['undefined-variable', 1]],
    );
    assert.deepEqual(await changeConfig(CONFIG), []);
  });

  void it('completes keys, status codes and variables', async () => {
    const keys = await complete(10, 10);
    assert.ok(keys.items.some((item) => item.label === 'headers'));
    const status = await complete(10, 18);
    assert.ok(status.items.some((item) => item.label === '201' && item.detail === 'Created'));
    const variables = await complete(13, 26);
    const labels = variables.items.map((item) => item.label);
    for (const name of ['userId', 'userName', 'baseUrl', 'token']) assert.ok(labels.includes(name), name);
  });

  void it('hovers a variable with its environment values, secrets masked', async () => {
    await client.connection.sendNotification(SelectedEnvironmentNotification, { environment: 'ci' });
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 12 },
    });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /`ci` \(selected\)/);
    assert.deepEqual(hover?.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 19 } });
  });

  void it('navigates: definition into the config, references and rename in the suite', async () => {
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 12 },
    })) as Location[];
    assert.deepEqual(
      definition.map((location) => [
        location.uri.endsWith('/bluebook.config.yaml'),
        location.range.start.line,
      ]),
      [
        [true, 1],
        [true, 2],
      ],
    );
    const refs = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: { line: 12, character: 12 },
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs?.map((location) => location.range.start.line),
      [12, 13],
    );
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: { line: 12, character: 12 },
      newName: 'id',
    });
    assert.deepEqual(
      edit?.changes?.[uri].map((change) => [change.range.start.line, change.newText]),
      [
        [12, 'id'],
        [13, 'id'],
      ],
    );
  });

  void it('answers symbols, folding ranges and code lenses', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.children?.length]),
      [['create', 2]],
    );
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folds?.some((fold) => fold.startLine === 5 && fold.endLine === 15));
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      lenses?.map((lens) => [lens.range.start.line, lens.command?.command, lens.command?.arguments?.[0]]),
      [
        [5, Commands.runTest, { uri, testId: 'create' }],
        [7, Commands.runStep, { uri, testId: 'create', stepIndex: 0 }],
        [13, Commands.runStep, { uri, testId: 'create', stepIndex: 1 }],
      ],
    );
  });

  void it('offers "Accept actual value" after the client sends the last results', async () => {
    const range = { start: { line: 10, character: 10 }, end: { line: 10, character: 10 } };
    const before = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [] },
    });
    assert.ok(!before?.some((action) => action.title.startsWith('Accept')));
    const span = {
      start: SUITE.indexOf('status: 201'),
      end: SUITE.indexOf('status: 201') + 'status: 201'.length,
    };
    const results: SuiteResult = {
      file: uri,
      name: 'Users',
      outcome: 'failed',
      durationMs: 3,
      before: [],
      after: [],
      tests: [
        {
          testId: 'create',
          instanceId: 'create',
          name: 'create',
          outcome: 'failed',
          durationMs: 3,
          span: { start: 0, end: 0 },
          steps: [
            {
              phase: 'test',
              index: 0,
              name: 'POST /users',
              outcome: 'failed',
              durationMs: 3,
              attempts: 1,
              span: { start: 0, end: 0 },
              methodSpan: { start: 0, end: 0 },
              expectations: [
                {
                  kind: 'status',
                  passed: false,
                  expected: 201,
                  actual: 200,
                  message: 'expected 201, got 200',
                  span,
                },
              ],
            },
          ],
        },
      ],
    };
    await client.connection.sendNotification(LastResultsNotification, { uri, version: 4, results });
    const after = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [] },
    });
    const accept = after?.find((action) => action.title.startsWith('Accept actual value'));
    assert.ok(accept && 'edit' in accept);
    assert.deepEqual(accept.edit?.changes?.[uri], [
      { range: { start: { line: 10, character: 18 }, end: { line: 10, character: 21 } }, newText: '200' },
    ]);
  });

  void it('reports an RE2-unsupported regex and a non-standard JSONPath at their exact ranges, with a fix', async () => {
    const patternsUri = pathToFileURL(join(root, 'patterns.bluebook.yaml')).href;
    const lines = [
      'tests:',
      '  t:',
      '    steps:',
      '      - GET: http://127.0.0.1:1/x',
      '        expect:',
      '          text: { match: "^\\\\d+(?<=1)$" }',
      '          json:',
      '            $.headers.X-Suite: 1',
      '',
    ];
    const columns = (line: number, part: string): [number, number] => [
      lines[line].indexOf(part),
      lines[line].indexOf(part) + part.length,
    ];
    const expected = [
      ['unsupported-regex', 5, ...columns(5, '(?<=1)')],
      ['non-standard-jsonpath', 7, ...columns(7, '.X-Suite')],
    ];
    const published = await client.open(patternsUri, lines.join('\n'));
    assert.deepEqual(located(published.diagnostics), expected);
    assert.deepEqual(
      published.diagnostics.map((d) => d.severity),
      [1, 2],
    );
    assert.match(
      String(published.diagnostics[0].message),
      /^lookbehind `\(\?<=…\)` is not supported: Bluebook matches with RE2 semantics/,
    );

    // After an incremental edit inside the test the ranges are still exact.
    const edited = await client.change(patternsUri, 2, [
      { range: { start: { line: 7, character: 22 }, end: { line: 7, character: 29 } }, text: 'Y-Suite' },
    ]);
    assert.deepEqual(located(edited.diagnostics), expected);

    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: patternsUri },
      range: edited.diagnostics[1].range,
      context: { diagnostics: [edited.diagnostics[1]] },
    });
    const fix = actions?.find((action) => action.title === "Change to `$.headers['Y-Suite']`");
    assert.ok(fix && 'edit' in fix);
    assert.deepEqual(fix.edit?.changes?.[patternsUri], [
      {
        range: { start: { line: 7, character: 12 }, end: { line: 7, character: 29 } },
        newText: "$.headers['Y-Suite']",
      },
    ]);
  });

  void it('never writes anything but protocol to stdout, and survives garbage documents', async () => {
    const garbage = 'file:///nowhere/garbage.bluebook.yaml';
    const published = await client.open(garbage, '\u0000\u0001: [ {\n\t- ]]]\n' + '{'.repeat(5000));
    assert.ok(published.diagnostics.length > 0);
    const completion = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: garbage },
      position: { line: 1, character: 3 },
    });
    assert.ok(completion !== undefined);
    assert.equal(client.process.exitCode, null, 'server still running');
  });
});
