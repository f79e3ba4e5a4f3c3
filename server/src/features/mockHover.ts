import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { STATUS_CODES, findMatcher, type LineIndex } from '../../../core/src/index.js';
import { MOCK_KEYS } from '../../../core/src/mock/keys.js';
import { enclosingPath, shapeOf } from '../cursor.js';
import { HEADERS } from '../http.js';
import { classifyMockPath, type MockSlot } from '../mockCursor.js';
import { FAULTS } from './mockCompletion.js';
import { templateHoverText } from './mockTemplates.js';

/**
 * Hover in a `*.mock.yaml` file: a key's docs by context, a matcher, a header, a status, a fault,
 * a `${…}` template of a response.
 */
export function mockHover(lines: LineIndex, position: Position): Hover | null {
  if (position.line < 0 || position.line >= lines.lineCount) return null;
  const line = lines.lineText(position.line);
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  const template = templateAt(lines, line, position);
  if (template !== undefined) return template;
  const shape = shapeOf(line);
  if (shape.key === undefined) return null;
  const keyStart = line.indexOf(shape.key, shape.column);
  const keyEnd = keyStart + shape.key.length;
  const path = enclosingPath(lines, position.line, shape.dashes[0] ?? shape.column);
  for (let i = 0; i < shape.dashes.length; i++) path.push('-');
  const slot = classifyMockPath(path);
  const markdown = (value: string, start: number, end: number): Hover => ({
    contents: { kind: MarkupKind.Markdown, value },
    range: lines.rangeOf({ start: lineStart + start, end: lineStart + end }),
  });
  if (position.character >= keyStart && position.character <= keyEnd) {
    const doc = keyDoc(slot, shape.key);
    return doc ? markdown(`**${shape.key}** — ${doc}`, keyStart, keyEnd) : null;
  }
  if (slot.kind !== 'keys' || slot.context !== 'respond') return null;
  const value = /^\s*(\S+?)\s*(?:#.*)?$/.exec(line.slice(keyEnd + 1));
  if (!value) return null;
  const valueStart = keyEnd + 1 + value[0].indexOf(value[1]);
  if (position.character < valueStart || position.character > valueStart + value[1].length) return null;
  const text =
    shape.key === 'status' && STATUS_CODES[Number(value[1])]
      ? `**${value[1]} ${STATUS_CODES[Number(value[1])].phrase}** — ${STATUS_CODES[Number(value[1])].doc}`
      : shape.key === 'fault' && FAULTS[value[1]]
        ? `**${value[1]}** — ${FAULTS[value[1]]}`
        : undefined;
  return text ? markdown(text, valueStart, valueStart + value[1].length) : null;
}

/** A `${…}` template under the cursor (null: one with nothing to say; undefined: none). */
function templateAt(lines: LineIndex, line: string, position: Position): Hover | null | undefined {
  for (const match of line.matchAll(/\$\{([^{}]*)\}/g)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (position.character < start || position.character > end || line[start - 1] === '$') continue;
    const text = templateHoverText(lines, position.line, match[1].trim());
    const lineStart = lines.offsetAt({ line: position.line, character: 0 });
    return text
      ? {
          contents: { kind: MarkupKind.Markdown, value: text },
          range: lines.rangeOf({ start: lineStart + start, end: lineStart + end }),
        }
      : null;
  }
  return undefined;
}

function keyDoc(slot: MockSlot, key: string): string | undefined {
  switch (slot.kind) {
    case 'keys':
      return MOCK_KEYS[slot.context].find((entry) => entry.key === key)?.doc;
    case 'matcher':
      return findMatcher(key)?.doc;
    case 'request-headers':
    case 'response-headers':
      return HEADERS[key.toLowerCase()]?.doc;
    case 'jsonpaths':
      return 'JSONPath (RFC 9535) into the request body, with the value or matcher it must satisfy.';
    default:
      return undefined;
  }
}
