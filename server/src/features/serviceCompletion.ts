import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { ServiceSpec } from '../../../core/src/services/types.js';

/** What `${services.NAME.…}` gives once the service runs (RunningServices.variables()). */
export const SERVICE_FIELDS: { name: string; doc: string }[] = [
  { name: 'url', doc: 'Base URL of the running service: `http://127.0.0.1:PORT`.' },
  { name: 'port', doc: 'Port of the running service (the free one chosen, or its `port:`).' },
  { name: 'host', doc: 'Host of the running service: `127.0.0.1`.' },
];

/**
 * Completion of `${services.…` (in environments, service `env`/`ready` and suites): the services
 * the config declares after `services.`, their fields after `services.NAME.`. Undefined when what
 * is typed does not start with `services.`. Each item replaces `range` (the text after `${`).
 */
export function serviceItems(
  services: readonly ServiceSpec[],
  typed: string,
  range: Range,
): CompletionItem[] | undefined {
  if (!typed.startsWith('services.')) return undefined;
  const [, name, ...rest] = typed.split('.');
  if (rest.length === 0)
    return services.map((service) => ({
      label: `services.${service.name}`,
      kind: CompletionItemKind.Module,
      detail: service.mock !== undefined ? 'mock service' : (service.command ?? 'service'),
      textEdit: { range, newText: `services.${service.name}.` },
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    }));
  if (rest.length > 1 || !services.some((service) => service.name === name)) return [];
  return SERVICE_FIELDS.map((field) => ({
    label: `services.${name}.${field.name}`,
    kind: CompletionItemKind.Field,
    documentation: field.doc,
    textEdit: { range, newText: `services.${name}.${field.name}` },
  }));
}

/** The `services.` entry among the other names after `${`, when the config declares services. */
export function servicesRootItem(services: readonly ServiceSpec[], range: Range): CompletionItem[] {
  if (services.length === 0) return [];
  return [
    {
      label: 'services.',
      kind: CompletionItemKind.Module,
      detail: `${services.length} service${services.length === 1 ? '' : 's'} of bluebook.config.yaml`,
      textEdit: { range, newText: 'services.' },
      sortText: '2services',
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    },
  ];
}
