// "Bluebook: Import…" through its arguments (the pickers only fill them in) and "Paste cURL as
// Step" from the real clipboard.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUpFiles, closeAllEditors, createFile, fixtureUri, waitFor } from '../harness';
import { bluebook } from './support/bluebook';

type Outcome = { written: string[]; problems: string[] } | { existing: string[] } | { error: string };

suite('Import and Paste cURL', () => {
  const out = () => fixtureUri('imported').fsPath;

  suiteSetup(async () => {
    await bluebook();
  });
  teardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
    await vscode.workspace.fs
      .delete(fixtureUri('imported'), { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
  });

  test('a Postman collection: the suite is written and opened, the script is reported, an existing file is refused', async () => {
    const args = { kind: 'postman', source: 'import/shop.postman_collection.json', out: 'imported' };
    const outcome = await vscode.commands.executeCommand<Outcome>('bluebook.import', args);
    assert.ok(outcome && 'written' in outcome, JSON.stringify(outcome));
    const suite = fixtureUri('imported/shop.bluebook.yaml');
    assert.deepEqual(outcome.written, [suite.fsPath]);
    assert.equal(outcome.problems.length, 1);
    assert.match(outcome.problems[0]!, /"List users": test script .* not converted/);
    const opened = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === suite.fsPath),
      'the imported suite to open',
    );
    assert.equal(opened.document.languageId, 'bluebook');
    assert.match(
      opened.document.getText(),
      /create-user:\n {4}name: Create user\n {4}steps:\n {6}- POST: \$\{baseUrl\}\/users/,
    );

    const refused = await vscode.commands.executeCommand<Outcome>('bluebook.import', {
      ...args,
      overwrite: false,
    });
    assert.deepEqual(refused, { existing: [suite.fsPath] });
  });

  test('a curl command, and a bad kind or source, which write nothing', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('bluebook.import', {
      kind: 'curl',
      source: 'curl -k https://api.example.com/users/7',
      out: out(),
    });
    assert.ok(outcome && 'written' in outcome, JSON.stringify(outcome));
    assert.deepEqual(outcome.written, [fixtureUri('imported/get-users-7.bluebook.yaml').fsPath]);
    assert.deepEqual(outcome.problems, ['curl option -k is not supported by Bluebook: dropped']);

    const wrongKind = await vscode.commands.executeCommand<Outcome>('bluebook.import', {
      kind: 'har',
      source: 'x.har',
      out: out(),
    });
    assert.ok(wrongKind && 'error' in wrongKind);
    assert.match(wrongKind.error, /openapi, postman, http, curl/);
    const notCurl = await vscode.commands.executeCommand<Outcome>('bluebook.import', {
      kind: 'curl',
      source: 'wget https://example.com',
      out: out(),
    });
    assert.ok(notCurl && 'error' in notCurl);
    assert.match(notCurl.error, /starting with `curl`/);
  });

  test('Paste cURL as Step puts the clipboard’s command into the steps at the cursor, indented', async () => {
    const uri = await createFile(
      'paste.bluebook.yaml',
      ['name: Paste', 'tests:', '  user:', '    steps:', '      - GET: /a', '', ''].join('\n'),
    );
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(5, 0, 5, 0);
    await vscode.env.clipboard.writeText(
      `curl -s -X POST http://127.0.0.1:9/users -H 'Content-Type: application/json' --cert c.pem -d '{"name":"Ada"}'`,
    );
    const result = await vscode.commands.executeCommand<{ problems: string[] } | undefined>(
      'bluebook.pasteCurlAsStep',
    );
    assert.deepEqual(result, { problems: ['curl option --cert is not supported by Bluebook: dropped'] });
    assert.equal(
      editor.document.getText(),
      [
        'name: Paste',
        'tests:',
        '  user:',
        '    steps:',
        '      - GET: /a',
        '      - POST: http://127.0.0.1:9/users',
        '        json:',
        '          name: Ada',
        '',
      ].join('\n'),
    );
    // Saved, so closing it does not leave a dirty editor (and a suite the Test Explorer skips) behind.
    assert.ok(await editor.document.save());
  });
});
