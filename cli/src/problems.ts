/**
 * Diagnostics as the CLI prints them (for `validate`, and for `run` when a suite or the config
 * is invalid): `file:line:col  code  message`, then the source line with a caret.
 * Errors use exactly that format; warnings and hints add their severity at the end.
 */
import type { Diagnostic, LineIndex } from '../../core/src/index.js';
import { lineColumn, renderExcerpt } from './excerpt.js';
import type { Style } from './terminal.js';

export function renderDiagnostic(
  diagnostic: Diagnostic,
  display: string,
  lineIndex: LineIndex,
  style: Style,
): string[] {
  const { line, column } = lineColumn(lineIndex, diagnostic.span);
  const severity = diagnostic.severity === 'error' ? '' : `  ${style.yellow(`(${diagnostic.severity})`)}`;
  const code = diagnostic.severity === 'error' ? style.red(diagnostic.code) : style.yellow(diagnostic.code);
  const lines = [`${style.bold(`${display}:${line}:${column}`)}  ${code}  ${diagnostic.message}${severity}`];
  lines.push(...renderExcerpt(lineIndex, diagnostic.span, style, '  '));
  for (const fix of diagnostic.fixes ?? []) lines.push(`  ${style.cyan('fix:')} ${fix.title}`);
  return lines;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
