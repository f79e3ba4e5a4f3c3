/**
 * Whether the cursor is inside JavaScript (SPEC §8): a `${{ … }}` expression on its line, or the
 * text of a step's `script.before`/`script.after` (inline or a block scalar). Read from the line
 * and the enclosing keys, like the rest of completion, so half-typed code works.
 */
import type { LineIndex } from '../../core/src/index.js';
import type { CursorContext } from './cursor.js';

export interface ScriptCursor {
  kind: 'expression' | 'script';
  /** Whether `response` exists: an expression in `expect`/`capture`/`failWhen`, an `after` script. */
  hasResponse: boolean;
}

const RESPONSE_KEYS = new Set(['expect', 'capture', 'failWhen']);

/** An open `${{` before `column` on the line, not closed by `}}` before it. */
export function inExpression(lineText: string, column: number): boolean {
  const before = lineText.slice(0, column);
  const open = before.lastIndexOf('${{');
  return open >= 0 && !before.slice(open + 3).includes('}}');
}

export function scriptCursorAt(
  lines: LineIndex,
  offset: number,
  cursor: CursorContext,
): ScriptCursor | undefined {
  const position = lines.positionAt(offset);
  const keys = cursor.key === undefined ? cursor.path : [...cursor.path, cursor.key];
  if (inExpression(lines.lineText(position.line), position.character))
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
