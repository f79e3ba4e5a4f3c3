import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import {
  CONFIG_KEYS,
  KEYS,
  SERVICE_KEYS,
  environmentsDefining,
  formatValue,
  type ProjectConfig,
} from '../../../core/src/index.js';
import { MASK } from '../analysis.js';
import { enclosingPath, shapeOf } from '../cursor.js';
import { HEADERS } from '../http.js';
import { serviceHoverText } from './serviceHover.js';

/**
 * Hover in `bluebook.config.yaml`: the docs of a top-level key, a `defaults` key or a service's
 * key; an environment's variables; a variable's value in every environment (secrets masked).
 */
export function configHover(config: ProjectConfig, position: Position): Hover | null {
  const lines = config.lineIndex;
  if (position.line < 0 || position.line >= lines.lineCount) return null;
  const line = lines.lineText(position.line);
  const service = serviceAt(config, line, position);
  if (service) return service;
  const shape = shapeOf(line);
  if (shape.key === undefined) return null;
  const keyStart = line.indexOf(shape.key, shape.column);
  const keyEnd = keyStart + shape.key.length;
  if (keyStart < 0 || position.character < keyStart || position.character > keyEnd) return null;
  const path = enclosingPath(lines, position.line, shape.dashes[0] ?? shape.column);
  const text = describe(config, path, shape.key);
  if (!text) return null;
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  return {
    contents: { kind: MarkupKind.Markdown, value: text },
    range: lines.rangeOf({ start: lineStart + keyStart, end: lineStart + keyEnd }),
  };
}

/** A `${services.…}` under the cursor. */
function serviceAt(config: ProjectConfig, line: string, position: Position): Hover | null {
  for (const match of line.matchAll(/\$\{([^{}]*)\}/g)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (position.character < start || position.character > end) continue;
    const text = serviceHoverText(config.services ?? [], match[1]);
    if (!text) return null;
    const lineStart = config.lineIndex.offsetAt({ line: position.line, character: 0 });
    return {
      contents: { kind: MarkupKind.Markdown, value: text },
      range: config.lineIndex.rangeOf({ start: lineStart + start, end: lineStart + end }),
    };
  }
  return null;
}

function describe(config: ProjectConfig, path: string[], key: string): string | undefined {
  const documented = (doc: string | undefined) => (doc ? `**${key}** — ${doc}` : undefined);
  if (path.length === 0) return documented(CONFIG_KEYS.find((entry) => entry.key === key)?.doc);
  if (path[0] === 'defaults' && path.length === 1)
    return documented(KEYS.defaults.find((entry) => entry.key === key)?.doc);
  if (path[0] === 'defaults' && path.length === 2 && path[1] === 'auth')
    return documented(KEYS.auth.find((entry) => entry.key === key)?.doc);
  if (path[0] === 'defaults' && path.length === 2 && path[1] === 'headers')
    return documented(HEADERS[key.toLowerCase()]?.doc);
  if (path[0] === 'services' && path.length === 1)
    return serviceHoverText(config.services ?? [], `services.${key}`);
  if (path[0] === 'services' && path.length === 2)
    return documented(SERVICE_KEYS.find((entry) => entry.key === key)?.doc);
  if (path[0] === 'environments' && path.length === 1) return environment(config, key);
  if (path[0] === 'environments' && path.length === 2) return variable(config, key);
  return undefined;
}

function environment(config: ProjectConfig, name: string): string | undefined {
  if (!config.environments.some((env) => env.name === name)) return undefined;
  const names = config.keys.filter((key) => key.environment === name).map((key) => `\`${key.name}\``);
  const isDefault = config.defaultEnvironment === name ? ' (the default)' : '';
  return `**${name}** — environment${isDefault}: ${names.length > 0 ? names.join(', ') : 'no variables'}`;
}

function variable(config: ProjectConfig, name: string): string | undefined {
  const keys = config.keys.filter((key) => key.name === name);
  if (keys.length === 0) return undefined;
  const secret = config.secrets.includes(name);
  const lines = [`**${name}** — variable, used in suites as \`\${${name}}\``];
  for (const key of keys) {
    const value = secret ? MASK : formatValue(key.value);
    lines.push(`- \`${key.environment}\`: \`${value.length > 200 ? `${value.slice(0, 200)}…` : value}\``);
  }
  const { missing } = environmentsDefining(config, name);
  if (missing.length > 0) lines.push(`- not defined in ${missing.map((env) => `\`${env}\``).join(', ')}`);
  if (secret) lines.push('_secret: masked in every output_');
  return lines.join('\n\n');
}
