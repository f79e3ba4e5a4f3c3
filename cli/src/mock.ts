/**
 * `bluebook mock [files…] [--port N]`: serves mock files (SPEC §9) until Ctrl-C or SIGTERM, one
 * port per file, one line per request; a changed file is reloaded on the same port (its errors
 * keep the previous routes). A file that cannot be served: `file:line:col: message`, exit 2.
 */
import { watch, readFileSync, statSync, type FSWatcher } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { ConfigError } from '../../core/src/dotenv.js';
import {
  MockLoadError,
  parseMock,
  startMock,
  type JournalEntry,
  type RunningMock,
} from '../../core/src/mock/index.js';
import type { CliArgs } from './args.js';
import { UsageError } from './args.js';
import { walk } from './discover.js';
import { ExitCode, type Io } from './io.js';

const MOCK_FILE = /\.mock\.ya?ml$/i;
const RELOAD_DEBOUNCE_MS = 100;

/** The mock files named on the command line (a folder: the mock files under it), else under `cwd`. */
export function findMockFiles(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, path);
    let folder = false;
    try {
      folder = statSync(absolute).isDirectory();
    } catch {
      // startMock reports a file it cannot read, located
    }
    if (!folder) found.add(absolute);
    else walk(absolute, (file) => MOCK_FILE.test(file) && found.add(file));
  }
  return [...found].sort();
}

function routeLabels(file: string): string[] {
  try {
    return parseMock(readFileSync(file, 'utf8'), file).model.routes.map((route) => route.label);
  } catch {
    return [];
  }
}

/** What a reload changed, for its one line of output. */
export function describeChange(before: readonly string[], after: readonly string[]): string {
  const added = after.filter((label) => !before.includes(label)).map((label) => `+ ${label}`);
  const removed = before.filter((label) => !after.includes(label)).map((label) => `- ${label}`);
  const changes = [...added, ...removed];
  return changes.length > 0 ? changes.join(', ') : `${after.length} route${after.length === 1 ? '' : 's'}`;
}

function requestLine(entry: JournalEntry): string {
  const outcome = entry.fault ? `${entry.fault} (fault)` : String(entry.status);
  return `${entry.method} ${entry.url} → ${outcome} ${entry.route ?? 'no route'} · ${entry.durationMs} ms`;
}

export async function mockCommand(args: CliArgs, io: Io): Promise<number> {
  const files = findMockFiles(args.paths, io.cwd);
  const display = (file: string): string => relative(io.cwd, file) || file;
  if (files.length === 0) {
    io.error(`no *.mock.yaml file under ${io.cwd}; name the mock files to serve`);
    return ExitCode.Invalid;
  }
  if (args.port !== undefined && files.length > 1)
    throw new UsageError(
      `--port takes one mock file; got ${files.length} (each file is served on its own port)`,
    );
  const printErrors = (errors: readonly ConfigError[]): void =>
    io.errorLines(
      errors.map((error) => `${display(error.file)}:${error.line}:${error.column}: ${error.message}`),
    );
  let remove = (): void => undefined;
  const interrupted = new Promise<void>((done) => {
    remove = io.onInterrupt(() => {
      done();
      return false;
    });
  });
  const mocks: RunningMock[] = [];
  const watchers: FSWatcher[] = [];
  const stop = async (): Promise<void> => {
    remove();
    for (const watcher of watchers) watcher.close();
    await Promise.all(mocks.map((mock) => mock.close()));
  };
  for (const file of files) {
    const prefix = files.length > 1 ? `[${basename(file).replace(MOCK_FILE, '')}] ` : '';
    try {
      mocks.push(
        await startMock(file, {
          ...(args.port !== undefined ? { port: args.port } : {}),
          onRequest: (entry) => io.stdout.write(`${prefix}${requestLine(entry)}\n`),
        }),
      );
    } catch (error) {
      await stop();
      if (error instanceof MockLoadError) printErrors(error.errors);
      else io.error(`${display(file)}: cannot serve it: ${(error as Error).message}`);
      return ExitCode.Invalid;
    }
  }
  for (const mock of mocks) {
    io.stdout.write(`${mock.name} → ${mock.url}\n`);
    watchers.push(watchFile(mock, display, printErrors, io));
  }
  io.info('serving until Ctrl-C; a changed file is reloaded');
  await interrupted;
  await stop();
  return ExitCode.Passed;
}

/** Reloads the mock when its file changes (watching the folder: editors replace files on save). */
function watchFile(
  mock: RunningMock,
  display: (file: string) => string,
  printErrors: (errors: readonly ConfigError[]) => void,
  io: Io,
): FSWatcher {
  const name = basename(mock.file);
  let labels = routeLabels(mock.file);
  let lastText = readText(mock.file);
  let timer: NodeJS.Timeout | undefined;
  const reload = async (): Promise<void> => {
    const text = readText(mock.file);
    if (text === lastText) return;
    lastText = text;
    const errors = await mock.reload();
    if (errors.length > 0) {
      printErrors(errors);
      io.error(`${display(mock.file)} has errors; kept the previous routes`);
      return;
    }
    const next = routeLabels(mock.file);
    io.stdout.write(`reloaded ${display(mock.file)}: ${describeChange(labels, next)}\n`);
    labels = next;
  };
  return watch(dirname(mock.file), (_event, changed) => {
    if (changed !== null && changed.toString() !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), RELOAD_DEBOUNCE_MS);
  });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
