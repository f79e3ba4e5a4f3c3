/** Walking a mock file's YAML: spans, values, and the mapping keys MOCK_KEYS allows. */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { suggested } from '../diagnostics.js';
import type { DiagnosticCode, Fix, Severity } from '../diagnostics.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import { mockKeyNames, type MockKeyContext } from './keys.js';

export type YamlPair = Pair<Node, Node | null>;

export type Report = (
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra?: { severity?: Severity; fixes?: Fix[]; data?: Record<string, unknown> },
) => void;

export function spanOf(node: Node | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

export function toJS(node: Node | null | undefined): unknown {
  try {
    return node ? node.toJSON() : null;
  } catch {
    return null;
  }
}

/** A pair's key as text (pairs from `knownPairs` have scalar keys). */
export function keyOf(pair: YamlPair): string {
  return String((pair.key as { value: unknown }).value);
}

/** The pairs of a mapping whose keys are known in `context`; reports unknown and repeated keys. */
export function knownPairs(map: Node, context: MockKeyContext, where: string, report: Report): YamlPair[] {
  if (!isMap(map)) return [];
  const known = mockKeyNames(context);
  const seen = new Set<string>();
  const result: YamlPair[] = [];
  for (const pair of map.items as YamlPair[]) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const keySpan = spanOf(pair.key);
    if (!known.includes(key)) {
      const suggestion = closest(key, known);
      report(
        'unknown-key',
        keySpan,
        suggestion
          ? `unknown key \`${key}\` in ${where} — did you mean \`${suggestion}\`?`
          : `unknown key \`${key}\` in ${where}; expected one of: ${known.join(', ')}`,
        suggested(keySpan, suggestion),
      );
      continue;
    }
    if (seen.has(key)) {
      report('invalid-mock', keySpan, `duplicate key \`${key}\` in ${where}; each key may appear once`);
      continue;
    }
    seen.add(key);
    result.push(pair);
  }
  return result;
}
