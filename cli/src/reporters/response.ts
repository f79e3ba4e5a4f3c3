/**
 * The response under a failed step, so "expected 201, got 422" shows the server's reason: the
 * status line, the headers that explain a failure (every header with `--verbose`) and a body
 * excerpt — JSON pretty-printed, cut at `MAX_LINES` lines or `MAX_CHARS` characters (all of it
 * with `--verbose`). Records are redacted by core before they get here.
 */
import type { ResponseRecord } from '../../../core/src/index.js';
import { printable } from '../excerpt.js';
import type { Style } from '../terminal.js';

/** Headers that explain a failure; the rest need `--verbose`. */
export const SHOWN_HEADERS = [
  'content-type',
  'location',
  'www-authenticate',
  'retry-after',
  'allow',
  'content-encoding',
];
export const MAX_LINES = 20;
export const MAX_CHARS = 2048;

export function responseDetail(
  response: ResponseRecord,
  style: Style,
  indent: string,
  verbose: boolean,
): string[] {
  const lines = [
    `${indent}${style.dim('response')}  ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
  ];
  const inner = `${indent}  `;
  for (const [name, value] of Object.entries(response.headers)) {
    if (verbose || SHOWN_HEADERS.includes(name.toLowerCase()))
      lines.push(`${inner}${style.dim(`${name}:`)} ${printable(value)}`);
  }
  if (response.body === '') {
    if (response.size === 0) lines.push(`${inner}${style.dim('(empty body)')}`);
    return lines;
  }
  const body = readable(response.body).split('\n');
  const shown = verbose ? body : cut(body);
  lines.push(...shown.map((line) => `${inner}${printable(line)}`.trimEnd()));
  const more = body.length - shown.length;
  if (more > 0)
    lines.push(`${inner}${style.dim(`… ${more} more line${more === 1 ? '' : 's'} (--verbose shows all)`)}`);
  if (response.bodyTruncated)
    lines.push(
      `${inner}${style.dim(`… the body is cut at 64 KB in reports (${response.size} bytes in all)`)}`,
    );
  return lines;
}

/** JSON pretty-printed (2 spaces); any other text as it is, without a final newline. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body.replace(/\r?\n$/, '');
  }
}

/** The first lines that fit in `MAX_LINES` and `MAX_CHARS` (at least one line, itself cut). */
function cut(lines: string[]): string[] {
  const kept: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (kept.length === MAX_LINES || chars + line.length > MAX_CHARS) {
      if (kept.length === 0) kept.push(`${line.slice(0, MAX_CHARS)}…`);
      break;
    }
    kept.push(line);
    chars += line.length + 1;
  }
  return kept;
}
