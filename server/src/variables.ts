/** How a variable is described in hovers and completion: where it is defined and its value. */
import { formatValue, type VariableDefinition } from '../../core/src/index.js';
import { MASK, type AnalyzedDocument } from './analysis.js';

/** The environment whose values hovers show: the client's pick, else the config's default. */
export function selectedEnvironment(
  analyzed: AnalyzedDocument,
  selected: string | undefined,
): string | undefined {
  const config = analyzed.context.config;
  if (!config) return undefined;
  if (selected && config.environments.some((env) => env.name === selected)) return selected;
  return config.defaultEnvironment ?? config.environments[0]?.name;
}

function isSecret(analyzed: AnalyzedDocument, name: string): boolean {
  return analyzed.context.config?.secrets.includes(name) ?? false;
}

function show(value: unknown, secret: boolean): string {
  if (secret) return MASK;
  const text = formatValue(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Markdown: what the variable is, where it comes from, and its value (secrets masked). */
export function describeValue(
  analyzed: AnalyzedDocument,
  definition: VariableDefinition,
  selected?: string,
): string {
  const secret = isSecret(analyzed, definition.name);
  const lines = [`**${definition.name}** — ${definition.detail}`];
  const config = analyzed.context.config;
  if (definition.kind === 'environment' && config) {
    const current = selectedEnvironment(analyzed, selected);
    for (const key of config.keys.filter((candidate) => candidate.name === definition.name)) {
      const marker = key.environment === current ? ' (selected)' : '';
      lines.push(`- \`${key.environment}\`${marker}: \`${show(key.value, secret)}\``);
    }
    const missing = config.environments.filter(
      (env) => !config.keys.some((key) => key.environment === env.name && key.name === definition.name),
    );
    if (missing.length > 0)
      lines.push(`- not defined in ${missing.map((env) => `\`${env.name}\``).join(', ')}`);
  } else if (definition.kind === 'capture') {
    lines.push('Value known after the step runs.');
  } else if (definition.value !== undefined) {
    lines.push(`Value: \`${show(definition.value, secret)}\``);
  }
  if (secret) lines.push('_secret: masked in every output_');
  return lines.join('\n\n');
}
