// The extension under test, identified from package.json so a rename cannot go unnoticed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import { waitFor } from './wait';

/** `publisher.name` from package.json: `bluebook.bluebook`. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** The extension as VS Code sees it; fails if it is not installed/loaded. */
export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(
    extension,
    `extension ${EXTENSION_ID} is not loaded; loaded: ${vscode.extensions.all
      .filter((e) => !e.id.startsWith('vscode.'))
      .map((e) => e.id)
      .join(', ')}`,
  );
  return extension;
}

/** Activates the extension (a no-op if it already is) and returns its exports. */
export async function activateExtension<T = unknown>(): Promise<T> {
  const extension = getExtension();
  const exports = await extension.activate();
  assert.ok(extension.isActive, `${EXTENSION_ID} did not become active`);
  return exports as T;
}

/** Waits for the extension to activate by itself (through its activation events). */
export async function waitForActivation(timeout?: number): Promise<void> {
  const extension = getExtension();
  await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate by itself`, { timeout });
}
