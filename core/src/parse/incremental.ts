/**
 * Incremental suite parsing for editors: a keystroke in a 10,000-line suite re-parses only the
 * test entry it touched, and the result is exactly what `parseSuiteFully` returns.
 *
 * The text is split into segments: the header (top-level keys up to the first test entry under
 * `tests:`), one segment per test entry (a line at the first test key's indentation starts one;
 * blank and comment lines stay with the segment before them), and the trailer (top-level keys
 * after the tests block). Header and trailer are parsed together as the "skeleton"; each test
 * segment is parsed on its own with `yaml`, its model, diagnostics and interpolations computed
 * with offsets relative to the segment's start, and memoised by its text. Assembling a version
 * relocates those results to absolute offsets (typed copies: see ./shift.ts) and redoes the
 * checks that span segments (duplicate test ids; key order of the suite comes from the skeleton).
 *
 * Cached results are never mutated: relocation copies them, and a copy is kept per entry for
 * the offset it was last placed at, so segments before an edit are reused as they are and older
 * document versions keep valid spans (features may still hold them).
 *
 * Whenever splitting might change what the YAML means, the whole text is parsed instead: no
 * `tests:` block mapping at column 0 (or two of them), flow style, tabs, lone CR line breaks,
 * anchors, aliases or merge keys (`<<`: their meaning crosses entries), document markers or directives, unexpected indentation, any YAML error in
 * the skeleton, and any YAML error in a test segment that is not provably local to it (see
 * `isLocal`: while a user types, the YAML is often momentarily broken, and one broken entry must
 * not cost a full parse of 10,000 lines).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type ErrorCode,
  type Node,
  type Pair,
  type YAMLError,
} from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { Interpolation, Suite, Test } from '../model.js';
import {
  findInterpolations,
  parseSuiteFully,
  SuiteParser,
  type SuiteDocument,
  type SuiteParseCacheLike,
  type SuiteSegments,
} from '../parse.js';
import { LineIndex } from '../span.js';
import { parseYamlDocument } from './fastYaml.js';
import { mayHaveReferences } from './references.js';
import { sizeProblem, syntaxProblems, type YamlProblem } from './yaml.js';
import * as shift from './shift.js';

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** `? ` anywhere it may be an indicator, or `: ` opening a line's content (after any `- `). */
const EXPLICIT_INDICATOR = /(?:^|[\s[{,])\?(?:\s|$)|^(?:-\s+)*:(?:\s|$)/;
const TESTS_LINE = /^tests:[ ]*(?:#.*)?$/;
const TEST_KEY_START = /^[\w$"']/;
const PLAIN_KEY_LINE = /^[A-Za-z_$][\w$.-]*:(?:\s|$)/;

interface TestResult {
  yaml: Document.Parsed;
  id: string;
  test: Test;
  /** The segment's YAML errors as `yaml-syntax` diagnostics (a full parse lists them first). */
  syntax: Diagnostic[];
  diagnostics: Diagnostic[];
  interpolations: Interpolation[];
}

interface Placed<T> {
  base: number;
  value: T;
}

/** A test segment's parse, relative to its start; `undefined` result means "not safe alone". */
interface TestEntry {
  result?: TestResult;
  /** For a segment with YAML errors: whether they stay local, by the line that follows it. */
  local?: Map<string, boolean>;
  placed?: Placed<{
    test: Test;
    syntax: Diagnostic[];
    diagnostics: Diagnostic[];
    interpolations: Interpolation[];
    idSpan: Test['idSpan'];
  }>;
}

interface SkeletonEntry {
  result?: {
    yaml: Document.Parsed;
    suite: Suite;
    before: Diagnostic[];
    after: Diagnostic[];
    interpolations: Interpolation[];
  };
}

/** Where the segments of a text are, or why the text must be parsed whole. */
export interface Segmentation {
  headerEnd: number;
  /** Start offsets of each test segment; each ends where the next (or the trailer) starts. */
  testStarts: number[];
  trailerStart: number;
}

/**
 * Splits a suite's text into header, test entries and trailer; undefined when splitting is not
 * known to be safe (the caller then parses the whole text).
 */
export function segment(text: string): Segmentation | undefined {
  if (text.includes('\t')) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  let state: 'header' | 'pre' | 'tests' | 'trailer' = 'header';
  let headerEnd = -1;
  let testIndent = 0;
  const testStarts: number[] = [];
  let trailerStart = text.length;
  let lineStart = 0;
  let first = true;
  let deepTrailingComment = false;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 32 /* space */) indent++;
    const contentStart = lineStart + indent;
    const blank = contentStart >= lineEnd || text[contentStart] === '\r' || text[contentStart] === '#';
    // Explicit keys and values (`? key` / `: value`, also after `- ` or inside flow collections)
    // span lines in ways a cut can change (found by the invariant test: `? ` in a CRLF suite,
    // `- ? GET: /1`): leave them to the full parse. Conservative: a `?` between spaces in a plain
    // scalar also falls back, which costs speed, never correctness.
    if (!blank && EXPLICIT_INDICATOR.test(text.slice(contentStart, lineEnd))) return undefined;
    if (!blank && indent === 0) {
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      if (/^(?:---|\.\.\.)(?:\s|$)/.test(line) || line.startsWith('%')) {
        // A leading `---` is harmless (the header keeps it); any other marker or directive is not.
        if (!(first && /^---\s*$/.test(line) && state === 'header')) return undefined;
      } else if (TESTS_LINE.test(line)) {
        if (state !== 'header') return undefined; // two `tests:` keys: let the full parse report it
        state = 'pre';
      } else if (state === 'pre') {
        return undefined; // `tests:` without entries
      } else if (state === 'tests') {
        if (deepTrailingComment) return undefined;
        // Only a plain `key:` may end the tests block: a `- item` there would read as the
        // value of `tests:` once the entries between are cut out.
        if (!PLAIN_KEY_LINE.test(line)) return undefined;
        state = 'trailer';
        trailerStart = lineStart;
      } else if (/^tests\s*:/.test(line) || /^["']tests["']\s*:/.test(line)) {
        return undefined; // a `tests:` written some other way (flow style, tagged, quoted…)
      }
    } else if (!blank && state === 'pre') {
      if (!TEST_KEY_START.test(text[contentStart])) return undefined;
      testIndent = indent;
      headerEnd = lineStart;
      testStarts.push(lineStart);
      state = 'tests';
    } else if (!blank && state === 'tests') {
      if (indent < testIndent) return undefined;
      if (indent === testIndent) {
        if (deepTrailingComment) return undefined;
        // A test id starts with a letter, digit, `_`, `$` or a quote; anything else (an empty
        // key, an indicator) may mean something else once cut out: let the full parse decide.
        if (!TEST_KEY_START.test(text[contentStart])) return undefined;
        testStarts.push(lineStart);
      }
    }
    if (state === 'tests') {
      // A comment (or spaces) indented deeper than the test ids after a test's last line is
      // counted into that test's mapping, up to whatever comes next: outside the segment.
      if (!blank) deepTrailingComment = false;
      else if (indent > testIndent) deepTrailingComment = true;
    }
    if (!blank) first = false;
    lineStart = next;
  }
  if (deepTrailingComment) return undefined;
  if (state !== 'tests' && state !== 'trailer') return undefined;
  return { headerEnd, testStarts, trailerStart };
}

/**
 * A per-document parse cache for editors: `parseSuite(text, uri, cache)` (or `cache.parse`).
 * Bounded: keeps the entries the latest versions used plus a few recent others (for undo).
 */
export class SuiteParseCache implements SuiteParseCacheLike {
  private tests = new Map<string, TestEntry>();
  private skeletons = new Map<string, SkeletonEntry>();
  private uri: string | undefined;
  /** Extra entries kept beyond those the latest version uses. */
  private static readonly SPARE = 64;
  /** How many of the last parses were full (for tests and benchmarks). */
  stats = { incremental: 0, full: 0 };

  parse(text: string, uri: string): SuiteDocument {
    if (uri !== this.uri) {
      // The suite's default name and messages depend on the URI: start afresh.
      this.tests.clear();
      this.skeletons.clear();
      this.uri = uri;
    }
    const segments = sizeProblem(text) ? undefined : segment(text);
    const doc = segments && this.assemble(text, uri, segments);
    if (doc) {
      this.stats.incremental++;
      return doc;
    }
    this.stats.full++;
    return parseSuiteFully(text, uri);
  }

  private assemble(text: string, uri: string, seg: Segmentation): SuiteDocument | undefined {
    const { headerEnd, trailerStart, testStarts } = seg;
    const skeletonText = text.slice(0, headerEnd) + text.slice(trailerStart);
    const skeleton = this.lookup(this.skeletons, skeletonText, () => parseSkeleton(skeletonText, uri));
    if (!skeleton.result) return undefined;
    const placedTests: NonNullable<TestEntry['placed']>['value'][] = [];
    const parts: SuiteSegments['tests'] = [];
    let previous: TestResult | undefined;
    for (let i = 0; i < testStarts.length; i++) {
      const start = testStarts[i];
      const end = i + 1 < testStarts.length ? testStarts[i + 1] : trailerStart;
      const segmentText = text.slice(start, end);
      const entry = this.lookup(this.tests, segmentText, () => parseTestSegment(segmentText, uri));
      if (!entry.result) return undefined;
      if (entry.result.syntax.length > 0) {
        const prev = i > 0 ? { text: text.slice(testStarts[i - 1], start), result: previous! } : undefined;
        if (!isLocal(entry, segmentText, prev, firstLine(text, end), uri)) return undefined;
      }
      previous = entry.result;
      placedTests.push(placeTest(entry, start));
      parts.push({ start, end, yaml: entry.result.yaml });
    }
    this.evict(testStarts.length);

    // The skeleton's offsets: the header's are absolute; the trailer's moved by the tests block.
    const delta = trailerStart - headerEnd;
    const atSkeleton: shift.Relocate = (offset) => (offset >= headerEnd ? offset + delta : offset);
    const s = skeleton.result;
    const suite = shift.suiteWithoutTests(s.suite, atSkeleton);
    if (trailerStart === text.length) {
      // No trailer: the suite mapping ends where its last entry, the tests block, ends (with
      // the trailing comments and blank lines of the last test, as yaml counts them).
      const last = parts[parts.length - 1];
      const lastRange = last.yaml.contents?.range;
      if (!lastRange) return undefined;
      suite.span = { start: suite.span.start, end: last.start + lastRange[2] };
    }
    // A full parse reports every YAML error before anything else (the skeleton has none).
    const diagnostics = placedTests.flatMap((placed) => placed.syntax);
    for (const d of s.before) diagnostics.push(shift.diagnostic(d, atSkeleton));
    const ids = new Set<string>();
    suite.tests = [];
    for (const placed of placedTests) {
      if (ids.has(placed.test.id)) {
        diagnostics.push({
          code: 'duplicate-test-id',
          severity: 'error',
          message: `duplicate test id \`${placed.test.id}\`; test ids must be unique in a suite.`,
          span: placed.idSpan,
        });
        continue;
      }
      ids.add(placed.test.id);
      suite.tests.push(placed.test);
      diagnostics.push(...placed.diagnostics);
    }
    for (const d of s.after) diagnostics.push(shift.diagnostic(d, atSkeleton));
    const interpolations: Interpolation[] = [];
    let i = 0;
    const skeletonInterpolations = s.interpolations;
    while (i < skeletonInterpolations.length && skeletonInterpolations[i].span.start < headerEnd)
      interpolations.push(skeletonInterpolations[i++]);
    for (const placed of placedTests) interpolations.push(...placed.interpolations);
    while (i < skeletonInterpolations.length)
      interpolations.push(shift.interpolation(skeletonInterpolations[i++], atSkeleton));

    let yaml: Document.Parsed | undefined;
    return {
      uri,
      text,
      suite,
      diagnostics,
      interpolations,
      lineIndex: new LineIndex(text),
      get yaml() {
        yaml ??= parseYamlDocument(text, PARSE_OPTIONS);
        return yaml;
      },
      segments: { skeleton: s.yaml, headerEnd, trailerStart, tests: parts },
    };
  }

  private lookup<E>(map: Map<string, E>, key: string, make: () => E): E {
    let entry = map.get(key);
    if (entry)
      map.delete(key); // re-inserted below: Map order is least recently used first
    else entry = make();
    map.set(key, entry);
    return entry;
  }

  private evict(inUse: number): void {
    const limit = inUse + SuiteParseCache.SPARE;
    for (const key of this.tests.keys()) {
      if (this.tests.size <= limit) break;
      this.tests.delete(key);
    }
    for (const key of this.skeletons.keys()) {
      if (this.skeletons.size <= 1 + SuiteParseCache.SPARE) break;
      this.skeletons.delete(key);
    }
  }
}

function placeTest(entry: TestEntry, base: number): NonNullable<TestEntry['placed']>['value'] {
  if (entry.placed?.base === base) return entry.placed.value;
  const result = entry.result!;
  const at = shift.byDelta(base);
  const value = {
    test: shift.test(result.test, at),
    idSpan: shift.span(result.test.idSpan, at),
    syntax: result.syntax.map((d) => shift.diagnostic(d, at)),
    diagnostics: result.diagnostics.map((d) => shift.diagnostic(d, at)),
    interpolations: result.interpolations.map((i) => shift.interpolation(i, at)),
  };
  entry.placed = { base, value };
  return value;
}

function parseTestSegment(text: string, uri: string): TestEntry {
  if (mayHaveReferences(text)) return {};
  const yaml = parseYamlDocument(text, PARSE_OPTIONS);
  if (yaml.warnings.length > 0 || !yaml.errors.every(mayBeLocal)) return {};
  const root = yaml.contents;
  if (!isMap(root) || root.items.length !== 1) return {};
  const item = root.items[0] as Pair<Node, Node | null>;
  if (!isPair(item) || !isScalar(item.key)) return {};
  if (endsWithEmptyNode(root)) return {};
  const parser = new SuiteParser(text, uri);
  const test = parser.test(item);
  return {
    result: {
      yaml,
      id: test.id,
      test,
      syntax: syntaxProblems(yaml.errors, text).map(syntaxDiagnostic),
      diagnostics: parser.diagnostics,
      interpolations: findInterpolations(yaml, text),
    },
  };
}

/**
 * YAML errors that can be confined to the lines they occur on: indentation, a half-typed key,
 * a stray token, a reserved character, a bad escape inside a closed string. Never unterminated
 * quoted scalars or flow collections (they swallow the lines after them, across test entries),
 * nor anything about documents, directives, anchors, aliases, tags or tabs. Only a first
 * filter: `isLocal` then proves the segment parses the same way inside the tests block.
 */
const LOCAL_CODES = new Set<ErrorCode>([
  'BAD_INDENT',
  'MISSING_CHAR',
  'UNEXPECTED_TOKEN',
  'MULTILINE_IMPLICIT_KEY',
  'BLOCK_AS_IMPLICIT_KEY',
  'BAD_SCALAR_START',
  'BAD_DQ_ESCAPE',
]);
const NON_LOCAL_MESSAGE = /quote|flow|directive|document|end with|YAML stream/i;

function mayBeLocal(error: YAMLError): boolean {
  return LOCAL_CODES.has(error.code) && !NON_LOCAL_MESSAGE.test(error.message);
}

/** A YAML error as `parseSuiteFully` reports it, at the same offsets. */
function syntaxDiagnostic({ span, message, fixes }: YamlProblem): Diagnostic {
  return { code: 'yaml-syntax', severity: 'error', message, span, ...(fixes ? { fixes } : {}) };
}

/** The line starting at `at` (with its line break), or '' at the end of the text. */
function firstLine(text: string, at: number): string {
  const newline = text.indexOf('\n', at);
  return text.slice(at, newline === -1 ? text.length : newline + 1);
}

const TESTS_PREFIX = 'tests:\n';

interface Neighbour {
  text: string;
  result: TestResult;
}

/**
 * Whether a segment with YAML errors parses inside the document exactly as it does alone. How
 * yaml recovers from an error depends on what is still open before it (found by the invariant
 * test: a multi-line key after a block sequence ends sooner than after a mapping), so the segment
 * is re-parsed in context: `tests:`, the previous test entry (which must itself be free of
 * errors, so that its own context cannot matter), the segment, and the line that follows it in
 * the document (the next test key, the trailer's first key, or nothing). That parse must yield
 * the same errors at the same places, the same tests (model, diagnostics, interpolations) for
 * both entries, the same extent, and leave the parser where the following line starts a fresh
 * key of the tests block (or of the suite). An error that leaks (swallows the next key, makes
 * it a child, changes at the boundary) fails one of these, and the document is parsed whole.
 * Memoised by the context.
 */
function isLocal(
  entry: TestEntry,
  text: string,
  prev: Neighbour | undefined,
  next: string,
  uri: string,
): boolean {
  if (prev && prev.result.syntax.length > 0) return false;
  const key = `${prev?.text ?? ''}\u0000${next}`;
  entry.local ??= new Map();
  let local = entry.local.get(key);
  if (local === undefined) {
    local = checkLocal(entry.result!, text, prev, next, uri);
    if (entry.local.size > 8) entry.local.clear();
    entry.local.set(key, local);
  }
  return local;
}

function checkLocal(
  result: TestResult,
  text: string,
  prev: Neighbour | undefined,
  next: string,
  uri: string,
): boolean {
  const p = TESTS_PREFIX.length;
  const n = p + (prev?.text.length ?? 0);
  const whole = TESTS_PREFIX + (prev?.text ?? '') + text + next;
  const yaml = parseYamlDocument(whole, PARSE_OPTIONS);
  if (yaml.warnings.length > 0 || yaml.errors.length !== result.yaml.errors.length) return false;
  for (let i = 0; i < yaml.errors.length; i++) {
    const [a, b] = [yaml.errors[i], result.yaml.errors[i]];
    if (a.code !== b.code || a.message !== b.message) return false;
    if (a.pos[0] - n !== b.pos[0] || a.pos[1] - n !== b.pos[1]) return false;
  }
  const root = yaml.contents;
  const alone = result.yaml.contents;
  if (!isMap(root) || !isMap(alone) || !alone.range) return false;
  const tests = root.items[0]?.value;
  if (!isMap(tests)) return false;
  const own = prev ? 1 : 0;
  const nextIsTest = next.startsWith(' ');
  const keyAt = n + text.length + (next.length - next.trimStart().length);
  const nextKey = nextIsTest ? tests.items[own + 1]?.key : root.items[1]?.key;
  if (tests.items.length !== own + (nextIsTest ? 2 : 1)) return false;
  if (root.items.length !== (nextIsTest || next === '' ? 1 : 2)) return false;
  if (next !== '' && !(isScalar(nextKey) && nextKey.range?.[0] === keyAt)) return false;
  if (next === '' && root.range[2] - n !== alone.range[2]) return false;
  const end = n + text.length;
  const interpolations = findInterpolations(yaml, whole);
  const same = (item: unknown, at: number, expected: TestResult, from: number, to: number): boolean => {
    if (!isPair(item) || !isScalar(item.key)) return false;
    const parser = new SuiteParser(whole, uri);
    const back = shift.byDelta(-at);
    const test = shift.test(parser.test(item as Pair<Node, Node | null>), back);
    if (!isDeepStrictEqual(test, expected.test)) return false;
    const diagnostics = parser.diagnostics.map((d) => shift.diagnostic(d, back));
    if (!isDeepStrictEqual(diagnostics, expected.diagnostics)) return false;
    const own = interpolations
      .filter((i) => i.span.start >= from && i.span.start < to)
      .map((i) => shift.interpolation(i, back));
    return isDeepStrictEqual(own, expected.interpolations);
  };
  if (prev && !same(tests.items[0], p, prev.result, p, n)) return false;
  return same(tests.items[own], n, result, n, end);
}

/**
 * Whether the segment's last node is empty (`key:` with nothing after it): yaml places an empty
 * node at the next token, which lies outside the segment, so its range would differ.
 */
function endsWithEmptyNode(root: Node): boolean {
  let node: unknown = root;
  for (;;) {
    if (isMap(node) || isSeq(node)) {
      const last: unknown = node.items[node.items.length - 1];
      if (last === undefined) return false;
      node = isPair(last) ? (last.value ?? last.key) : last;
      if (node === null || node === undefined) return true;
    } else if (isScalar(node)) {
      return !node.range || node.range[0] === node.range[1];
    } else return true;
  }
}

function parseSkeleton(text: string, uri: string): SkeletonEntry {
  if (mayHaveReferences(text)) return {};
  const yaml = parseYamlDocument(text, PARSE_OPTIONS);
  if (yaml.errors.length > 0 || yaml.warnings.length > 0 || !isMap(yaml.contents)) return {};
  const parser = new SuiteParser(text, uri);
  parser.testsElsewhere = true;
  const suite = parser.suite(yaml.contents);
  const at = parser.testsDiagnosticIndex;
  if (!suite || at < 0) return {};
  return {
    result: {
      yaml,
      suite,
      before: parser.diagnostics.slice(0, at),
      after: parser.diagnostics.slice(at),
      interpolations: findInterpolations(yaml, text),
    },
  };
}
