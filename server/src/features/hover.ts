import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import {
  BUILTIN_FUNCTIONS,
  KEYS,
  STATUS_CLASSES,
  STATUS_CODES,
  findMatcher,
  type Interpolation,
} from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';
import { MASK } from '../analysis.js';
import { classifyPath, enclosingPath, shapeOf } from '../cursor.js';
import { HEADERS } from '../http.js';
import { describeValue } from '../variables.js';
import { scriptHover } from './scriptHover.js';
import { serviceHoverText } from './serviceHover.js';

/** Hover: a `${variable}` (value in the selected environment, secrets masked), a key, a status. */
export function hover(
  analyzed: AnalyzedDocument,
  position: Position,
  selectedEnvironment?: string,
): Hover | null {
  const lines = analyzed.doc.lineIndex;
  const offset = lines.offsetAt(position);
  const script = scriptHover(analyzed, position);
  if (script) return script;
  const interpolation = interpolationAt(analyzed, offset);
  if (interpolation) return interpolationHover(analyzed, interpolation, selectedEnvironment);

  const line = lines.lineText(position.line);
  const shape = shapeOf(line);
  if (shape.key === undefined) return null;
  const keyStart = line.indexOf(shape.key, shape.column);
  const keyEnd = keyStart + shape.key.length;
  const lineStart = offset - position.character;
  const path = enclosingPath(lines, position.line, shape.dashes[0] ?? shape.column);
  for (let i = 0; i < shape.dashes.length; i++) path.push('-');
  const slot = classifyPath(path);

  if (position.character >= keyStart && position.character <= keyEnd) {
    const range = lines.rangeOf({ start: lineStart + keyStart, end: lineStart + keyEnd });
    let doc: string | undefined;
    if (slot.kind === 'keys') doc = KEYS[slot.context].find((entry) => entry.key === shape.key)?.doc;
    else if (slot.kind === 'matcher') doc = findMatcher(shape.key)?.doc;
    else if (slot.kind === 'request-headers' || slot.kind === 'response-headers')
      doc = HEADERS[shape.key.toLowerCase()]?.doc;
    else if (slot.kind === 'jsonpaths')
      doc =
        'JSONPath (RFC 9535). A singular query (names and indexes only) is compared as a value; any other as the list of matches.';
    return doc
      ? { contents: { kind: MarkupKind.Markdown, value: `**${shape.key}** — ${doc}` }, range }
      : null;
  }
  if (shape.key === 'status' && path.includes('expect')) {
    const tokens = [...line.slice(keyEnd).matchAll(/\b([1-5]\d\d|[1-5]xx)\b/gi)];
    const under = tokens.find((token) => {
      const start = keyEnd + (token.index ?? 0);
      return position.character >= start && position.character <= start + token[0].length;
    });
    const code = (under ?? tokens[0])?.[0] ?? '';
    const info = STATUS_CODES[Number(code)];
    const text = info
      ? `**${code} ${info.phrase}** — ${info.doc}`
      : STATUS_CLASSES[code.toLowerCase()]
        ? `**${code}** — ${STATUS_CLASSES[code.toLowerCase()]}`
        : undefined;
    return text ? { contents: { kind: MarkupKind.Markdown, value: text } } : null;
  }
  return null;
}

export function interpolationAt(analyzed: AnalyzedDocument, offset: number): Interpolation | undefined {
  // Interpolations are in document order: binary search by start.
  const list = analyzed.doc.interpolations;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = list[mid].span;
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return list[mid];
  }
  return undefined;
}

function interpolationHover(
  analyzed: AnalyzedDocument,
  interpolation: Interpolation,
  selected?: string,
): Hover | null {
  const range = analyzed.doc.lineIndex.rangeOf(interpolation.span);
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  if (!interpolation.root) {
    const name = /^([A-Za-z_]\w*)\s*\(/.exec(interpolation.expression)?.[1];
    const builtin = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === name);
    return builtin ? markdown(`**${builtin.signature}** — built-in: ${builtin.doc}`) : null;
  }
  if (interpolation.root === 'env') {
    const name = interpolation.expression.slice(4);
    const entry = analyzed.context.dotenv?.entries.find((candidate) => candidate.name === name);
    return markdown(
      entry
        ? `**env.${name}** — set in \`.env\` (\`${MASK}\`); a real process variable of the same name wins.`
        : `**env.${name}** — read from the process environment (not set in \`.env\`).`,
    );
  }
  const services = analyzed.context.config?.services;
  const service = services && serviceHoverText(services, interpolation.expression);
  if (service) return markdown(service);
  const definition = analyzed.validation.variables.scopeAt(interpolation.span.start).get(interpolation.root);
  if (!definition) return markdown(`**${interpolation.root}** — not defined here.`);
  return markdown(describeValue(analyzed, definition, selected));
}
