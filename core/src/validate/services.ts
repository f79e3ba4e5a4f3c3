/**
 * `${services.NAME.url|port|host}`: the variable a run gets when bluebook.config.yaml declares
 * `services:` (SPEC §10). A name the config does not declare, or a field a service does not have,
 * is reported where it is written, in suites and in the config alike.
 */
import type { ProjectConfig } from '../config.js';
import { changeTo } from '../diagnostics.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Interpolation } from '../model.js';
import { closest } from '../suggest.js';

const CONFIG_NAME = 'bluebook.config.yaml';
const FIELDS = ['url', 'port', 'host'];
const REFERENCE = /^services(?:\s*\.\s*([A-Za-z_][\w-]*)(?:\s*\.\s*([A-Za-z_$][\w$-]*))?)?/;

/** Whether `services` is defined by the config (it declares at least one service). */
export function declaresServices(config: ProjectConfig | undefined): config is ProjectConfig {
  return (config?.services?.length ?? 0) > 0;
}

/** The problem with a `${services…}` of `config`'s declared services, if any. */
export function serviceReferenceProblem(
  interpolation: Interpolation,
  config: ProjectConfig,
): Diagnostic | undefined {
  const match = REFERENCE.exec(interpolation.expression);
  const [, name, field] = match ?? [];
  if (!name) return undefined;
  const declared = (config.services ?? []).map((service) => service.name);
  const shown = `\`\${${interpolation.expression}}\``;
  if (!declared.includes(name)) {
    const suggestion = closest(name, declared);
    const nameStart = (interpolation.rootSpan?.end ?? interpolation.span.start) + 1;
    const span = interpolation.rootSpan
      ? { start: nameStart, end: nameStart + name.length }
      : interpolation.span;
    return {
      code: 'undefined-variable',
      severity: 'error',
      message: `unknown service \`${name}\` in ${shown}${suggestion ? ` — did you mean \`${suggestion}\`?` : ';'} ${CONFIG_NAME} declares: ${declared.join(', ')}.`,
      span,
      ...(suggestion ? { fixes: [changeTo(span, suggestion)] } : {}),
    };
  }
  if (field !== undefined && !FIELDS.includes(field)) {
    const suggestion = closest(field, FIELDS);
    return {
      code: 'invalid-interpolation',
      severity: 'error',
      message: `${shown}: a service has \`url\`, \`port\` and \`host\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`,
      span: interpolation.span,
    };
  }
  return undefined;
}
