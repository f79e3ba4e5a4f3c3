import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionList,
  type Location,
  type MarkupContent,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, TestClient } from './client.js';

const AUTH = 'tests:\n  login:\n    name: Log in\n    steps:\n      - POST: /login\n';

const SUITE = [
  'variables:',
  '  token: abc',
  'tests:',
  '  local:',
  '    steps:',
  '      - GET: /local',
  '  flow:',
  '    steps:',
  '      - { use: ./auth.bluebook.yaml#login }',
  '      - { use: "#local" }',
  '      - { use:  }',
  '      - GET: /x',
  '        headers:',
  '          authorization: ${{ "Bearer " +',
  '            tok }}',
  '        expect:',
  '          assert:',
  '            - |',
  '              ${{ response.status < 300 &&',
  '                response.js.length > 0 &&',
  '                sha256("a") }}',
  '',
].join('\n');

/** The position of `needle` (the `at`-th character of it) in `text`. */
function positionOf(text: string, needle: string, at = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset + at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

void describe('language server: flow-map use: and multi-line ${{ }}', () => {
  let client: TestClient;
  let uri: string;
  let authUri: string;

  before(async () => {
    ensureBuilt();
    const root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-flow-'));
    writeFileSync(join(root, 'bluebook.config.yaml'), 'environments: {}\n');
    writeFileSync(join(root, 'auth.bluebook.yaml'), AUTH);
    writeFileSync(join(root, 'flow.bluebook.yaml'), SUITE);
    uri = pathToFileURL(join(root, 'flow.bluebook.yaml')).href;
    authUri = pathToFileURL(join(root, 'auth.bluebook.yaml')).href;
    client = new TestClient();
    await client.initialize();
    await client.open(uri, SUITE);
  });

  after(async () => {
    await client.close();
  });

  async function labels(position: Position): Promise<string[]> {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionList;
    return list.items.map((item) => item.label);
  }

  void it('completes paths and test ids after use: in a flow map', async () => {
    assert.deepEqual((await labels(positionOf(SUITE, '{ use:  }', 7))).sort(), ['#', './auth.bluebook.yaml']);
    assert.deepEqual(await labels(positionOf(SUITE, '#local', 1)), ['local']);
    assert.deepEqual(await labels(positionOf(SUITE, '#login', 1)), ['login']);
  });

  void it('goes to, finds and renames a test from a flow-map use:', async () => {
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: positionOf(SUITE, '#login', 2),
    })) as Location[];
    assert.deepEqual(definition, [
      { uri: authUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } } },
    ]);
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(SUITE, '#local', 2),
      context: { includeDeclaration: true },
    }))!;
    assert.deepEqual(
      references.map((location) => location.range.start),
      [
        { line: 3, character: 2 },
        { line: 9, character: 17 },
      ],
    );
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: positionOf(SUITE, '#local', 2),
      newName: 'home',
    })) as WorkspaceEdit;
    assert.deepEqual(
      edit.changes?.[uri]?.map((change) => [change.range.start.line, change.newText]),
      [
        [3, 'home'],
        [9, 'home'],
      ],
    );
  });

  void it('completes and hovers on the later lines of a multi-line ${{ }}', async () => {
    assert.ok((await labels(positionOf(SUITE, 'tok }}', 3))).includes('token'));
    assert.deepEqual(await labels(positionOf(SUITE, 'response.js.', 11)), [
      'status',
      'headers',
      'json',
      'text',
      'duration',
    ]);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(SUITE, 'sha256("a")', 2),
    });
    assert.match((hover?.contents as MarkupContent).value, /sha256/);
  });
});
