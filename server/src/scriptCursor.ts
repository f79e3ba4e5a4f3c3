/**
 * Whether the cursor is inside JavaScript (SPEC §8): a `${{ … }}` expression (one that may start on
 * an earlier line of a multi-line scalar), or the text of a step's `script.before`/`script.after`
 * (inline or a block scalar). Read from the text and the enclosing keys, like the rest of
 * completion, so half-typed code works.
 */
import { findScriptExpressions, type LineIndex } from '../../core/src/index.js';
import type { CursorContext } from './cursor.js';

export interface ScriptCursor {
  kind: 'expression' | 'script';
  /** Whether `response` exists: an expression in `expect`/`capture`/`failWhen`, an `after` script. */
  hasResponse: boolean;
}

const RESPONSE_KEYS = new Set(['expect', 'capture', 'failWhen']);

/** How far up a multi-line expression's `${{` is looked for. */
const MAX_EXPRESSION_LINES = 50;

/**
 * Whether `offset` is inside a `${{ … }}` not closed before it. The `${{` is on the cursor's line
 * or on the nearest line above holding one, with only lines indented at least as far as the
 * cursor's line between (the continuation lines of a block or folded scalar).
 */
export function inExpression(lines: LineIndex, offset: number): boolean {
  const position = lines.positionAt(offset);
  const indent = indentOf(lines.lineText(position.line));
  const lowest = Math.max(0, position.line - MAX_EXPRESSION_LINES);
  for (let line = position.line; line >= lowest; line--) {
    const text =
      line === position.line ? lines.lineText(line).slice(0, position.character) : lines.lineText(line);
    const lineStart = lines.offsetAt({ line, character: 0 });
    if (text.includes('${{')) {
      const expressions = findScriptExpressions(lines.text.slice(lineStart, offset));
      return expressions[expressions.length - 1]?.unterminated === true;
    }
    if (line < position.line && text.trim() !== '' && indentOf(text) < indent) return false;
  }
  return false;
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

export function scriptCursorAt(
  lines: LineIndex,
  offset: number,
  cursor: CursorContext,
): ScriptCursor | undefined {
  const keys = cursor.key === undefined ? cursor.path : [...cursor.path, cursor.key];
  if (inExpression(lines, offset))
    return { kind: 'expression', hasResponse: keys.some((key) => RESPONSE_KEYS.has(key)) };
  const phase = scriptPhase(cursor);
  return phase ? { kind: 'script', hasResponse: phase === 'after' } : undefined;
}

/** `before`/`after` when the cursor is in a step's script text. */
function scriptPhase(cursor: CursorContext): 'before' | 'after' | undefined {
  const path = cursor.path;
  const last = path[path.length - 1];
  if (cursor.position === 'value' && last === 'script' && (cursor.key === 'before' || cursor.key === 'after'))
    return cursor.key;
  const parent = path[path.length - 2];
  if (parent === 'script' && (last === 'before' || last === 'after') && path[path.length - 3] !== undefined)
    return last;
  return undefined;
}

/** The dotted name ending at `column` (`response.js`), and where it starts on the line. */
export function dottedWordBefore(lineText: string, column: number): { word: string; start: number } {
  const match = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.?$|$/.exec(lineText.slice(0, column))!;
  return { word: match[0], start: column - match[0].length };
}
