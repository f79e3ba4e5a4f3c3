/** Helpers for feature tests: `|` marks the cursor in a suite text; a temp project on disk. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadValidationContext, type ValidationContext } from '../../../core/src/index.js';
import { analyze, type AnalyzedDocument } from '../../../server/src/analysis.js';

export interface Cursor {
  text: string;
  position: { line: number; character: number };
  offset: number;
}

/** Removes the single `|` marker and returns the text and the cursor's position. */
export function cursor(marked: string): Cursor {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** Writes files into a fresh temp folder; returns its path. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-server-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Analyses `text` as if it were the file `name` inside `root` (context loaded from disk). */
export function analyzeIn(
  root: string,
  name: string,
  text: string,
  extra: Partial<ValidationContext> = {},
): AnalyzedDocument {
  const path = join(root, name);
  writeFileSync(path, text);
  const context = { ...loadValidationContext(path), ...extra };
  return analyze(text, pathToFileURL(path).href, 1, context);
}

/** Analyses a text with no project around it. */
export function analyzeText(text: string): AnalyzedDocument {
  return analyze(text, 'untitled:test.bluebook.yaml', 1, {});
}

/** The text a range covers. */
export function textOf(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}
