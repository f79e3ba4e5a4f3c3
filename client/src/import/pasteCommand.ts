/**
 * "Paste cURL as Step": the clipboard's curl command, converted by core's curl importer, becomes
 * one step at the cursor (placed and indented by ./pasteStep.ts); what could not be converted is
 * named in a warning.
 */
import * as vscode from 'vscode';
import { curlStep } from '../../../core/src/import/curl.js';
import { ImportError } from '../../../core/src/import/types.js';
import { stepInsertion } from './pasteStep.js';

/** Returns what was not converted, or undefined when nothing was pasted. */
export async function pasteCurlAsStep(): Promise<{ problems: string[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'bluebook') {
    void vscode.window.showWarningMessage(
      'Bluebook: open a suite (*.bluebook.yaml) to paste a curl command as a step.',
    );
    return undefined;
  }
  const command = (await vscode.env.clipboard.readText()).trim();
  let step: { text: string; problems: string[] };
  try {
    step = curlStep(command);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    void vscode.window.showErrorMessage(
      `Bluebook: the clipboard holds no curl command to paste: ${error.message}`,
    );
    return undefined;
  }
  const place = stepInsertion(editor.document.getText(), editor.selection.active.line, step.text);
  if ('message' in place) {
    void vscode.window.showWarningMessage(`Bluebook: ${place.message}`);
    return undefined;
  }
  const range = new vscode.Range(
    place.start.line,
    place.start.character,
    place.end.line,
    place.end.character,
  );
  await editor.edit((edit) => edit.replace(range, place.text));
  if (step.problems.length > 0)
    void vscode.window.showWarningMessage(
      `Bluebook: pasted the curl command as a step; not converted: ${step.problems.join('; ')}`,
    );
  return { problems: step.problems };
}
