/**
 * The extension host's side of the runner process (dist/run-worker.js, protocol in
 * worker/protocol.ts). One process per Test Explorer run, forked on its first suite: the engine's
 * CPU work never blocks the extension host, and a crash or a hang ends only this run. On cancel it
 * asks the runner to abort (requests stop, `after` steps run) and kills it if it has not exited
 * {@link KILL_AFTER_MS} later. No `vscode` here.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RunEvent, RunOptions, SuiteDocument, SuiteResult } from '../../../core/src/index.js';
import type { HookRun } from '../../../core/src/run/setup.js';
import { toWire, type HostMessage, type RunnerMessage } from '../worker/protocol.js';
import type { HookConfig, HookKind } from './hooks.js';
import { RunInterrupted } from './runner.js';

/** How long a cancelled (or closing) runner may take to exit before it is killed. */
export const KILL_AFTER_MS = 1000;

export const STOPPED_MESSAGE = 'Run cancelled: the Bluebook runner stopped responding and was stopped.';

/** The slice of `ChildProcess` used here (unit tests pass a fake). */
export interface RunnerChild {
  readonly pid?: number | undefined;
  readonly connected: boolean;
  send(message: HostMessage): boolean;
  kill(signal: NodeJS.Signals): boolean;
  disconnect(): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface RunnerProcessOptions {
  /** Starts the process; throws when it cannot (message shown on the run's items). */
  spawn(): RunnerChild;
  onStart?(pid: number): void;
  killAfterMs?: number;
}

interface Pending {
  onEvent?: (event: RunEvent) => void;
  resolve(done: { result?: SuiteResult; hook?: HookRun }): void;
  reject(error: Error): void;
}

export class RunnerProcess {
  private child: RunnerChild | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the process is gone (or never started): why further runs cannot happen. */
  private endReason: string | undefined;
  private killTimer: ReturnType<typeof setTimeout> | undefined;
  private stoppedByUs = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunnerProcessOptions) {}

  /** Runs one suite in the process, with `runSuite`'s signature so the run logic can call either. */
  readonly run = async (doc: SuiteDocument, options: RunOptions): Promise<SuiteResult> => {
    const done = await this.request(
      (id) => ({ type: 'run', id, suite: { path: doc.uri, text: doc.text }, options: toWire(options) }),
      options,
    );
    if (!done.result) throw new Error('the runner sent no result');
    return done.result;
  };

  /** Runs a config's `setup` or `teardown` in the process (hooks.ts). */
  readonly hook = async (kind: HookKind, config: HookConfig, options: RunOptions): Promise<HookRun> => {
    const done = await this.request(
      (id) => ({ type: 'hook', id, kind, config: config.path, options: toWire(options) }),
      options,
    );
    if (!done.hook) throw new Error('the runner sent no result');
    return done.hook;
  };

  private request(
    message: (id: number) => HostMessage,
    options: RunOptions,
  ): Promise<{ result?: SuiteResult; hook?: HookRun }> {
    const child = this.endReason === undefined ? this.start() : undefined;
    if (!child) return Promise.reject(new RunInterrupted(this.endReason ?? STOPPED_MESSAGE));
    // Gone, but its `exit` not delivered yet: wait for it to say why.
    if (!child.connected)
      return this.exited.then(() => Promise.reject(new RunInterrupted(this.endReason ?? STOPPED_MESSAGE)));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
      child.send(message(id));
      const cancel = () => this.cancel(id);
      if (options.signal?.aborted) cancel();
      else options.signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  /** Lets the process exit (it exits when the host disconnects); kills it if it does not. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.endReason !== undefined) return this.exited;
    if (child.connected) child.disconnect();
    this.armKill();
    return this.exited;
  }

  private start(): RunnerChild | undefined {
    if (this.child) return this.child;
    let child: RunnerChild;
    try {
      child = this.options.spawn();
    } catch (error) {
      this.endReason = `The Bluebook runner could not start: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    this.child = child;
    this.exited = new Promise<void>((resolve) => {
      child.on('exit', (code, signal) => {
        this.ended(this.stoppedByUs ? STOPPED_MESSAGE : crashMessage(code, signal));
        resolve();
      });
      // A process that could not be spawned (or whose channel broke) may never emit `exit`.
      child.on('error', (error) => {
        this.ended(`The Bluebook runner failed: ${error.message}`);
        child.kill('SIGKILL');
        resolve();
      });
    });
    child.on('message', (message) => this.receive(message));
    if (child.pid !== undefined) this.options.onStart?.(child.pid);
    return child;
  }

  private receive(message: unknown): void {
    const { type, id } = (message ?? {}) as Partial<RunnerMessage>;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) return;
    if (type === 'event') pending.onEvent?.((message as Extract<RunnerMessage, { type: 'event' }>).event);
    else if (type === 'done') {
      this.pending.delete(id!);
      const done = message as { result?: SuiteResult; hook?: HookRun; error?: string };
      if (done.result || done.hook) pending.resolve(done);
      else pending.reject(new Error(done.error ?? 'the runner sent no result'));
    }
  }

  private cancel(id: number): void {
    if (this.pending.has(id) && this.child?.connected) this.child.send({ type: 'cancel', id });
    this.armKill();
  }

  private armKill(): void {
    if (this.killTimer || this.endReason !== undefined) return;
    this.killTimer = setTimeout(() => {
      if (this.endReason !== undefined) return;
      this.stoppedByUs = true;
      this.child?.kill('SIGKILL');
    }, this.options.killAfterMs ?? KILL_AFTER_MS);
  }

  /** The process is gone (or unusable): every run still waiting ends with `reason`. */
  private ended(reason: string): void {
    clearTimeout(this.killTimer);
    this.endReason ??= reason;
    for (const pending of this.pending.values()) pending.reject(new RunInterrupted(this.endReason));
    this.pending.clear();
  }
}

function crashMessage(code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal ? `was killed (${signal})` : `exited with code ${code ?? 'unknown'}`;
  return `The Bluebook runner process ${how} before the run finished; the "Bluebook" output shows its error output. Run again to retry.`;
}

/**
 * Forks dist/run-worker.js. `ELECTRON_RUN_AS_NODE` makes VS Code desktop's Electron binary act as
 * Node (as vscode-languageclient does); code-server's extension host already is Node. The host's
 * `execArgv` (inspector flags, …) is not inherited.
 */
export function forkRunner(modulePath: string, onOutput: (text: string) => void): RunnerChild {
  if (!existsSync(modulePath))
    throw new Error(`the runner bundle ${modulePath} is missing: run "npm run build"`);
  const child = fork(modulePath, [], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    silent: true,
  });
  child.stdout?.setEncoding('utf8').on('data', onOutput);
  child.stderr?.setEncoding('utf8').on('data', onOutput);
  return child;
}
