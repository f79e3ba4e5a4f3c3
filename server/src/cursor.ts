/**
 * Where the cursor is, in YAML terms: the chain of keys above it and whether a key or a value is
 * being typed. Completion runs on half-typed text the YAML parser cannot make sense of yet, so this
 * reads indentation (the way a person does) rather than the parse tree.
 */
import type { KeyContext } from '../../core/src/index.js';
import type { LineIndex } from '../../core/src/index.js';

export interface CursorContext {
  /** Keys from the root to the map the cursor is in; `-` marks a list item. */
  path: string[];
  /** `key`: a key is being typed (or could be); `value`: the value of `key`. */
  position: 'key' | 'value';
  /** The key whose value is being typed (position `value`), or the key under the cursor. */
  key?: string;
  /** The word typed so far, ending at the cursor. */
  prefix: string;
  /** Offset where `prefix` starts (completion replaces from here). */
  prefixStart: number;
  /** Set when the cursor is inside `${…`: the text typed after `${`, and where it starts. */
  interpolation?: { prefix: string; start: number };
}

interface LineShape {
  /** Columns of leading `- ` markers. */
  dashes: number[];
  /** Column where the key (or scalar) starts, after indentation and dashes. */
  column: number;
  /** The key, when the line is `key:` or `key: value`. */
  key?: string;
  blank: boolean;
}

const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s#:'"][^:#]*?|[^\s#:'"]))\s*:(?:\s|$)/;

export function shapeOf(line: string): LineShape {
  let column = 0;
  const dashes: number[] = [];
  for (;;) {
    while (column < line.length && line[column] === ' ') column++;
    if (line[column] === '-' && (column + 1 === line.length || line[column + 1] === ' ')) {
      dashes.push(column);
      column++;
      continue;
    }
    break;
  }
  const rest = line.slice(column);
  const blank = rest.trim() === '' || rest.startsWith('#');
  const key = KEY_LINE.exec(rest)?.[1]?.replace(/^["']|["']$/g, '');
  return { dashes, column, key, blank: blank && dashes.length === 0 };
}

/** The keys enclosing a line whose content starts at `column`, outermost first. */
export function enclosingPath(lines: LineIndex, line: number, column: number): string[] {
  const reversed: string[] = [];
  let col = column;
  for (let current = line - 1; current >= 0 && col > 0; current--) {
    const shape = shapeOf(lines.lineText(current));
    if (shape.blank) continue;
    if (shape.column < col && shape.key !== undefined) {
      reversed.push(shape.key);
      col = shape.column;
      for (let i = shape.dashes.length - 1; i >= 0; i--) {
        reversed.push('-');
        col = shape.dashes[i];
      }
      continue;
    }
    const inner = shape.dashes.filter((dash) => dash < col);
    if (inner.length > 0 && shape.column >= col) {
      for (let i = inner.length - 1; i >= 0; i--) reversed.push('-');
      col = inner[0];
      continue;
    }
    if (shape.column < col && shape.dashes.length === 0) {
      // A scalar or a block-scalar line less indented than us: we are inside something we cannot
      // read (a multi-line string). Keep looking for a key line.
      continue;
    }
  }
  return reversed.reverse();
}

/** Analyses the cursor at `offset` of `text`. */
export function cursorContext(lines: LineIndex, offset: number): CursorContext {
  const position = lines.positionAt(offset);
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const lineStart = offset - position.character;

  const open = before.lastIndexOf('${');
  const interpolation =
    open >= 0 && !before.slice(open).includes('}') && before[open - 1] !== '$'
      ? { prefix: before.slice(open + 2), start: lineStart + open + 2 }
      : undefined;

  const shape = shapeOf(before);
  const path = enclosingPath(lines, position.line, shape.dashes[0] ?? shape.column);
  for (let i = 0; i < shape.dashes.length; i++) path.push('-');

  const content = before.slice(shape.column);
  const wordMatch = /[^\s{},:[\]]*$/.exec(before);
  const prefix = wordMatch ? wordMatch[0] : '';
  const prefixStart = offset - prefix.length;
  const base = { path, prefix, prefixStart, interpolation };

  const keyValue = /^((?:"[^"]*"|'[^']*'|[^\s#:'"{][^:#]*?))\s*:\s(.*)$/s.exec(content);
  // A flow map that is the list item itself (`- { use: "#id" }`): follow its keys.
  const itemFlow = !keyValue && shape.dashes.length > 0 ? flowPosition(content) : undefined;
  if (itemFlow?.key !== undefined)
    return { ...base, path: [...path, ...itemFlow.path], position: 'value', key: itemFlow.key };
  if (!keyValue) return { ...base, position: 'key', key: prefix || undefined };
  const key = keyValue[1].replace(/^["']|["']$/g, '');
  const value = keyValue[2];
  // Inside a flow map on this line (`$.id: { type: int|`): follow its keys.
  const flow = flowPosition(value);
  if (flow) {
    const nested = [...path, key, ...flow.path];
    return flow.key === undefined
      ? { ...base, path: nested, position: 'key' }
      : { ...base, path: nested, position: 'value', key: flow.key };
  }
  return { ...base, position: 'value', key };
}

/** For a value like `{ a: { b: x, c`, the open flow keys and whether a key or value is typed. */
function flowPosition(value: string): { path: string[]; key?: string } | undefined {
  if (!value.trimStart().startsWith('{')) return undefined;
  const stack: { key?: string; pendingKey?: string }[] = [];
  let token = '';
  let quote: string | undefined;
  for (const ch of value) {
    if (quote) {
      if (ch === quote) quote = undefined;
      token += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      token += ch;
    } else if (ch === '{') {
      const parent = stack[stack.length - 1];
      stack.push({ key: parent?.pendingKey });
      token = '';
    } else if (ch === '}') {
      stack.pop();
      token = '';
    } else if (ch === ':') {
      const top = stack[stack.length - 1];
      if (top) top.pendingKey = token.trim().replace(/^["']|["']$/g, '');
      token = '';
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top) top.pendingKey = undefined;
      token = '';
    } else token += ch;
  }
  if (stack.length === 0) return undefined;
  const path = stack.slice(1).map((frame) => frame.key ?? '');
  const top = stack[stack.length - 1];
  return { path, key: top.pendingKey };
}

export type SlotKind =
  | { kind: 'keys'; context: KeyContext }
  | { kind: 'request-headers' }
  | { kind: 'response-headers' }
  | { kind: 'jsonpaths' }
  | { kind: 'matcher'; expectation: string }
  | { kind: 'capture-names' }
  | { kind: 'capture-source' }
  | { kind: 'multipart-part' }
  | { kind: 'free' };

/** Keys already written in the map the cursor is in (same column, same block). */
export function siblingKeys(lines: LineIndex, cursor: CursorContext): Set<string> {
  const line = lines.positionAt(cursor.prefixStart).line;
  const own = shapeOf(lines.lineText(line));
  const column = own.column;
  const keys = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let current = from; current >= 0 && current < lines.lineCount; current += step) {
      const shape = shapeOf(lines.lineText(current));
      if (shape.blank) continue;
      if (shape.column < column) return;
      // Going down, a `- ` at or left of our column starts the next list item.
      if (step > 0 && shape.dashes.length > 0 && shape.dashes[0] < column) return;
      if (shape.column === column && shape.key) keys.add(shape.key);
      // Going up, the item's own first line (`- GET: …`) is the last one of this map.
      if (step < 0 && shape.dashes.length > 0) return;
    }
  };
  // On a `- ` line the cursor starts a new item: only the lines below can belong to it.
  if (own.dashes.length === 0) scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

/** What kind of map a key path points into. */
export function classifyPath(path: string[]): SlotKind {
  const step = stepDepth(path);
  if (path.length === 0) return { kind: 'keys', context: 'suite' };
  if (path[0] === 'defaults') {
    if (path.length === 1) return { kind: 'keys', context: 'defaults' };
    if (path[1] === 'auth' && path.length === 2) return { kind: 'keys', context: 'auth' };
    if (path[1] === 'headers' && path.length === 2) return { kind: 'request-headers' };
    return { kind: 'free' };
  }
  if (path[0] === 'tests' && path.length === 2) return { kind: 'keys', context: 'test' };
  if (step === undefined) return { kind: 'free' };
  const rest = path.slice(step);
  if (rest.length === 0) return { kind: 'keys', context: 'step' };
  switch (rest[0]) {
    case 'expect':
      if (rest.length === 1) return { kind: 'keys', context: 'expect' };
      if (rest[1] === 'headers')
        return rest.length === 2
          ? { kind: 'response-headers' }
          : rest.length >= 3
            ? { kind: 'matcher', expectation: 'headers' }
            : { kind: 'free' };
      if (rest[1] === 'json')
        return rest.length === 2 ? { kind: 'jsonpaths' } : { kind: 'matcher', expectation: 'json' };
      if (['status', 'text', 'duration'].includes(rest[1])) return { kind: 'matcher', expectation: rest[1] };
      return { kind: 'free' };
    case 'retry':
      return rest.length === 1 ? { kind: 'keys', context: 'retry' } : { kind: 'free' };
    case 'auth':
      return rest.length === 1 ? { kind: 'keys', context: 'auth' } : { kind: 'free' };
    case 'headers':
      return rest.length === 1 ? { kind: 'request-headers' } : { kind: 'free' };
    case 'capture':
      return rest.length === 1
        ? { kind: 'capture-names' }
        : rest.length === 2
          ? { kind: 'capture-source' }
          : { kind: 'free' };
    case 'multipart':
      return rest.length === 2 ? { kind: 'multipart-part' } : { kind: 'free' };
    default:
      return { kind: 'free' };
  }
}

/** Length of the path prefix that ends at a step (`before/-`, `after/-`, `tests/id/steps/-`). */
function stepDepth(path: string[]): number | undefined {
  if ((path[0] === 'before' || path[0] === 'after') && path[1] === '-') return 2;
  if (path[0] === 'tests' && path[2] === 'steps' && path[3] === '-') return 4;
  return undefined;
}

/** Keys already in the map: its lines, and the keys of a flow map on the cursor's line (`{ a: 1, | }`). */
export function writtenKeys(lines: LineIndex, cursor: CursorContext, offset: number): Set<string> {
  const keys = siblingKeys(lines, cursor);
  const line = lines.lineText(lines.positionAt(offset).line);
  const flow = line.lastIndexOf('{');
  if (flow >= 0)
    for (const match of line.slice(flow).matchAll(/[{,]\s*([^\s:,{}]+)\s*:/g)) keys.add(match[1]);
  return keys;
}

/** The keys below the step the cursor is in (`[]` for the step's own map); undefined outside steps. */
export function stepPath(path: string[]): string[] | undefined {
  if ((path[0] === 'before' || path[0] === 'after') && path[1] === '-') return path.slice(2);
  if (path[0] === 'tests' && path[2] === 'steps' && path[3] === '-') return path.slice(4);
  if (path[0] === 'tests' && path[2] === 'finally' && path[3] === '-') return path.slice(4);
  return undefined;
}
