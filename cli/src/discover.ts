/**
 * Finds suite files from the command line's paths: a file is taken as is, a folder is searched
 * for `*.bluebook.yaml|yml`, anything with glob characters is matched as a glob (`*`, `**`, `?`,
 * `[...]`, `{a,b}`). `node_modules` and `.git` are never searched. The result is sorted and
 * deduplicated so every machine of a sharded CI run sees the same list.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileRegex, RegexError, type UserRegex } from '../../core/src/regex.js';
import type { Shard } from './args.js';
import type { Io } from './io.js';

const SUITE_FILE = /\.bluebook\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?[\]{}]/;

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths or globs that matched nothing (each a message for the user). */
  problems: string[];
}

export function discoverSuites(patterns: readonly string[], cwd: string): Discovery {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const before = found.size;
    if (GLOB_CHARS.test(pattern)) {
      const problem = matchGlob(pattern, cwd, found);
      if (problem) problems.push(problem);
      else if (found.size === before) problems.push(`no suite file matches "${pattern}"`);
      continue;
    }
    const path = resolve(cwd, pattern);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push(`no such file or folder: ${pattern}`);
      continue;
    }
    if (stats.isDirectory()) {
      walk(path, (file) => SUITE_FILE.test(file) && found.add(file));
      if (found.size === before && patterns.length > 0)
        problems.push(`no *.bluebook.yaml file under ${pattern}`);
    } else found.add(path);
  }
  return { files: [...found].sort(compareForDisplay), problems };
}

/** Orders by path segments so `a/b.bluebook.yaml` sorts with `a/`, stably across platforms. */
function compareForDisplay(a: string, b: string): number {
  const left = a.split(sep).join('/');
  const right = b.split(sep).join('/');
  return left < right ? -1 : left > right ? 1 : 0;
}

export function walk(directory: string, visit: (file: string) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return; // unreadable folders are skipped, like `find` would report and go on
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, visit);
    } else if (entry.isFile() || entry.isSymbolicLink()) visit(path);
  }
}

/** Adds the suites `pattern` matches to `found`; a problem when the glob cannot be used. */
function matchGlob(pattern: string, cwd: string, found: Set<string>): string | undefined {
  const normalized = pattern.split('\\').join('/');
  const segments = normalized.split('/');
  // Walk only from the static prefix (`test/api/**/*.yaml` walks `test/api`).
  const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  const base = resolve(cwd, segments.slice(0, firstGlob).join('/') || '.');
  const absolutePattern = isAbsolute(normalized) ? normalized : `${toSlash(resolve(cwd))}/${normalized}`;
  let regex: UserRegex;
  try {
    regex = globToRegExp(absolutePattern.replace(/^\.\//, ''));
  } catch (error) {
    if (error instanceof RegexError) return `invalid glob "${pattern}": ${error.problem.message}`;
    throw error;
  }
  // Only suite files are taken (so `**/*.yaml` skips bluebook.config.yaml); a glob that matches a
  // folder (`api/*`) selects the suites under it.
  walk(base, (file) => {
    if (!SUITE_FILE.test(file)) return;
    const slashed = toSlash(file);
    if (regex.test(slashed) || matchesAncestor(regex, slashed)) found.add(file);
  });
  return undefined;
}

function matchesAncestor(regex: UserRegex, file: string): boolean {
  for (let index = file.lastIndexOf('/'); index > 0; index = file.lastIndexOf('/', index - 1)) {
    if (regex.test(file.slice(0, index))) return true;
  }
  return false;
}

function toSlash(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Translates a glob to an anchored regular expression over `/`-separated paths, matched in linear
 * time (a backtracking engine takes minutes over `*a*a*a*a*a*a*a*a*b`). Throws a `RegexError`.
 */
export function globToRegExp(glob: string): UserRegex {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        i++;
        if (glob[i + 1] === '/') {
          i++;
          source += '(?:[^/]*/)*';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (ch === '{') {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) source += '|';
    else source += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return compileRegex(`^${source}$`);
}

/** The I-th of N slices: every N-th file of the sorted list, so slices stay balanced. */
export function shardFiles(files: readonly string[], shard: Shard | undefined): string[] {
  if (!shard) return [...files];
  return files.filter((_, index) => index % shard.total === shard.index - 1);
}

/** A path as shown to the user: relative to the working folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? toSlash(rel) : toSlash(file);
}

/**
 * The suite files `run` and `validate` work on: reports each path that matched nothing, or that
 * there is no suite at all, on `io` and returns undefined (the command then exits 2).
 */
export function findSuiteFiles(patterns: readonly string[], io: Io): string[] | undefined {
  const discovery = discoverSuites(patterns, io.cwd);
  for (const problem of discovery.problems) io.error(problem);
  if (discovery.problems.length > 0) return undefined;
  if (discovery.files.length === 0) {
    io.error(`no suite files (*.bluebook.yaml, *.bluebook.yml) under ${io.cwd}`);
    return undefined;
  }
  return discovery.files;
}

/** A suite file's text, or undefined after reporting `cannot read <display>: <reason>` on `io`. */
export function readSuiteFile(file: string, display: string, io: Io): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    io.error(`cannot read ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
}
