/**
 * Checks of what a step expects and captures: JSONPath syntax (RFC 9535), matcher operators and
 * their arguments (regexes, types), schemas (a file that exists and compiles, or inline), and the
 * files a step sends (`multipart` parts).
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { Expectation, Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import { nodeFileSystem, type ValidationContext } from './context.js';
import { parseSchemaFile, resolveSuitePath, schemaError } from './files.js';
import { mapEntries, yamlNodeAt, type LocatedNode } from './nodes.js';
import { OPERATOR_NAMES, operatorInfo } from './operators.js';
import { checkJsonPath, checkRegex } from './patterns.js';
import { checkBytes, checkCss, checkXPath } from './markup.js';
import { scalarAt } from './scalars.js';
import { checkSnapshot } from './snapshot.js';

type Report = (diagnostic: Diagnostic) => void;

/** Kinds whose object value is always a matcher (SPEC §2.2). */
const MATCHER_KINDS = new Set(['json', 'headers', 'text', 'status', 'duration', 'xpath', 'css']);

export function checkStep(step: Step, doc: SuiteDocument, context: ValidationContext, report: Report): void {
  for (const expectation of step.expectations) checkExpectation(expectation, doc, context, report);
  for (const capture of step.captures) {
    const source = capture.source;
    if (source.kind === 'json') {
      const span = innerScalarSpan(doc, capture.valueSpan, source.path);
      checkJsonPath(source.path, scalarAt(doc, capture.valueSpan, 'json'), span, doc, report);
    } else if (source.kind === 'regex') {
      const span = innerScalarSpan(doc, capture.valueSpan, source.pattern);
      const located = scalarAt(doc, capture.valueSpan, 'regex');
      checkRegex(source.pattern, located, span, doc, report, `capture \`${capture.name}\``);
    } else if (source.kind === 'xpath') {
      const span = innerScalarSpan(doc, capture.valueSpan, source.expression);
      checkXPath(source.expression, scalarAt(doc, capture.valueSpan, 'xpath'), span, doc, report);
    } else if (source.kind === 'css') {
      const span = innerScalarSpan(doc, capture.valueSpan, source.selector);
      checkCss(source.selector, scalarAt(doc, capture.valueSpan, 'css'), span, doc, report);
    }
  }
  if (step.body?.kind === 'multipart' && context.checkFiles !== false)
    checkMultipart(step.body.span, doc, context, report);
}

function checkExpectation(
  expectation: Expectation,
  doc: SuiteDocument,
  context: ValidationContext,
  report: Report,
): void {
  if (expectation.kind === 'json' && expectation.key !== undefined && expectation.keySpan) {
    const located = scalarAt(doc, expectation.keySpan);
    checkJsonPath(expectation.key, located, expectation.keySpan, doc, report);
  }
  if (expectation.kind === 'xpath' && expectation.key !== undefined && expectation.keySpan)
    checkXPath(expectation.key, scalarAt(doc, expectation.keySpan), expectation.keySpan, doc, report);
  if (expectation.kind === 'css' && expectation.key !== undefined && expectation.keySpan)
    checkCss(expectation.key, scalarAt(doc, expectation.keySpan), expectation.keySpan, doc, report);
  if (expectation.kind === 'bytes') checkBytes(expectation.valueSpan.start, doc, context, report);
  if (expectation.kind === 'schema') {
    checkSchema(expectation.expected, expectation.valueSpan, context, report);
    return;
  }
  if (expectation.kind === 'snapshot') {
    checkSnapshot(expectation, doc, report);
    return;
  }
  if (MATCHER_KINDS.has(expectation.kind) && isPlainObject(expectation.expected)) {
    checkMatcher(yamlNodeAt(doc, expectation.valueSpan.start), doc, context, report);
  }
}

/** Checks a matcher object's operators and arguments; recurses into `length` and `not` matchers. */
function checkMatcher(
  located: LocatedNode | undefined,
  doc: SuiteDocument,
  context: ValidationContext,
  report: Report,
): void {
  if (!located || !isMap(located.node)) return;
  const base = located.base;
  for (const entry of mapEntries(located.node, base)) {
    const keySpan = { start: entry.keyStart, end: entry.keyEnd };
    const info = operatorInfo(entry.key);
    if (!info) {
      const suggestion = closest(entry.key, OPERATOR_NAMES);
      report({
        code: 'unknown-matcher',
        severity: 'error',
        message: suggestion
          ? `unknown matcher \`${entry.key}\` — did you mean \`${suggestion}\`?`
          : `unknown matcher \`${entry.key}\`; operators are ${OPERATOR_NAMES.join(', ')}. To compare a whole object, write \`{ eq: {...} }\`.`,
        span: keySpan,
        fixes: suggestion
          ? [{ title: `Change to \`${suggestion}\``, span: keySpan, newText: suggestion }]
          : undefined,
        data: suggestion ? { suggestion } : undefined,
      });
      continue;
    }
    const valueSpan = entry.value?.range
      ? { start: entry.value.range[0] + base, end: entry.value.range[1] + base }
      : keySpan;
    const arg = entry.value ? safeJS(entry.value) : null;
    if (entry.key === 'schema') {
      checkSchema(arg, valueSpan, context, report);
      continue;
    }
    if ((entry.key === 'length' || info.argType === 'matcher') && isMap(entry.value)) {
      checkMatcher({ node: entry.value, base }, doc, context, report);
      continue;
    }
    if (entry.key === 'match' && typeof arg === 'string') {
      const located = isScalar(entry.value) ? { node: entry.value, base } : undefined;
      checkRegex(arg, located, valueSpan, doc, report);
      continue;
    }
    if (typeof arg === 'string' && arg.includes('${')) continue;
    const problem = info.validateArg?.(arg);
    if (problem) {
      report({
        code: entry.key === 'match' ? 'invalid-regex' : 'wrong-type',
        severity: 'error',
        message: `${problem}.`,
        span: valueSpan,
      });
    }
  }
}

function checkSchema(value: unknown, span: Span, context: ValidationContext, report: Report): void {
  if (typeof value === 'string') {
    if (value.includes('${') || context.checkFiles === false) return;
    const absolute = resolveSuitePath(value, context);
    if (!absolute) return;
    const text = (context.fileSystem ?? nodeFileSystem).readText(absolute);
    if (text === undefined) {
      report({
        code: 'missing-file',
        severity: 'error',
        message: `schema file \`${value}\` not found (looked for ${absolute}); paths are relative to the suite file.`,
        span,
      });
      return;
    }
    let schema: unknown;
    try {
      schema = parseSchemaFile(text, absolute);
    } catch (error) {
      report({
        code: 'invalid-schema',
        severity: 'error',
        message: `schema file \`${value}\` does not parse: ${(error as Error).message.split('\n')[0]}`,
        span,
      });
      return;
    }
    const problem = schemaError(schema);
    if (problem)
      report({
        code: 'invalid-schema',
        severity: 'error',
        message: `schema file \`${value}\` is not a valid JSON Schema: ${problem}`,
        span,
      });
    return;
  }
  const problem = schemaError(value);
  if (problem)
    report({
      code: 'invalid-schema',
      severity: 'error',
      message: `not a valid JSON Schema (2020-12): ${problem}`,
      span,
    });
}

function checkMultipart(span: Span, doc: SuiteDocument, context: ValidationContext, report: Report): void {
  // `span` is the `multipart:` entry; its value is the map after the key.
  const root = findValueAfterKey(doc, span);
  if (!root) return;
  const base = root.base;
  for (const part of mapEntries(root.node, base)) {
    if (!isMap(part.value)) continue;
    const file = mapEntries(part.value).find((item) => item.key === 'file');
    if (!file || !isScalar(file.value) || typeof file.value.value !== 'string') continue;
    const path = file.value.value;
    if (path.includes('${')) continue;
    const absolute = resolveSuitePath(path, context);
    if (absolute && !(context.fileSystem ?? nodeFileSystem).isFile(absolute)) {
      const range = file.value.range!;
      report({
        code: 'missing-file',
        severity: 'error',
        message: `file \`${path}\` of multipart part \`${part.key}\` not found (looked for ${absolute}); paths are relative to the suite file.`,
        span: { start: range[0] + base, end: range[1] + base },
      });
    }
  }
}

/** The value node of an entry whose span starts at its key. */
function findValueAfterKey(doc: SuiteDocument, entrySpan: Span): LocatedNode | undefined {
  const text = doc.text;
  let offset = text.indexOf(':', entrySpan.start) + 1;
  while (offset < entrySpan.end && /\s/.test(text[offset])) offset++;
  return yamlNodeAt(doc, offset);
}

/** The span of `inner` inside a scalar (or flow map) at `span`, or `span` when not found. */
function innerScalarSpan(doc: SuiteDocument, span: Span, inner: string): Span {
  const index = doc.text.slice(span.start, span.end).indexOf(inner);
  return index < 0 ? span : { start: span.start + index, end: span.start + index + inner.length };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function safeJS(node: Node): unknown {
  try {
    return node.toJSON();
  } catch {
    return null;
  }
}
