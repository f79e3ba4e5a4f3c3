/** How the mock providers' messages name values and lists. */

/** `an object`, `an array`, `a string`, `null`…: how messages name what a JSON value is. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `GET`, `GET or POST`, `GET, PUT or DELETE`. */
export function anyOf(names: readonly string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
