/**
 * Where a character of a YAML string scalar's value is in the document text, so a problem GraphQL
 * reports at a line and column of the query lands on the exact characters inside the YAML.
 */
import type { Span } from '../span.js';

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface LocatedScalar {
  value: string;
  style: ScalarStyle;
  /** The scalar node, quotes and block header included. */
  span: Span;
}

/**
 * A value offset → document offset mapper, or undefined when the value's characters are not a
 * plain copy of the source (folded blocks, escapes, multi-line flow strings): callers then mark
 * the whole scalar.
 */
export function scalarOffsets(text: string, scalar: LocatedScalar): ((offset: number) => number) | undefined {
  const source = text.slice(scalar.span.start, scalar.span.end);
  if (scalar.style === 'BLOCK_LITERAL') return literalOffsets(source, scalar.value, scalar.span.start);
  const quote = scalar.style === 'PLAIN' ? 0 : 1;
  const inner = source.slice(quote, source.length - quote);
  if (inner !== scalar.value) return undefined;
  return (offset) => scalar.span.start + quote + Math.min(offset, scalar.value.length);
}

function literalOffsets(
  source: string,
  value: string,
  base: number,
): ((offset: number) => number) | undefined {
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const lines = source.slice(headerEnd + 1).split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
  );
  if (!Number.isFinite(indent)) return undefined;
  const starts: number[] = [];
  let at = base + headerEnd + 1;
  for (const line of lines) {
    starts.push(at + Math.min(indent, line.length));
    at += line.length + 1;
  }
  const valueLines = value.split('\n');
  return (offset) => {
    let remaining = Math.min(offset, value.length);
    for (let index = 0; index < valueLines.length && index < starts.length; index++) {
      if (remaining <= valueLines[index].length) return starts[index] + remaining;
      remaining -= valueLines[index].length + 1;
    }
    return base + source.length;
  };
}
