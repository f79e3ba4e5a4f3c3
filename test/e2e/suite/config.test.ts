// bluebook.config.yaml in a real editor: the language server checks it as it is typed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUpFiles, closeAllEditors, createFile, setText, waitForDiagnostics } from '../harness';
import { bluebook } from './support/bluebook';

const VALID = [
  'environments:',
  '  local:',
  '    baseUrl: http://127.0.0.1:9',
  'defaultEnvironment: local',
  '',
];

suite('bluebook.config.yaml', () => {
  suiteSetup(bluebook);
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
  });

  test('a typo in a config key gets a diagnostic on its line, gone once fixed (unsaved)', async () => {
    const text = VALID.join('\n').replace('defaultEnvironment', 'defaultEnviroment');
    const uri = await createFile('config-check/bluebook.config.yaml', text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const diagnostics = await waitForDiagnostics(uri, (d) =>
      d.some((x) => x.message.includes('defaultEnviroment')),
    );
    const typo = diagnostics.find((d) => d.message.includes('defaultEnviroment'));
    assert.ok(typo);
    assert.match(typo.message, /did you mean `defaultEnvironment`/);
    assert.deepEqual(
      [typo.range.start.line, typo.range.start.character, typo.range.end.character],
      [3, 0, 'defaultEnviroment'.length],
    );
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);

    await setText(document, VALID.join('\n'));
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics once the key is fixed');
    await document.save();
  });
});
