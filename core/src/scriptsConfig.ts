/** `scripts: { timeout, memory }` of bluebook.config.yaml (SPEC §8): the sandbox's limits. */
import { isMap, isScalar, type Node } from 'yaml';
import { parseDuration } from './duration.js';
import type { ScriptLimits } from './script/types.js';
import type { Span } from './span.js';

export const MAX_SCRIPT_TIMEOUT_MS = 60_000;
export const MAX_SCRIPT_MEMORY_MB = 1024;

const MEGABYTES = /^\s*(\d+(?:\.\d+)?)\s*(?:MB)?\s*$/i;

type Report = (span: Span, message: string) => void;

/** The limits a `scripts` mapping sets; every problem is reported at its value. */
export function parseScriptsConfig(
  node: Node | null,
  spanOf: (node: Node | null) => Span,
  report: Report,
): ScriptLimits {
  const limits: ScriptLimits = {};
  if (!isMap(node)) {
    report(spanOf(node), '`scripts` must be a mapping: `{ timeout: 1s, memory: 32MB }`');
    return limits;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const raw = isScalar(value) ? value.value : undefined;
    if (key === 'timeout') {
      const ms = parseDuration(raw);
      if (ms === undefined || ms <= 0 || ms > MAX_SCRIPT_TIMEOUT_MS)
        report(
          spanOf(value ?? (pair.key as Node)),
          '`scripts.timeout` must be a duration from 1ms to 60s, such as `1s` or `500ms`',
        );
      else limits.timeoutMs = ms;
    } else if (key === 'memory') {
      const match =
        typeof raw === 'number'
          ? [String(raw), String(raw)]
          : typeof raw === 'string'
            ? MEGABYTES.exec(raw)
            : null;
      const mb = match ? Number(match[1]) : NaN;
      if (!(mb >= 1 && mb <= MAX_SCRIPT_MEMORY_MB))
        report(
          spanOf(value ?? (pair.key as Node)),
          `\`scripts.memory\` must be a size from 1MB to ${MAX_SCRIPT_MEMORY_MB}MB, such as \`32MB\``,
        );
      else limits.memoryBytes = Math.round(mb * 1024 * 1024);
    } else
      report(spanOf(pair.key as Node), `unknown key \`${key}\` in \`scripts\`; expected timeout, memory`);
  }
  return limits;
}
