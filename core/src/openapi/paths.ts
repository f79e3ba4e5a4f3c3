/**
 * The path index of an OpenAPI document, built once: operations by method, and a tree of path
 * segments (literal segments by name, `{param}` segments as compiled matchers) that finds the
 * template of a step's path — `${…}` segments of the step match any segment — without scanning
 * every path of a large document.
 */
import { editDistance } from '../suggest.js';
import type { Operation } from './operations.js';

export interface PathEntry {
  template: string;
  /** Operations by upper-case method. */
  operations: Map<string, Operation>;
}

interface Node {
  literal: Map<string, Node>;
  /** `{id}`, `{id}.json`, `v{major}`: a segment matched by pattern, in document order. */
  patterns: { test: RegExp; node: Node }[];
  entry?: PathEntry;
}

const VARIABLE = /\$\{[^}]*\}?/;

export class OperationIndex {
  readonly operations: readonly Operation[];
  readonly byMethod = new Map<string, Operation[]>();
  readonly paths = new Map<string, PathEntry>();
  /** The absolute URLs of `servers` (no trailing slash) and the path prefixes they add (`/v1`). */
  readonly servers: string[];
  readonly basePaths: string[];
  private readonly root: Node = newNode();

  constructor(operations: Operation[], servers: string[] = []) {
    this.operations = operations;
    for (const operation of operations) {
      let methods = this.byMethod.get(operation.method);
      if (!methods) this.byMethod.set(operation.method, (methods = []));
      methods.push(operation);
      let entry = this.paths.get(operation.template);
      if (!entry) {
        entry = { template: operation.template, operations: new Map() };
        this.paths.set(operation.template, entry);
        this.insert(entry);
      }
      entry.operations.set(operation.method, operation);
    }
    this.servers = servers.filter((url) => /^https?:\/\//i.test(url)).map(trimSlash);
    this.basePaths = [
      ...new Set(servers.map(pathOfServer).filter((path): path is string => path !== undefined)),
    ];
  }

  /** The document's path a step's path (`/users/${id}`, no query) is an instance of. */
  match(path: string): PathEntry | undefined {
    const direct = this.lookup(path);
    if (direct) return direct;
    for (const base of this.basePaths)
      if (path.startsWith(`${base}/`)) {
        const found = this.lookup(path.slice(base.length));
        if (found) return found;
      }
    return undefined;
  }

  /** The template closest to a path that matched none: same number of segments, one typo away. */
  closest(path: string, method?: string): string | undefined {
    const sent = segmentsOf(path);
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const entry of this.paths.values()) {
      if (method && !entry.operations.has(method)) continue;
      const wanted = segmentsOf(entry.template);
      if (wanted.length !== sent.length) continue;
      let distance = 0;
      for (let i = 0; i < wanted.length && distance < bestDistance; i++) {
        if (wanted[i].includes('{') || VARIABLE.test(sent[i])) continue;
        distance += editDistance(sent[i].toLowerCase(), wanted[i].toLowerCase());
      }
      if (distance < bestDistance && distance <= Math.max(2, Math.floor(path.length / 4))) {
        best = entry.template;
        bestDistance = distance;
      }
    }
    return best;
  }

  private lookup(path: string): PathEntry | undefined {
    return find(this.root, segmentsOf(path), 0);
  }

  private insert(entry: PathEntry): void {
    let node = this.root;
    for (const segment of segmentsOf(entry.template)) {
      if (!segment.includes('{')) {
        let next = node.literal.get(segment);
        if (!next) node.literal.set(segment, (next = newNode()));
        node = next;
        continue;
      }
      const source = segmentPattern(segment);
      let pattern = node.patterns.find((candidate) => candidate.test.source === source);
      if (!pattern) node.patterns.push((pattern = { test: new RegExp(source), node: newNode() }));
      node = pattern.node;
    }
    node.entry ??= entry;
  }
}

/** A step URL's path within the document, or undefined when the URL goes elsewhere (not checked). */
export function contractPath(
  url: string,
  index: OperationIndex,
  baseUrls: readonly string[],
): string | undefined {
  const bare = url.replace(/[?#].*$/s, '');
  const base = /^\$\{\s*baseUrl\s*\}/.exec(bare);
  if (base) return bare.slice(base[0].length) || '/';
  if (bare.startsWith('/')) return bare;
  if (!/^https?:\/\//i.test(bare)) return undefined;
  for (const known of [...index.servers, ...baseUrls.map(trimSlash)]) {
    if (bare === known) return '/';
    if (bare.toLowerCase().startsWith(`${known.toLowerCase()}/`)) return bare.slice(known.length);
  }
  return undefined;
}

/** `/users/{id}` → `/users/${1:id}` for a snippet; names in `known` stay as `${id}` (escaped). */
export function templateSnippet(template: string, known: ReadonlySet<string> = new Set()): string {
  let stop = 0;
  return escapeSnippet(template).replace(/\{([^}]*)\}/g, (_, name: string) =>
    known.has(name) ? `\\\${${name}}` : `\${${++stop}:${name}}`,
  );
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$]/g, (ch) => `\\${ch}`);
}

function find(node: Node, segments: string[], at: number): PathEntry | undefined {
  if (at === segments.length) return node.entry;
  const segment = segments[at];
  if (VARIABLE.test(segment)) {
    for (const next of [...node.literal.values(), ...node.patterns.map((pattern) => pattern.node)]) {
      const found = find(next, segments, at + 1);
      if (found) return found;
    }
    return undefined;
  }
  const literal = node.literal.get(segment);
  const exact = literal && find(literal, segments, at + 1);
  if (exact) return exact;
  for (const pattern of node.patterns) {
    if (!pattern.test.test(segment)) continue;
    const found = find(pattern.node, segments, at + 1);
    if (found) return found;
  }
  return undefined;
}

function segmentPattern(segment: string): string {
  const parts = segment.split(/(\{[^}]*\})/).filter((part) => part !== '');
  const body = parts
    .map((part) => (part.startsWith('{') ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return `^${body}$`;
}

function segmentsOf(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function pathOfServer(url: string): string | undefined {
  const path = /^https?:\/\/[^/]+(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith('/') ? url : undefined);
  const trimmed = path && trimSlash(path);
  return trimmed ? trimmed : undefined;
}

function trimSlash(text: string): string {
  return text.replace(/\/+$/, '');
}

function newNode(): Node {
  return { literal: new Map(), patterns: [] };
}
