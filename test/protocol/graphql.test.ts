/**
 * GraphQL queries in suites (SPEC §11): the language server marks an unknown field on its exact
 * characters inside a block scalar, checked against the config's `graphql.schema`; a schema that
 * does not load is a diagnostic of the config.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, type CompletionList } from 'vscode-languageserver-protocol';
import { ensureBuilt, TestClient } from './client.js';

const SUITE = [
  'tests:',
  '  t:',
  '    steps:',
  '      - POST: /graphql',
  '        graphql:',
  '          query: |',
  '            {',
  '              user(id: 1) { name emial }',
  '            }',
  '',
].join('\n');

void describe('language server: graphql queries', { timeout: 20_000 }, () => {
  let client: TestClient;
  let root: string;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-graphql-'));
    writeFileSync(join(root, 'bluebook.config.yaml'), 'graphql: { schema: ./schema.graphql }\n');
    writeFileSync(
      join(root, 'schema.graphql'),
      'type Query { user(id: ID!): User }\ntype User { name: String email: String }\n',
    );
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.close();
  });

  void it('publishes an unknown field at its range inside the block scalar', async () => {
    const published = await client.open(pathToFileURL(join(root, 'api.bluebook.yaml')).href, SUITE);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range]),
      [['invalid-graphql', { start: { line: 7, character: 33 }, end: { line: 7, character: 38 } }]],
    );
    assert.match(
      String(published.diagnostics[0].message),
      /Cannot query field "emial" on type "User"\. Did you mean "email"\?/,
    );
  });

  void it('completes the fields of the type at the cursor from the schema', async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: pathToFileURL(join(root, 'api.bluebook.yaml')).href },
      position: { line: 7, character: 33 },
    })) as CompletionList;
    assert.deepEqual(
      list.items.map((item) => [item.label, item.detail]),
      [
        ['name', 'String'],
        ['email', 'String'],
      ],
    );
  });

  void it('publishes a schema that does not parse as a config diagnostic on its value', async () => {
    const configUri = pathToFileURL(join(root, 'bluebook.config.yaml')).href;
    writeFileSync(join(root, 'broken.graphql'), 'type Query {');
    const published = await client.open(configUri, 'graphql: { schema: ./broken.graphql }\n', 1, 'yaml');
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range]),
      [['invalid-config', { start: { line: 0, character: 19 }, end: { line: 0, character: 35 } }]],
    );
    assert.match(String(published.diagnostics[0].message), /the GraphQL schema does not load: Syntax Error/);
  });
});
