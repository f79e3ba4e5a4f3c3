/** A service's output: split into lines, redacted, written to its log file and kept in a ring. */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from '../redact.js';

/** Lines kept in memory per service for tails (`RunningServices.tails`, start errors). */
const RING_SIZE = 200;

export class ServiceOutput {
  private readonly ring: string[] = [];
  private readonly partial = new Map<string, string>();
  private fd: number | undefined;

  constructor(
    private readonly name: string,
    readonly logFile: string,
    private readonly redactor: Redactor,
    private readonly onLine: ((name: string, line: string) => void) | undefined,
    private readonly listeners: ((line: string) => void)[] = [],
  ) {
    mkdirSync(dirname(logFile), { recursive: true });
    this.fd = openSync(logFile, 'w');
  }

  /** Calls `listener` with every later line (readiness by output). */
  listen(listener: (line: string) => void): void {
    this.listeners.push(listener);
  }

  /** A chunk of one stream (`stdout`, `stderr`): whole lines go out now, the rest waits. */
  write(stream: string, chunk: string): void {
    const text = (this.partial.get(stream) ?? '') + chunk;
    const lines = text.split(/\r?\n/);
    this.partial.set(stream, lines.pop() ?? '');
    for (const line of lines) this.line(line);
  }

  /** A line of Bluebook's own about the service (`[bluebook] …`), e.g. why it stopped. */
  note(message: string): void {
    this.line(`[bluebook] ${message}`);
  }

  /** The last `count` lines. */
  tail(count: number): string[] {
    return this.ring.slice(-count);
  }

  /** Flushes partial lines and closes the log file. */
  close(): void {
    for (const rest of this.partial.values()) if (rest !== '') this.line(rest);
    this.partial.clear();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private line(raw: string): void {
    const line = this.redactor.text(raw);
    this.ring.push(line);
    if (this.ring.length > RING_SIZE) this.ring.shift();
    if (this.fd !== undefined) writeSync(this.fd, `${line}\n`);
    this.onLine?.(this.name, line);
    for (const listener of this.listeners) listener(line);
  }
}
