/** A service's `${port}`, `${services.X.url|port|host}` and `${env.NAME}` filled in at start. */
import { interpolateValue, Scope, stringify } from '../interpolate.js';
import { compileRegex, RegexError } from '../regex.js';
import type { ResolvedCommand } from './process.js';
import type { ServiceSpec } from './types.js';

export type ServiceAddress = { url: string; port: number; host: string };

/** Whether the service's settings use `${port}` (then its address is that port). */
export function usesPort(spec: ServiceSpec): boolean {
  return /\$\{\s*port\s*\}/.test(JSON.stringify([spec.command, spec.env, spec.ready, spec.stop]));
}

/** The settings of a `command` service for this start; throws an Error saying which value failed. */
export function resolveCommand(
  spec: ServiceSpec & { command: string },
  port: number,
  services: Record<string, ServiceAddress>,
  processEnv: Record<string, string | undefined>,
): ResolvedCommand {
  const scope = new Scope({ environment: { port, services } }, processEnv);
  const fill = (value: string, where: string): string => {
    try {
      return stringify(interpolateValue(value, scope));
    } catch (error) {
      throw new Error(`cannot start: ${where}: ${(error as Error).message}`, { cause: error });
    }
  };
  const env: Record<string, string | undefined> = { ...processEnv };
  for (const [name, value] of Object.entries(spec.env)) env[name] = fill(value, `\`env.${name}\``);
  let ready: ResolvedCommand['ready'];
  if (spec.ready && 'url' in spec.ready) ready = { url: fill(spec.ready.url, '`ready.url`') };
  else if (spec.ready) {
    const pattern = fill(spec.ready.output, '`ready.output`');
    try {
      ready = { output: compileRegex(pattern) };
    } catch (error) {
      if (!(error instanceof RegexError)) throw error;
      throw new Error(`cannot start: invalid regex in \`ready.output\` (${pattern}): ${error.message}`, {
        cause: error,
      });
    }
  }
  const stop =
    'command' in spec.stop ? { ...spec.stop, command: fill(spec.stop.command, '`stop.command`') } : spec.stop;
  return {
    command: fill(spec.command, '`command`'),
    cwd: spec.cwd,
    env,
    ...(ready ? { ready } : {}),
    timeoutMs: spec.timeoutMs,
    stop,
  };
}

/** The address of a service on `port`, or of its `ready.url` when it does not use `${port}`. */
export function addressOf(spec: ServiceSpec, port: number, readyUrl: string | undefined): ServiceAddress {
  if (spec.port === undefined && !usesPort(spec) && readyUrl) {
    try {
      const url = new URL(readyUrl);
      const defaultPort = url.protocol === 'https:' ? 443 : 80;
      return { url: url.origin, port: Number(url.port || defaultPort), host: url.hostname };
    } catch {
      // Not a URL: the chosen port below.
    }
  }
  return { url: `http://127.0.0.1:${port}`, port, host: '127.0.0.1' };
}
