/** The values of the config's secret variables known before a run, to redact from service output. */
import { Scope } from '../interpolate.js';

export function secretValues(
  environment: Record<string, unknown>,
  env: Record<string, string | undefined>,
  secretNames: readonly string[],
): string[] {
  const scope = new Scope({ environment }, env);
  const values: string[] = [];
  for (const name of secretNames) {
    try {
      const value = scope.lookup(name);
      if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
    } catch {
      // Refers to a service, or is captured later: unknown before the run.
    }
  }
  return values;
}
