/** The request journal of a mock (`GET /__bluebook/requests`): the last requests, secrets masked. */
import { Redactor } from '../redact.js';
import type { JournalEntry } from './types.js';

/** How many requests the journal keeps (the oldest go first). */
export const JOURNAL_SIZE = 1000;
/** How much of a request body an entry keeps, in characters. */
export const JOURNAL_BODY_CHARS = 64 * 1024;

const redactor = new Redactor();

export class Journal {
  private entries: JournalEntry[] = [];
  private next = 0;

  constructor(private readonly size = JOURNAL_SIZE) {}

  add(entry: JournalEntry): void {
    if (this.entries.length < this.size) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.size;
  }

  /** Oldest first. */
  list(): JournalEntry[] {
    return this.entries.length < this.size
      ? [...this.entries]
      : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
  }

  clear(): void {
    this.entries = [];
    this.next = 0;
  }
}

/** Credential headers (`authorization`, `cookie`, …) as `•••`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return redactor.headers(headers);
}

export function journalBody(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  const text = body.subarray(0, JOURNAL_BODY_CHARS * 4).toString('utf8');
  return text.length > JOURNAL_BODY_CHARS
    ? `${text.slice(0, JOURNAL_BODY_CHARS)}… (${body.length} bytes)`
    : text;
}
