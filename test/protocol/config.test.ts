/**
 * The server serves `bluebook.config.yaml` too: its diagnostics and completion, and suites
 * checked against the config text being edited (unsaved), not the file on disk.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DidCloseTextDocumentNotification,
  HoverRequest,
  type CompletionList,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, TestClient } from './client.js';

const ON_DISK = [
  'environments:',
  '  local: { baseUrl: "http://127.0.0.1:1", token: s3cr3t }',
  '  ci: { baseUrl: "http://127.0.0.1:2", token: other }',
  'secrets: [token]',
  '',
].join('\n');

const SUITE = [
  'baseUrl: ${baseUrl}',
  'tests:',
  '  t:',
  '    steps:',
  '      - GET: /a',
  '        headers:',
  '          authorization: Bearer ${token}',
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

void describe('language server: bluebook.config.yaml', { timeout: 20_000 }, () => {
  let client: TestClient;
  let configUri: string;
  let suiteUri: string;

  before(async () => {
    ensureBuilt();
    const root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-config-'));
    writeFileSync(join(root, 'bluebook.config.yaml'), ON_DISK);
    writeFileSync(join(root, 'api.bluebook.yaml'), SUITE);
    configUri = pathToFileURL(join(root, 'bluebook.config.yaml')).href;
    suiteUri = pathToFileURL(join(root, 'api.bluebook.yaml')).href;
    client = new TestClient({ validate: { undefinedVariables: true, files: true } });
    await client.initialize({ workspace: { configuration: true } });
    assert.deepEqual((await client.open(suiteUri, SUITE)).diagnostics, []);
  });

  after(async () => {
    await client.close();
  });

  void it('publishes the config’s diagnostics with exact ranges (opened as yaml)', async () => {
    const text = ON_DISK.replace('secrets:', 'secret:') + 'defaultEnvironment: prod\n';
    const published = await client.open(configUri, text, 1, 'yaml');
    assert.deepEqual(located(published), [
      ['invalid-config', 3, 0, 6],
      ['invalid-config', 4, 20, 24],
    ]);
    assert.match(String(published.diagnostics[0].message), /unknown key `secret` .*did you mean `secrets`\?/);
    assert.match(
      String(published.diagnostics[1].message),
      /`prod`, which is not under `environments` \(local, ci\)/,
    );
    assert.equal(published.diagnostics[0].source, 'bluebook');
  });

  void it('completes environment names as the value of defaultEnvironment', async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: configUri },
      position: { line: 4, character: 20 },
    })) as CompletionList;
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['local', 'ci'],
    );
  });

  void it('hovers a config key with its documentation', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: configUri },
      position: { line: 4, character: 3 },
    });
    assert.match((hover?.contents as MarkupContent).value, /^\*\*defaultEnvironment\*\* — /);
    assert.deepEqual(hover?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 18 } });
  });

  void it('re-checks open suites against the unsaved config text, and against disk once it closes', async () => {
    // Remove `token` from `ci` in the editor only: the file on disk still defines it.
    const suiteRefreshed = client.nextDiagnostics(suiteUri);
    const config = await client.change(configUri, 2, [
      { range: { start: { line: 2, character: 37 }, end: { line: 2, character: 51 } }, text: '' },
    ]);
    assert.deepEqual(located(config), [
      ['invalid-config', 3, 0, 6],
      ['invalid-config', 4, 20, 24],
    ]);
    const suite = await suiteRefreshed;
    assert.deepEqual(located(suite), [['variable-missing-in-environment', 6, 34, 39]]);
    assert.match(String(suite.diagnostics[0].message), /ci/);

    const restored = client.nextDiagnostics(suiteUri);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri: configUri },
    });
    assert.deepEqual((await restored).diagnostics, []);
  });
});
