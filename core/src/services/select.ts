/** Which services a run needs, and the order they start in. */
import type { ProjectConfig } from '../config.js';
import type { ServiceSpec } from './types.js';

/** `${services.NAME…}` or `${{ services.NAME… }}` in any text. */
const REFERENCE = /\$\{\{?\s*services\.([A-Za-z_][\w-]*)/g;

/** The service names `value` refers to (strings anywhere inside it). */
export function referencedServices(value: unknown): string[] {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return [...text.matchAll(REFERENCE)].map((match) => match[1]);
}

/**
 * The services a run of `environmentName` needs: those its values, the config's `defaults`,
 * `setup` and `teardown` (and `texts`, e.g. the suites run) refer to, with every service those
 * refer to in turn (`dependsOn`, `${services.X…}` in a service's `env` or `command`), in start order.
 */
export function selectServices(
  config: ProjectConfig,
  environmentName: string | undefined,
  texts: readonly string[] = [],
): string[] {
  const services = config.services ?? [];
  if (services.length === 0) return [];
  const roots = [
    environmentName !== undefined && Object.hasOwn(config.environmentValues, environmentName)
      ? config.environmentValues[environmentName]
      : {},
    config.defaults,
    config.setup,
    config.teardown,
    ...texts,
  ].flatMap(referencedServices);
  return startOrder(services, roots);
}

/** The services `spec` waits for: `dependsOn` and the ones its settings refer to. */
export function prerequisites(spec: ServiceSpec, known: ReadonlySet<string>): string[] {
  const referred = referencedServices([spec.command, spec.env, spec.ready, spec.stop]);
  return [...new Set([...spec.dependsOn, ...referred])].filter(
    (name) => name !== spec.name && known.has(name),
  );
}

/** `names` and their prerequisites, each after what it waits for (cycles were refused by the parser). */
export function startOrder(services: readonly ServiceSpec[], names: readonly string[]): string[] {
  const byName = new Map(services.map((spec) => [spec.name, spec]));
  const known = new Set(byName.keys());
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    const spec = byName.get(name);
    if (!spec || order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const dependency of prerequisites(spec, known)) visit(dependency);
    visiting.delete(name);
    order.push(name);
  };
  for (const name of names) visit(name);
  return order;
}
