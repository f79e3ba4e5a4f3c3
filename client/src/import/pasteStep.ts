/**
 * Where "Paste cURL as Step" puts a step: in the step list (`steps:`, `finally:`, `before:`,
 * `after:`) around the cursor line, indented like its items — on an empty line there, right after
 * the list key, or after the step the cursor is in. Line-based and plain data, no `vscode`.
 */

export interface LinePosition {
  line: number;
  character: number;
}

/** Replace `start`–`end` with `text`; or a message when the cursor is in no step list. */
export type StepInsertion = { start: LinePosition; end: LinePosition; text: string } | { message: string };

const LIST_KEY = /^\s*(steps|finally|before|after):\s*(#.*)?$/;

const NOT_IN_STEPS =
  'Put the cursor inside a test’s `steps:` (on an empty line, or on a step to paste after it), then paste the curl command again.';

/** `step` is a one-item YAML list from column 0 (`- GET: …`), as core's `curlStep` renders it. */
export function stepInsertion(text: string, cursorLine: number, step: string): StepInsertion {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const owner = listKeyAbove(lines, cursorLine);
  if (owner === undefined) return { message: NOT_IN_STEPS };
  const itemIndent = itemIndentOf(lines, owner);
  const block = step
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((line) => ' '.repeat(itemIndent) + line);
  const cursorBlank = lines[cursorLine]!.trim() === '';
  if (cursorBlank && cursorLine !== owner && !continuesStep(lines, cursorLine, itemIndent)) {
    return {
      start: { line: cursorLine, character: 0 },
      end: { line: cursorLine, character: lines[cursorLine]!.length },
      text: block.join(eol),
    };
  }
  const at = cursorLine === owner ? owner + 1 : endOfItem(lines, cursorLine, itemIndent);
  if (at < lines.length) {
    const position = { line: at, character: 0 };
    return { start: position, end: position, text: block.join(eol) + eol };
  }
  const last = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  return { start: last, end: last, text: eol + block.join(eol) };
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '' || line.trim().startsWith('#');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A list item at the key's own indentation is still inside it: items count half a column deeper. */
function depthOf(line: string): number {
  return indentOf(line) + (line.trimStart().startsWith('- ') || line.trim() === '-' ? 0.5 : 0);
}

/** The step-list key the cursor line belongs to. */
function listKeyAbove(lines: readonly string[], cursorLine: number): number | undefined {
  const cursor = lines[cursorLine];
  if (cursor === undefined) return undefined;
  if (!isBlank(cursor) && LIST_KEY.test(cursor)) return cursorLine;
  let depth = isBlank(cursor) ? Infinity : depthOf(cursor);
  for (let line = cursorLine - 1; line >= 0; line--) {
    const text = lines[line]!;
    if (isBlank(text) || depthOf(text) >= depth) continue;
    if (LIST_KEY.test(text)) return line;
    depth = depthOf(text);
  }
  return undefined;
}

/** The indentation of the list's items: its first item's, else two more than the key. */
function itemIndentOf(lines: readonly string[], owner: number): number {
  const keyIndent = indentOf(lines[owner]!);
  for (let line = owner + 1; line < lines.length; line++) {
    const text = lines[line]!;
    if (isBlank(text)) continue;
    if (depthOf(text) > keyIndent && text.trimStart().startsWith('-')) return indentOf(text);
    break;
  }
  return keyIndent + 2;
}

/** A blank line inside a step (more of the step follows, deeper than its items). */
function continuesStep(lines: readonly string[], blank: number, itemIndent: number): boolean {
  for (let line = blank + 1; line < lines.length; line++) {
    if (!isBlank(lines[line])) return indentOf(lines[line]!) > itemIndent;
  }
  return false;
}

/** The line after the last line of the item holding `from`. */
function endOfItem(lines: readonly string[], from: number, itemIndent: number): number {
  let last = from;
  for (let line = from + 1; line < lines.length; line++) {
    const text = lines[line]!;
    if (isBlank(text)) continue;
    if (indentOf(text) < itemIndent || (indentOf(text) === itemIndent && text.trimStart().startsWith('-')))
      break;
    last = line;
  }
  return last + 1;
}
