/** Hover on a script API name inside `${{ }}` or a step's script: its signature and doc. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { SCRIPT_API } from '../../../core/src/script/api.js';
import type { AnalyzedDocument } from '../analysis.js';
import { cursorContext } from '../cursor.js';
import { dottedWordBefore, scriptCursorAt } from '../scriptCursor.js';
import { describeRoot } from './scriptCompletion.js';

export function scriptHover(analyzed: AnalyzedDocument, position: Position): Hover | null {
  const lines = analyzed.doc.lineIndex;
  const line = lines.lineText(position.line);
  const offset = lines.offsetAt(position);
  // Only a suite with expressions or scripts pays for reading the cursor's context.
  if (!analyzed.doc.text.includes('${{') && !analyzed.doc.text.includes('script')) return null;
  const script = scriptCursorAt(lines, offset, cursorContext(lines, offset));
  if (!script) return null;
  const { word, start } = dottedWordBefore(line, position.character);
  const name = word + (/^[\w$]*/.exec(line.slice(position.character))?.[0] ?? '');
  if (name === '' || name.endsWith('.')) return null;
  const entry = SCRIPT_API.find((candidate) => candidate.name === name);
  const members = describeRoot(name, script);
  const value = entry
    ? [`**${entry.signature}** — ${entry.doc}`, members].filter(Boolean).join('\n\n')
    : members && `**${name}**\n\n${members}`;
  if (!value) return null;
  const lineStart = offset - position.character;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: lines.rangeOf({ start: lineStart + start, end: lineStart + start + name.length }),
  };
}
