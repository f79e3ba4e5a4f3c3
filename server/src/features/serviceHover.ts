import { basename } from 'node:path';
import type { ServiceSpec } from '../../../core/src/services/types.js';
import { SERVICE_FIELDS } from './serviceCompletion.js';

/**
 * Hover text of `${services.NAME…}`: what the service is and what the field gives once it runs;
 * undefined for another expression.
 */
export function serviceHoverText(services: readonly ServiceSpec[], expression: string): string | undefined {
  const match = /^services(?:\.([\w-]+)(?:\.(\w+))?)?$/.exec(expression.trim());
  if (!match) return undefined;
  const [, name, field] = match;
  if (name === undefined)
    return `**services** — the services of bluebook.config.yaml: ${services.map((s) => `\`${s.name}\``).join(', ') || 'none declared'}`;
  const service = services.find((candidate) => candidate.name === name);
  if (!service) return `**services.${name}** — no service \`${name}\` in bluebook.config.yaml.`;
  const what =
    service.mock !== undefined
      ? `mock service \`${basename(service.mock)}\``
      : `service \`${service.command ?? ''}\``;
  const fields = SERVICE_FIELDS.find((entry) => entry.name === field);
  const detail = fields
    ? fields.doc
    : `Fields: ${SERVICE_FIELDS.map((entry) => `\`${entry.name}\``).join(', ')}.`;
  return `**services.${name}${field ? `.${field}` : ''}** — ${what}: ${detail}`;
}
