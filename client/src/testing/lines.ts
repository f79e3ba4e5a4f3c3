/**
 * Where a run's spans are on screen: the line index of each file its results point into. The
 * suites it ran are indexed as they ran; other files (a used suite, the config of setup steps) as
 * on disk, which is what the runner read, else as the Test Explorer last parsed them.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { LineIndex } from '../../../core/src/index.js';

export type LineIndexes = (uri: string) => LineIndex | undefined;

/** The editor's URI of a file named by a result (`StepResult.file`, a path). */
export function fileUri(file: string): string {
  return vscode.Uri.file(file).toString();
}

export function runLineIndexes(
  ran: Map<string, LineIndex>,
  parsed: (uri: string) => string | undefined,
): LineIndexes {
  const others = new Map<string, LineIndex | undefined>();
  return (uri) => {
    const known = ran.get(uri);
    if (known) return known;
    if (!others.has(uri)) {
      const text = readDisk(uri) ?? parsed(uri);
      others.set(uri, text === undefined ? undefined : new LineIndex(text));
    }
    return others.get(uri);
  };
}

function readDisk(uri: string): string | undefined {
  const parsed = vscode.Uri.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  try {
    return readFileSync(parsed.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}
