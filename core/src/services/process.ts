/**
 * One `command` service: spawned through the shell in its own process group (so stopping it
 * reaches everything it started), awaited until ready, stopped by signal or command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { UserRegex } from '../regex.js';
import type { ServiceOutput } from './output.js';
import { groupAlive } from './group.js';
import { pollUntilAnswers } from './ready.js';

/** A service's settings with every `${…}` filled in. */
export interface ResolvedCommand {
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  ready?: { url: string } | { output: UserRegex };
  timeoutMs: number;
  stop: { signal: NodeJS.Signals; timeoutMs: number } | { command: string; timeoutMs: number };
}

/** The shell's exit code for a command it cannot find. */
const NOT_FOUND = 127;
const GROUP_POLL_MS = 20;
/** How long output still in the pipes may take to arrive after the process exited. */
const DRAIN_MS = 500;

export class ServiceProcess {
  readonly child: ChildProcess;
  /** Set once the shell has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  /** Resolves once its output pipes are closed (everything it wrote has been read). */
  private readonly closed: Promise<void>;
  private stopping = false;

  constructor(
    private readonly settings: ResolvedCommand,
    private readonly output: ServiceOutput,
    onExit: (description: string) => void,
  ) {
    this.child = spawn(settings.command, {
      shell: true,
      cwd: settings.cwd,
      env: settings.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.write('stdout', chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.write('stderr', chunk));
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => resolve());
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        if (!this.stopping) onExit(describeExit(code, signal));
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Resolves when the service is ready; rejects with the reason it never will be (it exited,
   * the deadline passed, it could not be spawned). `aborted` ends the wait early.
   */
  ready(aborted: AbortSignal | undefined): Promise<void> {
    const { ready, timeoutMs } = this.settings;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        aborted?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = (): void => finish(new Error('was interrupted while starting'));
      aborted?.addEventListener('abort', onAbort);
      const timer = setTimeout(
        () =>
          finish(
            new Error(`did not become ready within ${formatMs(timeoutMs)} (${waitingFor(this.settings)})`),
          ),
        timeoutMs,
      );
      this.child.once('error', (error) => finish(new Error(`could not be started: ${error.message}`)));
      // Its last words (read after the exit) belong in the tail.
      void this.exited.then(async () => {
        if (!this.exit) return;
        await withTimeout(this.closed, DRAIN_MS);
        const { code, signal } = this.exit;
        finish(
          new Error(
            code === NOT_FOUND
              ? `could not be started: the shell did not find the command (exit code 127) — check \`command\` (${this.settings.command}) and \`cwd\``
              : `${describeExit(code, signal)} before it was ready`,
          ),
        );
      });
      if (!ready) this.child.once('spawn', () => finish());
      else if ('output' in ready) this.output.listen((line) => ready.output.test(line) && finish());
      else void pollUntilAnswers(ready.url, () => settled).then((ok) => ok && finish());
    });
  }

  /** Stops the process group: the stop command or the signal, then SIGKILL after the timeout. */
  async stop(runCommand: (command: string) => Promise<void>): Promise<void> {
    this.stopping = true;
    const { stop } = this.settings;
    const deadline = Date.now() + stop.timeoutMs;
    if ('command' in stop) await withTimeout(runCommand(stop.command), stop.timeoutMs);
    else this.signal(stop.signal);
    while (this.groupAlive() && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
    if (this.groupAlive()) {
      this.output.note(`still running ${formatMs(stop.timeoutMs)} after the stop request: killed (SIGKILL)`);
      this.signal('SIGKILL');
    }
    await withTimeout(this.exited, stop.timeoutMs);
    await withTimeout(this.closed, DRAIN_MS);
  }

  /** SIGKILL to the whole group, synchronously (the run is ending). */
  kill(): void {
    this.stopping = true;
    this.signal('SIGKILL');
  }

  /** Whether any process of the group is still running (zombies do not count: ./group.ts). */
  groupAlive(): boolean {
    return this.pid !== undefined && groupAlive(this.pid);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.pid === undefined) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was ended by ${signal}` : `exited with code ${code ?? '?'}`;
}

function waitingFor(settings: ResolvedCommand): string {
  const { ready } = settings;
  if (!ready) return 'started';
  return 'url' in ready
    ? `waiting for ${ready.url} to answer`
    : `waiting for output matching /${ready.output.source}/`;
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}
