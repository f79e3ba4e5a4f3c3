import type { Span } from './span.js';

/**
 * Stable diagnostic codes. Quick fixes, tests and `bluebook validate --json` match on these,
 * so never rename one; add new ones instead.
 */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'not-a-suite'
  | 'unknown-key'
  | 'wrong-type'
  | 'missing-method'
  | 'duplicate-method'
  | 'duplicate-test-id'
  | 'invalid-status'
  | 'invalid-duration'
  | 'conflicting-bodies'
  | 'undefined-variable'
  | 'capture-before-definition'
  | 'variable-missing-in-environment'
  | 'invalid-jsonpath'
  | 'invalid-regex'
  | 'unknown-matcher'
  | 'missing-file'
  | 'invalid-schema'
  | 'invalid-data-file'
  | 'invalid-config'
  | 'unknown-function'
  | 'yaml-limit'
  | 'invalid-interpolation'
  | 'unsupported-regex'
  | 'non-standard-jsonpath'
  | 'use-not-found'
  | 'use-cycle'
  | 'invalid-script'
  | 'invalid-mock'
  | 'unreachable-route'
  | 'invalid-xpath'
  | 'invalid-css-selector'
  | 'invalid-graphql'
  | 'unknown-operation';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A replacement that fixes a diagnostic (a quick fix in the editor, a hint in the CLI). */
export interface Fix {
  title: string;
  span: Span;
  newText: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
  span: Span;
  fixes?: Fix[];
  /** Extra machine-readable data for quick fixes (for example the suggested key). */
  data?: Record<string, unknown>;
}

/** The quick fix that replaces `span` with `text` (a "did you mean" suggestion). */
export function changeTo(span: Span, text: string): Fix {
  return { title: `Change to \`${text}\``, span, newText: text };
}

/** A diagnostic's "did you mean" extras: the quick fix, and the suggestion as data (none without one). */
export function suggested(
  span: Span,
  suggestion: string | undefined,
): { fixes: Fix[]; data: { suggestion: string } } | Record<string, never> {
  return suggestion ? { fixes: [changeTo(span, suggestion)], data: { suggestion } } : {};
}
