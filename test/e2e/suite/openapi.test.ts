// The OpenAPI contract in a real editor (SPEC §11): a Test Explorer run checks the response against
// the config's `openapi:` document, and a violation is reported on the step's method line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUpFiles, closeAllEditors, createFile, fixtureUri } from '../harness';
import { bluebook, lastRun, lineOf, withTargetServer, type BluebookApi } from './support/bluebook';

const DOC = `openapi: 3.1.0
info: { title: target, version: '1' }
paths:
  /status/{code}:
    get:
      parameters: [{ name: code, in: path, required: true, schema: { type: integer } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { status: { type: string } } } } }
`;

const SUITE = `name: Contract
baseUrl: \${baseUrl}
tests:
  status:
    steps:
      - GET: /status/200
        expect:
          status: 200
`;

suite('OpenAPI contract', () => {
  let api: BluebookApi;

  suiteSetup(async () => {
    api = await bluebook();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
  });

  test('a response that breaks the document fails on the method line with the violation', async () => {
    const target = await withTargetServer(api);
    try {
      await createFile('openapi.yaml', DOC);
      const config = fixtureUri('bluebook.config.yaml');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
      await vscode.workspace.fs.writeFile(
        config,
        new TextEncoder().encode(`${text}openapi: ./openapi.yaml\n`),
      );
      await api.environments.refresh();
      const uri = await createFile('contract.bluebook.yaml', SUITE);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.commands.executeCommand('bluebook.runTest', { uri: uri.toString(), testId: 'status' });
      const run = lastRun(api);
      const stepId = `${uri.toString()}#status/0`;
      assert.equal(run.finalStates[stepId], 'failed');
      const messages = run.states.find((s) => s.id === stepId && s.state === 'failed')?.messages ?? [];
      assert.deepEqual(
        messages.map((m) => m.line),
        [lineOf(document, '- GET: /status/200')],
      );
      assert.match(messages[0]?.message ?? '', /GET \/status\/\{code\} → 200/);
      assert.match(messages[0]?.message ?? '', /\$\.status: must be string/);
    } finally {
      await target.restore();
    }
  });
});
