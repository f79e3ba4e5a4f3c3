// Workspace scale (issue 12): discovery finds every suite, a change to one file rebuilds only that
// file's items, and suites that are not open get their diagnostics in the Problems panel. Run
// against the generated 1,000-suite workspace by bench/scale.bench.mjs, which reads the
// discovery's figures from the file named by BLUEBOOK_SCALE_BENCH_OUT.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { cleanUpFiles, createFile, waitFor, waitForDiagnostics } from '../harness';
import { bluebook, fileItem, type BluebookApi } from './support/bluebook';

function allItems(items: readonly vscode.TestItem[]): vscode.TestItem[] {
  const found: vscode.TestItem[] = [];
  const walk = (item: vscode.TestItem): void => {
    found.push(item);
    item.children.forEach(walk);
  };
  items.forEach(walk);
  return found;
}

const suiteText = (tests: string[]): string =>
  `tests:\n${tests.map((id) => `  ${id}:\n    steps:\n      - GET: /${id}\n`).join('')}`;

suite('Scale', () => {
  let api: BluebookApi;
  suiteSetup(async () => {
    api = await bluebook();
  });
  teardown(cleanUpFiles);

  test('discovery makes an item of every suite file of the workspace, with its tests', async () => {
    const found = await api.tree.discover();
    const uris = await vscode.workspace.findFiles('**/*.bluebook.{yaml,yml}', '**/{node_modules,.git}/**');
    const files = new Set(api.tree.fileItems().map((item) => item.id));
    const missing = uris.filter((uri) => !files.has(uri.toString()));
    assert.deepEqual(missing, [], 'every suite file is an item');
    const tests = api.tree.fileItems().reduce((sum, file) => sum + file.children.size, 0);
    assert.ok(tests >= uris.length, `${tests} test items for ${uris.length} suites`);
    const out = process.env.BLUEBOOK_SCALE_BENCH_OUT;
    if (out) writeFileSync(out, JSON.stringify({ ...found, files: uris.length, tests }));
  });

  test('a change to one file on disk re-creates only that file’s items', async () => {
    const changed = await createFile('scale-changed.bluebook.yaml', suiteText(['first']));
    await createFile('scale-other.bluebook.yaml', suiteText(['kept']));
    await fileItem(api, 'scale-changed.bluebook.yaml');
    await fileItem(api, 'scale-other.bluebook.yaml');
    const before = allItems(api.tree.fileItems()).filter(
      (item) => item.uri?.toString() !== changed.toString(),
    );
    const firstTest = api.tree.itemById(`${changed.toString()}#first`);
    assert.ok(firstTest);

    await vscode.workspace.fs.writeFile(changed, new TextEncoder().encode(suiteText(['first', 'second'])));
    await waitFor(
      () => api.tree.itemById(`${changed.toString()}#second`),
      'the test added on disk to appear',
      { events: [api.tree.onDidChangeSuite] },
    );
    const rebuilt = before.filter((item) => api.tree.itemById(item.id) !== item);
    assert.deepEqual(
      rebuilt.map((item) => item.id),
      [],
      'items of the other files are the same objects',
    );
    assert.notEqual(
      api.tree.itemById(`${changed.toString()}#first`),
      firstTest,
      'the changed file was rebuilt',
    );
  });

  test('a suite that is not open shows its error in the Problems panel; fixing it on disk clears it', async () => {
    const broken = suiteText(['broken']).replace(
      'GET: /broken',
      'GET: /broken\n        expect: { status: banana }',
    );
    const uri = await createFile('scale-closed.bluebook.yaml', broken);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-status'));
    assert.equal(
      vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()),
      false,
      'the suite was never opened',
    );
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(suiteText(['broken'])));
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the fixed suite’s error to clear');
  });
});
