/**
 * Which `${...}` names are visible where. One analysis serves validation (undefined variables,
 * captures used too early), completion (names inside `${`), hover, go to definition, references
 * and rename, so they can never disagree about what a name refers to.
 *
 * Visibility follows SPEC §2.3–2.4: the selected environment's keys and suite `variables` are
 * visible everywhere; captures of `before` steps to later `before` steps, every test and `after`;
 * a test's `variables`, its `each` row keys and captures of its earlier steps to its steps, and
 * every capture of its steps to its `finally` steps. Captures of bluebook.config.yaml's `setup`
 * steps are visible everywhere (below the suite's own captures, as at run time).
 * `defaults` are applied to every request, so every name defined anywhere is visible there.
 */
import type { Interpolation, Step, Test } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import type { ValidationContext } from './context.js';
import { eachFileRows } from './files.js';
import { topLevelValue } from './nodes.js';
import { usedCaptures, withDefinitions } from './usedScope.js';
import { UseResolver } from './uses.js';

export type DefinitionKind =
  'environment' | 'suite-variable' | 'test-variable' | 'each' | 'capture' | 'override' | 'with';

/** Where a `${name}` can come from. */
export interface VariableDefinition {
  name: string;
  kind: DefinitionKind;
  /** The defining key in the suite text (absent for environment keys and overrides). */
  span?: Span;
  /** The value as written (suite and test variables, `each` rows' first value). */
  value?: unknown;
  /** "suite variable", "capture of step 2 (`create`) in test `create-user`", … */
  detail: string;
  /** For captures: the test that defines it (`undefined` for `before`/`after` captures). */
  testId?: string;
  /**
   * For a capture of a test used (`use:`) from another suite: where it is written. `span` is then
   * absent (spans are positions in this suite only).
   */
  origin?: { file: string; span: Span };
}

/** A `${name…}` use of a variable (not a built-in call), with its root name. */
export interface VariableReference {
  name: string;
  span: Span;
  interpolation: Interpolation;
}

interface Region {
  span: Span;
  scope: () => Map<string, VariableDefinition>;
}

export interface VariableIndex {
  /** Every definition in the suite (and the environment keys), in document order. */
  definitions: VariableDefinition[];
  /** Every variable use (`env.*` excluded). */
  references: VariableReference[];
  /** Names visible at an offset, innermost definition winning. */
  scopeAt(offset: number): Map<string, VariableDefinition>;
  /**
   * True after a `use` step whose test validation cannot read (missing, invalid, or a file path
   * in an untitled suite): names there may be its captures, so they are not reported undefined.
   */
  afterUnknownUse(offset: number): boolean;
  /** The definition a reference at `offset` resolves to. */
  resolve(reference: VariableReference): VariableDefinition | undefined;
}

export function stepLabel(step: Step, testId?: string): string {
  const where =
    step.phase === 'before'
      ? '`before`'
      : step.phase === 'after'
        ? '`after`'
        : step.phase === 'finally'
          ? `\`finally\` of test \`${testId}\``
          : `test \`${testId}\``;
  return `step ${step.index + 1}${step.explicitName ? ` (\`${step.name}\`)` : ''} of ${where}`;
}

function captureDefinitions(step: Step, testId?: string): VariableDefinition[] {
  return step.captures.map((capture) => ({
    name: capture.name,
    kind: 'capture' as const,
    span: capture.nameSpan,
    detail: `capture of ${stepLabel(step, testId)}`,
    testId,
  }));
}

function withAll(
  base: Map<string, VariableDefinition>,
  definitions: VariableDefinition[],
): Map<string, VariableDefinition> {
  if (definitions.length === 0) return base;
  const next = new Map(base);
  for (const definition of definitions) next.set(definition.name, definition);
  return next;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

export function testDefinitions(test: Test, context: ValidationContext): VariableDefinition[] {
  const definitions: VariableDefinition[] = test.variables.map((entry) => ({
    name: entry.key,
    kind: 'test-variable' as const,
    span: entry.keySpan,
    value: entry.value,
    detail: `variable of test \`${test.id}\``,
  }));
  if (test.each?.kind === 'rows') {
    const seen = new Set<string>();
    for (const row of test.each.rows) {
      for (const [name, value] of Object.entries(row)) {
        if (seen.has(name)) continue;
        seen.add(name);
        definitions.push({
          name,
          kind: 'each',
          span: test.each.span,
          value,
          detail: `\`each\` row key of test \`${test.id}\``,
        });
      }
    }
  } else if (test.each?.kind === 'file') {
    const rows = eachFileRows(test.each.path, context);
    const first = rows?.[0] ?? {};
    for (const name of Object.keys(first)) {
      definitions.push({
        name,
        kind: 'each',
        span: test.each.span,
        value: first[name],
        detail: `column of \`${test.each.path}\` (\`each\` of test \`${test.id}\`)`,
      });
    }
  }
  return definitions;
}

/** Analyses a parsed suite once; cheap to query afterwards. */
export function analyzeVariables(
  doc: SuiteDocument,
  context: ValidationContext = {},
  uses: UseResolver = new UseResolver(doc, context),
): VariableIndex {
  const suite = doc.suite;
  const base = new Map<string, VariableDefinition>();
  const config = context.config;
  if (config) {
    for (const key of config.keys) {
      if (base.has(key.name)) continue;
      base.set(key.name, {
        name: key.name,
        kind: 'environment',
        value: key.value,
        detail: 'environment key in bluebook.config.yaml',
      });
    }
  }
  for (const step of config?.setup ?? []) {
    for (const capture of step.captures) {
      base.set(capture.name, {
        name: capture.name,
        kind: 'capture',
        detail: `capture of \`setup\` step ${step.index + 1}${step.explicitName ? ` (\`${step.name}\`)` : ''} in bluebook.config.yaml`,
      });
    }
  }
  for (const name of context.overrides ?? [])
    base.set(name, { name, kind: 'override', detail: '`--var` override' });
  const definitions: VariableDefinition[] = [...base.values()];
  const unknown: Span[] = [];
  const regions: Region[] = [];
  /** Captures that `use` steps bring from the tests they use (not definitions of this suite). */
  const brought: VariableDefinition[] = [];
  let everything = base;
  if (suite) {
    const suiteDefinitions = suite.variables.map((entry) => ({
      name: entry.key,
      kind: 'suite-variable' as const,
      span: entry.keySpan,
      value: entry.value,
      detail: 'suite variable',
    }));
    definitions.push(...suiteDefinitions);
    const suiteScope = withAll(base, suiteDefinitions);
    let scope = suiteScope;
    for (const step of suite.before) {
      if (unknownUse(step, uses)) unknown.push({ start: step.span.end, end: suite.span.end });
      const stepScope = scope;
      regions.push({ span: step.span, scope: () => stepScope });
      const captures = step.use ? usedCaptures(step, uses) : captureDefinitions(step);
      if (step.use) brought.push(...captures);
      else definitions.push(...captures);
      scope = withAll(scope, captures);
    }
    const afterBefore = scope;
    for (const step of suite.after) {
      const stepScope = scope;
      regions.push({ span: step.span, scope: () => stepScope });
      const captures = step.use ? usedCaptures(step, uses) : captureDefinitions(step);
      if (step.use) brought.push(...captures);
      else definitions.push(...captures);
      scope = withAll(scope, captures);
    }
    const given = withDefinitions(suite.tests);
    for (const test of suite.tests) {
      const own = testDefinitions(test, context);
      definitions.push(...own);
      const inside = given.get(test.id) ?? [];
      definitions.push(...inside);
      const testScope = lazy(() => withAll(afterBefore, [...own, ...inside]));
      regions.push({ span: test.span, scope: testScope });
      // Each step's scope adds the captures of the steps before it; built on first use.
      let previous = testScope;
      for (const step of test.steps) {
        if (unknownUse(step, uses)) unknown.push({ start: step.span.end, end: test.span.end });
        const before = previous;
        const stepScope = lazy(() => before());
        regions.push({ span: step.span, scope: stepScope });
        const captures = step.use ? usedCaptures(step, uses, test.id) : captureDefinitions(step, test.id);
        if (step.use) brought.push(...captures);
        else definitions.push(...captures);
        previous = lazy(() => withAll(stepScope(), captures));
      }
      // `finally` steps run after every step: all of the test's captures, then earlier finally ones.
      for (const step of test.finally ?? []) {
        const stepScope = previous;
        regions.push({ span: step.span, scope: stepScope });
        const captures = captureDefinitions(step, test.id);
        definitions.push(...captures);
        previous = lazy(() => withAll(stepScope(), captures));
      }
    }
    everything = withAll(suiteScope, [
      ...definitions.filter((definition) => definition.kind !== 'environment'),
      ...brought,
    ]);
    if (suite.defaults) regions.push({ span: defaultsSpan(doc), scope: () => everything });
    regions.push({ span: suite.span, scope: () => suiteScope });
  }
  // Innermost region first: sort by start, then by shorter length; lookups scan candidates.
  regions.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const starts = regions.map((region) => region.span.start);

  const scopeAt = (offset: number): Map<string, VariableDefinition> => {
    // Binary search the last region starting at or before offset, then walk back to the
    // innermost one containing it (regions nest: suite ⊃ test ⊃ step).
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    for (let i = found; i >= 0; i--) {
      const region = regions[i];
      if (region.span.start <= offset && offset <= region.span.end) return region.scope();
    }
    return base;
  };

  const references: VariableReference[] = [];
  for (const interpolation of doc.interpolations) {
    if (!interpolation.root || !interpolation.rootSpan || interpolation.root === 'env') continue;
    references.push({ name: interpolation.root, span: interpolation.rootSpan, interpolation });
  }
  return {
    definitions,
    references,
    scopeAt,
    resolve: (reference) => scopeAt(reference.span.start).get(reference.name),
    afterUnknownUse: (offset) => unknown.some((span) => span.start <= offset && offset <= span.end),
  };
}

function unknownUse(step: Step, uses: UseResolver): boolean {
  if (!step.use) return false;
  const used = uses.resolve(step);
  return !used || 'problem' in used;
}

function defaultsSpan(doc: SuiteDocument): Span {
  const located = topLevelValue(doc, 'defaults');
  const range = located?.node.range;
  return range && located
    ? { start: range[0] + located.base, end: range[1] + located.base }
    : { start: 0, end: 0 };
}
