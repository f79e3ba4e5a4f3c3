/**
 * Suite parsing: YAML text → `SuiteDocument` (model + diagnostics + line index).
 *
 * The CLI, the language server and the extension's test discovery all call `parseSuite`, so test
 * ids and ranges can never disagree between them. Parsing never throws: whatever the text holds,
 * the result is a (possibly partial) model plus diagnostics.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { fitted, Gathering } from './fitted.js';
import { suggested } from './diagnostics.js';
import type { Diagnostic, DiagnosticCode } from './diagnostics.js';
import { parseDuration } from './duration.js';
import { KEYS, keyNames, type KeyContext } from './keys.js';
import { wholeScriptExpression } from './script/template.js';
import {
  HTTP_METHODS,
  isHttpMethod,
  type Capture,
  type CaptureSource,
  type Condition,
  type EachSource,
  type Entry,
  type Expectation,
  type Deferred,
  type ExpectationKind,
  type FailWhen,
  type Interpolation,
  type RequestBody,
  type RequestOptions,
  type RetryOptions,
  type SkipReason,
  type Step,
  type StepScripts,
  type StepPhase,
  type Suite,
  type Test,
  type UseCall,
} from './model.js';
import { graphqlQueryScalar, graphqlShapeProblem, graphqlVariables } from './graphql/node.js';
import { nodeSpan } from './parse/fastYaml.js';
import { readYaml, type YamlRead } from './parse/yaml.js';
import { LineIndex, type Span } from './span.js';
import { closest } from './suggest.js';
import { parseUseReference } from './use/reference.js';

export interface SuiteDocument {
  /** File path or URI the text came from (used for names and messages). */
  uri: string;
  text: string;
  /** Absent only when the text is not a mapping at all. */
  suite?: Suite;
  diagnostics: Diagnostic[];
  interpolations: Interpolation[];
  lineIndex: LineIndex;
  /**
   * The whole text as one YAML document. For a document parsed incrementally (see
   * `SuiteParseCache`) this is built on first access; hot paths use `yamlNodeAt(doc, offset)`
   * (core/src/validate/nodes.ts), which works over the cached segments instead.
   */
  yaml: Document.Parsed;
  /** Present when the document was assembled from separately parsed segments. */
  segments?: SuiteSegments;
}

type YamlNode = Node | null | undefined;

/**
 * How an incrementally parsed document was split (core/src/parse/incremental.ts): the header
 * (everything before the first test entry) and trailer (top-level keys after `tests:`) parsed
 * together as the skeleton, and each test entry parsed on its own.
 */
export interface SuiteSegments {
  skeleton: Document.Parsed;
  /** Where the header ends in the text (the first test's start); skeleton offsets below it are absolute. */
  headerEnd: number;
  /** Where the trailer starts in the text; its skeleton offsets are `headerEnd`-based. */
  trailerStart: number;
  /** Each test entry's own YAML document; its ranges are relative to `start`. */
  tests: { start: number; end: number; yaml: Document.Parsed }[];
}

/** Parses one version of a document; `SuiteParseCache` reuses what earlier versions parsed. */
export interface SuiteParseCacheLike {
  parse(text: string, uri: string): SuiteDocument;
}

/**
 * Parses a suite. Pass a `SuiteParseCache` (one per open document) to re-parse only the test
 * entries an edit touched; the result is exactly what a parse without the cache returns.
 */
export function parseSuite(text: string, uri: string, cache?: SuiteParseCacheLike): SuiteDocument {
  return cache ? cache.parse(text, uri) : parseSuiteFully(text, uri);
}

/** Parses the whole text as one YAML document (no cache). */
export function parseSuiteFully(text: string, uri: string): SuiteDocument {
  return parsed(text, uri, true);
}

/**
 * Parses a suite to run it (`bluebook run`): the same document, but its YAML tree (some 70% of
 * a parsed suite's memory) is not kept, since a run reads the model only. `yaml` and
 * `interpolations` are read from the text again if something asks for them.
 */
export function parseSuiteToRun(text: string, uri: string): SuiteDocument {
  return parsed(text, uri, false);
}

function parsed(text: string, uri: string, keepTree: boolean): SuiteDocument {
  // A tree that is not kept is read once, by the suite parser: its nodes can be lite.
  const read = readYaml(text, { shape: keepTree ? 'full' : 'lite' });
  const parser = new SuiteParser(text, uri);
  for (const { kind, span, message, fixes } of read.problems) {
    parser.report(kind === 'limit' ? 'yaml-limit' : 'yaml-syntax', span, message, fixes ? { fixes } : {});
  }
  let tree: Document.Parsed | undefined = keepTree ? read.doc : undefined;
  const yaml = (): Document.Parsed => (tree ??= readYaml(text).doc);
  // Found when first read: the editor's features and `validate` read them, a run mostly does not
  // (it reads lines only to point at a failure).
  let interpolations: Interpolation[] | undefined;
  let lineIndex: LineIndex | undefined;
  return {
    uri,
    text,
    suite: suiteOf(read, parser),
    diagnostics: parser.diagnostics,
    get interpolations(): Interpolation[] {
      return (interpolations ??= findInterpolations(yaml(), text));
    },
    set interpolations(value: Interpolation[]) {
      interpolations = value;
    },
    get lineIndex(): LineIndex {
      return (lineIndex ??= new LineIndex(text));
    },
    set lineIndex(value: LineIndex) {
      lineIndex = value;
    },
    get yaml(): Document.Parsed {
      return yaml();
    },
    set yaml(value: Document.Parsed) {
      tree = value;
    },
  };
}

/** A suite's tests as the Test Explorer lists them before it is opened (`outlineSuite`). */
export interface SuiteOutline {
  /** The suite with its tests (names, tags, spans, `each`), but no steps read. */
  suite: Suite | undefined;
  /** How many steps each test has (`steps:` items). */
  stepCounts: Map<Test, number>;
  lineIndex: LineIndex;
}

/**
 * The tests of a suite without their steps: what the Test Explorer shows of a suite that is not
 * open. The same parser as `parseSuiteFully`, so tests, names, tags, spans and `each` rows are the
 * same; steps are counted, not read (the YAML is an `outline` tree, whose steps are passed over),
 * and nothing else is checked (diagnostics are left out).
 */
export function outlineSuite(text: string, uri: string): SuiteOutline {
  const parser = new SuiteParser(text, uri);
  const stepCounts = new Map<Test, number>();
  parser.outline = stepCounts;
  return {
    suite: suiteOf(readYaml(text, { shape: 'outline' }), parser),
    stepCounts,
    lineIndex: new LineIndex(text),
  };
}

/** The suite of a YAML read: none when too large, an empty one for an empty file. */
function suiteOf({ root, problems, tooLarge }: YamlRead, parser: SuiteParser): Suite | undefined {
  if (tooLarge) return undefined;
  return root === null && problems.length === 0 ? parser.emptySuite() : parser.suite(root);
}

/** The default suite name: the file name without `.bluebook.yaml`. */
export function suiteNameFromUri(uri: string): string {
  const base = decodeURIComponent(uri.split(/[\\/]/).pop() ?? uri);
  return base.replace(/\.bluebook\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
}

function spanOf(node: YamlNode, fallback: Span): Span {
  return (node && nodeSpan(node)) ?? fallback;
}

/** A key's span (`0–0` for a key without a range, made only then). */
function keySpanOf(key: YamlNode): Span {
  return (key && nodeSpan(key)) ?? { start: 0, end: 0 };
}

/**
 * The list a step holds where it has no headers, query, expectations or captures: one frozen
 * list for all (most steps have no headers or query), not four new ones per step. A step's lists
 * are replaced, never pushed to; frozen, a push would throw instead of reaching every step.
 */
const NONE = Object.freeze([]) as never[];

/**
 * The program's own string for a known key (a method, an expectation kind), or the key: the key
 * sliced from the text, one small string per step, is then not kept as long as the model.
 */
function literal<T extends string>(names: readonly T[], key: string): T {
  const index = names.indexOf(key as T);
  return index === -1 ? (key as T) : names[index];
}

export class SuiteParser {
  readonly diagnostics: Diagnostic[] = [];
  /** How many diagnostics preceded the `tests:` entry's (-1 until it is seen). */
  testsDiagnosticIndex = -1;
  /** Set when the test entries are parsed separately (incremental parsing): `tests:` is skipped. */
  testsElsewhere = false;
  /** Set for `outlineSuite`: steps are counted here, not read (nor `before`/`after`/`finally`). */
  outline: Map<Test, number> | undefined;
  /** Where expectations and captures are gathered, to be made lists of their exact size. */
  private readonly expectationList = new Gathering<Expectation>();
  private readonly captureList = new Gathering<Capture>();

  constructor(
    private readonly text: string,
    private readonly uri: string,
  ) {}

  report(code: DiagnosticCode, span: Span, message: string, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: 'error', message, span, ...extra });
  }

  emptySuite(): Suite {
    return {
      name: suiteNameFromUri(this.uri),
      variables: [],
      before: [],
      after: [],
      tests: [],
      span: { start: 0, end: 0 },
    };
  }

  suite(root: YamlNode): Suite | undefined {
    if (!isMap(root)) {
      if (root)
        this.report(
          'not-a-suite',
          spanOf(root, { start: 0, end: 0 }),
          'A suite must be a mapping with a `tests:` key.',
        );
      return root ? undefined : this.emptySuite();
    }
    const suite = this.emptySuite();
    suite.span = spanOf(root, suite.span);
    for (const pair of this.pairs(root, 'suite')) {
      const key = String((pair.key as Node & { value: unknown }).value);
      const value = pair.value as YamlNode;
      switch (key) {
        case 'name':
          if (this.expectScalar(pair, 'string')) suite.name = String(scalarValue(value));
          break;
        case 'baseUrl':
          suite.baseUrl = this.entry(pair);
          break;
        case 'variables':
          suite.variables = this.variables(pair);
          break;
        case 'defaults':
          if (this.expectMap(pair)) suite.defaults = this.requestOptions(value as Node, 'defaults');
          break;
        case 'before':
          if (!this.outline) suite.before = this.steps(pair, 'before');
          break;
        case 'after':
          if (!this.outline) suite.after = this.steps(pair, 'after');
          break;
        case 'tests':
          this.testsDiagnosticIndex = this.diagnostics.length;
          if (!this.testsElsewhere) suite.tests = this.tests(pair);
          break;
      }
    }
    return suite;
  }

  /** The pairs of a map whose keys are known in `context`; reports the others. */
  private pairs(map: Node, context: KeyContext | undefined): readonly Pair<Node, Node | null>[] {
    if (!isMap(map)) return [];
    const items = map.items as Pair<Node, Node | null>[];
    // Nearly always every pair is kept: then the map's own list is returned, and a copy is made
    // only from the first pair left out (a list per map was a tenth of what a large suite's
    // parse allocated). Likewise a short map is scanned for a repeated key, not given a Set.
    let kept: Pair<Node, Node | null>[] | undefined;
    const seen = context && items.length > 8 ? new Set<string>() : undefined;
    for (let index = 0; index < items.length; index++) {
      const pair = items[index];
      const keep =
        isPair(pair) &&
        isScalar(pair.key) &&
        (!context || this.knownOnce(pair, context, seen, kept ?? items, kept ? kept.length : index));
      if (!keep) kept ??= items.slice(0, index);
      else kept?.push(pair);
    }
    return kept ?? items;
  }

  /**
   * Whether a pair's key is one of `context`'s, and not already among `before[0..count)`;
   * reports it otherwise.
   */
  private knownOnce(
    pair: Pair<Node, Node | null>,
    context: KeyContext,
    seen: Set<string> | undefined,
    before: readonly Pair<Node, Node | null>[],
    count: number,
  ): boolean {
    const key = String((pair.key as Scalar).value);
    const known = keyNames(context);
    if (!known.includes(key)) {
      const keySpan = keySpanOf(pair.key);
      const suggestion = closest(key, known);
      this.report(
        'unknown-key',
        keySpan,
        suggestion
          ? `unknown key \`${key}\` — did you mean \`${suggestion}\`?`
          : `unknown key \`${key}\` in ${contextLabel(context)}; expected one of: ${known.join(', ')}.`,
        suggested(keySpan, suggestion),
      );
      return false;
    }
    let repeated = false;
    if (seen) repeated = seen.has(key);
    else
      for (let i = 0; i < count && !repeated; i++) repeated = String((before[i].key as Scalar).value) === key;
    if (repeated) {
      this.report(
        'wrong-type',
        keySpanOf(pair.key),
        `duplicate key \`${key}\`; each key may appear once here.`,
      );
      return false;
    }
    seen?.add(key);
    return true;
  }

  private entrySpan(pair: Pair<Node, Node | null>): { keySpan: Span; valueSpan: Span; span: Span } {
    const keySpan = keySpanOf(pair.key);
    const valueSpan = spanOf(pair.value, keySpan);
    return { keySpan, valueSpan, span: { start: keySpan.start, end: Math.max(keySpan.end, valueSpan.end) } };
  }

  private entry(pair: Pair<Node, Node | null>): Entry {
    const key = String((pair.key as { value?: unknown }).value);
    return { key, value: toJS(pair.value), ...this.entrySpan(pair) };
  }

  private expectMap(pair: Pair<Node, Node | null>): boolean {
    if (isMap(pair.value)) return true;
    const { keySpan, valueSpan } = this.entrySpan(pair);
    const key = String((pair.key as { value?: unknown }).value);
    this.report(
      'wrong-type',
      pair.value ? valueSpan : keySpan,
      `\`${key}\` must be a mapping (key: value lines).`,
    );
    return false;
  }

  private expectSeq(pair: Pair<Node, Node | null>): boolean {
    if (isSeq(pair.value)) return true;
    const { keySpan, valueSpan } = this.entrySpan(pair);
    const key = String((pair.key as { value?: unknown }).value);
    this.report(
      'wrong-type',
      pair.value ? valueSpan : keySpan,
      `\`${key}\` must be a list (lines starting with \`- \`).`,
    );
    return false;
  }

  private expectScalar(pair: Pair<Node, Node | null>, type: 'string' | 'number' | 'boolean'): boolean {
    const value = pair.value;
    if (
      isScalar(value) &&
      (typeof value.value === type || (type === 'string' && typeof value.value === 'number'))
    )
      return true;
    const { keySpan, valueSpan } = this.entrySpan(pair);
    const key = String((pair.key as { value?: unknown }).value);
    this.report('wrong-type', value ? valueSpan : keySpan, `\`${key}\` must be a ${type}.`);
    return false;
  }

  private variables(pair: Pair<Node, Node | null>): Entry[] {
    if (!this.expectMap(pair)) return [];
    return this.pairs(pair.value as Node, undefined).map((item) => this.entry(item));
  }

  private headerLike(pair: Pair<Node, Node | null>): Entry[] {
    if (pair.value === null) return [];
    if (!this.expectMap(pair)) return [];
    return this.pairs(pair.value as Node, undefined).map((item) => this.entry(item));
  }

  /** The value as a `Deferred` when it is a string with `${...}` (checked at run time). */
  private deferred(pair: Pair<Node, Node | null>): Deferred | undefined {
    const value = toJS(pair.value);
    return typeof value === 'string' && value.includes('${')
      ? { template: value, span: this.entrySpan(pair).valueSpan }
      : undefined;
  }

  private duration(pair: Pair<Node, Node | null>): number | Deferred | undefined {
    const deferred = this.deferred(pair);
    if (deferred) return deferred;
    const value = toJS(pair.value);
    const ms = parseDuration(value);
    if (ms === undefined) {
      const { valueSpan, keySpan } = this.entrySpan(pair);
      this.report(
        'invalid-duration',
        pair.value ? valueSpan : keySpan,
        `invalid duration \`${String(value)}\`; write milliseconds (\`500\`) or a number with a unit (\`250ms\`, \`5s\`, \`1m\`).`,
      );
    }
    return ms;
  }

  private requestOptions(map: Node, context: KeyContext): RequestOptions {
    const options: RequestOptions = { headers: [], query: [] };
    for (const pair of this.pairs(map, context)) this.requestOption(pair, options);
    return options;
  }

  /** Applies one request-option pair; returns false when the key is not a request option. */
  private requestOption(pair: Pair<Node, Node | null>, options: RequestOptions): boolean {
    const key = String((pair.key as { value?: unknown }).value);
    switch (key) {
      case 'headers':
        options.headers = this.headerLike(pair);
        return true;
      case 'query':
        options.query = this.headerLike(pair);
        return true;
      case 'auth':
        if (pair.value === null || scalarValue(pair.value) === null) options.auth = this.entry(pair);
        else if (this.expectMap(pair)) {
          this.pairs(pair.value as Node, 'auth');
          options.auth = this.entry(pair);
        }
        return true;
      case 'timeout':
        options.timeoutMs = this.duration(pair);
        return true;
      case 'followRedirects': {
        const deferred = this.deferred(pair);
        if (deferred) options.followRedirects = deferred;
        else if (this.expectScalar(pair, 'boolean'))
          options.followRedirects = Boolean(scalarValue(pair.value));
        return true;
      }
      default:
        return false;
    }
  }

  private skip(pair: Pair<Node, Node | null>): SkipReason | Deferred | undefined {
    const deferred = this.deferred(pair);
    if (deferred) return deferred;
    const value = toJS(pair.value);
    if (value === true) return true;
    if (value === false || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.report(
      'wrong-type',
      this.entrySpan(pair).valueSpan,
      '`skip` must be `true`, `false` or a reason (a string).',
    );
    return undefined;
  }

  private tests(pair: Pair<Node, Node | null>): Test[] {
    if (pair.value === null) return [];
    if (!this.expectMap(pair)) return [];
    const tests: Test[] = [];
    const ids = new Map<string, Span>();
    for (const item of this.pairs(pair.value as Node, undefined)) {
      const { keySpan } = this.entrySpan(item);
      const id = String((item.key as { value?: unknown }).value);
      if (ids.has(id)) {
        this.report(
          'duplicate-test-id',
          keySpan,
          `duplicate test id \`${id}\`; test ids must be unique in a suite.`,
        );
        continue;
      }
      ids.set(id, keySpan);
      tests.push(this.test(item));
    }
    return tests;
  }

  /** One entry under `tests:` (its id already checked for duplicates). */
  test(item: Pair<Node, Node | null>): Test {
    const { keySpan, span } = this.entrySpan(item);
    const id = String((item.key as { value?: unknown }).value);
    const test: Test = { id, idSpan: keySpan, span, tags: [], variables: [], steps: [] };
    if (!isMap(item.value)) {
      this.report(
        'wrong-type',
        item.value ? spanOf(item.value, keySpan) : keySpan,
        `test \`${id}\` must be a mapping with a \`steps:\` list.`,
      );
      return test;
    }
    for (const testPair of this.pairs(item.value, 'test')) this.testKey(testPair, test);
    return test;
  }

  private testKey(pair: Pair<Node, Node | null>, test: Test): void {
    const key = String((pair.key as { value?: unknown }).value);
    switch (key) {
      case 'name':
        if (this.expectScalar(pair, 'string')) test.name = String(scalarValue(pair.value));
        break;
      case 'tags': {
        const value = toJS(pair.value);
        if (Array.isArray(value) && value.every((tag) => typeof tag === 'string')) test.tags = value;
        else if (typeof value === 'string') test.tags = [value];
        else this.report('wrong-type', this.entrySpan(pair).valueSpan, '`tags` must be a list of strings.');
        break;
      }
      case 'skip':
        test.skip = this.skip(pair);
        break;
      case 'variables':
        test.variables = this.variables(pair);
        break;
      case 'each':
        test.each = this.each(pair);
        break;
      case 'steps':
        // Items that are not mappings are not steps (`steps` reports them).
        if (this.outline)
          this.outline.set(test, isSeq(pair.value) ? pair.value.items.filter(isMap).length : 0);
        else test.steps = this.steps(pair, 'test');
        break;
      case 'when':
        test.when = this.condition(pair);
        break;
      case 'finally':
        if (!this.outline) test.finally = this.steps(pair, 'finally');
        break;
    }
  }

  private each(pair: Pair<Node, Node | null>): EachSource | undefined {
    const { valueSpan } = this.entrySpan(pair);
    const value = toJS(pair.value);
    if (typeof value === 'string') return { kind: 'file', path: value, span: valueSpan };
    if (
      Array.isArray(value) &&
      value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
    ) {
      return { kind: 'rows', rows: value as Record<string, unknown>[], span: valueSpan };
    }
    this.report(
      'wrong-type',
      valueSpan,
      '`each` must be a list of variable maps or a path to a .json, .yaml or .csv file.',
    );
    return undefined;
  }

  /** A list of steps (also the config's `setup`/`teardown`, core/src/config.ts). */
  steps(pair: Pair<Node, Node | null>, phase: StepPhase): Step[] {
    if (pair.value === null) return [];
    if (!this.expectSeq(pair)) return [];
    const steps: Step[] = [];
    const items = (pair.value as Node & { items: YamlNode[] }).items;
    const { keySpan } = this.entrySpan(pair);
    items.forEach((node, index) => {
      const step = this.step(node, index, phase, keySpan);
      if (step) steps.push(step);
    });
    return fitted(steps);
  }

  private step(node: YamlNode, index: number, phase: StepPhase, parentKey: Span): Step | undefined {
    const span = spanOf(node, parentKey);
    if (!isMap(node)) {
      const alias = /^\*[^\s[\]{},]+/.exec(this.text.slice(span.start, span.end))?.[0];
      this.report(
        'wrong-type',
        span,
        alias && isScalar(node)
          ? `a step must be a mapping with one method key, but \`${alias}\` is the single value \`${String(node.value)}\`: \`- &${alias.slice(1)} GET: /path\` anchors the key; put the anchor alone after the dash (\`- &${alias.slice(1)}\`) with the step's keys indented below.`
          : 'a step must be a mapping with one method key, such as `GET: /path`.',
      );
      return undefined;
    }
    // One pass for `use` and the method keys (a list of them only when there are several).
    let methodPair: Pair<Node, Node | null> | undefined;
    let methods: Pair<Node, Node | null>[] | undefined;
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      if (!isScalar(pair.key)) continue;
      const key = pair.key.value;
      if (key === 'use') return this.useStep(node, pair, index, phase, span);
      if (typeof key !== 'string' || !isHttpMethod(key)) continue;
      if (!methodPair) methodPair = pair;
      else (methods ??= [methodPair]).push(pair);
    }
    if (!methodPair) {
      const lower = (node.items as Pair<Node, Node | null>[]).find(
        (pair) => isScalar(pair.key) && isHttpMethod(String(pair.key.value).toUpperCase()),
      );
      const where = lower ? spanOf(lower.key, span) : firstLine(span, this.text);
      this.report(
        'missing-method',
        where,
        lower
          ? `method keys are upper case: write \`${String((lower.key as { value: unknown }).value).toUpperCase()}\`.`
          : 'this step has no method key; add one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS with the URL as its value.',
      );
    }
    for (const extra of methods?.slice(1) ?? []) {
      this.report(
        'duplicate-method',
        spanOf(extra.key, span),
        `a step has exactly one method key; this step already has \`${String(((methodPair as Pair).key as { value: unknown }).value)}\`. Split it into two steps.`,
      );
    }
    const method = methodPair
      ? literal(HTTP_METHODS, String((methodPair.key as { value: unknown }).value))
      : 'GET';
    const methodSpan = methodPair ? spanOf(methodPair.key, span) : firstLine(span, this.text);
    const step: Step = {
      index,
      phase,
      method,
      methodSpan,
      url: methodPair ? toJS(methodPair.value) : '',
      urlSpan: methodPair ? spanOf(methodPair.value, methodSpan) : methodSpan,
      name: '',
      explicitName: false,
      headers: NONE,
      query: NONE,
      expectations: NONE,
      captures: NONE,
      span,
    };
    let bodyKey: string | undefined;
    for (const pair of this.pairs(node, 'step')) {
      const key = String((pair.key as { value?: unknown }).value);
      if (isHttpMethod(key) || this.requestOption(pair, step)) continue;
      switch (key) {
        case 'name':
          if (this.expectScalar(pair, 'string')) {
            step.name = String(scalarValue(pair.value));
            step.explicitName = true;
          }
          break;
        case 'json':
        case 'body':
        case 'form':
        case 'multipart':
        case 'graphql': {
          if (bodyKey) {
            this.report(
              'conflicting-bodies',
              this.entrySpan(pair).keySpan,
              `a step has at most one body; it already has \`${bodyKey}\`. Keep one of them.`,
            );
            break;
          }
          bodyKey = key;
          if ((key === 'form' || key === 'multipart') && !this.expectMap(pair)) break;
          if (key === 'graphql') {
            step.body = this.graphqlBody(pair);
            break;
          }
          step.body = { kind: key, value: toJS(pair.value), span: this.entrySpan(pair).span } as RequestBody;
          break;
        }
        case 'retry':
          step.retry = this.retry(pair);
          break;
        case 'skip':
          step.skip = this.skip(pair);
          break;
        case 'when':
          step.when = this.condition(pair);
          break;
        case 'expect':
          step.expectSpan = keySpanOf(pair.key);
          if (pair.value !== null && this.expectMap(pair))
            step.expectations = this.expectations(pair.value as Node);
          break;
        case 'capture':
          if (pair.value !== null && this.expectMap(pair)) step.captures = this.captures(pair.value as Node);
          break;
        case 'with':
          this.report(
            'wrong-type',
            this.entrySpan(pair).keySpan,
            '`with` gives variables to the steps of a `use` step; this step sends its own request. Add `use: ./file.bluebook.yaml#test-id` instead of the method key, or remove `with`.',
          );
          break;
        case 'script':
          step.script = this.stepScripts(pair);
          break;
        case 'openapi':
          if (this.expectScalar(pair, 'boolean')) step.openapi = scalarValue(pair.value) as boolean;
          break;
      }
    }
    if (!step.explicitName) step.name = `${method} ${typeof step.url === 'string' ? step.url : ''}`.trim();
    return step;
  }

  /** `graphql:` (SPEC §11): a query string or `{ query, variables?, operationName? }`. */
  private graphqlBody(pair: Pair<Node, Node | null>): RequestBody | undefined {
    const problem = graphqlShapeProblem(pair.value);
    if (problem) {
      this.report('wrong-type', spanOf(problem.node ?? pair.key, this.entrySpan(pair).span), problem.message);
      return undefined;
    }
    const query = graphqlQueryScalar(pair.value);
    const variables = graphqlVariables(pair.value);
    return {
      kind: 'graphql',
      value: toJS(pair.value),
      span: this.entrySpan(pair).span,
      ...(query ? { query } : {}),
      ...(variables ? { variables } : {}),
    };
  }

  /** A `use:` step (SPEC §7): no request of its own, so the keys of a request are reported. */
  private useStep(
    node: Node,
    usePair: Pair<Node, Node | null>,
    index: number,
    phase: StepPhase,
    span: Span,
  ): Step {
    const { keySpan, valueSpan } = this.entrySpan(usePair);
    const value = scalarValue(usePair.value);
    const target = typeof value === 'string' ? value : '';
    const at = target === '' ? -1 : this.text.slice(valueSpan.start, valueSpan.end).indexOf(target);
    const use: UseCall = {
      target,
      targetSpan: valueSpan,
      targetOffset: valueSpan.start + Math.max(0, at),
      with: [],
    };
    const step: Step = {
      index,
      phase,
      method: 'GET',
      methodSpan: keySpan,
      url: '',
      urlSpan: valueSpan,
      name: `use ${target}`,
      explicitName: false,
      headers: NONE,
      query: NONE,
      expectations: NONE,
      captures: NONE,
      span,
      use,
    };
    for (const pair of this.pairs(node, 'step')) {
      const key = String((pair.key as { value?: unknown }).value);
      if (key === 'use') this.useTarget(pair, target);
      else if (key === 'with') use.with = pair.value === null ? [] : this.variables(pair);
      else if (key === 'skip') step.skip = this.skip(pair);
      else if (key === 'name') {
        if (this.expectScalar(pair, 'string')) {
          step.name = String(scalarValue(pair.value));
          step.explicitName = true;
        }
      } else if (REQUEST_KEYS.has(key)) {
        this.report(
          'wrong-type',
          this.entrySpan(pair).keySpan,
          isHttpMethod(key)
            ? `a step has either a method key or \`use\`, not both: \`use\` runs the steps of \`${target}\`. Put \`${key}\` in a step of its own.`
            : `\`${key}\` does not apply to a \`use\` step: the used test's steps carry their own requests, expectations and captures. Move it to a step of its own.`,
        );
      }
    }
    return step;
  }

  private useTarget(pair: Pair<Node, Node | null>, target: string): void {
    const reference = target === '' ? { problem: this.emptyUse(pair) } : parseUseReference(target);
    if (!('problem' in reference)) return;
    const { keySpan, valueSpan } = this.entrySpan(pair);
    this.report('wrong-type', valueSpan.end > valueSpan.start ? valueSpan : keySpan, reference.problem);
  }

  /** Why `use` has no text: usually `use: #id` unquoted, where YAML reads `#id` as a comment. */
  private emptyUse(pair: Pair<Node, Node | null>): string {
    const keyEnd = this.entrySpan(pair).keySpan.end;
    const lineEnd = this.text.indexOf('\n', keyEnd);
    const comment = /^:\s+(#\S+)/.exec(this.text.slice(keyEnd, lineEnd === -1 ? undefined : lineEnd))?.[1];
    return scalarValue(pair.value) == null && comment
      ? `\`${comment}\` after \`use:\` is a YAML comment, so \`use\` is empty: quote it, \`use: "${comment}"\`.`
      : USE_FORM;
  }

  private stepScripts(pair: Pair<Node, Node | null>): StepScripts | undefined {
    if (!this.expectMap(pair)) return undefined;
    const scripts: StepScripts = {};
    for (const item of this.pairs(pair.value as Node, 'script')) {
      const key = String((item.key as { value?: unknown }).value) as 'before' | 'after';
      if (this.expectScalar(item, 'string'))
        scripts[key] = { source: String(scalarValue(item.value)), span: this.entrySpan(item).valueSpan };
    }
    return scripts;
  }

  private retry(pair: Pair<Node, Node | null>): RetryOptions | undefined {
    if (!this.expectMap(pair)) return undefined;
    const retry: RetryOptions = { attempts: 3, intervalMs: 1000, span: this.entrySpan(pair).span };
    for (const item of this.pairs(pair.value as Node, 'retry')) {
      const key = String((item.key as { value?: unknown }).value);
      if (key === 'attempts') {
        const value = toJS(item.value);
        const deferred = this.deferred(item);
        if (deferred) retry.attempts = deferred;
        else if (typeof value === 'number' && Number.isInteger(value) && value >= 1) retry.attempts = value;
        else
          this.report(
            'wrong-type',
            this.entrySpan(item).valueSpan,
            '`attempts` must be a whole number of at least 1.',
          );
      } else if (key === 'interval') {
        retry.intervalMs = this.duration(item) ?? retry.intervalMs;
      } else if (key === 'timeout') {
        retry.timeoutMs = this.duration(item);
      } else if (key === 'failWhen') {
        retry.failWhen = this.failWhen(item);
      }
    }
    return retry;
  }

  /** `when:`: a literal or a `${...}` value, judged when the item runs. */
  private condition(pair: Pair<Node, Node | null>): Condition | undefined {
    const value = toJS(pair.value);
    const { valueSpan } = this.entrySpan(pair);
    if (value !== null && typeof value === 'object') {
      this.report(
        'wrong-type',
        valueSpan,
        `\`when\` must be a condition: \`true\`, \`false\` or a value such as \`\${flag}\` or \`\${{ expression }}\`.`,
      );
      return undefined;
    }
    return { value, text: String(value), span: valueSpan };
  }

  private failWhen(pair: Pair<Node, Node | null>): FailWhen | undefined {
    const { span, valueSpan } = this.entrySpan(pair);
    if (isMap(pair.value)) return { expectations: this.expectations(pair.value), span };
    const value = toJS(pair.value);
    if (typeof value === 'string' || typeof value === 'boolean')
      return { expectations: [], condition: { value, text: String(value), span: valueSpan }, span };
    this.report(
      'wrong-type',
      valueSpan,
      '`failWhen` must be expectations (`{ json: { $.status: failed } }`) or a condition such as `${{ expression }}`.',
    );
    return undefined;
  }

  private expectations(map: Node): Expectation[] {
    const expectations = this.expectationList.mark;
    for (const pair of this.pairs(map, 'expect')) {
      const kind = literal(
        keyNames('expect') as readonly ExpectationKind[],
        String((pair.key as { value?: unknown }).value),
      );
      if (
        (kind === 'headers' || kind === 'json' || kind === 'xpath' || kind === 'css') &&
        pair.value !== null
      ) {
        if (!this.expectMap(pair)) continue;
        for (const item of (pair.value as Node & { items: Pair<Node, Node | null>[] }).items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const entry = this.entrySpan(item);
          this.expectationList.add({
            kind,
            key: String(item.key.value),
            keySpan: entry.keySpan,
            expected: toJS(item.value),
            valueSpan: entry.valueSpan,
            span: entry.span,
          });
        }
        continue;
      }
      if (kind === 'assert') {
        for (const assertion of this.assertions(pair)) this.expectationList.add(assertion);
        continue;
      }
      const spans = this.entrySpan(pair);
      if (kind === 'status') this.checkStatus(toJS(pair.value), spans.valueSpan);
      if (kind === 'duration' && !isMap(pair.value) && parseDuration(toJS(pair.value)) === undefined) {
        this.report(
          'invalid-duration',
          spans.valueSpan,
          '`duration` must be a number of milliseconds, a duration such as `500ms`, or a matcher.',
        );
      }
      this.expectationList.add({
        kind,
        expected: toJS(pair.value),
        valueSpan: spans.valueSpan,
        span: spans.span,
      });
    }
    return this.expectationList.take(expectations);
  }

  /** `assert: [ "\${{ … }}", … ]`: one expectation per entry. */
  private assertions(pair: Pair<Node, Node | null>): Expectation[] {
    if (!this.expectSeq(pair)) return [];
    const expectations = this.expectationList.mark;
    for (const item of (pair.value as Node & { items: Node[] }).items) {
      const span = spanOf(item, this.entrySpan(pair).valueSpan);
      const value = toJS(item);
      if (typeof value !== 'string' || !value.includes('${{')) {
        this.report(
          'wrong-type',
          span,
          'each `assert` entry is an expression in `${{ }}`, such as `"${{ response.json.items.length > 0 }}"`.',
        );
        continue;
      }
      this.expectationList.add({ kind: 'assert', expected: value, valueSpan: span, span });
    }
    return this.expectationList.take(expectations);
  }

  private checkStatus(value: unknown, span: Span): void {
    if (validStatus(value)) return;
    if (Array.isArray(value) && value.length > 0 && value.every(validStatus)) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return; // a matcher: checked by the matcher rules
    this.report(
      'invalid-status',
      span,
      `invalid status \`${JSON.stringify(value)}\`; write a code from 100 to 599 (\`200\`), a list (\`[200, 204]\`), a class (\`"2xx"\`) or a matcher.`,
    );
  }

  private captures(map: Node): Capture[] {
    const captures = this.captureList.mark;
    for (const pair of this.pairs(map, undefined)) {
      const name = String((pair.key as { value?: unknown }).value);
      const spans = this.entrySpan(pair);
      const source = this.captureSource(toJS(pair.value), spans.valueSpan, name);
      if (source)
        this.captureList.add({
          name,
          nameSpan: spans.keySpan,
          source,
          valueSpan: spans.valueSpan,
          span: spans.span,
        });
    }
    return this.captureList.take(captures);
  }

  private captureSource(value: unknown, span: Span, name: string): CaptureSource | undefined {
    if (typeof value === 'string' && wholeScriptExpression(value))
      return { kind: 'expression', source: value };
    if (typeof value === 'string' && value.startsWith('$')) return { kind: 'json', path: value };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const source = value as Record<string, unknown>;
      if (typeof source.json === 'string') return { kind: 'json', path: source.json };
      if (typeof source.header === 'string') return { kind: 'header', name: source.header };
      if (typeof source.cookie === 'string') return { kind: 'cookie', name: source.cookie };
      if (source.status === true) return { kind: 'status' };
      if (source.body === true) return { kind: 'body' };
      if (typeof source.xpath === 'string') return { kind: 'xpath', expression: source.xpath };
      if (typeof source.css === 'string') return { kind: 'css', selector: source.css };
      if (typeof source.regex === 'string') {
        return {
          kind: 'regex',
          pattern: source.regex,
          from: typeof source.from === 'string' ? source.from : undefined,
        };
      }
    }
    this.report(
      'wrong-type',
      span,
      `capture \`${name}\` needs a source: a JSONPath (\`$.id\`) or one of \`{ json }\`, \`{ header }\`, \`{ cookie }\`, \`{ status: true }\`, \`{ body: true }\`, \`{ regex, from? }\`.`,
    );
    return undefined;
  }
}

/** A status code, a class (`2xx`) or a `${...}` value. */
function validStatus(code: unknown): boolean {
  return (
    (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) ||
    (typeof code === 'string' && (/^[1-5]xx$/i.test(code) || /^\$\{.*\}$/.test(code)))
  );
}

const USE_FORM =
  '`use` names a test: write `./file.bluebook.yaml#test-id`, or `#test-id` for a test of this file.';

/** The keys of a request step, which a `use` step cannot have. */
const REQUEST_KEYS = new Set<string>([
  ...HTTP_METHODS,
  ...[
    'headers',
    'query',
    'auth',
    'timeout',
    'followRedirects',
    'json',
    'body',
    'form',
    'multipart',
    'graphql',
  ],
  ...['retry', 'expect', 'capture', 'script', 'openapi'],
]);

function contextLabel(context: KeyContext): string {
  return context === 'suite' ? 'a suite' : context === 'expect' ? '`expect`' : `a ${context}`;
}

function scalarValue(node: YamlNode): unknown {
  return isScalar(node) ? node.value : undefined;
}

function toJS(node: YamlNode): unknown {
  if (!node) return null;
  // Most values are scalars: their JSON is their value (a bigint would become a number).
  if (isScalar(node) && typeof node.value !== 'bigint') return node.value;
  try {
    return node.toJSON();
  } catch {
    return null;
  }
}

function firstLine(span: Span, text: string): Span {
  const newline = text.indexOf('\n', span.start);
  return { start: span.start, end: newline === -1 || newline > span.end ? span.end : newline };
}

const INTERPOLATION = /\$?\$\{([^{}]*)\}/g;
const ROOT_NAME = /^\s*([A-Za-z_][A-Za-z0-9_-]*)(\s*\()?/;

/**
 * Every `${...}` in the document's scalars (values and keys), with exact spans. `$${` is an
 * escaped literal and is skipped. Positions are found in the source text of each scalar, so they
 * are exact for plain, quoted and block scalars alike.
 */
export function findInterpolations(doc: Document.Parsed, text: string): Interpolation[] {
  const found: Interpolation[] = [];
  // The next `${` at or after the last scalar looked at: scalars come in text order, so most are
  // passed over without a slice or a search of their own (one out of order searches afresh).
  let next = -1;
  let last = -1;
  const visit = (node: YamlNode): void => {
    if (!node) return;
    if (isScalar(node)) {
      if (!node.range) return;
      const [from, to] = node.range;
      if (next < from || from < last) next = text.indexOf('${', from);
      last = from;
      if (next === -1 || next >= to) {
        if (next === -1) next = text.length; // none left: every later scalar is passed over
        return;
      }
      const source = text.slice(from, to);
      for (const match of source.matchAll(INTERPOLATION)) {
        if (match[0].startsWith('$$')) continue;
        const start = node.range[0] + (match.index ?? 0);
        const expression = match[1].trim();
        const root = ROOT_NAME.exec(match[1]);
        const interpolation: Interpolation = { expression, span: { start, end: start + match[0].length } };
        if (root && !root[2]) {
          interpolation.root = root[1];
          const rootStart = start + 2 + match[1].indexOf(root[1]);
          interpolation.rootSpan = { start: rootStart, end: rootStart + root[1].length };
        }
        found.push(interpolation);
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node | null>[]) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as YamlNode[]) visit(item);
    }
  };
  visit(doc.contents);
  return found;
}

/** Keys known in a context, for completion and hover. Re-exported for the server. */
export { KEYS };
