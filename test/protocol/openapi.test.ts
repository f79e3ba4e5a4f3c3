/**
 * The config's OpenAPI document in the language server (SPEC §11): loaded in the background, then
 * paths, query parameters, JSON body keys and statuses completed, unknown paths and methods warned
 * about; a document with a broken `$ref` is a diagnostic of the config and breaks nothing else.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CompletionList,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { OPENAPI_FILES } from '../support/openapiDoc.js';
import { ensureBuilt, TestClient } from './client.js';

const SUITE = [
  'tests:',
  '  t:',
  '    steps:',
  '      - GET: ${baseUrl}/usres',
  '      - DELETE: /users/1',
  '      - POST: /users',
  '        json:',
  '          ',
  '      - GET: /users',
  '        query:',
  '          ',
  '        expect:',
  '          status: ',
  '      - PUT: ',
  '',
].join('\n');

function projectWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-openapi-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

/** The diagnostics of `uri` once `ready` holds (the document loads in the background). */
async function diagnosticsWhen(
  client: TestClient,
  uri: string,
  ready: (params: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  let current = client.lastDiagnostics.get(uri);
  while (!current || !ready(current)) current = await client.nextDiagnostics(uri);
  return current;
}

const hasCode = (code: string) => (params: PublishDiagnosticsParams) =>
  params.diagnostics.some((diagnostic) => diagnostic.code === code);

void describe('language server: openapi document', { timeout: 30_000 }, () => {
  let client: TestClient;
  let root: string;
  let suiteUri: string;

  before(async () => {
    ensureBuilt();
    root = projectWith({ ...OPENAPI_FILES, 'bluebook.config.yaml': 'openapi: ./openapi.yaml\n' });
    client = new TestClient();
    await client.initialize({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    suiteUri = pathToFileURL(join(root, 'api.bluebook.yaml')).href;
    await client.open(suiteUri, SUITE);
  });

  after(async () => {
    await client.close();
  });

  const complete = async (line: number, character: number): Promise<string[]> => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: suiteUri },
      position: { line, character },
    })) as CompletionList;
    return list.items.map((item) => item.label);
  };

  void it('warns on an unknown path (with the closest) and on a method the path lacks', async () => {
    const published = await diagnosticsWhen(client, suiteUri, hasCode('unknown-operation'));
    assert.deepEqual(
      published.diagnostics
        .filter((d) => d.code === 'unknown-operation')
        .map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]),
      [
        [3, 13, 29, 2],
        [4, 8, 14, 2],
      ],
    );
    assert.match(String(published.diagnostics[0].message), /did you mean `\/users`\?/);
  });

  void it('completes paths, body keys, query parameters and statuses from the document', async () => {
    await diagnosticsWhen(client, suiteUri, hasCode('unknown-operation'));
    assert.deepEqual(await complete(13, 13), ['/users/{id}']);
    assert.deepEqual(await complete(7, 10), ['name', 'email', 'address', 'tags']);
    assert.deepEqual(await complete(10, 10), ['q', 'page']);
    assert.deepEqual((await complete(12, 18)).slice(0, 1), ['200']);
  });

  void it('hovers the operation of a URL', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: suiteUri },
      position: { line: 5, character: 16 },
    });
    assert.match(JSON.stringify(hover?.contents), /POST \/users\*\* — Create a user/);
  });

  void it('reloads the document when it changes on disk', async () => {
    await diagnosticsWhen(client, suiteUri, hasCode('unknown-operation'));
    writeFileSync(
      join(root, 'openapi.yaml'),
      OPENAPI_FILES['openapi.yaml'].replace(
        'paths:\n',
        "paths:\n  /usres:\n    get:\n      responses:\n        '200': { description: ok }\n",
      ),
    );
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(root, 'openapi.yaml')).href, type: FileChangeType.Changed }],
    });
    const published = await diagnosticsWhen(
      client,
      suiteUri,
      (params) => params.diagnostics.filter((d) => d.code === 'unknown-operation').length === 1,
    );
    assert.match(
      String(published.diagnostics.find((d) => d.code === 'unknown-operation')!.message),
      /has no DELETE operation/,
    );
  });
});

void describe('language server: openapi document with a broken $ref', { timeout: 30_000 }, () => {
  let client: TestClient;

  after(async () => {
    await client.close();
  });

  void it('is an error on the config value, and suites keep working without it', async () => {
    ensureBuilt();
    const root = projectWith({
      'openapi.yaml': OPENAPI_FILES['openapi.yaml'],
      'bluebook.config.yaml': 'openapi: ./openapi.yaml\n',
    });
    client = new TestClient();
    await client.initialize();
    const configUri = pathToFileURL(join(root, 'bluebook.config.yaml')).href;
    await client.open(configUri, 'openapi: ./openapi.yaml\n', 1, 'yaml');
    const config = await diagnosticsWhen(client, configUri, hasCode('invalid-config'));
    assert.deepEqual(
      config.diagnostics.map((d) => [d.range.start.character, d.range.end.character, d.severity]),
      [[9, 23, 1]],
    );
    assert.match(
      String(config.diagnostics[0].message),
      /the OpenAPI document does not load: .*schemas\.yaml/,
    );
    const suiteUri = pathToFileURL(join(root, 'api.bluebook.yaml')).href;
    const published = await client.open(suiteUri, SUITE);
    assert.ok(!published.diagnostics.some((d) => d.code === 'unknown-operation'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: suiteUri },
      position: { line: 12, character: 18 },
    })) as CompletionList;
    assert.ok(
      list.items.some((item) => item.label === '200'),
      'the standard statuses',
    );
    assert.equal(client.process.exitCode, null);
  });
});

void describe('language server: openapi document and suites that are not open', { timeout: 30_000 }, () => {
  let client: TestClient;

  after(async () => {
    await client.close();
  });

  void it('warns on an unknown operation in a closed suite once the document has loaded', async () => {
    ensureBuilt();
    const root = projectWith({
      ...OPENAPI_FILES,
      'bluebook.config.yaml': 'openapi: ./openapi.yaml\n',
      'closed.bluebook.yaml': 'tests:\n  t:\n    steps:\n      - GET: /usres\n      - GET: /users\n',
    });
    client = new TestClient();
    const closedUri = pathToFileURL(join(root, 'closed.bluebook.yaml')).href;
    await client.initialize({}, [{ uri: pathToFileURL(root).href, name: 'ws' }]);
    const published = await diagnosticsWhen(client, closedUri, hasCode('unknown-operation'));
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]),
      [['unknown-operation', 3, 13, 2]],
    );
  });
});
