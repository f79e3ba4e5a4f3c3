/**
 * Names used by bluebook.config.yaml's `setup`/`teardown` steps that nothing defines there. Those
 * steps run outside any suite: they see the environments' keys, `--var` values and the captures
 * of earlier setup steps (teardown: of every setup step, and of earlier teardown steps).
 */
import type { ProjectConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Interpolation, Step } from '../model.js';
import { closest } from '../suggest.js';

const SEES =
  'setup and teardown steps see the environment, `--var` values and the captures of earlier setup steps (not suite variables)';

export function checkHookVariables(
  config: ProjectConfig,
  interpolations: readonly Interpolation[],
  overrides: readonly string[] = [],
): Diagnostic[] {
  const visible = new Set<string>([...config.keys.map((key) => key.name), ...overrides]);
  const diagnostics: Diagnostic[] = [];
  const check = (kind: 'setup' | 'teardown', step: Step): void => {
    for (const interpolation of interpolations) {
      const { root, rootSpan, span } = interpolation;
      if (!root || !rootSpan || root === 'env' || visible.has(root)) continue;
      if (root === 'services' && (config.services?.length ?? 0) > 0) continue;
      if (span.start < step.span.start || span.end > step.span.end) continue;
      const suggestion = closest(root, visible);
      diagnostics.push({
        code: 'undefined-variable',
        severity: 'error',
        message: `undefined variable \`${root}\` in \`${kind}\` step ${step.index + 1}${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}; ${SEES}.`,
        span: rootSpan,
        data: { name: root },
      });
    }
    for (const capture of step.captures) visible.add(capture.name);
  };
  for (const step of config.setup ?? []) check('setup', step);
  for (const step of config.teardown ?? []) check('teardown', step);
  return diagnostics;
}
