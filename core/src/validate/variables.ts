/**
 * Diagnostics for `${...}`: undefined names (with where they could be defined and "did you
 * mean"), captures used before the step that defines them, names only some environments define,
 * `env.*` names neither `.env` nor the process sets, unknown built-in functions, and forms the run
 * cannot evaluate (forms.ts).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Interpolation, Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { hookCannotSeeTestCaptures } from '../run/hints.js';
import { closest } from '../suggest.js';
import { environmentsDefining, type ValidationContext } from './context.js';
import { formProblem } from './forms.js';
import type { VariableIndex } from './scopes.js';
import { declaresServices, serviceReferenceProblem } from './services.js';

/** Built-in functions callable inside `${...}` (SPEC §2.4). */
export const BUILTIN_FUNCTIONS: { name: string; signature: string; arity: number; doc: string }[] = [
  { name: 'uuid', signature: 'uuid()', arity: 0, doc: 'A random UUID (v4).' },
  { name: 'now', signature: 'now()', arity: 0, doc: 'The current time, ISO 8601 (UTC).' },
  {
    name: 'timestamp',
    signature: 'timestamp()',
    arity: 0,
    doc: 'The current time in Unix milliseconds (a number).',
  },
  {
    name: 'randomInt',
    signature: 'randomInt(min, max)',
    arity: 2,
    doc: 'A random whole number from min to max, both included.',
  },
];

const CALL = /^([A-Za-z_]\w*)\s*\((.*)\)$/s;

type Report = (diagnostic: Diagnostic) => void;

export function checkInterpolations(
  doc: SuiteDocument,
  index: VariableIndex,
  context: ValidationContext,
  report: Report,
): void {
  const envNames = new Set<string>([
    ...(context.dotenv?.entries.map((entry) => entry.name) ?? []),
    ...Object.keys(context.processEnv ?? {}).filter((name) => context.processEnv?.[name] !== undefined),
  ]);
  const captureSites = new Map<string, { start: number; testId?: string }[]>();
  for (const definition of index.definitions) {
    if (definition.kind !== 'capture' || !definition.span) continue;
    const sites = captureSites.get(definition.name) ?? [];
    sites.push({ start: definition.span.start, testId: definition.testId });
    captureSites.set(definition.name, sites);
  }
  for (const interpolation of doc.interpolations) {
    const problem = formProblem(interpolation.expression);
    if (problem) {
      report({
        code: 'invalid-interpolation',
        severity: 'error',
        message: problem,
        span: interpolation.span,
      });
      continue;
    }
    if (!interpolation.root) {
      checkCall(interpolation, report);
      continue;
    }
    if (interpolation.root === 'env') {
      checkEnv(interpolation, doc, envNames, context, report);
      continue;
    }
    const name = interpolation.root;
    const span = interpolation.rootSpan ?? interpolation.span;
    const scope = index.scopeAt(span.start);
    const definition = scope.get(name);
    if (!definition && name === 'services' && declaresServices(context.config)) {
      const serviceProblem = serviceReferenceProblem(interpolation, context.config);
      if (serviceProblem) report(serviceProblem);
      continue;
    }
    if (definition) {
      if (definition.kind === 'environment' && context.config) {
        const { missing } = environmentsDefining(context.config, name);
        if (missing.length > 0) {
          report({
            code: 'variable-missing-in-environment',
            severity: 'warning',
            message: `\`${name}\` is not defined in environment${missing.length > 1 ? 's' : ''} ${missing.map((env) => `\`${env}\``).join(', ')} of bluebook.config.yaml; runs with ${missing.length > 1 ? 'them' : 'it'} will fail. Add the key there, or define \`${name}\` under \`variables:\`.`,
            span,
            data: { missing },
          });
        }
      }
      continue;
    }
    const sites = captureSites.get(name) ?? [];
    const later = sites.find(
      (site) => site.start > span.start && sameTestOrSetup(site.testId, doc, span.start),
    );
    if (later) {
      const where = doc.lineIndex.positionAt(later.start).line + 1;
      report({
        code: 'capture-before-definition',
        severity: 'error',
        message: `\`${name}\` is captured on line ${where}, after this use; a capture is visible only to later steps. Move the use after that step, or capture \`${name}\` earlier.`,
        span,
      });
      continue;
    }
    if (context.checkVariables === false || index.afterUnknownUse(span.start)) continue;
    const other = sites.find((site) => site.testId !== undefined);
    const suggestion = closest(name, scope.keys());
    const hook = other ? hookAt(doc, span.start) : undefined;
    const hint = other
      ? `it is captured in test \`${other.testId}\`, ${hook ? hookCannotSeeTestCaptures(hook) : `and captures are visible only within their test (run its steps here with \`use: '#${other.testId}'\`, or capture it in \`before\` to share it)`}`
      : `define it under \`variables:\`, capture it in an earlier step, add it to every environment in bluebook.config.yaml, or pass \`--var ${name}=…\``;
    report({
      code: 'undefined-variable',
      severity: 'error',
      message: `undefined variable \`${name}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}; ${hint}.`,
      span,
      fixes: suggestion ? [{ title: `Change to \`${suggestion}\``, span, newText: suggestion }] : undefined,
      data: suggestion ? { name, suggestion } : { name },
    });
  }
}

/** The hook (`before`/`after`) whose step holds `offset`, if any. */
function hookAt(doc: SuiteDocument, offset: number): 'before' | 'after' | undefined {
  const inside = (step: Step): boolean => step.span.start <= offset && offset <= step.span.end;
  if (doc.suite?.before.some(inside)) return 'before';
  if (doc.suite?.after.some(inside)) return 'after';
  return undefined;
}

/** Whether a capture site and a use share a test (or the use is in setup/teardown). */
function sameTestOrSetup(captureTestId: string | undefined, doc: SuiteDocument, useOffset: number): boolean {
  const test = doc.suite?.tests.find(
    (candidate) => candidate.span.start <= useOffset && useOffset <= candidate.span.end,
  );
  if (captureTestId === undefined) return true; // a `before`/`after` capture used in an earlier before/after step
  return test?.id === captureTestId;
}

function checkCall(interpolation: Interpolation, report: Report): void {
  const call = CALL.exec(interpolation.expression);
  if (!call) {
    if (interpolation.expression === '') {
      report({
        code: 'undefined-variable',
        severity: 'error',
        message: 'empty `${}`; write a variable name such as `${userId}` (or `$${` for a literal `${`).',
        span: interpolation.span,
      });
    }
    return;
  }
  const builtin = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === call[1]);
  if (!builtin) {
    const suggestion = closest(
      call[1],
      BUILTIN_FUNCTIONS.map((candidate) => candidate.name),
    );
    report({
      code: 'unknown-function',
      severity: 'error',
      message: `unknown function \`${call[1]}()\`${suggestion ? ` — did you mean \`${suggestion}()\`?` : ''}; built-ins are ${BUILTIN_FUNCTIONS.map((candidate) => `\`${candidate.signature}\``).join(', ')}.`,
      span: interpolation.span,
    });
    return;
  }
  const args = call[2].trim() === '' ? 0 : call[2].split(',').length;
  if (args !== builtin.arity) {
    report({
      code: 'unknown-function',
      severity: 'error',
      message: `\`${builtin.signature}\` takes ${builtin.arity} argument${builtin.arity === 1 ? '' : 's'}, not ${args}.`,
      span: interpolation.span,
    });
  }
}

function checkEnv(
  interpolation: Interpolation,
  doc: SuiteDocument,
  envNames: Set<string>,
  context: ValidationContext,
  report: Report,
): void {
  // A malformed `env` reference was reported by formProblem.
  const name = /^env\.([A-Za-z_][\w.-]*)$/.exec(interpolation.expression)?.[1];
  if (!name || envNames.has(name) || context.checkVariables === false) return;
  const start =
    interpolation.span.start +
    doc.text.slice(interpolation.span.start, interpolation.span.end).lastIndexOf(name);
  const suggestion = closest(name, envNames);
  report({
    code: 'undefined-variable',
    severity: 'warning',
    message: `environment variable \`${name}\` is set neither in ${context.dotenv ? 'the .env file' : 'a .env file beside bluebook.config.yaml'} nor in the process environment${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}; runs will fail unless it is set.`,
    span: { start, end: start + name.length },
    data: { name: `env.${name}` },
  });
}
