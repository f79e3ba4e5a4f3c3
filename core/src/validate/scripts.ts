/**
 * `invalid-script`: syntax errors of `${{ }}` expressions and of `script.before`/`script.after`,
 * at their exact characters in the YAML (behind quotes, escapes and a block scalar's indentation).
 *
 * Compiling is synchronous and needs no sandbox: V8 parses the same wrapper the sandbox evaluates
 * (`node:vm`, compile only — nothing runs), so the editor never loads QuickJS to check syntax.
 */
import { Script } from 'node:vm';
import { isScalar, visit, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { ScriptSource, Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { findScriptExpressions, hasScriptExpression } from '../script/template.js';
import { LINE_OFFSET, SOURCE_FILE, wrapExpression, wrapScript } from '../script/wrap.js';
import type { Span } from '../span.js';
import type { LocatedNode } from './nodes.js';
import { scalarAt, spanInScalar } from './scalars.js';

type Report = (diagnostic: Diagnostic) => void;

export interface SyntaxIssue {
  message: string;
  /** 0-based offset in the source. */
  offset: number;
}

/** The first syntax error of an expression or a script, or undefined. */
export function scriptSyntaxIssue(source: string, kind: 'expression' | 'script'): SyntaxIssue | undefined {
  const program = kind === 'expression' ? wrapExpression(source, []) : wrapScript(source);
  try {
    new Script(program, { filename: SOURCE_FILE });
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return { message: String(error), offset: 0 };
    const [where = '', , caret = ''] = (error.stack ?? '').split('\n');
    const line = Number(/:(\d+)$/.exec(where)?.[1] ?? NaN) - LINE_OFFSET;
    const column = Math.max(0, caret.indexOf('^'));
    const lines = source.split('\n');
    const offset =
      Number.isInteger(line) && line >= 1 && line <= lines.length
        ? lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) +
          Math.min(column, lines[line - 1]!.length)
        : source.length;
    return { message: `SyntaxError: ${error.message}`, offset };
  }
}

/** Every `${{ }}` of the suite and every step script. */
export function checkScripts(doc: SuiteDocument, steps: readonly Step[], report: Report): void {
  if (hasScriptExpression(doc.text)) {
    visit(doc.yaml, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && hasScriptExpression(node.value))
          checkExpressions(doc, { node, base: 0 }, node.value, report);
      },
    });
  }
  for (const step of steps) {
    for (const kind of ['before', 'after'] as const) {
      const script = step.script?.[kind];
      if (script) checkScript(doc, script, kind, report);
    }
  }
}

function checkExpressions(doc: SuiteDocument, located: LocatedNode, value: string, report: Report): void {
  for (const expression of findScriptExpressions(value)) {
    if (expression.unterminated) {
      report({
        code: 'invalid-script',
        severity: 'error',
        message: '`${{` is not closed: end the expression with `}}`.',
        span: textSpan(doc, located, expression.start, expression.start + 3),
      });
      continue;
    }
    const issue = scriptSyntaxIssue(expression.source, 'expression');
    if (!issue) continue;
    const at = expression.sourceStart + issue.offset;
    report({
      code: 'invalid-script',
      severity: 'error',
      message: `${issue.message} in \`\${{ }}\`.`,
      span: textSpan(doc, located, at, Math.min(at + 1, expression.end)),
    });
  }
}

function checkScript(doc: SuiteDocument, script: ScriptSource, kind: string, report: Report): void {
  const issue = scriptSyntaxIssue(script.source, 'script');
  if (!issue) return;
  const located = scalarAt(doc, script.span);
  const end = Math.min(issue.offset + 1, script.source.length);
  report({
    code: 'invalid-script',
    severity: 'error',
    message: `${issue.message} in \`script.${kind}\`.`,
    span: located ? textSpan(doc, located, issue.offset, Math.max(end, issue.offset)) : script.span,
  });
}

/** The text span of the value's characters `[start, end)`, also inside a literal block scalar. */
export function textSpan(doc: SuiteDocument, located: LocatedNode, start: number, end: number): Span {
  const node = located.node as Scalar;
  if (isScalar(node) && node.type === 'BLOCK_LITERAL') {
    const from = blockOffset(doc, located, start);
    const to = blockOffset(doc, located, end);
    if (from !== undefined && to !== undefined) return { start: from, end: Math.max(to, from) };
  }
  return spanInScalar(doc, located, start, end);
}

/** Where a character of a literal block scalar's value sits in the text. */
function blockOffset(doc: SuiteDocument, located: LocatedNode, valueOffset: number): number | undefined {
  const range = located.node.range!;
  const from = range[0] + located.base;
  const source = doc.text.slice(from, range[1] + located.base);
  const value = String((located.node as Scalar).value);
  const before = value.slice(0, valueOffset);
  const line = before.split('\n').length - 1;
  const column = valueOffset - (before.lastIndexOf('\n') + 1);
  const lines = source.split('\n');
  const content = lines.slice(1);
  const explicit = /^[|>][+-]?(\d)/.exec(lines[0] ?? '')?.[1];
  const firstText = content.find((text) => text.trim() !== '');
  if (firstText === undefined) return undefined;
  const indent = explicit ? Number(explicit) : firstText.length - firstText.trimStart().length;
  if (line >= content.length) return undefined;
  const lineStart =
    from + lines[0]!.length + 1 + content.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);
  return lineStart + Math.min(indent + column, content[line]!.length);
}
