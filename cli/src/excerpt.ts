/**
 * Source excerpts with a caret, as compilers print them:
 *
 *     72 |         expect:
 *   > 73 |           status: 422
 *        |           ^^^^^^^^^^^
 */
import type { LineIndex, Span } from '../../core/src/index.js';
import type { Style } from './terminal.js';

/** 1-based line and column of a span's start, as `file:line:col` shows them. */
export function lineColumn(lineIndex: LineIndex, span: Span): { line: number; column: number } {
  const position = lineIndex.positionAt(span.start);
  return { line: position.line + 1, column: position.character + 1 };
}

/** The span's first line with one line of context above and carets under the span. */
export function renderExcerpt(lineIndex: LineIndex, span: Span, style: Style, indent = ''): string[] {
  const start = lineIndex.positionAt(span.start);
  const end = lineIndex.positionAt(Math.max(span.start, span.end));
  const line = lineIndex.lineText(start.line);
  // A multi-line span is underlined to the end of its first line, trailing spaces excluded.
  const lastColumn = end.line === start.line ? end.character : line.trimEnd().length;
  const width = Math.max(1, lastColumn - start.character);
  const gutter = String(start.line + 1).length;
  const lines: string[] = [];
  if (start.line > 0) {
    const previous = lineIndex.lineText(start.line - 1);
    lines.push(
      `${indent}  ${style.dim(`${String(start.line).padStart(gutter)} |`)} ${style.dim(printable(previous))}`,
    );
  }
  lines.push(`${indent}${style.red('>')} ${style.dim(`${start.line + 1} |`)} ${printable(line)}`);
  const caretPad = line.slice(0, start.character).replace(/[^\t]/g, ' ');
  lines.push(`${indent}  ${style.dim(`${' '.repeat(gutter)} |`)} ${caretPad}${style.red('^'.repeat(width))}`);
  return lines.map((text) => text.trimEnd());
}

/**
 * Control characters (a binary file, an escape sequence in a suite) would move the terminal's
 * cursor or recolour it: each becomes `�`, one column wide like the character it replaces, so the
 * caret still lines up. Tabs are kept (the caret line keeps them too).
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
