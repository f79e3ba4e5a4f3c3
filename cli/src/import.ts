/**
 * `bluebook import curl|postman|http|openapi SOURCE [--out DIR] [--force]`: converts the source with
 * core/src/import and writes the suites. Nothing is written when one target exists (unless
 * `--force`), so an import never half-overwrites a folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { importCurl } from '../../core/src/import/curl.js';
import { importHttpFile } from '../../core/src/import/http.js';
import { importOpenApi } from '../../core/src/import/openapi.js';
import { importPostman } from '../../core/src/import/postman.js';
import { ImportError, type ImportResult } from '../../core/src/import/types.js';
import { UsageError, type CliArgs } from './args.js';
import { ExitCode, type Io } from './io.js';

type Importer = (source: string, io: Io) => ImportResult | Promise<ImportResult>;

function readSource(path: string, io: Io): { text: string; name: string } {
  const full = resolve(io.cwd, path);
  try {
    return { text: readFileSync(full, 'utf8'), name: basename(full) };
  } catch (error) {
    throw new ImportError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

const IMPORTERS: Record<string, Importer> = {
  curl: (source) => importCurl(source),
  postman: (source, io) => importPostman(readSource(source, io).text),
  http: (source, io) => {
    const { text, name } = readSource(source, io);
    return importHttpFile(text, name);
  },
  openapi: (source, io) => importOpenApi(resolve(io.cwd, source)),
};

export async function importCommand(args: CliArgs, io: Io): Promise<number> {
  const [kind, source, ...rest] = args.paths;
  const kinds = Object.keys(IMPORTERS);
  if (kind === undefined || !Object.hasOwn(IMPORTERS, kind))
    throw new UsageError(
      `bluebook import expects one of ${kinds.join(', ')}${kind ? `, got "${kind}"` : ''}`,
    );
  if (source === undefined)
    throw new UsageError(
      kind === 'curl'
        ? "bluebook import curl expects the command, quoted: 'curl https://…'"
        : `bluebook import ${kind} expects a file`,
    );
  if (rest.length > 0)
    throw new UsageError(`bluebook import ${kind} takes one source; quote a curl command as one argument`);
  let result: ImportResult;
  try {
    result = await IMPORTERS[kind](source, io);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.error(error.message);
    return ExitCode.Invalid;
  }
  const folder = resolve(io.cwd, args.out ?? '.');
  const targets = result.files.map((file) => ({ ...file, path: join(folder, file.name) }));
  const shown = (path: string): string => relative(io.cwd, path) || path;
  const existing = targets.filter((target) => existsSync(target.path));
  if (existing.length > 0 && !args.force) {
    io.error(
      `${existing.map((target) => shown(target.path)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written. Use --force to overwrite, or --out DIR for another folder`,
    );
    return ExitCode.Invalid;
  }
  mkdirSync(folder, { recursive: true });
  for (const target of targets) {
    writeFileSync(target.path, target.text);
    io.stdout.write(`wrote ${shown(target.path)}\n`);
  }
  if (result.problems.length > 0) {
    io.stdout.write(`\nNot converted (${result.problems.length}):\n`);
    for (const problem of result.problems) io.stdout.write(`  - ${problem}\n`);
  }
  return ExitCode.Passed;
}
