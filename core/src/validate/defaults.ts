/**
 * `${...}` in the suite's `defaults`, checked for each step that sends them. A default is
 * interpolated only by the steps that use it (see ../http/layers.ts), so it may name a capture of
 * a `before` step as long as every step that sends it runs after that capture. A step that sends
 * it earlier, or in a test that cannot see the name, is reported at the default, naming the step
 * and how to leave the default out there.
 */
import type { Diagnostic } from '../diagnostics.js';
import { applyLayers } from '../http/layers.js';
import { isDeferred, type RequestOptions, type Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import type { ValidationContext } from './context.js';
import { stepLabel, type DefinitionKind, type VariableIndex, type VariableReference } from './scopes.js';

interface SentDefault {
  span: Span;
  /** How a step leaves this default out, e.g. "give that step `auth: null` (or its own `auth`)". */
  remedy: string;
}

/** Names of these kinds are visible to every step, so a default using them is fine anywhere. */
const VISIBLE_EVERYWHERE = new Set<DefinitionKind | undefined>(['environment', 'override', 'suite-variable']);

const ALWAYS_SENT = 'move it from `defaults` to the steps that need it';

/** The parts of the suite's `defaults` that `step` sends, so interpolates. */
export function defaultsSentBy(
  step: Step,
  defaults: RequestOptions,
  configDefaults?: RequestOptions,
): SentDefault[] {
  const sent: SentDefault[] = defaults.query.map((entry) => ({ span: entry.span, remedy: ALWAYS_SENT }));
  for (const entry of defaults.headers)
    if (entry.key.includes('${')) sent.push({ span: entry.keySpan, remedy: ALWAYS_SENT });
  const layers = configDefaults ? [configDefaults, defaults, step] : [defaults, step];
  const applied = applyLayers(layers, (entry) => entry.key);
  for (const [name, { entry, layer }] of applied.headers) {
    if (layer === defaults)
      sent.push({
        span: entry.valueSpan,
        remedy: `give that step \`headers: { ${name}: null }\` (or its own value)`,
      });
  }
  if (applied.auth?.layer === defaults)
    sent.push({ span: applied.auth.entry.span, remedy: 'give that step `auth: null` (or its own `auth`)' });
  if (isDeferred(defaults.timeoutMs) && step.timeoutMs === undefined)
    sent.push({ span: defaults.timeoutMs.span, remedy: 'give that step its own `timeout`' });
  if (isDeferred(defaults.followRedirects) && step.followRedirects === undefined)
    sent.push({ span: defaults.followRedirects.span, remedy: 'give that step its own `followRedirects`' });
  return sent;
}

function inside(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.end <= outer.end;
}

export function checkDefaults(
  doc: SuiteDocument,
  index: VariableIndex,
  context: ValidationContext,
  report: (diagnostic: Diagnostic) => void,
): void {
  const suite = doc.suite;
  const defaults = suite?.defaults;
  if (!suite || !defaults) return;
  // A `use` step sends no request of its own (its used steps are checked where they are written).
  const steps: { step: Step; testId?: string }[] = [
    ...suite.before.map((step) => ({ step })),
    ...suite.tests.flatMap((test) => test.steps.map((step) => ({ step, testId: test.id }))),
    ...suite.after.map((step) => ({ step })),
  ].filter(({ step }) => !step.use);
  const parts = [...defaults.headers, ...defaults.query, ...(defaults.auth ? [defaults.auth] : [])].map(
    (entry) => entry.span,
  );
  for (const option of [defaults.timeoutMs, defaults.followRedirects])
    if (isDeferred(option)) parts.push(option.span);
  const candidates = index.references.filter(
    (reference) =>
      parts.some((span) => inside(reference.span, span)) &&
      !VISIBLE_EVERYWHERE.has(index.resolve(reference)?.kind),
  );
  if (candidates.length === 0) return;
  const reported = new Set<VariableReference>();
  for (const { step, testId } of steps) {
    const sent = defaultsSentBy(step, defaults, context.config?.defaults);
    if (sent.length === 0) continue;
    const scope = index.scopeAt(step.methodSpan.start);
    for (const reference of candidates) {
      if (reported.has(reference) || scope.has(reference.name)) continue;
      const part = sent.find((candidate) => inside(reference.span, candidate.span));
      const definition = part && index.resolve(reference);
      // A name defined nowhere is already an `undefined-variable` of checkInterpolations.
      if (!part || !definition) continue;
      const code = definition.kind === 'capture' ? 'capture-before-definition' : 'undefined-variable';
      if (code === 'undefined-variable' && context.checkVariables === false) continue;
      reported.add(reference);
      report({
        code,
        severity: 'error',
        message: `\`${reference.name}\` (${definition.detail}) is not defined when ${stepLabel(step, testId)} sends this default; ${part.remedy}, or define \`${reference.name}\` before that step.`,
        span: reference.span,
      });
    }
  }
}
