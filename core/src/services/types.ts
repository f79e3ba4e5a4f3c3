/** The shapes of `services:` (SPEC §10) shared by core, the CLI and the extension. */
import type { Span } from '../span.js';

/** One entry of `services:` in bluebook.config.yaml, parsed (values not yet interpolated). */
export interface ServiceSpec {
  name: string;
  /** The key's span in the config text. */
  span: Span;
  /** A shell command; absent for a `mock:` service. */
  command?: string;
  /** Path of the `*.mock.yaml` file of a mock service (absolute). */
  mock?: string;
  /** Absolute working directory (default: the config's folder). */
  cwd: string;
  env: Record<string, string>;
  /** A fixed port (`port:`); otherwise a free one is chosen at start. */
  port?: number;
  ready?: { url: string } | { output: string };
  /** Readiness deadline in ms (default 60 s). */
  timeoutMs: number;
  reuseExisting: boolean;
  dependsOn: string[];
  stop: { signal: NodeJS.Signals; timeoutMs: number } | { command: string; timeoutMs: number };
}

export type ServiceStatus = 'starting' | 'ready' | 'reused' | 'stopping' | 'stopped' | 'failed';

export interface ServiceState {
  name: string;
  status: ServiceStatus;
  /** `http://127.0.0.1:PORT` once known. */
  url?: string;
  port?: number;
  pid?: number;
  /** `.bluebook/logs/<name>.log` */
  logFile?: string;
  /** Why it failed or stopped unexpectedly. */
  message?: string;
  /** Milliseconds from the start request to ready (0 when reused). */
  readyMs?: number;
}

export interface ServiceLogTail {
  name: string;
  lines: string[];
}

export interface StartServicesOptions {
  /** Folder for `<name>.log` (default `<config folder>/.bluebook/logs`). */
  logDir?: string;
  /** Each line a service writes (stdout and stderr), redacted. */
  onOutput?: (name: string, line: string) => void;
  onState?: (state: ServiceState) => void;
  /** Aborting stops whatever has started and rejects. */
  signal?: AbortSignal;
  /** `process.env` by default; the values of `${env.X}` in service `env`. */
  processEnv?: Record<string, string | undefined>;
  /** Secret values to redact from output and logs (the config's `secrets`, resolved). */
  secrets?: string[];
  /** Serves a `mock:` service (default: core's `startMock`); tests and hosts may pass their own. */
  startMock?: (
    file: string,
    options: { port?: number },
  ) => Promise<{ url: string; port: number; close(): Promise<void> }>;
}

/** The running services of one run (or one editor session). */
export interface RunningServices {
  states(): ServiceState[];
  /** `{ api: { url, port, host } }`: the value of the `services` variable in suites and environments. */
  variables(): Record<string, { url: string; port: number; host: string }>;
  /** The last `lines` lines of each service's output since it started. */
  tails(lines?: number): ServiceLogTail[];
  restart(name: string): Promise<void>;
  /** Stops every service in reverse dependency order; never rejects. */
  stop(): Promise<void>;
}

/** A service that could not start: exit 2 with its tail. */
export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
    readonly tail: string[],
  ) {
    super(`service \`${service}\` ${reason}`);
    this.name = 'ServiceStartError';
  }
}
