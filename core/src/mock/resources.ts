/** `resources:` — stateful collections (SPEC §9). */
import type { DynamicRoutes, ResourceDef } from './types.js';

/** The routes of one collection; throws an Error naming the seed file when it cannot be read. */
export function resourceRoutes(def: ResourceDef): DynamicRoutes {
  throw new Error(`resource \`${def.name}\`: resources are not implemented yet`);
}
