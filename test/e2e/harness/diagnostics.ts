// Waiting for the language server's diagnostics of a document.
import * as vscode from 'vscode';
import { waitFor } from './wait';

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them (re-checked on every
 * `onDidChangeDiagnostics`). The default accepts any non-empty list.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  what = `diagnostics for ${uri.path.split('/').pop()}`,
  timeout?: number,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return accept(diagnostics) && diagnostics;
    },
    what,
    { events: [vscode.languages.onDidChangeDiagnostics], timeout },
  );
}
