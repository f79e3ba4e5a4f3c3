// The extension loads, activates by itself in a workspace with suites, and owns *.bluebook.yaml.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  activateExtension,
  closeAllEditors,
  e2eLaunch,
  getExtension,
  openFixture,
  waitForActivation,
} from '../harness';

suite('Activation', () => {
  suiteTeardown(closeAllEditors);

  test('the extension is installed', () => {
    const extension = getExtension();
    assert.equal(extension.id.toLowerCase(), EXTENSION_ID.toLowerCase());
    assert.equal(extension.packageJSON.name, 'bluebook');
    // The copy under test: the repository, or the installed .vsix (npm run test:e2e -- --vsix FILE).
    const expected = e2eLaunch().extensionPath;
    if (expected) {
      assert.ok(
        extension.extensionUri.fsPath.startsWith(expected),
        `expected the extension from ${expected}, got ${extension.extensionUri.fsPath}`,
      );
    }
  });

  test('the workspace is trusted in the normal launch', () => {
    assert.equal(e2eLaunch().trusted, true);
    assert.equal(vscode.workspace.isTrusted, true);
  });

  test('it activates by itself because the workspace contains suites', async () => {
    await waitForActivation();
  });

  test('activate() resolves and the extension is active', async () => {
    await activateExtension();
    assert.equal(getExtension().isActive, true);
  });

  test('a *.bluebook.yaml file gets the language id "bluebook"', async () => {
    const document = await openFixture('smoke.bluebook.yaml');
    assert.equal(document.languageId, 'bluebook');
    const nested = await openFixture('nested/deep.bluebook.yaml');
    assert.equal(nested.languageId, 'bluebook');
  });

  test('a plain YAML file keeps the language id "yaml"', async () => {
    const document = await openFixture('bluebook.config.yaml');
    assert.equal(document.languageId, 'yaml');
  });
});

suite('Activation in Restricted Mode @restricted', () => {
  suiteTeardown(closeAllEditors);

  test('the workspace is not trusted', () => {
    assert.equal(e2eLaunch().trusted, false);
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('the extension still activates (limited support) and owns *.bluebook.yaml', async () => {
    await waitForActivation();
    const document = await openFixture('smoke.bluebook.yaml');
    assert.equal(document.languageId, 'bluebook');
  });
});
