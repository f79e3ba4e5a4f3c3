/**
 * `${...}` in bluebook.config.yaml, located in the config text: forms the run cannot evaluate
 * anywhere in it (environment values are templates too), and names its `defaults` use that are
 * defined nowhere for a suite — `defaults` apply to every request of every suite, so a run of
 * that suite errors on its first request. Names the config's `setup`/`teardown` steps use are
 * checked too (configHooks.ts).
 */
import { isMap, isScalar } from 'yaml';
import type { ProjectConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { findInterpolations } from '../parse.js';
import { parseYamlDocument } from '../parse/fastYaml.js';
import { closest } from '../suggest.js';
import { checkHookVariables } from './configHooks.js';
import { formProblem } from './forms.js';
import { declaresServices, serviceReferenceProblem } from './services.js';

/**
 * Diagnostics against the config file. `defined` holds every name visible somewhere in the suite
 * being validated: environment keys, `--var` names, the suite's variables, `each` keys, captures.
 * Without it (an editor showing the config alone) only the forms are checked.
 */
export function checkConfigInterpolations(
  config: ProjectConfig,
  defined?: ReadonlySet<string>,
  overrides?: readonly string[],
): Diagnostic[] {
  const doc = parseYamlDocument(config.text, { uniqueKeys: false });
  if (!isMap(doc.contents)) return [];
  const interpolations = findInterpolations(doc, config.text);
  const defaults = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'defaults');
  const range = (defaults?.value as { range?: [number, number, number] } | null)?.range;
  const diagnostics: Diagnostic[] = [];
  for (const interpolation of interpolations) {
    const problem = formProblem(interpolation.expression);
    if (problem) {
      diagnostics.push({
        code: 'invalid-interpolation',
        severity: 'error',
        message: problem,
        span: interpolation.span,
      });
      continue;
    }
    const { root, rootSpan } = interpolation;
    if (root === 'services' && declaresServices(config)) {
      const serviceProblem = serviceReferenceProblem(interpolation, config);
      if (serviceProblem) diagnostics.push(serviceProblem);
      continue;
    }
    if (!defined || !range || !root || !rootSpan || root === 'env' || defined.has(root)) continue;
    if (interpolation.span.start < range[0] || interpolation.span.end > range[1]) continue;
    const suggestion = closest(root, defined);
    diagnostics.push({
      code: 'undefined-variable',
      severity: 'error',
      message: `undefined variable \`${root}\` in \`defaults\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}; \`defaults\` apply to every request of every suite, so define \`${root}\` in every environment of this file, pass \`--var ${root}=…\`, or define it under \`variables:\` in each suite.`,
      span: rootSpan,
      data: { name: root },
    });
  }
  return [...diagnostics, ...checkHookVariables(config, interpolations, overrides)];
}
