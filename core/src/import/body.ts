/** A request body given as text and a content type → the suite's `json`, `form` or `body`. */
import type { BodySpec } from './types.js';

/** Applies `convert` to every string (and key) of a parsed JSON value. */
export function mapStrings(value: unknown, convert: (text: string) => string): unknown {
  if (typeof value === 'string') return convert(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, convert));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [convert(key), mapStrings(item, convert)]),
    );
  }
  return value;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * JSON (by content type, or an object/array without one) → `json:`; urlencoded pairs → `form:`;
 * anything else → `body:` as is. `convert` turns source text into suite text.
 */
export function bodyFromText(
  text: string,
  contentType: string | undefined,
  convert: (text: string) => string,
): BodySpec {
  const type = contentType?.toLowerCase() ?? '';
  const trimmed = text.trim();
  const looksJson = type.includes('json') || (/^[[{]/.test(trimmed) && !type.includes('xml'));
  if (looksJson) {
    const parsed = parseJson(trimmed);
    if (parsed && (type.includes('json') || typeof parsed.value === 'object')) {
      return { json: mapStrings(parsed.value, convert) };
    }
  }
  if (type.includes('x-www-form-urlencoded') && /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/.test(trimmed)) {
    return { form: formFields(trimmed, convert) };
  }
  return { body: convert(text) };
}

/** `a=1&b=2&b=3` → `{ a: '1', b: ['2', '3'] }`. */
export function formFields(
  text: string,
  convert: (text: string) => string,
): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const [name, raw] of new URLSearchParams(text)) {
    const key = convert(name);
    const value = convert(raw);
    const existing = fields.get(key);
    fields.set(
      key,
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value],
    );
  }
  return Object.fromEntries(fields);
}
