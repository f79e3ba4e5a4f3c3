/**
 * The `use:` steps of a suite (SPEC §7), read from its YAML tree so that they are found whatever
 * the model makes of them: a list item that is a mapping with a `use` key and a string value,
 * wherever the list is (a test's steps, `before`, `after`, …).
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Pair, type Scalar } from 'yaml';
import type { LineIndex, ProjectConfig, Span, SuiteDocument } from '../../core/src/index.js';
import { parseYamlDocument } from '../../core/src/parse/fastYaml.js';
import { parseUseReference, type UseReference } from '../../core/src/use/reference.js';
import type { AnalyzedDocument } from './analysis.js';
import { filePath } from './project.js';

export interface UseStep {
  /** The value as written, without quotes. */
  text: string;
  /** The value's span, quotes excluded. */
  span: Span;
  /** Absent when the value is not `file#id` or `#id`. */
  reference?: UseReference;
  /** Spans of the file part and the test id in the suite's text. */
  fileSpan?: Span;
  idSpan?: Span;
}

/** A document whose `use:` values the cross-file features read: a suite or bluebook.config.yaml. */
export interface UseSource {
  /** Absolute path, or the URI of a document with no file. */
  path: string;
  uri: string;
  text: string;
  lines: LineIndex;
  /** The parsed suite; absent for a config. */
  suite?: SuiteDocument;
  uses(): UseStep[];
}

export function suiteSource(analyzed: AnalyzedDocument): UseSource {
  const doc = analyzed.doc;
  return {
    path: analyzed.context.suitePath ?? filePath(analyzed.uri) ?? analyzed.uri,
    uri: analyzed.uri,
    text: doc.text,
    lines: doc.lineIndex,
    suite: doc,
    uses: () => useSteps(doc),
  };
}

export function configSource(config: ProjectConfig, uri: string): UseSource {
  return {
    path: config.path,
    uri,
    text: config.text,
    lines: config.lineIndex,
    uses: () => configUseSteps(config.text),
  };
}

const found = new WeakMap<SuiteDocument, UseStep[]>();
/** Per YAML tree: an edit re-parses one test entry, the other trees keep their answer. */
const valuesOf = new WeakMap<Document.Parsed, Scalar[]>();
const USE_KEY = /\buse["']?\s*:/;

/** The suite's `use:` steps in document order (computed once per parsed document). */
export function useSteps(doc: SuiteDocument): UseStep[] {
  let steps = found.get(doc);
  if (steps) return steps;
  steps = [];
  // Most suites use nothing: no tree walk for them.
  if (USE_KEY.test(doc.text)) {
    for (const { yaml, base } of trees(doc)) {
      for (const scalar of useValues(yaml)) {
        const located = locate(scalar, base(scalar.range![0]), doc.text);
        if (located) steps.push(located);
      }
    }
    steps.sort((a, b) => a.span.start - b.span.start);
  }
  found.set(doc, steps);
  return steps;
}

const configSteps = new Map<string, UseStep[]>();

/** The `use:` steps of a `bluebook.config.yaml` text (its `setup:` and `teardown:`), the last text's kept. */
export function configUseSteps(text: string): UseStep[] {
  if (!USE_KEY.test(text)) return [];
  const cached = configSteps.get(text);
  if (cached) return cached;
  const steps: UseStep[] = [];
  for (const scalar of useValues(parseYamlDocument(text, { uniqueKeys: false }))) {
    const located = locate(scalar, 0, text);
    if (located) steps.push(located);
  }
  configSteps.clear();
  configSteps.set(text, steps);
  return steps;
}

/** The use step whose value holds `offset` (its end included, where completion types). */
export function useStepAt(source: UseSource, offset: number): UseStep | undefined {
  return source.uses().find((step) => step.span.start <= offset && offset <= step.span.end);
}

/** The YAML trees of the document and the offset each one's ranges are relative to. */
function trees(doc: SuiteDocument): { yaml: Document.Parsed; base: (offset: number) => number }[] {
  const segments = doc.segments;
  if (!segments) return [{ yaml: doc.yaml, base: () => 0 }];
  const trailer = segments.trailerStart - segments.headerEnd;
  return [
    {
      yaml: segments.skeleton,
      base: (offset: number) => (offset >= segments.headerEnd ? trailer : 0),
    },
    ...segments.tests.map((test) => ({ yaml: test.yaml, base: () => test.start })),
  ];
}

function useValues(yaml: Document.Parsed): Scalar[] {
  let values = valuesOf.get(yaml);
  if (!values) {
    values = [];
    collect(yaml.contents, values);
    valuesOf.set(yaml, values);
  }
  return values;
}

function collect(node: unknown, into: Scalar[]): void {
  if (isSeq(node)) {
    for (const item of node.items) {
      const value = isMap(item) ? useValue(item.items as Pair[]) : undefined;
      if (value?.range) into.push(value);
      collect(item, into);
    }
  } else if (isMap(node)) {
    for (const pair of node.items) if (isPair(pair)) collect(pair.value, into);
  }
}

function useValue(pairs: Pair[]): Scalar | undefined {
  const pair = pairs.find((candidate) => isScalar(candidate.key) && candidate.key.value === 'use');
  return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value : undefined;
}

/** The step's spans in the text; undefined when the written form does not spell the value (escapes). */
function locate(scalar: Scalar, base: number, text: string): UseStep | undefined {
  const value = String(scalar.value);
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const start = scalar.range![0] + base + (quoted ? 1 : 0);
  if (text.slice(start, start + value.length) !== value) return undefined;
  const span = { start, end: start + value.length };
  const reference = parseUseReference(value);
  if ('problem' in reference) return { text: value, span };
  return {
    text: value,
    span,
    reference,
    fileSpan: reference.fileRange && {
      start: start + reference.fileRange[0],
      end: start + reference.fileRange[1],
    },
    idSpan: { start: start + reference.idRange[0], end: start + reference.idRange[1] },
  };
}
