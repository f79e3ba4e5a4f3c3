/**
 * Which operation of an OpenAPI document a response answers: its method and a path template matched
 * below one of the servers' base paths (operation, then path item, then document `servers`), or
 * below the suite's `baseUrl`. A literal path wins over a templated one, as OpenAPI says.
 */
import { matchTokens, type PathMatcher } from '../mock/pattern.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface Operation {
  /** `GET` */
  method: string;
  /** `/users/{id}` */
  template: string;
  /** Path prefixes the template is relative to (`/api/v1`; `''` for the root). */
  bases: string[];
  /** The operation object of the dereferenced document. */
  object: Record<string, unknown>;
  params: number;
  match: PathMatcher;
}

interface Server {
  url?: unknown;
  variables?: Record<string, { default?: unknown } | undefined>;
}

export function operationsOf(doc: {
  paths?: Record<string, Record<string, unknown> | undefined>;
  servers?: unknown;
}): Operation[] {
  const operations: Operation[] = [];
  const rootBases = basePaths(doc.servers) ?? [''];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    const itemBases = basePaths(item.servers) ?? rootBases;
    const match = templateMatcher(template);
    for (const method of METHODS) {
      const object = item[method];
      if (!object || typeof object !== 'object') continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        bases: basePaths((object as { servers?: unknown }).servers) ?? itemBases,
        object: object as Record<string, unknown>,
        params: (template.match(/\{[^}]*\}/g) ?? []).length,
        match,
      });
    }
  }
  return operations.sort((a, b) => a.params - b.params);
}

/**
 * The operation a request is: `path` (the URL's pathname) is tried below each base path of the
 * operation, then relative to `basePath` (the pathname of the suite's `baseUrl`), when given.
 */
export function findOperation(
  operations: readonly Operation[],
  method: string,
  path: string,
  basePath?: string,
): Operation | undefined {
  for (const operation of operations) {
    if (operation.method !== method) continue;
    for (const base of operation.bases) if (matchesBelow(operation, path, base)) return operation;
  }
  if (basePath === undefined) return undefined;
  const base = trimSlash(basePath);
  return operations.find((operation) => operation.method === method && matchesBelow(operation, path, base));
}

function matchesBelow(operation: Operation, path: string, base: string): boolean {
  if (base === '') return operation.match(path) !== false;
  if (!path.startsWith(base) || (path.length > base.length && path[base.length] !== '/')) return false;
  return operation.match(path.slice(base.length) || '/') !== false;
}

/** The pathnames of `servers` (variables at their defaults); undefined when none are listed. */
function basePaths(servers: unknown): string[] | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const paths = new Set<string>();
  for (const server of servers as Server[]) {
    if (typeof server?.url !== 'string') continue;
    const url = server.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
      const value = server.variables?.[name]?.default;
      return typeof value === 'string' ? value : '';
    });
    try {
      paths.add(trimSlash(new URL(url, 'http://server.invalid').pathname));
    } catch {
      paths.add('');
    }
  }
  return paths.size > 0 ? [...paths] : undefined;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

/** `/pets/{petId}` as path-to-regexp tokens: the template's text is never read as a pattern. */
function templateMatcher(template: string): PathMatcher {
  return matchTokens(
    template
      .split(/(\{[^}]*\})/)
      .filter((part) => part !== '')
      .map((part) =>
        /^\{[^}]*\}$/.test(part)
          ? { type: 'param' as const, name: part.slice(1, -1) }
          : { type: 'text' as const, value: part },
      ),
  );
}
