// "Bluebook: Open Last Report": the HTML report of the last editor run, written to the
// extension's storage and shown in a webview panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetServer } from '../../support/target-server';
import { closeAllEditors, waitFor } from '../harness';
import { bluebook, fileItem, withTargetServer, type BluebookApi } from './support/bluebook';

suite('Open Last Report', () => {
  let api: BluebookApi;
  let target: { server: TargetServer; restore(): Promise<void> };

  suiteSetup(async () => {
    api = await bluebook();
    target = await withTargetServer(api);
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await target.restore();
  });

  test('writes the report of the last run and opens it in a panel', async () => {
    const item = await fileItem(api, 'smoke.bluebook.yaml');
    const outcome = await api.runs.runItems([item]);
    assert.ok('results' in outcome && outcome.results.length > 0, 'the suite ran');
    const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('bluebook.openLastReport');
    assert.ok(file, 'the command returns the report file');
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.match(html, /<!doctype html>/);
    assert.ok(html.includes('The API is up'), 'the report names the suite’s tests');
    assert.ok(html.includes('Creates and reads a user'), 'the report names the suite’s tests');
    assert.ok(!html.includes('s3cret-token-value'), 'the report holds no secret');
    await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((tab) => tab.label === 'Bluebook Report' && tab.input instanceof vscode.TabInputWebview),
      'the report panel',
    );
  });
});
