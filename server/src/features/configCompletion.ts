import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver';
import {
  CONFIG_KEYS,
  KEYS,
  SERVICE_KEYS,
  environmentsDefining,
  type KeyDoc,
  type LineIndex,
  type ProjectConfig,
} from '../../../core/src/index.js';
import { cursorContext, siblingKeys, type CursorContext } from '../cursor.js';
import { HEADERS, headerNameItems } from '../http.js';
import { pathItems } from '../paths.js';
import { configSource } from '../useSteps.js';
import type { Suites } from '../workspace.js';
import { serviceItems, servicesRootItem } from './serviceCompletion.js';
import { isUseValue, useItems } from './useCompletion.js';

const MOCK_FILE = /\.mock\.ya?ml$/i;
/** Matches no file name: only folders are offered. */
const FOLDERS_ONLY = /(?!)/;

/**
 * Completion in `bluebook.config.yaml`: the top-level keys (from core's key table, with docs),
 * environment names as the value of `defaultEnvironment`, variable names inside `secrets`,
 * request-option keys under `defaults`, and — inside one environment — the variables other
 * environments define but this one does not yet; suite paths and test ids after `use:` in
 * `setup`/`teardown`; a service's keys under `services:`, other services' names in `dependsOn`,
 * `*.mock.yaml` files after `mock:` and folders after `cwd:`, and `${services.NAME.url|port|host}`
 * (and a service's own `${port}`) in environments and services.
 */
export function configCompletion(
  config: ProjectConfig,
  position: Position,
  use?: { uri: string; suites: Suites },
): CompletionList {
  const lines = config.lineIndex;
  const cursor = cursorContext(lines, lines.offsetAt(position));
  if (cursor.interpolation) return { isIncomplete: false, items: interpolationItems(config, cursor) };
  if (use && isUseValue(cursor))
    return { isIncomplete: false, items: useItems(configSource(config, use.uri), cursor, use.suites) };
  const items = cursor.position === 'key' ? keyItems(config, cursor) : valueItems(config, cursor);
  return { isIncomplete: false, items };
}

function keyItems(config: ProjectConfig, cursor: CursorContext): CompletionItem[] {
  const path = cursor.path;
  const present = siblingKeys(config.lineIndex, cursor);
  if (path.length === 0) return documented(CONFIG_KEYS, present);
  if (path[0] === 'defaults') {
    if (path.length === 1) return documented(KEYS.defaults, present);
    if (path.length === 2 && path[1] === 'auth') return documented(KEYS.auth, present);
    if (path.length === 2 && path[1] === 'headers') return headerNameItems(present);
    return [];
  }
  if (path[0] === 'environments' && path.length === 2) {
    // Variables the other environments define: a key missing here is a warning in every suite.
    return variableNames(config)
      .filter((name) => !present.has(name))
      .map((name) => ({
        label: name,
        kind: CompletionItemKind.Variable,
        detail: `defined in ${environmentsDefining(config, name).defining.join(', ')}`,
        insertText: `${name}: `,
      }));
  }
  if (path[0] === 'secrets' && path.length === 2 && path[1] === '-') return secretItems(config, cursor);
  if (path[0] === 'services' && path.length === 2) return documented(SERVICE_KEYS, present);
  if (path[0] === 'services' && path.length === 4 && path[2] === 'dependsOn' && path[3] === '-')
    return otherServices(config, path[1]);
  return [];
}

/** Inside `${…}`: the services (in environments and services) and a service's own `port`. */
function interpolationItems(config: ProjectConfig, cursor: CursorContext): CompletionItem[] {
  const area = cursor.path[0];
  if (area !== 'environments' && area !== 'services') return [];
  const { prefix, start } = cursor.interpolation!;
  const range = config.lineIndex.rangeOf({ start, end: start + prefix.length });
  const own = area === 'services' ? cursor.path[1] : undefined;
  // A service cannot refer to itself: that would be a dependency cycle.
  const services = (config.services ?? []).filter((service) => service.name !== own);
  const named = serviceItems(services, prefix, range);
  if (named) return named;
  const port: CompletionItem[] =
    own !== undefined
      ? [
          {
            label: 'port',
            kind: CompletionItemKind.Variable,
            documentation: 'The port of this service: a free one chosen at start, or its `port:`.',
            textEdit: { range, newText: 'port' },
            sortText: '1port',
          },
        ]
      : [];
  return [...port, ...servicesRootItem(services, range)];
}

/** The other services' names, for `dependsOn`. */
function otherServices(config: ProjectConfig, name: string): CompletionItem[] {
  return (config.services ?? [])
    .filter((service) => service.name !== name)
    .map((service) => ({
      label: service.name,
      kind: CompletionItemKind.Module,
      detail: service.mock !== undefined ? 'mock service' : service.command,
    }));
}

function valueItems(config: ProjectConfig, cursor: CursorContext): CompletionItem[] {
  const path = cursor.path;
  const key = cursor.key ?? '';
  if (path.length === 0 && key === 'defaultEnvironment') {
    return config.environments.map((env, index) => {
      const count = config.keys.filter((entry) => entry.environment === env.name).length;
      return {
        label: env.name,
        kind: CompletionItemKind.EnumMember,
        detail: `environment, ${count} variable${count === 1 ? '' : 's'}`,
        sortText: String(index).padStart(4, '0'),
      };
    });
  }
  if (path.length === 0 && key === 'secrets') return secretItems(config, cursor);
  if (path[0] === 'services' && path.length === 2 && key === 'dependsOn')
    return otherServices(config, path[1]);
  if (path[0] === 'services' && path.length === 2 && (key === 'mock' || key === 'cwd'))
    return pathItems(config.path, config.lineIndex, cursor, key === 'mock' ? MOCK_FILE : FOLDERS_ONLY);
  if (path[0] === 'services' && path.length === 2 && key === 'reuseExisting')
    return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value }));
  if (path[0] === 'defaults' && path.length === 1 && key === 'followRedirects')
    return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value }));
  if (path[0] === 'defaults' && path.length === 2 && path[1] === 'headers')
    return (HEADERS[key.toLowerCase()]?.values ?? []).map((value) => ({
      label: value,
      kind: CompletionItemKind.Value,
    }));
  return [];
}

/** Variable names for `secrets`, without those already listed (parsed, or typed in the list). */
function secretItems(config: ProjectConfig, cursor: CursorContext): CompletionItem[] {
  const typed = typedSecrets(config.lineIndex, cursor);
  // The parsed list includes the word being typed; only the typed words elsewhere count for it.
  const listed = new Set([...config.secrets.filter((name) => name !== cursor.prefix), ...typed]);
  return variableNames(config)
    .filter((name) => !listed.has(name))
    .map((name) => ({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: `defined in ${environmentsDefining(config, name).defining.join(', ')}`,
    }));
}

/**
 * Names written in the `secrets` list around the cursor. A half-typed list does not parse (a
 * `- ` with nothing after it is a null), so the lines of the block are read as words.
 */
function typedSecrets(lines: LineIndex, cursor: CursorContext): string[] {
  const here = lines.positionAt(cursor.prefixStart).line;
  let start = here;
  while (start > 0 && !/^secrets\s*:/.test(lines.lineText(start))) start--;
  const words: string[] = [];
  for (let line = start; line < lines.lineCount; line++) {
    let text = lines.lineText(line);
    if (line > start && /^[^\s#-]/.test(text)) break;
    if (line === here) {
      // The word being typed is not "listed" yet.
      const column = lines.positionAt(cursor.prefixStart).character;
      text = `${text.slice(0, column)} ${text.slice(column + cursor.prefix.length)}`;
    }
    const content = line === start ? text.replace(/^secrets\s*:/, '') : text;
    words.push(...(content.replace(/#.*$/, '').match(/[\w.-]+/g) ?? []).filter((word) => word !== '-'));
  }
  return words;
}

/** Every variable name of every environment, once, in file order. */
function variableNames(config: ProjectConfig): string[] {
  return [...new Set(config.keys.map((key) => key.name))];
}

function documented(keys: KeyDoc[], present: Set<string>): CompletionItem[] {
  return keys
    .filter(({ key }) => !present.has(key))
    .map(({ key, doc }) => ({
      label: key,
      kind: CompletionItemKind.Property,
      documentation: { kind: MarkupKind.Markdown, value: doc },
      insertText: `${key}: `,
    }));
}
