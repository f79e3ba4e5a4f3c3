/**
 * The parsed suites behind the Test Explorer tree. An open document stays parsed (the editor
 * works on it); a file read from disk is kept as its text and parsed again when a run needs it,
 * with the last few kept: a workspace of 1,000 suites must not hold 1,000 YAML trees (hundreds of
 * MB, and garbage collection that slowed discovery several times over).
 */
import { parseSuite, type SuiteDocument } from '../../../core/src/index.js';

interface OnDisk {
  text: string;
  path: string;
}

export class SuiteDocuments {
  private readonly open = new Map<string, SuiteDocument>();
  private readonly onDisk = new Map<string, OnDisk>();
  /** Files from disk parsed on demand, oldest first. */
  private readonly parsed = new Map<string, SuiteDocument>();

  constructor(private readonly cacheSize = 32) {}

  /** Parses an open suite's text (`path` is what relative files resolve against) and returns it. */
  setOpen(key: string, text: string, path = key): SuiteDocument {
    this.delete(key);
    const doc = parseSuite(text, path);
    this.open.set(key, doc);
    return doc;
  }

  /** Keeps the text of a suite read from disk, to parse when `get` needs it. */
  setOnDisk(key: string, text: string, path = key): void {
    this.delete(key);
    this.onDisk.set(key, { text, path });
  }

  get(key: string): SuiteDocument | undefined {
    const open = this.open.get(key);
    if (open) return open;
    const cached = this.parsed.get(key);
    if (cached) return cached;
    const file = this.onDisk.get(key);
    if (!file) return undefined;
    const doc = parseSuite(file.text, file.path);
    this.parsed.set(key, doc);
    for (const oldest of this.parsed.keys()) {
      if (this.parsed.size <= this.cacheSize) break;
      this.parsed.delete(oldest);
    }
    return doc;
  }

  /** How many documents are held parsed (open ones and the cache). */
  parsedCount(): number {
    return this.open.size + this.parsed.size;
  }

  delete(key: string): void {
    this.open.delete(key);
    this.onDisk.delete(key);
    this.parsed.delete(key);
  }
}
