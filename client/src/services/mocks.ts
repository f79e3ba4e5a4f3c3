/**
 * Mocks started from the editor (`bluebook.startMock`, the "▶ Start mock" code lens): one server
 * per file, in the extension host, until stopped or the window closes. Starting a file that is
 * already served (or starting) gives the same server. No `vscode` here.
 */
import type { JournalEntry, MockServerOptions, RunningMock } from '../../../core/src/mock/types.js';

export type StartMock = (file: string, options: MockServerOptions) => Promise<RunningMock>;

export interface MocksOptions {
  /** core's `startMock` (a fake in unit tests). */
  start: StartMock;
  onRequest?(file: string, entry: JournalEntry): void;
  /** A mock started or stopped. */
  onChange?(): void;
}

export class Mocks {
  private readonly servers = new Map<string, Promise<RunningMock>>();
  private readonly running = new Map<string, RunningMock>();

  constructor(private readonly options: MocksOptions) {}

  /** Serves `file`; `already` when it was served (or starting) before this call. */
  async start(file: string): Promise<{ mock: RunningMock; already: boolean }> {
    const existing = this.servers.get(file);
    if (existing) return { mock: await existing, already: true };
    const starting = this.options.start(file, {
      onRequest: (entry) => this.options.onRequest?.(file, entry),
    });
    this.servers.set(file, starting);
    try {
      const mock = await starting;
      // stopAll() closes it.
      if (this.servers.get(file) !== starting) throw new Error(`mock ${file} was stopped while it started`);
      this.running.set(file, mock);
      this.options.onChange?.();
      return { mock, already: false };
    } catch (error) {
      this.servers.delete(file);
      throw error;
    }
  }

  /** The running mocks, in start order. */
  list(): RunningMock[] {
    return [...this.running.values()];
  }

  /** A running mock by file path or name. */
  find(fileOrName: string): RunningMock | undefined {
    return this.entry(fileOrName)?.[1];
  }

  /** Stops one mock; false when it is not running. */
  async stop(fileOrName: string): Promise<boolean> {
    const found = this.entry(fileOrName);
    if (!found) return false;
    const [file, mock] = found;
    this.running.delete(file);
    this.servers.delete(file);
    await mock.close();
    this.options.onChange?.();
    return true;
  }

  private entry(fileOrName: string): [string, RunningMock] | undefined {
    const byFile = this.running.get(fileOrName);
    if (byFile) return [fileOrName, byFile];
    return [...this.running.entries()].find(([, mock]) => mock.name === fileOrName);
  }

  /** Stops every mock, those still starting included. */
  async stopAll(): Promise<void> {
    const starting = [...this.servers.values()];
    this.servers.clear();
    this.running.clear();
    await Promise.all(starting.map((server) => server.then((mock) => mock.close()).catch(() => undefined)));
    this.options.onChange?.();
  }
}
