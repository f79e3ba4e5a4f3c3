// Restricted Mode: language features work, running is refused with a clear message.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, waitForDiagnostics } from '../harness';
import { bluebook } from './support/bluebook';

suite('Restricted Mode @restricted', () => {
  suiteTeardown(closeAllEditors);

  test('diagnostics still work in an untrusted workspace', async () => {
    await bluebook();
    const document = await openFixture('invalid.bluebook.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      d.some((x) => x.message.includes('expcet')),
    );
    assert.ok(diagnostics.length > 0);
  });

  test('running is refused with a message that says why, and nothing is sent', async () => {
    const api = await bluebook();
    const uri = (await openFixture('smoke.bluebook.yaml')).uri.toString();
    const outcome = await vscode.commands.executeCommand<{ refused?: string }>('bluebook.runTest', {
      uri,
      testId: 'health',
    });
    assert.match(outcome.refused ?? '', /Restricted Mode.*Trust this workspace/);
    const run = api.runs.recorder.runs.at(-1);
    assert.equal(run, undefined, 'no run was executed');
  });
});
