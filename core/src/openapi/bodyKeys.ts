/**
 * The keys a JSON request body may have at a nesting path, read from the operation's schema:
 * `properties` (merged through `allOf`, `oneOf` and `anyOf`), array `items` for `-` steps.
 * Only the path asked for is walked, so a cyclic or huge schema costs nothing more.
 */

export interface BodyKey {
  name: string;
  required: boolean;
  description?: string;
  type?: string;
}

const MAX_BRANCHES = 50;

/** Keys of the object at `path` (object keys, `-` for an array item) in `schema`. */
export function bodyKeysAt(schema: unknown, path: readonly string[]): BodyKey[] {
  let current = [schema];
  for (const step of path) {
    current = current.flatMap((node) =>
      variants(node).flatMap((variant) => {
        if (step === '-') return isObject(variant.items) ? [variant.items] : [];
        const properties = isObject(variant.properties) ? variant.properties : {};
        return Object.hasOwn(properties, step) ? [properties[step]] : [];
      }),
    );
    if (current.length === 0) return [];
  }
  const keys = new Map<string, BodyKey>();
  for (const node of current)
    for (const variant of variants(node)) {
      const required = new Set(Array.isArray(variant.required) ? variant.required : []);
      const properties = isObject(variant.properties) ? variant.properties : {};
      for (const [name, property] of Object.entries(properties)) {
        const known = keys.get(name);
        const described = isObject(property) ? property : {};
        keys.set(name, {
          name,
          required: (known?.required ?? false) || required.has(name),
          ...(typeof described.description === 'string' ? { description: described.description } : {}),
          ...(typeof described.type === 'string' ? { type: described.type } : {}),
        });
      }
    }
  return [...keys.values()].sort((a, b) => Number(b.required) - Number(a.required));
}

/** The schema and the schemas it combines (`allOf`, `oneOf`, `anyOf`, nested), cycles cut. */
function variants(schema: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!isObject(node) || seen.has(node) || found.length >= MAX_BRANCHES) return;
    seen.add(node);
    found.push(node);
    for (const combinator of ['allOf', 'oneOf', 'anyOf'])
      if (Array.isArray(node[combinator])) for (const branch of node[combinator]) visit(branch);
  };
  visit(schema);
  return found;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
