// Discovery: every suite of the workspace appears in the Test Explorer without being opened, and
// the tree follows creations, deletions, renames and unsaved edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  cleanUpFiles,
  closeAllEditors,
  createFile,
  fixtureUri,
  openFixture,
  setText,
  waitFor,
} from '../harness';
import { bluebook, fileItem, itemId, type BluebookApi } from './support/bluebook';

function childIds(item: vscode.TestItem): string[] {
  const ids: string[] = [];
  item.children.forEach((child) => ids.push(child.id));
  return ids;
}

suite('Test Explorer', () => {
  let api: BluebookApi;
  suiteSetup(async () => {
    api = await bluebook();
  });
  teardown(cleanUpFiles);
  suiteTeardown(closeAllEditors);

  test('the workspace’s suites are discovered: file → test → step, with ranges', async () => {
    const smoke = await fileItem(api, 'smoke.bluebook.yaml');
    const deep = await fileItem(api, 'nested/deep.bluebook.yaml');
    assert.equal(smoke.description, 'Smoke');
    assert.equal(deep.label, 'nested/deep.bluebook.yaml');
    assert.deepEqual(childIds(smoke), [
      itemId('smoke.bluebook.yaml', '#health'),
      itemId('smoke.bluebook.yaml', '#create-and-read'),
    ]);
    const create = smoke.children.get(itemId('smoke.bluebook.yaml', '#create-and-read'));
    assert.equal(create?.label, 'Creates and reads a user');
    // Steps of a closed suite are made when the test is expanded (they may exist already).
    await api.tree.controller.resolveHandler!(create!);
    assert.equal(create!.canResolveChildren, false);
    assert.deepEqual(childIds(create!), [
      itemId('smoke.bluebook.yaml', '#create-and-read/0'),
      itemId('smoke.bluebook.yaml', '#create-and-read/1'),
    ]);
    const firstStep = create!.children.get(itemId('smoke.bluebook.yaml', '#create-and-read/0'));
    const document = await vscode.workspace.openTextDocument(fixtureUri('smoke.bluebook.yaml'));
    assert.ok(firstStep?.range, 'steps have ranges, so the gutter shows run icons');
    assert.equal(document.getText(firstStep.range), 'POST');
    const files = api.tree.fileItems().map((item) => vscode.workspace.asRelativePath(item.uri!));
    for (const expected of ['invalid.bluebook.yaml', 'nested/deep.bluebook.yaml', 'smoke.bluebook.yaml']) {
      assert.ok(files.includes(expected), `${expected} is discovered (found ${files.join(', ')})`);
    }
    assert.ok(!files.includes('bluebook.config.yaml'), 'only suite files are items');
  });

  test('a file created on disk appears without being opened; a renamed one moves; a deleted one disappears', async () => {
    const uri = await createFile('added.bluebook.yaml', 'tests:\n  fresh:\n    steps:\n      - GET: /x\n');
    const added = await fileItem(api, 'added.bluebook.yaml');
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
      false,
      'discovered without opening it',
    );
    assert.deepEqual(childIds(added), [`${uri.toString()}#fresh`]);
    // A closed suite's steps are made when first needed: here, looked up by id (as a run does).
    const fresh = added.children.get(`${uri.toString()}#fresh`)!;
    assert.equal(fresh.canResolveChildren, true, 'the test can resolve its steps');
    assert.deepEqual(childIds(fresh), [], 'no step items before they are needed');
    const step = api.tree.itemById(`${uri.toString()}#fresh/0`);
    assert.equal(step?.label, 'GET /x');
    assert.deepEqual(childIds(fresh), [`${uri.toString()}#fresh/0`]);
    assert.equal(fresh.canResolveChildren, false);

    const renamed = fixtureUri('renamed.bluebook.yaml');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      () => api.tree.itemById(renamed.toString()) && !api.tree.itemById(uri.toString()),
      'the renamed suite to replace the old one in the tree',
      { events: [api.tree.onDidChangeSuite] },
    );

    await vscode.workspace.fs.delete(renamed);
    await waitFor(() => !api.tree.itemById(renamed.toString()), 'the deleted suite to leave the tree', {
      events: [api.tree.onDidChangeSuite],
    });
  });

  test('unsaved edits update the tree at once; closing without saving restores it', async () => {
    const document = await openFixture('nested/deep.bluebook.yaml');
    const original = document.getText();
    await setText(document, original.replace('  deep:', '  renamed-test:'));
    const file = await fileItem(api, 'nested/deep.bluebook.yaml');
    await waitFor(
      () => childIds(file).join() === itemId('nested/deep.bluebook.yaml', '#renamed-test'),
      'the unsaved rename of the test to show',
      { events: [api.tree.onDidChangeSuite] },
    );
    await setText(document, original);
    await waitFor(
      () => childIds(file).join() === itemId('nested/deep.bluebook.yaml', '#deep'),
      'the test to come back after undoing the edit',
      { events: [api.tree.onDidChangeSuite] },
    );
  });
});
