/** Finding YAML nodes by the spans the model carries, without re-walking the tree each time. */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { SuiteDocument } from '../parse.js';

/**
 * A YAML node and the offset its `range` is relative to: a document parsed incrementally keeps
 * one YAML document per segment, whose ranges start at the segment (see `SuiteSegments`).
 * Absolute offset = `node.range[i] + base`.
 */
export interface LocatedNode {
  node: Node;
  base: number;
}

/**
 * The outermost YAML node starting at the absolute `offset` of a suite's text, whether the suite
 * was parsed whole or in segments. Prefer it to `nodeStartingAt(doc.yaml, …)`, which makes an
 * incrementally parsed document parse its whole text again.
 */
export function yamlNodeAt(doc: SuiteDocument, offset: number): LocatedNode | undefined {
  const segment = segmentAt(doc, offset);
  const node = segment && nodeStartingAt(segment.yaml, offset - segment.base);
  return node && { node, base: segment.base };
}

/** The YAML document holding the absolute `offset` (the whole suite's, or a segment's) and its base. */
export function segmentAt(
  doc: SuiteDocument,
  offset: number,
): { yaml: Document.Parsed; base: number } | undefined {
  const segments = doc.segments;
  if (!segments) return { yaml: doc.yaml, base: 0 };
  if (offset < segments.headerEnd) return { yaml: segments.skeleton, base: 0 };
  const hasTrailer = segments.trailerStart < doc.text.length;
  if (hasTrailer && offset >= segments.trailerStart)
    return { yaml: segments.skeleton, base: segments.trailerStart - segments.headerEnd };
  // Binary search the test segment containing offset.
  const tests = segments.tests;
  let low = 0;
  let high = tests.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (tests[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  const part = tests[low];
  // An empty value at the very end of the text starts at the last segment's end.
  const last = low === tests.length - 1 && !hasTrailer;
  if (!part || offset < part.start || offset > part.end || (offset === part.end && !last)) return undefined;
  return { yaml: part.yaml, base: part.start };
}

/** The value node of a top-level key of the suite (`defaults`…), located. */
export function topLevelValue(doc: SuiteDocument, key: string): LocatedNode | undefined {
  const segments = doc.segments;
  const root = segments ? segments.skeleton : doc.yaml;
  const node = root.get(key, true) as Node | undefined;
  if (!node || typeof node !== 'object' || !node.range) return undefined;
  const base =
    segments && node.range[0] >= segments.headerEnd ? segments.trailerStart - segments.headerEnd : 0;
  return { node, base };
}

const indexes = new WeakMap<Document.Parsed, Map<number, Node>>();

/** The outermost YAML node starting at `offset`, if any (built once per parsed document). */
export function nodeStartingAt(doc: Document.Parsed, offset: number): Node | undefined {
  let index = indexes.get(doc);
  if (!index) {
    index = new Map();
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const range = (node as Node).range;
      if (range && !index!.has(range[0]) && (isMap(node) || isSeq(node) || isScalar(node)))
        index!.set(range[0], node as Node);
      if (isMap(node)) {
        for (const pair of node.items as Pair<unknown, unknown>[]) {
          if (isPair(pair)) {
            visit(pair.key);
            visit(pair.value);
          }
        }
      } else if (isSeq(node)) for (const item of node.items) visit(item);
    };
    visit(doc.contents);
    indexes.set(doc, index);
  }
  return index.get(offset);
}

/**
 * The pairs of a map node with scalar keys, with the key's span (moved by `base`: see
 * `LocatedNode`) and value node.
 */
export function mapEntries(
  node: Node | undefined,
  base = 0,
): { key: string; keyStart: number; keyEnd: number; value: Node | null }[] {
  if (!isMap(node)) return [];
  const result: { key: string; keyStart: number; keyEnd: number; value: Node | null }[] = [];
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    result.push({
      key: String(pair.key.value),
      keyStart: pair.key.range[0] + base,
      keyEnd: pair.key.range[1] + base,
      value: pair.value ?? null,
    });
  }
  return result;
}
