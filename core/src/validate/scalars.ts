/**
 * Positions inside YAML scalars: where a character of a scalar's value sits in the suite text
 * (behind quotes and escapes), and how to write a new value in the scalar's place.
 */
import { isCollection, isMap, isScalar, visit, type Node, type Scalar } from 'yaml';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { mapEntries, segmentAt, yamlNodeAt, type LocatedNode } from './nodes.js';

/**
 * The scalar starting at `span`: a value or a mapping key (`$.id:` under `json`), or the value of
 * the `key` entry when the node there is a mapping (`{ regex: "…" }`).
 */
export function scalarAt(doc: SuiteDocument, span: Span, key?: string): LocatedNode | undefined {
  const located = yamlNodeAt(doc, span.start);
  if (!located) return undefined;
  if (isScalar(located.node)) return located;
  if (!isMap(located.node)) return undefined;
  const entries = mapEntries(located.node, located.base);
  const scalar = key
    ? entries.find((entry) => entry.key === key)?.value
    : (located.node.items.find(
        (pair) => isScalar(pair.key) && pair.key.range?.[0] === span.start - located.base,
      )?.key as Node | undefined);
  return isScalar(scalar) ? { node: scalar, base: located.base } : undefined;
}

/**
 * The text span of the value's characters `[start, end)`: exact for plain, single- and
 * double-quoted scalars on one line; the whole scalar otherwise (folded lines, block scalars).
 */
export function spanInScalar(
  doc: Pick<SuiteDocument, 'text'>,
  located: LocatedNode,
  start: number,
  end: number,
): Span {
  const range = located.node.range!;
  const from = range[0] + located.base;
  const to = range[1] + located.base;
  const value = (located.node as Scalar).value;
  const offsets =
    typeof value === 'string'
      ? sourceOffsets(doc.text.slice(from, to), located.node as Scalar, value)
      : undefined;
  if (!offsets) return { start: from, end: to };
  return { start: from + offsets[start], end: from + offsets[end] };
}

/** For each index of the value (and one past its end), its offset in the scalar's source. */
function sourceOffsets(source: string, node: Scalar, value: string): number[] | undefined {
  if (source.includes('\n')) return undefined;
  const offsets: number[] = [];
  if (node.type === 'PLAIN') {
    if (source !== value) return undefined;
    for (let index = 0; index <= value.length; index++) offsets.push(index);
    return offsets;
  }
  if (node.type !== 'QUOTE_SINGLE' && node.type !== 'QUOTE_DOUBLE') return undefined;
  const double = node.type === 'QUOTE_DOUBLE';
  for (let index = 1; index < source.length - 1; index++) {
    offsets.push(index);
    if (!double) {
      if (source[index] === "'") index++;
      continue;
    }
    if (source[index] !== '\\') continue;
    const escape = source[index + 1];
    const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
    if (digits === 8 && parseInt(source.slice(index + 2, index + 10), 16) > 0xffff) offsets.push(index);
    index += 1 + digits;
  }
  offsets.push(source.length - 1);
  return offsets.length === value.length + 1 ? offsets : undefined;
}

/**
 * `value` written in the scalar's place: in its quotes, or plain when the scalar was plain and
 * stays a plain scalar outside `{ }`/`[ ]`; double-quoted otherwise.
 */
export function yamlScalarText(doc: SuiteDocument, located: LocatedNode, value: string): string {
  const node = located.node as Scalar;
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  const plain =
    node.type === 'PLAIN' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]|[\n\t]|: | #|[:\s]$/.test(value) &&
    !inFlowCollection(doc, node.range![0] + located.base);
  return plain ? value : JSON.stringify(value);
}

/** Whether the scalar starting at `offset` sits inside a flow mapping or sequence. */
function inFlowCollection(doc: SuiteDocument, offset: number): boolean {
  const segment = segmentAt(doc, offset);
  if (!segment) return true;
  let flow = true;
  visit(segment.yaml, {
    Scalar(_key, node, path) {
      if (node.range?.[0] !== offset - segment.base) return undefined;
      flow = path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true);
      return visit.BREAK;
    },
  });
  return flow;
}
