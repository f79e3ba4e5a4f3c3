/**
 * YAML anchors, aliases and merge keys, resolved before the suite, config and data walkers read
 * a tree: `*name` becomes a copy of the node anchored `&name` before it, and `<<: *base` (YAML
 * 1.1 merge keys) adds the pairs of the merged mappings that the mapping does not set itself.
 *
 * Every node copied through an alias takes the alias's range: the same anchor may be used many
 * times, so a diagnostic or a run failure inside a copy points at the `*name` that put it there.
 * Expansion is bounded (`MAX_ALIAS_NODES`): an alias bomb ("billion laughs") is refused with one
 * problem at the alias that crossed the limit, before it can cost memory or time.
 */
import { isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Span } from '../span.js';

/** How many nodes aliases may add to one file, in all. */
export const MAX_ALIAS_NODES = 100_000;

/** `&` or `*` where YAML reads an anchor or alias, or a `<<` key; may also match inside a scalar. */
const REFERENCE = /(?:^|[\s[\]{},])(?:[&*][^\s[\]{},]|<<)/;

/** Whether a text may hold anchors, aliases or merge keys (false: `expandReferences` is a no-op). */
export function mayHaveReferences(text: string): boolean {
  // Most suites hold none of the three: searching for a character is far cheaper than the
  // expression's scan, which only a text with one of them needs.
  if (!text.includes('&') && !text.includes('*') && !text.includes('<<')) return false;
  return REFERENCE.test(text);
}

export interface ReferenceProblem {
  span: Span;
  message: string;
  /** Set when expansion stopped at `MAX_ALIAS_NODES`. */
  limit?: true;
}

type YamlNode = Node | null;

interface Anchored {
  /** The anchored node with its own references expanded; undefined while it is being expanded. */
  expanded?: YamlNode;
  size: number;
}

/**
 * The tree with aliases and merge keys resolved. Subtrees without any are returned as they are
 * (the same objects); copies are made only along the paths that change.
 */
export function expandReferences(root: YamlNode): { root: YamlNode; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  const anchors = new Map<string, Anchored>();
  let added = 0;
  let exhausted = false;

  const fail = (node: Node, message: string, limit?: true): Scalar => {
    problems.push({ span: spanOf(node), message, ...(limit ? { limit } : {}) });
    return nullAt(node);
  };

  const alias = (node: Node & { source: string }): { node: YamlNode; size: number } => {
    if (exhausted) return { node: nullAt(node), size: 1 };
    const target = anchors.get(node.source);
    if (!target)
      return {
        node: fail(
          node,
          `unknown alias \`*${node.source}\`; define \`&${node.source}\` on a node before this line.`,
        ),
        size: 1,
      };
    if (target.expanded === undefined)
      return {
        node: fail(
          node,
          `alias \`*${node.source}\` is inside the node \`&${node.source}\` anchors; a node cannot contain itself.`,
        ),
        size: 1,
      };
    if (added + target.size > MAX_ALIAS_NODES) {
      exhausted = true;
      const message = `this file expands aliases to more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes — YAML alias bombs are refused; use fewer aliases or smaller anchored nodes.`;
      return { node: fail(node, message, true), size: 1 };
    }
    added += target.size;
    return { node: copyAt(target.expanded, node.range!), size: target.size };
  };

  /** Expands a node; returns the new node and how many nodes it holds. */
  const expand = (node: YamlNode): { node: YamlNode; size: number } => {
    if (!node) return { node, size: 0 };
    if (isAlias(node)) return alias(node);
    const anchor = node.anchor;
    const entry: Anchored = { size: 0 };
    if (anchor) anchors.set(anchor, entry);
    const result = isMap(node) ? expandMap(node) : isSeq(node) ? expandSeq(node) : { node, size: 1 };
    if (anchor && anchors.get(anchor) === entry) {
      entry.expanded = result.node;
      entry.size = result.size;
    }
    return result;
  };

  const expandSeq = (node: Node & { items: unknown[] }): { node: YamlNode; size: number } => {
    let size = 1;
    let changed = false;
    const items = node.items.map((item) => {
      const result = expand(item as YamlNode);
      size += result.size;
      changed ||= result.node !== item;
      return result.node;
    });
    return { node: changed ? withItems(node, items) : node, size };
  };

  const expandMap = (node: Node & { items: unknown[] }): { node: YamlNode; size: number } => {
    const pairs = node.items as Pair<YamlNode, YamlNode>[];
    const local = new Set(
      pairs.filter((pair) => !isMergeKey(pair.key) && isScalar(pair.key)).map((pair) => keyOf(pair.key)),
    );
    let size = 1;
    let changed = false;
    const items: Pair<YamlNode, YamlNode>[] = [];
    for (const pair of pairs) {
      if (isMergeKey(pair.key)) {
        changed = true;
        const reported = problems.length;
        const merged = expand(pair.value);
        for (const source of mergeSources(merged.node)) {
          for (const item of source.items as Pair<YamlNode, YamlNode>[]) {
            const key = keyOf(item.key);
            if (key !== undefined && local.has(key)) continue;
            if (key !== undefined) local.add(key);
            items.push(item);
            size += sizeOf(item.key) + sizeOf(item.value);
          }
        }
        if (problems.length === reported && merged.node && !isMergeSource(merged.node))
          problems.push({
            span: spanOf(pair.value ?? pair.key!),
            message: '`<<` merges a mapping, an alias of one (`<<: *base`) or a list of them.',
          });
        continue;
      }
      const key = expand(pair.key);
      const value = expand(pair.value);
      size += key.size + value.size;
      if (key.node !== pair.key || value.node !== pair.value) {
        changed = true;
        items.push(new Pair(key.node, value.node));
      } else items.push(pair);
    }
    return { node: changed ? withItems(node, items) : node, size };
  };

  return { root: expand(root).node, problems };
}

function isMergeKey(key: YamlNode): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === undefined || key.type === Scalar.PLAIN);
}

function isMergeSource(node: YamlNode): boolean {
  return isMap(node) || (isSeq(node) && node.items.every((item) => isMap(item)));
}

function mergeSources(node: YamlNode): (Node & { items: unknown[] })[] {
  if (isMap(node)) return [node];
  if (isSeq(node) && node.items.every((item) => isMap(item)))
    return node.items as (Node & { items: unknown[] })[];
  return [];
}

function keyOf(key: YamlNode): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function sizeOf(node: YamlNode): number {
  if (!node) return 0;
  if (isMap(node))
    return (
      1 + (node.items as Pair<YamlNode, YamlNode>[]).reduce((n, p) => n + sizeOf(p.key) + sizeOf(p.value), 0)
    );
  if (isSeq(node)) return 1 + (node.items as YamlNode[]).reduce((n, item) => n + sizeOf(item), 0);
  return 1;
}

function spanOf(node: Node): Span {
  return node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}

function nullAt(node: Node): Scalar {
  const scalar = new Scalar(null);
  if (node.range) scalar.range = [...node.range];
  return scalar;
}

/** A shallow copy of a collection with other items. */
function withItems<T extends Node>(node: T, items: unknown[]): T {
  const copy = Object.create(Object.getPrototypeOf(node), Object.getOwnPropertyDescriptors(node)) as T & {
    items: unknown[];
  };
  copy.items = items;
  return copy;
}

/** A deep copy of an expanded node whose every node has the alias's range. */
function copyAt(node: YamlNode, range: [number, number, number]): YamlNode {
  if (!node) return node;
  let copy: Node;
  if (isMap(node)) {
    const map = new YAMLMap();
    for (const pair of node.items as Pair<YamlNode, YamlNode>[])
      map.items.push(new Pair(copyAt(pair.key, range), copyAt(pair.value, range)));
    copy = map;
  } else if (isSeq(node)) {
    const seq = new YAMLSeq();
    for (const item of node.items as YamlNode[]) seq.items.push(copyAt(item, range));
    copy = seq;
  } else if (isScalar(node)) {
    const scalar = new Scalar(node.value);
    if (node.type) scalar.type = node.type;
    copy = scalar;
  } else return node;
  if (node.tag) copy.tag = node.tag;
  copy.range = [...range];
  return copy;
}
