/** `openapi:` — a route for every operation of an OpenAPI document (SPEC §9). */
import type { DynamicRoutes } from './types.js';

/** Loads and dereferences the document; rejects with an Error saying what is wrong with it. */
export async function openApiRoutes(file: string): Promise<DynamicRoutes> {
  throw new Error(`${file}: openapi mocks are not implemented yet`);
}
