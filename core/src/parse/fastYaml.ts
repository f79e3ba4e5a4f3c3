/**
 * A fast path for the YAML that suites are written in: block mappings and sequences, one-line
 * plain and quoted scalars, one-line flow collections and `|`/`>` block scalars. It builds the
 * same `yaml` nodes `parseDocument` would (classes, ranges, values, scalar types, source and
 * format), several times faster, because it reads the text line by line instead of through the
 * package's lexer, CST and composer.
 *
 * Whatever falls outside that subset returns `undefined`, and the caller parses with the `yaml`
 * package: anchors, aliases and tags, multi-line plain or quoted scalars, flow collections over
 * several lines, explicit keys, document markers and directives, tabs, CR line breaks, comments
 * that the package would attach somewhere that changes a range (a comment line not indented like
 * the content after it), and every YAML error. The fast path never reports an error itself.
 *
 * Comments and blank lines are not attached to the nodes (`comment`, `commentBefore`,
 * `spaceBefore` stay unset): nothing that reads a parsed file uses them. Code that rewrites YAML
 * and must keep comments (accepting a snapshot) calls `parseDocument` itself.
 *
 * A differential test (test/unit/core/fast-yaml.test.ts) parses every fixture, example, generated
 * suite and mutation of them both ways and compares the trees.
 */
import { Gathering } from '../fitted.js';
import type { Span } from '../span.js';
import {
  Document,
  isScalar,
  Pair,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The package's constructors give each node its type (and each collection its schema) with
 * `Object.defineProperty`, a third of the fast path's time; these nodes inherit them from a
 * prototype instead (still `instanceof Scalar`/`Pair`/`YAMLMap`/`YAMLSeq`, `isScalar`… true, the
 * same own enumerable properties). Collections share one schema, the default one every document
 * of these options gets (nothing that reads a parsed file uses a collection's schema).
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const SCALAR_PROTOTYPE: Scalar = Object.create(Scalar.prototype, {
  [NODE_TYPE]: { value: Symbol.for('yaml.scalar') },
}) as Scalar;
const PAIR_PROTOTYPE: Pair = Object.create(Pair.prototype, {
  [NODE_TYPE]: { value: Symbol.for('yaml.pair') },
}) as Pair;

let collectionPrototypes: { map: YAMLMap; seq: YAMLSeq } | undefined;

function collectionPrototype<K extends 'map' | 'seq'>(kind: K): { map: YAMLMap; seq: YAMLSeq }[K] {
  if (!collectionPrototypes) {
    const schema = { value: new Document().schema, writable: true, configurable: true };
    collectionPrototypes = {
      map: Object.create(YAMLMap.prototype, {
        [NODE_TYPE]: { value: Symbol.for('yaml.map') },
        schema,
      }) as YAMLMap,
      seq: Object.create(YAMLSeq.prototype, {
        [NODE_TYPE]: { value: Symbol.for('yaml.seq') },
        schema,
      }) as YAMLSeq,
    };
  }
  return collectionPrototypes[kind];
}

type Range = [number, number, number];

/**
 * A lite node's range (see `fastParseDocument`): three fields instead of an array, which was a
 * quarter of what a parse allocated; `range` is then an accessor of the node's prototype that
 * makes the array when read.
 */
const START = Symbol('start');
const VALUE_END = Symbol('valueEnd');
const END = Symbol('end');

interface Located {
  [START]: number;
  [VALUE_END]: number;
  [END]: number;
}

const LITE_RANGE: PropertyDescriptor = {
  get(this: Located): Range {
    return [this[START], this[VALUE_END], this[END]];
  },
  set(this: Located, range: Range) {
    locate(this, range[0], range[1], range[2]);
  },
  configurable: true,
};

/**
 * A node's start and the end of its value (its range's first two offsets), read without making
 * a lite node's `range` array; undefined for a node without a range.
 */
export function nodeSpan(node: Node): Span | undefined {
  const start = (node as Partial<Located>)[START];
  if (start !== undefined) return { start, end: (node as unknown as Located)[VALUE_END] };
  const range = node.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function locate(node: Located, start: number, valueEnd: number, end: number): void {
  node[START] = start;
  node[VALUE_END] = valueEnd;
  node[END] = end;
}

/**
 * Nodes are made by constructors whose `prototype` is one of the prototypes above (or, for lite
 * nodes, one that adds the `range` accessor to it), so that V8 gives each kind one compact layout
 * with its properties in the object (an `Object.create` node grew into a separate property
 * store), in the order the package's composer sets them.
 */
interface NodeConstructors {
  Scalar: new (
    value: unknown,
    start: number,
    valueEnd: number,
    end: number,
    source: string,
    type: Scalar.Type,
  ) => Scalar;
  Pair: new (key: Node, value: Node) => Pair;
  Map: new (items: Pair[], start: number, end: number) => YAMLMap;
  FlowMap: new (items: Pair[], start: number, end: number) => YAMLMap;
  Seq: new (items: Node[], start: number, end: number) => YAMLSeq;
  FlowSeq: new (items: Node[], start: number, end: number) => YAMLSeq;
}

function nodeConstructors(lite: boolean): NodeConstructors {
  // Each constructor sets its own properties itself, and flow collections have their own: V8
  // then keeps every store monomorphic. A shared helper made one megamorphic site of them, and
  // one constructor per collection kind with a `flow` flag parsed the jobs bench's suites ~8%
  // slower (median of 40 alternating rounds).
  function FastScalar(
    this: Scalar & Located,
    value: unknown,
    start: number,
    valueEnd: number,
    end: number,
    source: string,
    type: Scalar.Type,
  ) {
    this.value = value;
    if (lite) {
      this[START] = start;
      this[VALUE_END] = valueEnd;
      this[END] = end;
    } else this.range = [start, valueEnd, end];
    this.source = source;
    this.type = type;
  }
  function FastPair(this: Pair, key: Node, value: Node) {
    this.key = key;
    this.value = value;
  }
  // A collection's range ends where its value ends (no comment or space after it).
  function FastMap(this: YAMLMap & Located, items: Pair[], start: number, end: number) {
    this.items = items;
    if (lite) {
      this[START] = start;
      this[VALUE_END] = end;
      this[END] = end;
    } else this.range = [start, end, end];
  }
  function FastFlowMap(this: YAMLMap & Located, items: Pair[], start: number, end: number) {
    this.items = items;
    this.flow = true;
    if (lite) {
      this[START] = start;
      this[VALUE_END] = end;
      this[END] = end;
    } else this.range = [start, end, end];
  }
  function FastSeq(this: YAMLSeq & Located, items: Node[], start: number, end: number) {
    this.items = items;
    if (lite) {
      this[START] = start;
      this[VALUE_END] = end;
      this[END] = end;
    } else this.range = [start, end, end];
  }
  function FastFlowSeq(this: YAMLSeq & Located, items: Node[], start: number, end: number) {
    this.items = items;
    this.flow = true;
    if (lite) {
      this[START] = start;
      this[VALUE_END] = end;
      this[END] = end;
    } else this.range = [start, end, end];
  }
  const withRange = <T extends object>(prototype: T): T =>
    lite ? (Object.create(prototype, { range: LITE_RANGE }) as T) : prototype;
  FastScalar.prototype = withRange(SCALAR_PROTOTYPE);
  FastPair.prototype = PAIR_PROTOTYPE;
  FastMap.prototype = FastFlowMap.prototype = withRange(collectionPrototype('map'));
  FastSeq.prototype = FastFlowSeq.prototype = withRange(collectionPrototype('seq'));
  return {
    Scalar: FastScalar,
    Pair: FastPair,
    Map: FastMap,
    FlowMap: FastFlowMap,
    Seq: FastSeq,
    FlowSeq: FastFlowSeq,
  } as unknown as NodeConstructors;
}

const constructors: { full?: NodeConstructors; lite?: NodeConstructors } = {};

/** Thrown (and caught in `fastParseDocument`) when the text leaves the subset. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOUBLE = 34;
const SINGLE = 39;
const BACKSLASH = 92;

/** Characters a plain scalar may not start with (besides `-`, `?`, `:` followed by a space). */
const INDICATOR = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** Characters that end a plain scalar inside a flow collection. */
const FLOW_END = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Where a comment-free text may need the package: tabs, CR, a BOM, document markers. */
const OUTSIDE_SUBSET = /[\t\r\uFEFF]|^(?:---|\.\.\.)(?:[ \n]|$)|^%/m;

/**
 * What a parse makes of the text:
 * - `full`: the tree `parseDocument` makes;
 * - `lite`: the same tree, but its nodes keep their range in fields and make the `range` array
 *   only when it is read, from an accessor of their prototype. For a reader that only reads
 *   ranges (the suite parser, whose tree is dropped once the model is built). An assignment to an
 *   element of such a `range` is lost, so a tree that is kept, edited or relocated is never lite;
 * - `outline`: a lite tree for `outlineSuite`, which lists a suite's tests without reading its
 *   steps. Each step that is a block mapping (an item of the sequence under the root's `before`
 *   or `after`, or under a test's `steps` or `finally`) is an empty mapping with the step's
 *   range: its lines are passed over by their indentation, not read. Steps are most of a suite,
 *   so an outline parses in about half the time and makes about a third of the garbage. A YAML
 *   error inside a step is then not seen (the outline reports none: opening or running the suite
 *   parses it whole). A step with a block scalar is read as usual (its range depends on its
 *   chomping).
 */
export type TreeShape = 'full' | 'lite' | 'outline';

/** Where a block collection is, for an `outline` parse (see `scopeOf`). */
const OTHER = 0;
const ROOT = 1;
const TESTS = 2;
const TEST = 3;
const STEPS = 4;
type Scope = typeof OTHER | typeof ROOT | typeof TESTS | typeof TEST | typeof STEPS;

/** The scope of the value of `key` in a block mapping of scope `scope`. */
function scopeOf(scope: Scope, key: unknown): Scope {
  switch (scope) {
    case ROOT:
      return key === 'tests' ? TESTS : key === 'before' || key === 'after' ? STEPS : OTHER;
    case TESTS:
      return TEST;
    case TEST:
      return key === 'steps' || key === 'finally' ? STEPS : OTHER;
    default:
      return OTHER;
  }
}

/**
 * The document `parseDocument(text, options)` returns (see `TreeShape`), or `undefined` where
 * the text is outside the fast path's subset. Only for the default schema (YAML 1.2 core).
 */
export function fastParseDocument(
  text: string,
  options: Options = {},
  shape: TreeShape = 'full',
): Document.Parsed | undefined {
  if (options.schema !== undefined || options.version !== undefined || options.customTags !== undefined)
    return undefined;
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  const doc = new Document(undefined, options) as Document.Parsed;
  try {
    new FastParser(text, doc, options.uniqueKeys !== false, shape).document();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
  return doc;
}

/**
 * `parseDocument(text, options)`, through the fast path where the text allows it: the same
 * document either way, comments aside (see above).
 */
export function parseYamlDocument(
  text: string,
  options: Options = {},
  shape: TreeShape = 'full',
): Document.Parsed {
  return fastParseDocument(text, options, shape) ?? parseDocument(text, options);
}

function unsupported(): never {
  throw UNSUPPORTED;
}

/** The next line with content after blank and comment lines. */
interface Content {
  /** Offset of the line's first non-space character; `text.length` at the end. */
  at: number;
  indent: number;
  /** Whether comment lines came before it. */
  comment: boolean;
}

class FastParser {
  private readonly length: number;
  private readonly valueTags: ScalarTag[];
  private readonly keyTags: ScalarTag[];
  private readonly stringTag: ScalarTag;
  private readonly make: NodeConstructors;
  private readonly lite: boolean;
  /** The items of the collections being read, innermost last (each list made at its size). */
  private readonly items = new Gathering<Node | Pair>();
  /** Where the last passed-over step that ends with an empty value ends (see `valueEnd`). */
  private passedEmpty = -1;
  /** Where the flow item read last ends, after its trailing spaces (set by `flowItem`). */
  private flowEnd = 0;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly uniqueKeys: boolean,
    private readonly shape: TreeShape,
  ) {
    this.lite = shape !== 'full';
    this.make = this.lite
      ? (constructors.lite ??= nodeConstructors(true))
      : (constructors.full ??= nodeConstructors(false));
    this.length = text.length;
    const tags = doc.schema.tags as unknown as ScalarTag[];
    this.valueTags = tags.filter((tag) => tag.default === true && tag.test);
    this.keyTags = tags.filter((tag) => (tag.default === true || tag.default === 'key') && tag.test);
    this.stringTag = (doc.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
  }

  /**
   * Whether a node keeps its range in fields: a lite node does, a full one and a scalar that a
   * tag made (the package's own class, as for `true`) have the array.
   */
  private located(node: Node): node is Node & Located {
    return this.lite && (node as Partial<Located>)[END] !== undefined;
  }

  /** Where a node's range ends (its third offset). */
  private endOf(node: Node): number {
    return this.located(node) ? node[END] : node.range![2];
  }

  /** Where a node's value ends (its range's second offset). */
  private valueEndOf(node: Node): number {
    return this.located(node) ? node[VALUE_END] : node.range![1];
  }

  private setEnd(node: Node, end: number): void {
    if (this.located(node)) node[END] = end;
    else node.range![2] = end;
  }

  document(): void {
    const first = this.content(0);
    const firstAt = first.at;
    if (firstAt === this.length) unsupported();
    // The document starts at its first line with content (spaces before it start it earlier).
    const docStart = firstAt - first.indent;
    if (/(?:^|\n) +\n/.test(this.text.slice(0, docStart))) unsupported();
    const contents = this.blockNode(firstAt, -1, this.shape === 'outline' ? ROOT : OTHER);
    const contentsEnd = this.endOf(contents);
    const end = this.content(contentsEnd);
    if (end.at !== this.length) unsupported();
    this.doc.contents = contents as Document.Parsed['contents'];
    // After an empty value, the rest of the text is part of its key's separator, not the document's.
    const trailing =
      endsWithEmptyValue(contents) || this.passedEmpty === contentsEnd ? contentsEnd : this.length;
    this.doc.range = [docStart, contentsEnd, trailing];
  }

  /** What `content` returns (one object, overwritten by each call: read it at once). */
  private readonly found: Content = { at: 0, indent: 0, comment: false };

  private contentAt(at: number, indent: number, comment: boolean): Content {
    const found = this.found;
    found.at = at;
    found.indent = indent;
    found.comment = comment;
    return found;
  }

  /**
   * The next content line from `from` (a line start), skipping blank and comment lines. A comment
   * line must be indented like the content that follows (at the end: not at all): the package
   * attaches other comments in ways that move ranges.
   */
  private content(from: number): Content {
    const text = this.text;
    let pos = from;
    let commentIndent = -1;
    while (pos < this.length) {
      let at = pos;
      while (text.charCodeAt(at) === SPACE) at++;
      const code = text.charCodeAt(at);
      if (at < this.length && code !== NEWLINE && code !== HASH) {
        const indent = at - pos;
        if (commentIndent !== -1 && commentIndent !== indent) unsupported();
        return this.contentAt(at, indent, commentIndent !== -1);
      }
      if (code === HASH) {
        if (commentIndent !== -1 && commentIndent !== at - pos) unsupported();
        commentIndent = at - pos;
      }
      const newline = text.indexOf('\n', at);
      pos = newline === -1 ? this.length : newline + 1;
    }
    if (commentIndent > 0) unsupported();
    return this.contentAt(this.length, -1, commentIndent !== -1);
  }

  /** A block map or sequence whose first line's content is at `at` (column `indent`). */
  private blockNode(at: number, parentIndent: number, scope: Scope): Node {
    const indent = this.column(at);
    if (indent <= parentIndent) unsupported();
    if (this.isSeqItem(at)) return this.blockSeq(at, indent, scope);
    if (this.keyEnd(at) === -1) unsupported();
    return this.blockMap(at, indent, scope);
  }

  private column(at: number): number {
    return at - (this.text.lastIndexOf('\n', at - 1) + 1);
  }

  private isSeqItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE || at + 1 === this.length;
  }

  private blockMap(start: number, indent: number, scope: Scope): YAMLMap {
    const base = this.items.mark;
    let at = start;
    let offset: number;
    for (;;) {
      const colon = this.keyEnd(at);
      if (colon === -1) unsupported();
      const key = this.keyScalar(at, colon);
      if (this.repeats(base, key)) unsupported();
      const value = this.mapValue(colon + 1, indent, scope === OTHER ? OTHER : scopeOf(scope, key.value));
      this.items.add(new this.make.Pair(key, value));
      offset = this.endOf(value);
      const next = this.content(offset);
      if (next.indent < indent) break;
      if (next.indent > indent || this.isSeqItem(next.at)) unsupported();
      at = next.at;
    }
    return new this.make.Map(this.items.take(base) as Pair[], start, offset);
  }

  private blockSeq(start: number, indent: number, scope: Scope): YAMLSeq {
    const base = this.items.mark;
    let at = start;
    let offset: number;
    for (;;) {
      const item = this.seqItem(at + 1, indent, scope);
      this.items.add(item);
      offset = this.endOf(item);
      const next = this.content(offset);
      if (next.indent < indent) break;
      if (next.indent > indent || !this.isSeqItem(next.at)) unsupported();
      at = next.at;
    }
    return new this.make.Seq(this.items.take(base) as Node[], start, offset);
  }

  /** A sequence item's node; `from` is just after its `-`. */
  private seqItem(from: number, indent: number, scope: Scope): Node {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    const code = text.charCodeAt(at);
    if (at >= this.length || code === NEWLINE || code === HASH) unsupported(); // empty or nested on the next line
    if (this.isSeqItem(at)) unsupported(); // `- - x`
    if (this.keyEnd(at) === -1) return this.inlineValue(at, indent);
    const column = this.column(at);
    if (scope === STEPS) {
      const end = this.passedOver(at, column);
      if (end !== -1) return new this.make.Map([], at, end);
    }
    return this.blockMap(at, column, OTHER);
  }

  /**
   * For an `outline`: where the block mapping that starts at `at` (column `column`) ends, found
   * by indentation without reading it (its range's end, see `valueEnd`); -1 to read it after
   * all, when it holds a block scalar (`|`, `>`: conservatively, any).
   */
  private passedOver(at: number, column: number): number {
    const text = this.text;
    let from = at;
    for (;;) {
      const lineEnd = text.indexOf('\n', from);
      const end = lineEnd === -1 ? this.length : lineEnd + 1;
      for (let i = from; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === 124 /* | */ || code === 62 /* > */) return -1;
      }
      const next = this.content(end);
      if (next.indent < column) return this.valueEnd(from, end);
      from = next.at;
    }
  }

  /**
   * Where the value of the content line at `at` ends, as a range's end: after the line break
   * (`end`), or before it when the line ends with an empty value (`key:`), whose range is empty.
   */
  private valueEnd(at: number, end: number): number {
    const text = this.text;
    let key = at;
    if (this.isSeqItem(key)) key++;
    while (text.charCodeAt(key) === SPACE) key++;
    const colon = this.keyEnd(key);
    if (colon === -1) return end;
    let after = colon + 1;
    while (text.charCodeAt(after) === SPACE) after++;
    if (after < this.length && text.charCodeAt(after) !== NEWLINE) return end;
    this.passedEmpty = after;
    return after;
  }

  /**
   * Whether keys must be unique and the map whose pairs start at `base` has `key` already (the
   * package reports it).
   */
  private repeats(base: number, key: Scalar): boolean {
    if (!this.uniqueKeys) return false;
    for (let i = base; i < this.items.mark; i++) {
      const other = (this.items.item(i) as Pair).key;
      if (isScalar(other) && other.value === key.value) return true;
    }
    return false;
  }

  /** The value after a block map key's `:` at `from - 1`. */
  private mapValue(from: number, indent: number, scope: Scope): Node {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    const code = text.charCodeAt(at);
    if (at < this.length && code !== NEWLINE) {
      if (code === HASH) unsupported(); // `key: # comment`: the package attaches it to what follows
      return this.inlineValue(at, indent);
    }
    const next = this.content(at < this.length ? at + 1 : at);
    if (next.indent > indent) return this.blockNode(next.at, indent, scope);
    if (next.indent === indent && this.isSeqItem(next.at)) unsupported(); // `key:\n- item`
    if (next.comment) unsupported(); // the package makes it the empty value's comment
    return this.plainScalar(at, at, false); // the empty value: `null`
  }

  /** A scalar or flow collection that starts at `at` and ends its line. */
  private inlineValue(at: number, indent: number): Node {
    const code = this.text.charCodeAt(at);
    if (code === 124 /* | */ || code === 62 /* > */) return this.blockScalar(at, indent);
    let node: Node;
    let end: number;
    if (code === DOUBLE || code === SINGLE) {
      const close = this.quoteEnd(at);
      node = this.quoted(at, close);
      end = close;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      node = this.flow(at);
      end = this.valueEndOf(node);
    } else {
      if (!this.startsPlain(at)) unsupported();
      end = this.plainEnd(at);
      node = this.plainScalar(at, end, false);
    }
    const lineEnd = this.trailer(end);
    this.setEnd(node, lineEnd);
    const next = this.content(lineEnd);
    if (next.indent > indent) unsupported(); // a multi-line scalar, or an error
    return node;
  }

  /** After a value at `from`: spaces and a comment up to the line's end; the offset after it. */
  private trailer(from: number): number {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    if (text.charCodeAt(at) === HASH && at > from) at = text.indexOf('\n', at);
    else if (at < this.length && text.charCodeAt(at) !== NEWLINE) unsupported();
    if (at === -1 || at >= this.length) return this.length;
    return at + 1;
  }

  /** Where a block map key that starts at `at` ends (its `:`), or -1 if the line has no key. */
  private keyEnd(at: number): number {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE || code === SINGLE) {
      const close = this.quoteEnd(at, true);
      if (close === -1 || text.charCodeAt(close) !== COLON) return -1;
      return this.isValueIndicator(close) ? close : -1;
    }
    if (!this.startsPlain(at)) return -1;
    for (let i = at; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return -1;
      if (c === COLON && this.isValueIndicator(i)) {
        // `key :` keeps the space in the key's range; over 1024 characters is an error
        if (text.charCodeAt(i - 1) === SPACE || i - at > 1000) unsupported();
        return i;
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  private isValueIndicator(colon: number): boolean {
    return this.isBlank(colon + 1);
  }

  /** Whether the character at `at` is a space, a line break or the end. */
  private isBlank(at: number): boolean {
    if (at >= this.length) return true;
    const code = this.text.charCodeAt(at);
    return code === SPACE || code === NEWLINE;
  }

  private keyScalar(at: number, colon: number): Scalar {
    const code = this.text.charCodeAt(at);
    if (code === DOUBLE || code === SINGLE) return this.quoted(at, colon);
    return this.plainScalar(at, colon, true);
  }

  /** Whether a plain scalar may start at `at` (not an indicator; `-`, `?`, `:` not before a blank). */
  private startsPlain(at: number): boolean {
    const code = this.text.charCodeAt(at);
    if (INDICATOR.has(code)) return false;
    return !((code === DASH || code === 63 /* ? */ || code === COLON) && this.isBlank(at + 1));
  }

  /** The end of a block plain scalar's value that starts at `at` (before trailing spaces). */
  private plainEnd(at: number): number {
    const text = this.text;
    let end = at;
    for (let i = at; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (c === COLON && this.isBlank(i + 1)) unsupported(); // a mapping in a compact value
      end = i + 1;
    }
    return end;
  }

  private plainScalar(start: number, end: number, atKey: boolean): Scalar {
    const source = this.text.slice(start, end);
    // Most scalars are strings, and the string tag's resolve is the identity: no call for them.
    if (!maybeNotString(source)) return new this.make.Scalar(source, start, end, end, source, Scalar.PLAIN);
    return this.resolved(source, atKey ? this.keyTags : this.valueTags, start, end);
  }

  private resolved(source: string, tags: ScalarTag[], start: number, end: number): Scalar {
    let tag = this.stringTag;
    for (const candidate of tags)
      if (candidate.test!.test(source)) {
        tag = candidate;
        break;
      }
    let failed = false;
    const value = tag.resolve(source, () => (failed = true), this.doc.options);
    if (failed) unsupported();
    let scalar: Scalar;
    if (isScalar(value)) {
      scalar = value; // the package's own node (a float that keeps its trailing zeros)
      scalar.range = [start, end, end]; // an array, lite or not (see `endOf`)
      scalar.source = source;
      scalar.type = Scalar.PLAIN;
    } else scalar = new this.make.Scalar(value, start, end, end, source, Scalar.PLAIN);
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** The offset after the closing quote of a one-line quoted scalar at `at`; -1 or unsupported. */
  private quoteEnd(at: number, probe = false): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (quote === DOUBLE && c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === NEWLINE) break;
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === SINGLE && text.charCodeAt(i + 1) === SINGLE) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    if (probe) return -1;
    return unsupported();
  }

  private quoted(start: number, end: number): Scalar {
    const text = this.text;
    const double = text.charCodeAt(start) === DOUBLE;
    const inner = text.slice(start + 1, end - 1);
    const value = double ? unescapeDouble(inner) : inner.replaceAll("''", "'");
    return new this.make.Scalar(
      value,
      start,
      end,
      end,
      value,
      double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE,
    );
  }

  /** A one-line flow collection at `at` (its range ends after the closing bracket). */
  private flow(at: number): YAMLMap | YAMLSeq {
    const text = this.text;
    const isMap = text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const base = this.items.mark;
    let pos = this.skipSpaces(at + 1);
    let first = true;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === close) break;
      if (!first) {
        if (code !== 44 /* , */) unsupported();
        pos = this.skipSpaces(pos + 1);
        if (text.charCodeAt(pos) === close) unsupported(); // a trailing comma
      }
      first = false;
      const item = this.flowItem(pos, isMap);
      const itemEnd = this.flowEnd;
      if (isMap) {
        if (!isScalar(item) || text.charCodeAt(itemEnd) !== COLON || !this.isBlank(itemEnd + 1))
          unsupported();
        if (this.valueEndOf(item) !== itemEnd) unsupported(); // `key :`
        if (this.repeats(base, item)) unsupported();
        const value = this.flowItem(this.skipSpaces(itemEnd + 1), false);
        this.items.add(new this.make.Pair(item, value));
      } else {
        if (text.charCodeAt(itemEnd) === COLON) unsupported(); // a pair in a flow sequence
        this.items.add(item);
      }
      pos = this.flowEnd;
    }
    const closed = pos + 1;
    return isMap
      ? new this.make.FlowMap(this.items.take(base) as Pair[], at, closed)
      : new this.make.FlowSeq(this.items.take(base) as Node[], at, closed);
  }

  private skipSpaces(from: number): number {
    const text = this.text;
    let at = from;
    while (text.charCodeAt(at) === SPACE) at++;
    if (at >= this.length || text.charCodeAt(at) === NEWLINE) unsupported();
    return at;
  }

  /**
   * An item inside a flow collection; `flowEnd` is then the offset after it and its trailing
   * spaces (in its range).
   */
  private flowItem(at: number, atKey: boolean): Node {
    const text = this.text;
    const code = text.charCodeAt(at);
    let node: Node;
    if (code === 123 || code === 91) {
      if (atKey) unsupported();
      node = this.flow(at);
    } else if (code === DOUBLE || code === SINGLE) {
      node = this.quoted(at, this.quoteEnd(at));
    } else {
      if (!this.startsPlain(at)) unsupported();
      let end = at;
      for (let i = at; i < this.length; i++) {
        const c = text.charCodeAt(i);
        if (c === NEWLINE || FLOW_END.has(c)) break;
        if (c === SPACE) {
          if (text.charCodeAt(i + 1) === HASH) unsupported();
          continue;
        }
        if (c === COLON) {
          const after = text.charCodeAt(i + 1);
          if (after === SPACE || FLOW_END.has(after) || i + 1 >= this.length) break;
        }
        end = i + 1;
      }
      if (end === at) unsupported();
      node = this.plainScalar(at, end, atKey);
    }
    let end = this.valueEndOf(node);
    while (text.charCodeAt(end) === SPACE) end++;
    if (end >= this.length || text.charCodeAt(end) === NEWLINE) unsupported();
    this.setEnd(node, end);
    this.flowEnd = end;
    return node;
  }

  /** A `|` or `>` block scalar whose header is at `at`, in a collection at column `indent`. */
  private blockScalar(at: number, indent: number): Scalar {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let headerEnd = at + 1;
    let strip = false;
    if (text.charCodeAt(headerEnd) === DASH) {
      strip = true;
      headerEnd++;
    }
    while (text.charCodeAt(headerEnd) === SPACE) headerEnd++;
    if (headerEnd < this.length && text.charCodeAt(headerEnd) !== NEWLINE) unsupported(); // `|+`, `|2`, a comment
    if (headerEnd >= this.length) unsupported();
    const lines: string[] = [];
    let contentIndent = -1;
    let pos = headerEnd + 1;
    let end = pos;
    let lastContent = -1;
    while (pos < this.length) {
      const newline = text.indexOf('\n', pos);
      const lineEnd = newline === -1 ? this.length : newline;
      let first = pos;
      while (first < lineEnd && text.charCodeAt(first) === SPACE) first++;
      const lineIndent = first - pos;
      if (first === lineEnd) {
        lines.push(text.slice(pos, lineEnd));
      } else {
        if (contentIndent === -1) {
          if (lineIndent <= indent) break;
          contentIndent = lineIndent;
        } else if (lineIndent < contentIndent) {
          if (lineIndent > indent) unsupported();
          break;
        }
        lines.push(text.slice(pos, lineEnd));
        lastContent = lines.length;
        end = newline === -1 ? this.length : newline + 1;
      }
      pos = newline === -1 ? this.length : newline + 1;
    }
    if (contentIndent === -1) unsupported(); // an empty block scalar
    const trailing = lines.slice(lastContent);
    if (trailing.some((line) => line.length > 0)) unsupported();
    const content = lines.slice(0, lastContent);
    for (const line of content) {
      if (line.trim() !== '') break;
      if (line.length > contentIndent) unsupported();
    }
    const value = blockValue(content, contentIndent, folded) + (strip ? '' : '\n');
    return new this.make.Scalar(
      value,
      at,
      end,
      end,
      value,
      folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL,
    );
  }
}

function endsWithEmptyValue(node: Node): boolean {
  let last: unknown = node;
  while (last instanceof YAMLMap || last instanceof YAMLSeq) {
    const item: unknown = last.items[last.items.length - 1];
    last = item instanceof Pair ? item.value : item;
  }
  return isScalar(last) && last.source === '' && last.range![0] === last.range![1];
}

/** Whether a plain scalar may resolve to something other than a string in the core schema. */
function maybeNotString(source: string): boolean {
  if (source.length === 0) return true;
  const c = source.charCodeAt(0);
  // numbers: digits, + - .; null: ~ and n/N (4 letters); true: t/T (4); false: f/F (5)
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126) return true;
  if (c === 110 || c === 78 || c === 116 || c === 84) return source.length === 4;
  if (c === 102 || c === 70) return source.length === 5;
  return false;
}

function unescapeDouble(inner: string): string {
  if (!inner.includes('\\')) return inner;
  let value = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = inner[++i];
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      continue;
    }
    const length = HEX_LENGTH[next];
    if (length === undefined) unsupported();
    const hex = inner.slice(i + 1, i + 1 + length);
    if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) unsupported();
    value += String.fromCodePoint(parseInt(hex, 16));
    i += length;
  }
  return value;
}

/** A block scalar's value from its lines (blank ones included), as the `yaml` package folds it. */
function blockValue(lines: string[], trimIndent: number, folded: boolean): string {
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  let contentStart = 0;
  while (contentStart < lines.length && lines[contentStart].trim() === '') contentStart++;
  for (let i = 0; i < contentStart; i++) value += lines[i].slice(trimIndent) + '\n';
  for (let i = contentStart; i < lines.length; i++) {
    const line = lines[i];
    let indentLength = 0;
    while (line.charCodeAt(indentLength) === SPACE) indentLength++;
    const content = line.slice(indentLength);
    const indent = line.slice(0, indentLength);
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  return value;
}
