/**
 * What kind of map a key path points into, in a `*.mock.yaml` file (the counterpart of
 * `classifyPath` in cursor.ts, which knows suites). Paths come from `cursorContext`/`enclosingPath`:
 * keys from the root, `-` for a list item.
 */
import type { MockKeyContext } from '../../core/src/mock/keys.js';

export type MockSlot =
  | { kind: 'keys'; context: MockKeyContext }
  | { kind: 'request-headers' }
  | { kind: 'response-headers' }
  | { kind: 'jsonpaths' }
  | { kind: 'matcher' }
  | { kind: 'free' };

export function classifyMockPath(path: string[]): MockSlot {
  if (path.length === 0) return { kind: 'keys', context: 'mock' };
  if (path[0] === 'resources')
    return path.length === 2 ? { kind: 'keys', context: 'resource' } : { kind: 'free' };
  if (path[0] !== 'routes' || path[1] !== '-') return { kind: 'free' };
  const rest = path.slice(2);
  if (rest.length === 0) return { kind: 'keys', context: 'route' };
  switch (rest[0]) {
    case 'respond':
      return respondSlot(rest[1] === '-' ? rest.slice(2) : rest.slice(1));
    case 'headers':
      return rest.length === 1 ? { kind: 'request-headers' } : { kind: 'matcher' };
    case 'query':
      return rest.length === 1 ? { kind: 'free' } : { kind: 'matcher' };
    case 'json':
      return rest.length === 1 ? { kind: 'jsonpaths' } : { kind: 'matcher' };
    default:
      return { kind: 'free' };
  }
}

/** Inside one response (`respond:` itself, or an item of its list). */
function respondSlot(rest: string[]): MockSlot {
  if (rest.length === 0) return { kind: 'keys', context: 'respond' };
  if (rest[0] === 'headers' && rest.length === 1) return { kind: 'response-headers' };
  return { kind: 'free' };
}
