/**
 * Which entries of the request-option layers (config `defaults`, suite `defaults`, the step) a
 * request sends. Only those are interpolated: a default that a step overrides, or removes with
 * `auth: null` / `headers: { name: null }`, is never evaluated. The request builder and validation
 * both call this, so they agree on which defaults a step sends.
 */
import type { Entry, RequestOptions } from '../model.js';

export interface Applied {
  entry: Entry<unknown>;
  layer: RequestOptions;
}

export interface AppliedOptions {
  /** The winning entry of each header name (lower-cased), in first-set order; removals left out. */
  headers: Map<string, Applied>;
  /** The `auth` that applies, unless removed with `null` or replaced by an `authorization` header. */
  auth?: Applied;
}

/**
 * Merges headers by (case-insensitive) name and picks the highest `auth`. `nameOf` gives a header
 * entry's name (the run interpolates `${...}` in names; validation takes them as written).
 */
export function applyLayers(
  layers: readonly RequestOptions[],
  nameOf: (entry: Entry<unknown>, layer: RequestOptions) => string,
): AppliedOptions {
  const headers = new Map<string, Applied>();
  for (const layer of layers) {
    for (const entry of layer.headers) {
      const name = nameOf(entry, layer).toLowerCase();
      headers.delete(name);
      if (entry.value !== null && entry.value !== undefined) headers.set(name, { entry, layer });
    }
  }
  const authLayer = [...layers].reverse().find((layer) => layer.auth !== undefined);
  const auth =
    authLayer?.auth && authLayer.auth.value !== null && !headers.has('authorization')
      ? { entry: authLayer.auth, layer: authLayer }
      : undefined;
  return { headers, ...(auth ? { auth } : {}) };
}
