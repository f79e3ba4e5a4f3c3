/**
 * "Bluebook: Import…" without its pickers: the source goes through the same core importers as
 * `bluebook import`, and the suites are written into the chosen folder — all of them, or none when
 * one exists and overwriting was not confirmed. No `vscode`: the command (./command.ts) is thin.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importCurl } from '../../../core/src/import/curl.js';
import { importHttpFile } from '../../../core/src/import/http.js';
import { importOpenApi } from '../../../core/src/import/openapi.js';
import { importPostman } from '../../../core/src/import/postman.js';
import { ImportError, type ImportResult } from '../../../core/src/import/types.js';

export type ImportKind = 'openapi' | 'postman' | 'http' | 'curl';

export const IMPORT_KINDS: readonly ImportKind[] = ['openapi', 'postman', 'http', 'curl'];

export function isImportKind(value: unknown): value is ImportKind {
  return (IMPORT_KINDS as readonly unknown[]).includes(value);
}

export interface ImportInput {
  kind: ImportKind;
  /** An absolute file path, or the command itself for `curl`. */
  source: string;
  /** The folder the suites are written into (absolute). */
  out: string;
  overwrite?: boolean;
}

/** The files written (absolute paths) and what was not converted; or the files that already exist. */
export type ImportOutcome = { written: string[]; problems: string[] } | { existing: string[] };

const IMPORTERS: Record<ImportKind, (source: string) => ImportResult | Promise<ImportResult>> = {
  curl: (command) => importCurl(command),
  postman: (path) => importPostman(readSource(path)),
  http: (path) => importHttpFile(readSource(path), basename(path)),
  openapi: (path) => importOpenApi(path),
};

/** Throws `ImportError` for a source that cannot be imported; nothing is written then. */
export async function importSuites(input: ImportInput): Promise<ImportOutcome> {
  const result = await IMPORTERS[input.kind](input.source);
  const targets = result.files.map((file) => ({ path: join(input.out, file.name), text: file.text }));
  const existing = targets.filter((target) => existsSync(target.path)).map((target) => target.path);
  if (existing.length > 0 && !input.overwrite) return { existing };
  mkdirSync(input.out, { recursive: true });
  for (const target of targets) writeFileSync(target.path, target.text);
  return { written: targets.map((target) => target.path), problems: result.problems };
}

/** The import's report for the output channel: what was written and what was not converted. */
export function importReport(outcome: { written: string[]; problems: string[] }): string {
  const lines = outcome.written.map((path) => `wrote ${path}`);
  if (outcome.problems.length > 0)
    lines.push('', `Not converted (${outcome.problems.length}):`, ...outcome.problems.map((p) => `  - ${p}`));
  return lines.join('\n') + '\n';
}

function readSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ImportError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
