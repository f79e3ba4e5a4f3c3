/**
 * Patterns inside a suite's strings: JSONPath queries (RFC 9535, and json-p3's non-standard
 * shorthand names) and regular expressions (as the run compiles them, RE2). Problems are reported
 * at the offending characters inside the YAML string, behind its quotes and escapes.
 */
import type { Diagnostic, Fix } from '../diagnostics.js';
import { nonStandardNames, standardJsonPath, validateJsonPathTemplate } from '../jsonpath.js';
import type { SuiteDocument } from '../parse.js';
import { regexProblem } from '../regex.js';
import type { Span } from '../span.js';
import type { LocatedNode } from './nodes.js';
import { spanInScalar, yamlScalarText } from './scalars.js';

type Report = (diagnostic: Diagnostic) => void;

/** A regular expression; `subject` names where it is (`capture \`id\``) when not obvious. */
export function checkRegex(
  pattern: string,
  located: LocatedNode | undefined,
  fallback: Span,
  doc: SuiteDocument,
  report: Report,
  subject?: string,
): void {
  const problem = regexProblem(pattern);
  if (!problem) return;
  report({
    code: problem.kind === 'unsupported' ? 'unsupported-regex' : 'invalid-regex',
    severity: 'error',
    message: `${subject ? `${subject}: ` : ''}${problem.message}.`,
    span: located ? spanInScalar(doc, located, problem.start, problem.end) : fallback,
  });
}

/** A JSONPath (an `expect.json` key or a capture's path) written in the scalar `located`. */
export function checkJsonPath(
  path: string,
  located: LocatedNode | undefined,
  span: Span,
  doc: SuiteDocument,
  report: Report,
): void {
  // `${...}` inside a path is interpolated (as a JSONPath literal) before compiling: only the
  // syntax around it is checked here. A path that starts with one is known at run time only.
  if (path.startsWith('${')) return;
  if (!path.startsWith('$')) {
    report({
      code: 'invalid-jsonpath',
      severity: 'error',
      message: `\`${path}\` is not a JSONPath: a query starts with \`$\`, for example \`$.${path.replace(/^\.+/, '')}\`.`,
      span,
      fixes: /^[A-Za-z_][\w.]*$/.test(path)
        ? [{ title: `Change to \`$.${path}\``, span, newText: `$.${path}` }]
        : undefined,
    });
    return;
  }
  const problem = validateJsonPathTemplate(path);
  if (problem) {
    report({
      code: 'invalid-jsonpath',
      severity: 'error',
      message: `${problem.message} (at character ${problem.offset + 1} of \`${path}\`); see RFC 9535 for the syntax.`,
      span,
      data: { offset: problem.offset },
    });
    return;
  }
  checkPortable(path, located, span, doc, report);
}

/** Shorthand names json-p3 evaluates but RFC 9535 rejects (`.X-Suite`): a warning with a fix. */
function checkPortable(
  path: string,
  located: LocatedNode | undefined,
  span: Span,
  doc: SuiteDocument,
  report: Report,
): void {
  const names = nonStandardNames(path);
  if (names.length === 0) return;
  const standard = standardJsonPath(path, names);
  const range = located?.node.range;
  const fixes: Fix[] | undefined =
    located && range
      ? [
          {
            title: `Change to \`${standard}\``,
            span: { start: range[0] + located.base, end: range[1] + located.base },
            newText: yamlScalarText(doc, located, standard),
          },
        ]
      : undefined;
  for (const item of names) {
    report({
      code: 'non-standard-jsonpath',
      severity: 'warning',
      message: `\`${path.slice(item.start, item.end)}\` is not standard JSONPath: in RFC 9535 a shorthand name has only letters, digits, \`_\` and non-ASCII characters (json-p3 also takes \`-\`, other tools reject it); write \`${standard}\`.`,
      span: located ? spanInScalar(doc, located, item.start, item.end) : span,
      fixes,
    });
  }
}
