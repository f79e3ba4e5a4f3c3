import { setOwn } from './own.js';

/**
 * The one deterministic value formatter: sorted keys, 2-space JSON, `absent` for undefined.
 * Every place that shows a value (CLI, TestMessage diffs, reports) uses it so diffs are stable.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(sortKeys(value), null, 2) ?? String(value);
}

/** Like `formatValue`, but a string is shown raw (for text bodies and headers in diffs). */
export function formatForDiff(value: unknown): string {
  return typeof value === 'string' ? value : formatValue(value);
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      setOwn(sorted, key, sortKeys((value as Record<string, unknown>)[key]));
    return sorted;
  }
  return value;
}
