/**
 * Where `${{ expression }}` sits in a string (SPEC §8). The expression ends at the first `}}` outside
 * its own braces and string literals, so `${{ {a: {b: 1}} }}` and `${{ "}}" }}` read whole. `$${{` is
 * the escaped literal text `${{`. Light on purpose: the parser, validation and interpolation use
 * it without loading the sandbox.
 */
export interface ScriptExpression {
  /** Offset of `${{` in the string. */
  start: number;
  /** Offset just after the closing `}}` (the string's length when it is not closed). */
  end: number;
  /** The JavaScript between `${{` and `}}`, untrimmed. */
  source: string;
  /** Offset of `source` in the string. */
  sourceStart: number;
  /** True when no `}}` closes it. */
  unterminated?: true;
}

export const OPEN = '${{';

export function hasScriptExpression(text: string): boolean {
  return text.includes(OPEN);
}

/** Every `${{ … }}` of `text`, in order. */
export function findScriptExpressions(text: string): ScriptExpression[] {
  const found: ScriptExpression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPEN, from);
    if (start < 0) return found;
    if (start > 0 && text[start - 1] === '$') {
      from = start + OPEN.length;
      continue;
    }
    const sourceStart = start + OPEN.length;
    const close = closingBraces(text, sourceStart);
    if (close < 0) {
      found.push({
        start,
        end: text.length,
        source: text.slice(sourceStart),
        sourceStart,
        unterminated: true,
      });
      return found;
    }
    found.push({ start, end: close + 2, source: text.slice(sourceStart, close), sourceStart });
    from = close + 2;
  }
}

/** The single `${{ }}` that is the whole of `text`, or undefined. */
export function wholeScriptExpression(text: string): ScriptExpression | undefined {
  if (!text.startsWith(OPEN)) return undefined;
  const [first] = findScriptExpressions(text);
  return first && !first.unterminated && first.start === 0 && first.end === text.length ? first : undefined;
}

/** The offset of the `}}` that closes an expression starting at `from`, or -1. */
function closingBraces(text: string, from: number): number {
  let depth = 0;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'" || char === '`') {
      index = stringEnd(text, index);
      if (index < 0) return -1;
    } else if (char === '{') depth++;
    else if (char === '}') {
      if (depth === 0 && text[index + 1] === '}') return index;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

function stringEnd(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === quote) return index;
  }
  return -1;
}
