/**
 * Reading a YAML file, the one way suites, `bluebook.config.yaml` and `each` data files are
 * read: a size limit checked before parsing, the `yaml` package's errors as problems (one per
 * cascade, with a hint where the cause is common), and anchors, aliases and merge keys resolved
 * within bounds (./references.ts). The walkers then see a tree without aliases.
 */
import type { Document, Node, YAMLError } from 'yaml';
import type { Fix } from '../diagnostics.js';
import type { Span } from '../span.js';
import { parseYamlDocument, type TreeShape } from './fastYaml.js';
import { expandReferences, mayHaveReferences } from './references.js';

export { MAX_ALIAS_NODES } from './references.js';

/** The largest YAML file Bluebook reads, in characters (about bytes for ASCII text). */
export const MAX_YAML_CHARS = 10_000_000;

export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

export interface YamlProblem {
  /** `syntax`: the YAML is invalid; `limit`: too large, or aliases expand too far. */
  kind: 'syntax' | 'limit';
  span: Span;
  message: string;
  fixes?: Fix[];
}

export interface YamlRead {
  /** The document as written (aliases unresolved): for features that map offsets to nodes. */
  doc: Document.Parsed;
  /** The document's contents with aliases and merge keys resolved. */
  root: Node | null;
  problems: YamlProblem[];
  /** Set when the text was over `MAX_YAML_CHARS` and not parsed. */
  tooLarge?: true;
}

/** The problem of a text over `MAX_YAML_CHARS`, if it is. */
export function sizeProblem(text: string): YamlProblem | undefined {
  if (text.length <= MAX_YAML_CHARS) return undefined;
  const count = (chars: number): string => chars.toLocaleString('en-US');
  return {
    kind: 'limit',
    span: { start: 0, end: Math.min(1, text.length) },
    message: `this file has ${count(text.length)} characters; Bluebook reads files of at most ${MAX_YAML_CHARS / 1_000_000} MB (${count(MAX_YAML_CHARS)} characters) — split it into several files.`,
  };
}

/**
 * Parses YAML text; never throws. A text over the size limit is not parsed (an empty document).
 * A key repeated in one mapping is left to the caller (suites and the config report it by name)
 * unless `uniqueKeys` makes it a YAML error. `shape`: `lite` for a reader that reads the tree once
 * and drops it, `outline` for `outlineSuite` (fastYaml.ts); a text with anchors, aliases or merge
 * keys is always read `full`.
 */
export function readYaml(
  text: string,
  { uniqueKeys = false, shape = 'full' }: { uniqueKeys?: boolean; shape?: TreeShape } = {},
): YamlRead {
  const tooLarge = sizeProblem(text);
  if (tooLarge)
    return { doc: parseYamlDocument('', YAML_OPTIONS), root: null, problems: [tooLarge], tooLarge: true };
  const references = mayHaveReferences(text);
  const doc = parseYamlDocument(text, { ...YAML_OPTIONS, uniqueKeys }, references ? 'full' : shape);
  const problems = syntaxProblems(doc.errors, text);
  if (!references) return { doc, root: doc.contents, problems };
  const expanded = expandReferences(doc.contents);
  for (const { limit, span, message } of expanded.problems)
    problems.push({ kind: limit ? 'limit' : 'syntax', span, message });
  return { doc, root: expanded.root, problems };
}

const STREAM_ERROR = / in YAML stream\b/;
/** An unterminated flow collection: after another error, the one that left it open. */
const UNCLOSED_FLOW =
  /^Flow (?:map|sequence) in block collection must be sufficiently indented and end with a [}\]]/;

/**
 * The `yaml` package's errors, one per cascade: after an error, the parser often reports every
 * following token of the same line, a flow collection the error left unterminated, and (once
 * the document is closed) every token after it "in YAML stream". Those disappear with the first
 * error's fix, so only the first is kept.
 */
export function syntaxProblems(errors: readonly YAMLError[], text: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  let lastLine = -1;
  for (const error of errors) {
    const start = error.pos[0];
    const line = lineStartOf(text, start);
    const cascade =
      line === lastLine || STREAM_ERROR.test(error.message) || UNCLOSED_FLOW.test(error.message);
    if (problems.length > 0 && cascade) continue;
    lastLine = line;
    const span = { start, end: Math.max(error.pos[1], start + 1) };
    problems.push({ kind: 'syntax', span, message: firstLine(error.message), ...bracketHint(text, start) });
  }
  return problems;
}

function firstLine(message: string): string {
  // The yaml package appends "at line X, column Y:" and an excerpt; the range already says where.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * A `[` inside a plain scalar in a flow collection (`{ name: $.items[0].name }`) opens a flow
 * sequence: the message says to quote it, and the fix does.
 */
function bracketHint(text: string, at: number): { message: string; fixes: Fix[] } | undefined {
  if (text[at] !== '[' || at === 0 || /[\s[\]{},:]/.test(text[at - 1])) return undefined;
  const lineStart = lineStartOf(text, at);
  const open = Math.max(text.lastIndexOf('{', at), text.lastIndexOf('[', at - 1));
  if (open < lineStart) return undefined;
  let start = at;
  while (start > open + 1 && !/[\s{,]/.test(text[start - 1])) start--;
  const end = scalarEnd(text, at);
  const scalar = text.slice(start, end).trimEnd();
  const quoted = JSON.stringify(scalar);
  const lineEnd = text.indexOf('\n', at);
  const example = text
    .slice(open, lineEnd === -1 ? text.length : lineEnd)
    .replace(scalar, quoted)
    .trim();
  const span = { start, end: start + scalar.length };
  return {
    message: `\`[\` in an unquoted value inside \`{ }\` or \`[ ]\` starts a list — quote a JSONPath that contains \`[\` in flow style: ${example}`,
    fixes: [{ title: `Quote ${quoted}`, span, newText: quoted }],
  };
}

/**
 * Where a plain scalar in flow style that contains `[` at `at` ends: at `,`, `}` or `: ` outside
 * its brackets, or at the first of them when its brackets do not close on the line.
 */
function scalarEnd(text: string, at: number): number {
  let depth = 0;
  let end = at;
  for (; end < text.length && text[end] !== '\n'; end++) {
    const ch = text[end];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (depth <= 0 && (ch === ',' || ch === '}' || (ch === ':' && /\s/.test(text[end + 1] ?? ' '))))
      return end;
  }
  if (depth === 0) return end;
  const first = text.slice(at, end).search(/[,}]|:\s/);
  return first === -1 ? end : at + first;
}
