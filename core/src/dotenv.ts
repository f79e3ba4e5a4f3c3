/**
 * The `.env` file beside bluebook.config.yaml, parsed once for both uses: the values a run reads
 * as `${env.NAME}` and the position of every name (go to definition, hover, completion).
 */
import { LineIndex, type Span } from './span.js';
import { setOwn } from './own.js';

/** A problem in the config or `.env` file, located for "file:line:col: message" output. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
  span: Span;
}

export interface DotEnvEntry {
  name: string;
  value: string;
  /** The name's span in the `.env` text. */
  span: Span;
}

export interface DotEnv {
  path: string;
  text: string;
  lineIndex: LineIndex;
  /** Every `NAME=value` line, in file order (a repeated name appears each time; the last wins). */
  entries: DotEnvEntry[];
  /** Value by name (the last line of a name wins). */
  values: Record<string, string>;
  /** Lines that are not `NAME=value`, comments or blank. */
  errors: ConfigError[];
}

const LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
const QUOTED = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/;

/**
 * `.env` syntax: `NAME=value`, an optional `export `, `#` comments (whole lines, or after an
 * unquoted value), single quotes (literal) and double quotes (`\n` and `\"` escapes). Never throws.
 */
export function parseDotEnv(text: string, path = '.env'): DotEnv {
  const lineIndex = new LineIndex(text);
  const result: DotEnv = { path, text, lineIndex, entries: [], values: {}, errors: [] };
  let offset = 0;
  text.split('\n').forEach((raw, index) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match) {
      result.errors.push({
        file: path,
        line: index + 1,
        column: 1,
        message: 'expected `NAME=value`',
        span: { start: lineStart, end: lineStart + line.length },
      });
      return;
    }
    const name = match[2];
    const nameStart = lineStart + match[1].length;
    let value = match[3].trimEnd();
    const quoted = QUOTED.exec(value);
    if (quoted)
      value = quoted[1] !== undefined ? quoted[1].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') : quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    result.entries.push({ name, value, span: { start: nameStart, end: nameStart + name.length } });
    setOwn(result.values, name, value);
  });
  return result;
}
