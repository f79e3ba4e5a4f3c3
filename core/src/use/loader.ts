/**
 * The suites `use:` steps read at run time, each parsed once per run (cached by absolute path).
 * One loader is shared by every suite of a run (`RunOptions.suites`); the CLI also reads the
 * parsed documents back for excerpts of failures inside used files.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseSuite, type SuiteDocument } from '../parse.js';

/** A used suite's document, or why it cannot be used (unreadable, not a valid suite). */
export type LoadedSuite = { doc: SuiteDocument } | { problem: string };

export class SuiteLoader {
  private readonly loading = new Map<string, Promise<LoadedSuite>>();
  private readonly documents = new Map<string, SuiteDocument>();

  constructor(private readonly read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8')) {}

  /** A document the caller parsed already (a suite of the run): used as is, never read again. */
  add(doc: SuiteDocument): void {
    const path = resolve(doc.uri);
    this.documents.set(path, doc);
    this.loading.set(path, Promise.resolve(usable(doc, doc.uri)));
  }

  /** The suite at an absolute path; `written` is the path as the `use:` step wrote it (for messages). */
  load(path: string, written: string): Promise<LoadedSuite> {
    let loaded = this.loading.get(path);
    if (!loaded) {
      loaded = this.parse(path, written);
      this.loading.set(path, loaded);
    }
    return loaded;
  }

  /** A document this loader holds (parsed, valid or not), for excerpts and `file:line:col`. */
  document(path: string): SuiteDocument | undefined {
    return this.documents.get(path);
  }

  private async parse(path: string, written: string): Promise<LoadedSuite> {
    let text: string;
    try {
      text = await this.read(path);
    } catch (error) {
      return { problem: notFoundMessage(written, path, error) };
    }
    const doc = parseSuite(text, path);
    this.documents.set(path, doc);
    return usable(doc, written);
  }
}

/** The document, or the first error that keeps it from being used. */
export function usable(doc: SuiteDocument, written: string): LoadedSuite {
  const error = doc.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (!error && doc.suite) return { doc };
  const where = error ? doc.lineIndex.positionAt(error.span.start) : { line: 0, character: 0 };
  const name = doc.uri.split(/[\\/]/).pop() ?? doc.uri;
  const detail = error
    ? `${name}:${where.line + 1}:${where.character + 1}: ${error.message}`
    : `${name}: not a suite`;
  return { problem: `\`${written}\` is not a valid suite (${detail}); fix that file to use its tests.` };
}

export function notFoundMessage(written: string, path: string, error?: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && code !== 'ENOENT'
    ? `cannot read \`${written}\` (${path}): ${code}`
    : `\`${written}\` not found (looked for ${path}); the path is relative to the using suite's folder.`;
}
