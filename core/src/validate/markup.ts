/**
 * Checks of `expect.xpath` and `expect.css` keys, `{ xpath }` / `{ css }` captures and
 * `expect.bytes`: an expression that does not parse is reported on its characters inside the YAML
 * string; a reference file must exist.
 */
import { isMap, isScalar } from 'yaml';
import { BYTES_FIELDS, magicBytes } from '../bytes.js';
import type { Diagnostic } from '../diagnostics.js';
import { cssProblem, parseCssQuery } from '../html.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { xpathProblem } from '../xml.js';
import { nodeFileSystem, type ValidationContext } from './context.js';
import { resolveSuitePath } from './files.js';
import { mapEntries, yamlNodeAt, type LocatedNode } from './nodes.js';
import { spanInScalar } from './scalars.js';

type Report = (diagnostic: Diagnostic) => void;

/** The characters `[0, length)` of the scalar's value, or `fallback`. */
function valueSpan(
  doc: SuiteDocument,
  located: LocatedNode | undefined,
  length: number,
  fallback: Span,
): Span {
  return located ? spanInScalar(doc, located, 0, length) : fallback;
}

export function checkXPath(
  expression: string,
  located: LocatedNode | undefined,
  fallback: Span,
  doc: SuiteDocument,
  report: Report,
): void {
  if (expression.includes('${')) return;
  const problem = xpathProblem(expression);
  if (!problem) return;
  report({
    code: 'invalid-xpath',
    severity: 'error',
    message: `${problem}.`,
    span: valueSpan(doc, located, expression.length, fallback),
  });
}

export function checkCss(
  query: string,
  located: LocatedNode | undefined,
  fallback: Span,
  doc: SuiteDocument,
  report: Report,
): void {
  if (query.includes('${')) return;
  const problem = cssProblem(query);
  if (!problem) return;
  report({
    code: 'invalid-css-selector',
    severity: 'error',
    message: `${problem}; \`selector@attr\` selects an attribute (\`a.next@href\`).`,
    span: valueSpan(doc, located, parseCssQuery(query).selector.length, fallback),
  });
}

/** `bytes: { … }`: known fields, magic bytes that decode, a reference file that exists. */
export function checkBytes(
  valueStart: number,
  doc: SuiteDocument,
  context: ValidationContext,
  report: Report,
): void {
  const located = yamlNodeAt(doc, valueStart);
  if (!located || !isMap(located.node)) return;
  for (const entry of mapEntries(located.node, located.base)) {
    const keySpan = { start: entry.keyStart, end: entry.keyEnd };
    if (!(BYTES_FIELDS as readonly string[]).includes(entry.key)) {
      report({
        code: 'unknown-key',
        severity: 'error',
        message: `unknown \`bytes\` field \`${entry.key}\`; use ${BYTES_FIELDS.join(', ')}.`,
        span: keySpan,
      });
      continue;
    }
    if (!isScalar(entry.value) || typeof entry.value.value !== 'string' || entry.value.value.includes('${'))
      continue;
    const value = entry.value.value;
    const range = entry.value.range!;
    const span = { start: range[0] + located.base, end: range[1] + located.base };
    if (entry.key === 'startsWith') {
      const magic = magicBytes(value);
      if (typeof magic === 'string')
        report({ code: 'wrong-type', severity: 'error', message: `${magic}.`, span });
    } else if (entry.key === 'equalsFile' && context.checkFiles !== false) {
      const absolute = resolveSuitePath(value, context);
      if (absolute && !(context.fileSystem ?? nodeFileSystem).isFile(absolute))
        report({
          code: 'missing-file',
          severity: 'error',
          message: `file \`${value}\` of \`bytes.equalsFile\` not found (looked for ${absolute}); paths are relative to the suite file.`,
          span,
        });
    }
  }
}
