/**
 * The services of editor runs (SPEC §10): the first run whose environment needs them starts them,
 * later runs use the same processes. They start again only when the config's `services:` changed,
 * a run needs one that is not running, or one died. One session per bluebook.config.yaml. A start
 * is shared by every run waiting for it and aborted when all of them are cancelled. No `vscode`.
 */
import type { ProjectConfig } from '../../../core/src/config.js';
import type {
  RunningServices,
  ServiceLogTail,
  ServiceState,
  StartServicesOptions,
} from '../../../core/src/services/types.js';
import { servicesFingerprint } from './fingerprint.js';

export type StartServices = (
  config: ProjectConfig,
  names: string[],
  options: StartServicesOptions,
) => Promise<RunningServices>;

export type StartSettings = Pick<StartServicesOptions, 'processEnv' | 'secrets'>;

/** The value of the `services` variable: `{ api: { url, port, host } }`. */
export type ServicesVariable = ReturnType<RunningServices['variables']>;

export interface ServicesManagerOptions {
  /** core's `startServices` (a fake in unit tests). */
  start: StartServices;
  onOutput?(name: string, line: string): void;
  /** Any service's state changed (the status bar re-renders). */
  onChange?(): void;
  /** A service could not start (`starting`) or stopped by itself later. */
  onFailure?(name: string, message: string, starting: boolean): void;
}

/** A run was cancelled while it waited for its services. */
export class ServicesCancelled extends Error {
  constructor() {
    super('Run cancelled while its services were starting.');
    this.name = 'ServicesCancelled';
  }
}

interface Session {
  configPath: string;
  fingerprint: string;
  names: string[];
  abort: AbortController;
  starting: Promise<RunningServices>;
  running?: RunningServices;
  states: Map<string, ServiceState>;
  waiters: number;
  /** It could not start, or a service stopped or failed by itself after the start. */
  dead: boolean;
  stopping: boolean;
  /** Services being restarted on request: their `stopped` is expected. */
  restarting: Set<string>;
}

export class ServicesManager {
  private readonly sessions = new Map<string, Session>();
  /** Why a run's start failed: its other suites fail with the same error instead of starting again. */
  private readonly failures = new WeakMap<AbortSignal, Map<string, Error>>();

  constructor(private readonly options: ServicesManagerOptions) {}

  /**
   * The `services` variable for a run of `names` (started now, or already running); `settings`
   * (the run's process environment and secret values) apply when they start.
   */
  async prepare(
    config: ProjectConfig,
    names: string[],
    signal: AbortSignal,
    settings: StartSettings = {},
  ): Promise<ServicesVariable> {
    const failed = this.failures.get(signal)?.get(config.path);
    if (failed) throw failed;
    const fingerprint = servicesFingerprint(config);
    let session = this.sessions.get(config.path);
    const usable =
      session &&
      !session.dead &&
      !session.stopping &&
      session.fingerprint === fingerprint &&
      names.every((name) => session!.names.includes(name));
    if (!session || !usable) {
      const wanted = session && session.fingerprint === fingerprint ? union(session.names, names) : names;
      // The new session is visible at once, so suites arriving meanwhile wait for it instead.
      const previous = session ? this.end(session) : Promise.resolve();
      session = this.begin(config, wanted, fingerprint, previous, settings);
    }
    try {
      return (await this.wait(session, signal)).variables();
    } catch (error) {
      if (!(error instanceof ServicesCancelled)) {
        const failures = this.failures.get(signal) ?? new Map<string, Error>();
        failures.set(config.path, error as Error);
        this.failures.set(signal, failures);
      }
      throw error;
    }
  }

  /** Every service of every session, in start order. */
  states(): ServiceState[] {
    return [...this.sessions.values()].flatMap((session) => [...session.states.values()]);
  }

  names(): string[] {
    return [...new Set(this.states().map((state) => state.name))];
  }

  /** The last lines of the output of the running services of one config. */
  tails(configPath: string, lines = 20): ServiceLogTail[] {
    return this.sessions.get(configPath)?.running?.tails(lines) ?? [];
  }

  /** Restarts a running service; false when none of that name runs. */
  async restart(name: string): Promise<boolean> {
    const session = [...this.sessions.values()].find(
      (candidate) => candidate.running && candidate.names.includes(name),
    );
    if (!session?.running) return false;
    session.restarting.add(name);
    try {
      await session.running.restart(name);
    } finally {
      session.restarting.delete(name);
    }
    // Restarting the one that died brings the session back.
    session.dead = [...session.states.values()].some(
      (state) => state.status === 'failed' || state.status === 'stopped',
    );
    return true;
  }

  /** Stops every service (a start in progress is aborted); resolves when all have stopped. */
  async stop(): Promise<void> {
    const sessions = [...this.sessions.values()];
    await Promise.all(sessions.map((session) => this.end(session)));
  }

  /** A session whose start begins once `previous` (the session it replaces) has stopped. */
  private begin(
    config: ProjectConfig,
    names: string[],
    fingerprint: string,
    previous: Promise<void>,
    settings: StartSettings,
  ): Session {
    const abort = new AbortController();
    const session = {
      configPath: config.path,
      fingerprint,
      names,
      abort,
      states: new Map(names.map((name) => [name, { name, status: 'starting' }])),
      waiters: 0,
      dead: false,
      stopping: false,
      restarting: new Set(),
    } as Session;
    this.sessions.set(config.path, session);
    session.starting = previous
      .then(() => {
        if (abort.signal.aborted) throw new ServicesCancelled();
        return this.options.start(config, names, {
          ...settings,
          signal: abort.signal,
          onOutput: (name, line) => this.options.onOutput?.(name, line),
          onState: (state) => this.onState(session, state),
        });
      })
      .then(
        (running) => {
          session.running = running;
          return running;
        },
        (error: unknown) => {
          if (this.sessions.get(session.configPath) === session) {
            if (abort.signal.aborted) this.sessions.delete(session.configPath);
            else this.markFailed(session, error);
          }
          this.options.onChange?.();
          throw error;
        },
      );
    // Waiters observe the failure; this keeps an unwaited rejection from being reported as unhandled.
    session.starting.catch(() => undefined);
    this.options.onChange?.();
    return session;
  }

  private wait(session: Session, signal: AbortSignal): Promise<RunningServices> {
    session.waiters++;
    return new Promise<RunningServices>((resolve, reject) => {
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        session.waiters--;
        signal.removeEventListener('abort', cancel);
        finish();
      };
      const cancel = () =>
        settle(() => {
          if (session.waiters === 0 && !session.running) session.abort.abort();
          reject(new ServicesCancelled());
        });
      if (signal.aborted) return cancel();
      signal.addEventListener('abort', cancel, { once: true });
      session.starting.then(
        (running) => settle(() => resolve(running)),
        (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  private onState(session: Session, state: ServiceState): void {
    const previous = session.states.get(state.name);
    session.states.set(state.name, { ...previous, ...state });
    const stoppedByItself = state.status === 'stopped' && !session.restarting.has(state.name);
    const unexpected = session.running && !session.stopping && (state.status === 'failed' || stoppedByItself);
    if (unexpected) {
      session.dead = true;
      this.options.onFailure?.(state.name, state.message ?? `${state.status} unexpectedly`, false);
    }
    this.options.onChange?.();
  }

  private markFailed(session: Session, error: unknown): void {
    const service = (error as { service?: unknown }).service;
    const name = typeof service === 'string' ? service : session.names[0];
    const message = error instanceof Error ? error.message : String(error);
    session.dead = true;
    const state = session.states.get(name);
    session.states.set(name, { ...state, name, status: 'failed', message });
    for (const other of session.states.values())
      if (other.status === 'starting') session.states.set(other.name, { ...other, status: 'stopped' });
    this.options.onFailure?.(name, message, true);
  }

  /** Stops a session (aborting its start) and forgets it. */
  private async end(session: Session): Promise<void> {
    session.stopping = true;
    if (!session.running) session.abort.abort();
    const running = await session.starting.catch(() => undefined);
    await running?.stop();
    if (this.sessions.get(session.configPath) === session) this.sessions.delete(session.configPath);
    this.options.onChange?.();
  }
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
