/**
 * The server serves `*.mock.yaml` files (diagnostics, completion, hover, quick fixes, the
 * "▶ Start mock" code lens, nothing suite-only) and `services:` in bluebook.config.yaml.
 */
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
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  type CompletionList,
  type MarkupContent,
  type Position,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, TestClient } from './client.js';

const MOCK = [
  'name: payments',
  'routes:',
  '  - GET: /payments/:id',
  '    respond:',
  '      status: 200',
  '      ',
  '    ',
  '  - POST: /payments',
  '    query: { q: { match: "(" } }',
  '    respnd: { status: 201 }',
  '',
].join('\n');

const CONFIG = [
  'services:',
  '  api:',
  '    command: npm start',
  '    ',
  '  payments: { mock: ./payments.mock.yaml }',
  'environments:',
  '  local: { baseUrl: "${services.}" }',
  '',
].join('\n');

/** [code, line, start character, end character] of each diagnostic. */
function located(published: PublishDiagnosticsParams): [unknown, number, number, number][] {
  return published.diagnostics.map((d) => [
    d.code,
    d.range.start.line,
    d.range.start.character,
    d.range.end.character,
  ]);
}

void describe('language server: mock files and services', { timeout: 30_000 }, () => {
  let client: TestClient;
  let root: string;
  const uriOf = (name: string): string => pathToFileURL(join(root, name)).href;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-mock-'));
    writeFileSync(join(root, 'bluebook.config.yaml'), CONFIG);
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.close();
  });

  const complete = async (uri: string, position: Position): Promise<string[]> => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionList;
    return list.items.map((item) => item.label);
  };

  void it('publishes parseMock’s diagnostics at their exact ranges', async () => {
    const published = await client.open(uriOf('payments.mock.yaml'), MOCK, 1, 'bluebook-mock');
    assert.deepEqual(located(published), [
      ['unknown-key', 9, 4, 10],
      ['invalid-regex', 8, 26, 27],
      ['invalid-mock', 7, 4, 8],
    ]);
    assert.match(String(published.diagnostics[0].message), /did you mean `respond`/);
  });

  void it('completes route keys and response keys by context', async () => {
    const uri = uriOf('payments.mock.yaml');
    const route = await complete(uri, { line: 6, character: 4 });
    assert.deepEqual(route, ['query', 'headers', 'json', 'body']);
    const respond = await complete(uri, { line: 5, character: 6 });
    assert.ok(respond.includes('fault') && respond.includes('delay') && !respond.includes('status'));
  });

  void it('hovers a key with its docs', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf('payments.mock.yaml') },
      position: { line: 7, character: 5 },
    });
    assert.match((hover?.contents as MarkupContent).value, /^\*\*POST\*\* — POST requests/);
  });

  void it('offers "▶ Start mock" with bluebook.startMock and the document URI', async () => {
    const uri = uriOf('payments.mock.yaml');
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        command: { title: '▶ Start mock', command: 'bluebook.startMock', arguments: [uri] },
      },
    ]);
  });

  void it('outlines the routes', async () => {
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uriOf('payments.mock.yaml') },
    });
    assert.deepEqual(
      symbols?.map((symbol) => symbol.name),
      ['GET /payments/:id', 'POST /payments'],
    );
  });

  void it('offers the "did you mean" quick fix', async () => {
    const uri = uriOf('payments.mock.yaml');
    const diagnostic = client.lastDiagnostics.get(uri)!.diagnostics.find((d) => d.code === 'unknown-key')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(
      actions?.map((action) => ('title' in action ? action.title : undefined)),
      ['Change to `respond`'],
    );
  });

  void it('serves a mock file opened as yaml by its name, and an untitled bluebook-mock document', async () => {
    const asYaml = await client.open(uriOf('other.mock.yml'), 'routes:\n  - GET: /a\n', 1, 'yaml');
    assert.deepEqual(located(asYaml), [['invalid-mock', 1, 4, 7]]);
    const untitled = await client.open('untitled:Untitled-1', 'rotes: []\n', 1, 'bluebook-mock');
    assert.deepEqual(located(untitled), [['unknown-key', 0, 0, 5]]);
  });

  void it('answers every request on broken YAML, with nothing suite-only', async () => {
    const uri = uriOf('broken.mock.yaml');
    const text = 'routes: [\n  - GET: /a\n    respond: {\n      \n';
    const published = await client.open(uri, text, 1, 'bluebook-mock');
    assert.ok(published.diagnostics.some((d) => d.code === 'yaml-syntax'));
    const position = { line: 3, character: 6 };
    const params = { textDocument: { uri }, position };
    assert.ok((await complete(uri, position)).includes('fault'));
    assert.equal(await client.connection.sendRequest(HoverRequest.type, params), null);
    assert.equal(
      (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))?.length,
      1,
    );
    assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, params), []);
    assert.deepEqual(
      await client.connection.sendRequest(ReferencesRequest.type, {
        ...params,
        context: { includeDeclaration: true },
      }),
      [],
    );
    assert.deepEqual(
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
      [],
    );
    assert.deepEqual(
      await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
      [],
    );
    assert.deepEqual(
      client.logs.filter((line) => /failed|uncaught/.test(line)),
      [],
    );
  });

  void it('answers an alias bomb in a mock file with one yaml-limit diagnostic, and keeps serving', async () => {
    const uri = uriOf('bomb.mock.yaml');
    const anchors = ['x:', '  l0: &l0 [lol]'];
    for (let i = 1; i <= 9; i++)
      anchors.push(
        `  l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const text = [...anchors, 'routes:', '  - GET: /a', '    respond: { json: *l9 }', '    ', ''].join('\n');
    const started = Date.now();
    const published = await client.open(uri, text, 1, 'bluebook-mock');
    assert.ok(Date.now() - started < 10_000, 'answers without expanding the bomb');
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'yaml-limit').map((d) => d.code),
      ['yaml-limit'],
    );
    assert.ok((await complete(uri, { line: 14, character: 4 })).includes('query'));
  });

  void it('completes a service’s keys and ${services. names in bluebook.config.yaml', async () => {
    const uri = uriOf('bluebook.config.yaml');
    await client.open(uri, CONFIG, 1, 'yaml');
    const keys = await complete(uri, { line: 3, character: 4 });
    assert.ok(keys.includes('ready') && keys.includes('dependsOn') && !keys.includes('command'), keys.join());
    const names = await complete(uri, { line: 6, character: 32 });
    assert.deepEqual(names, ['services.api', 'services.payments']);
  });

  void it('publishes the services parser’s problems in bluebook.config.yaml', async () => {
    const uri = uriOf('bluebook.config.yaml');
    const published = await client.change(uri, 2, [
      {
        range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } },
        text: 'dependsOn: [nope]',
      },
    ]);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'invalid-config').map((d) => d.range.start.line),
      [3],
    );
    assert.match(String(published.diagnostics[0].message), /nope/);
  });

  void it('completes ${services. in a suite of that config', async () => {
    const uri = uriOf('api.bluebook.yaml');
    const text = 'baseUrl: "${services.payments.}"\ntests: {}\n';
    await client.open(uri, text);
    assert.deepEqual(await complete(uri, { line: 0, character: 30 }), [
      'services.payments.url',
      'services.payments.port',
      'services.payments.host',
    ]);
  });
});

void describe(
  'language server: the Start mock lens follows bluebook.codeLens.enabled',
  { timeout: 30_000 },
  () => {
    let client: TestClient;

    before(async () => {
      ensureBuilt();
      client = new TestClient({ codeLens: { enabled: false } });
      await client.initialize({ workspace: { configuration: true } });
    });

    after(async () => {
      await client.close();
    });

    void it('offers no lens when code lenses are off', async () => {
      const uri = pathToFileURL(
        join(mkdtempSync(join(tmpdir(), 'bluebook-protocol-mock-')), 'p.mock.yaml'),
      ).href;
      await client.open(uri, 'routes: []\n', 1, 'bluebook-mock');
      // The settings were asked for on open and answered before the lens request is sent.
      assert.ok(client.serverRequests.some((request) => request.method === 'workspace/configuration'));
      assert.deepEqual(
        await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
        [],
      );
    });
  },
);
