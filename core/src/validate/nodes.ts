/** Finding YAML nodes by the spans the model carries, without re-walking the tree each time. */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

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

/** The pairs of a map node with scalar keys, with the key's span and value node. */
export function mapEntries(
  node: Node | undefined,
): { key: string; keyStart: number; keyEnd: number; value: Node | null }[] {
  if (!isMap(node)) return [];
  const result: { key: string; keyStart: number; keyEnd: number; value: Node | null }[] = [];
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
    result.push({
      key: String(pair.key.value),
      keyStart: pair.key.range[0],
      keyEnd: pair.key.range[1],
      value: pair.value ?? null,
    });
  }
  return result;
}
