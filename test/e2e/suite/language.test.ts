// The language server through the extension: diagnostics and code lenses in a real editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, waitFor, waitForDiagnostics } from '../harness';
import { bluebook, lineOf } from './support/bluebook';

suite('Language server', () => {
  suiteSetup(bluebook);
  suiteTeardown(closeAllEditors);

  test('an unknown key gets a diagnostic on its line, with a "did you mean"', async () => {
    const document = await openFixture('invalid.bluebook.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      d.some((x) => x.message.includes('expcet')),
    );
    const unknown = diagnostics.find((d) => d.message.includes('expcet'));
    assert.ok(unknown);
    assert.equal(unknown.range.start.line, lineOf(document, 'expcet:'));
    assert.match(unknown.message, /expect/);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
  });

  test('code lenses "▶ Run test" and "▶ Run step" call the extension’s commands', async () => {
    const document = await openFixture('smoke.bluebook.yaml');
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return found && found.length > 0 && found;
    }, 'code lenses of smoke.bluebook.yaml');
    const test = lenses.find((l) => l.command?.title.includes('Run test'));
    const step = lenses.find((l) => l.command?.title.includes('Run step'));
    assert.equal(test?.command?.command, 'bluebook.runTest');
    assert.equal(step?.command?.command, 'bluebook.runStep');
    assert.deepEqual(test?.command?.arguments?.[0], { uri: document.uri.toString(), testId: 'health' });
    assert.equal(test?.range.start.line, lineOf(document, 'health:'));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('bluebook.runTest') && commands.includes('bluebook.runStep'));
  });
});
