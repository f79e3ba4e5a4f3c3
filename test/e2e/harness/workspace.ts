// The fixture workspace (test/e2e/workspace, copied to a temporary folder for each launch) and
// documents in it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

/** The single folder the e2e runner opens. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e tests need a workspace folder: run them through scripts/e2e/run-*.mjs');
  return folder;
}

/** URI of a file of the fixture workspace, by its path relative to the workspace root. */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Opens a fixture file in an editor and returns its document (shown, focused). */
export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

const created: vscode.Uri[] = [];

/**
 * Writes a file into the workspace (creating folders) and remembers it for {@link cleanUpFiles}.
 * Resolves once VS Code's file system reports the file with this content.
 */
export async function createFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = fixtureUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  created.push(uri);
  await waitFor(async () => {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return new TextDecoder().decode(bytes) === content;
  }, `${relativePath} to be written`);
  return uri;
}

/** Deletes the files made with {@link createFile}; call it from `teardown`/`suiteTeardown`. */
export async function cleanUpFiles(): Promise<void> {
  for (const uri of created.splice(0).reverse()) {
    await vscode.workspace.fs
      .delete(uri, { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
  }
}

/** Replaces the whole text of an open document through an editor edit (unsaved, like typing). */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${document.uri.toString()}`);
}

/** Closes every editor, so a test starts from a clean window. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
