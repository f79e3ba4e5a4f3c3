// GraphQL and XML in a real editor (SPEC §11): a query checked against the project's schema as you
// type, enum values completed from it, and a failed XPath expectation shown on its own line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUpFiles, closeAllEditors, createFile, waitFor, waitForDiagnostics } from '../harness';
import { bluebook, lastRun, lineOf, withTargetServer, type BluebookApi } from './support/bluebook';

const SCHEMA = `type Query { users(role: Role): [User!]! }
"Who may do what."
enum Role { "Manages users." ADMIN MEMBER }
type User { name: String! role: Role! }
`;

const GRAPHQL_SUITE = `tests:
  admins:
    steps:
      - POST: http://127.0.0.1:9/graphql
        graphql:
          query: |
            query {
              users(role: ADMIN) { name emial }
            }
`;

const XML_SUITE = `name: XML
baseUrl: \${baseUrl}
tests:
  users:
    steps:
      - GET: /xml
        expect:
          status: 200
          xpath:
            count(//user): 4
            //user[@id="1"]/name: Ada
`;

suite('GraphQL and XML', () => {
  let api: BluebookApi;

  suiteSetup(async () => {
    api = await bluebook();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
  });

  test('an unknown field is marked inside the query, and enum values are completed from the schema', async () => {
    await createFile('graphql/bluebook.config.yaml', 'graphql: { schema: ./schema.graphql }\n');
    await createFile('graphql/schema.graphql', SCHEMA);
    const uri = await createFile('graphql/admins.bluebook.yaml', GRAPHQL_SUITE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(uri, (found) =>
      found.some((d) => d.code === 'invalid-graphql'),
    );
    const unknown = diagnostics.find((d) => d.code === 'invalid-graphql');
    const line = lineOf(document, 'users(role');
    assert.deepEqual(unknown?.range, new vscode.Range(line, 40, line, 45));
    assert.match(unknown?.message ?? '', /Cannot query field "emial" on type "User"/);

    const list = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(line, 26),
      );
      return found.items.some((item) => item.label === 'MEMBER') && found;
    }, 'enum values of Role');
    const admin = list.items.find((item) => item.label === 'ADMIN');
    assert.equal(admin?.detail, 'Role');
    assert.equal(admin?.documentation, 'Manages users.');
  });

  test('the variables: map is checked against the query, and its keys completed from it', async () => {
    const uri = await createFile(
      'graphql/variables.bluebook.yaml',
      [
        'tests:',
        '  byRole:',
        '    steps:',
        '      - POST: http://127.0.0.1:9/graphql',
        '        graphql:',
        '          query: |',
        '            query ByRole($role: Role!, $limit: Int) {',
        '              users(role: $role) { name }',
        '            }',
        '          variables:',
        '            rol: ADMIN',
        '            ',
        '',
      ].join('\n'),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length >= 2);
    const typo = diagnostics.find((d) => d.message.includes('`$rol`'));
    const line = lineOf(document, 'rol: ADMIN');
    assert.deepEqual(typo?.range, new vscode.Range(line, 12, line, 15));
    assert.match(typo?.message ?? '', /did you mean `role`\?/);
    const missing = diagnostics.find((d) => d.message.includes('requires `$role: Role!`'));
    assert.equal(missing?.range.start.line, lineOf(document, 'query ByRole'));

    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(line + 1, 12),
    );
    assert.deepEqual(
      list.items
        .filter((item) => item.detail?.startsWith('Role') || item.detail === 'Int')
        .map((item) => item.label),
      ['role', 'limit'],
    );
  });

  test('a failed XPath expectation is reported on its line with expected and actual', async () => {
    const target = await withTargetServer(api);
    try {
      const uri = await createFile('xml.bluebook.yaml', XML_SUITE);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.commands.executeCommand('bluebook.runTest', { uri: uri.toString(), testId: 'users' });
      const run = lastRun(api);
      const stepId = `${uri.toString()}#users/0`;
      assert.equal(run.finalStates[stepId], 'failed');
      const messages = run.states.find((s) => s.id === stepId && s.state === 'failed')?.messages ?? [];
      assert.deepEqual(
        messages.map((m) => [m.line, m.expected, m.actual]),
        [[lineOf(document, 'count(//user): 4'), '4', '3']],
      );
    } finally {
      await target.restore();
    }
  });
});
