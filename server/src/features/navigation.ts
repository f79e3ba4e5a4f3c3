/**
 * What a name at a position refers to, shared by go to definition, references and rename: a
 * `${name}` use, or a defining key (a suite/test variable, a capture name).
 */
import type { Span, VariableDefinition } from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';
import { interpolationAt } from './hover.js';

export interface SymbolAt {
  name: string;
  /** The name's span under the cursor. */
  span: Span;
  /** What it resolves to (undefined: an undefined name, or `env.*`). */
  definition?: VariableDefinition;
  /** `env.NAME`: the name without `env.`. */
  envName?: string;
}

export function symbolAt(analyzed: AnalyzedDocument, offset: number): SymbolAt | undefined {
  const interpolation = interpolationAt(analyzed, offset);
  if (interpolation?.root && interpolation.rootSpan) {
    if (interpolation.root === 'env') {
      const envName = /^env\.([A-Za-z_][\w.-]*)$/.exec(interpolation.expression)?.[1];
      if (!envName) return undefined;
      const start =
        interpolation.span.start +
        analyzed.doc.text.slice(interpolation.span.start, interpolation.span.end).lastIndexOf(envName);
      return { name: `env.${envName}`, span: { start, end: start + envName.length }, envName };
    }
    const variables = analyzed.validation.variables;
    return {
      name: interpolation.root,
      span: interpolation.rootSpan,
      definition: variables.scopeAt(interpolation.rootSpan.start).get(interpolation.root),
    };
  }
  if (interpolation) return undefined;
  const definition = analyzed.validation.variables.definitions.find(
    (candidate) =>
      candidate.span &&
      candidate.kind !== 'each' &&
      candidate.span.start <= offset &&
      offset <= candidate.span.end,
  );
  if (definition?.span) return { name: definition.name, span: definition.span, definition };
  return undefined;
}

/** Uses of a definition: references that resolve to it (by kind and span, as objects differ per scope). */
export function usesOf(analyzed: AnalyzedDocument, definition: VariableDefinition): Span[] {
  const variables = analyzed.validation.variables;
  return variables.references
    .filter((reference) => {
      if (reference.name !== definition.name) return false;
      const resolved = variables.resolve(reference);
      return resolved !== undefined && sameDefinition(resolved, definition);
    })
    .map((reference) => reference.span);
}

export function sameDefinition(a: VariableDefinition, b: VariableDefinition): boolean {
  return a.name === b.name && a.kind === b.kind && a.span?.start === b.span?.start;
}

/** Spans of `env.NAME` uses in the suite (the NAME part). */
export function envUses(analyzed: AnalyzedDocument, envName: string): Span[] {
  const spans: Span[] = [];
  for (const interpolation of analyzed.doc.interpolations) {
    if (interpolation.root !== 'env' || interpolation.expression !== `env.${envName}`) continue;
    const start =
      interpolation.span.start +
      analyzed.doc.text.slice(interpolation.span.start, interpolation.span.end).lastIndexOf(envName);
    spans.push({ start, end: start + envName.length });
  }
  return spans;
}
