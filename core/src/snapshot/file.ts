/**
 * Snapshot files: `__snapshots__/<suite file name>.snap.yaml` beside the suite, a mapping of test
 * (instance id) → step key → `{ status, body }`. Read through the one YAML reader; written with
 * sorted keys so the file is stable. Reads and writes are synchronous: one process never
 * interleaves two read-modify-write cycles of the same file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { sortKeys } from '../format.js';
import { setOwn } from '../own.js';
import { readYaml } from '../parse/yaml.js';

export type SnapshotEntries = Record<string, Record<string, unknown>>;

/** A snapshot file that cannot be read; the step errors with it and the file is left untouched. */
export class SnapshotFileError extends Error {}

export function snapshotPath(suiteFile: string): string {
  return join(dirname(suiteFile), '__snapshots__', `${basename(suiteFile)}.snap.yaml`);
}

/** The entries of a snapshot file (none when it does not exist). */
export function readSnapshots(path: string): SnapshotEntries {
  if (!existsSync(path)) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SnapshotFileError(`cannot read the snapshot file ${path}: ${(error as Error).message}`);
  }
  const read = readYaml(text, { uniqueKeys: true });
  const problem = read.problems[0];
  if (problem) {
    const line = text.slice(0, problem.span.start).split('\n').length;
    throw new SnapshotFileError(
      `${path}:${line}: ${problem.message} — fix the snapshot file or delete it to record it again (it was not changed)`,
    );
  }
  let value: unknown;
  try {
    value = read.doc.toJS();
  } catch (error) {
    throw new SnapshotFileError(
      `${path}:1: ${(error as Error).message} — fix the snapshot file or delete it`,
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every(isMapping))
    throw new SnapshotFileError(
      `${path}:1: a snapshot file maps test → step → { status, body } — fix it or delete it to record it again (it was not changed)`,
    );
  return value as SnapshotEntries;
}

/**
 * The snapshot files of one suite run: each file is parsed once, and each write updates that copy
 * and rewrites the file from it.
 */
export class SnapshotStore {
  private readonly files = new Map<string, SnapshotEntries>();

  read(path: string): SnapshotEntries {
    let entries = this.files.get(path);
    if (!entries) {
      entries = readSnapshots(path);
      this.files.set(path, entries);
    }
    return entries;
  }

  write(path: string, test: string, step: string, value: unknown): void {
    writeEntries(path, this.read(path), test, step, value);
  }
}

/** Stores one entry in `entries` and rewrites the file from them. */
function writeEntries(
  path: string,
  entries: SnapshotEntries,
  test: string,
  step: string,
  value: unknown,
): void {
  const steps = Object.hasOwn(entries, test) ? entries[test]! : {};
  setOwn(steps, step, value);
  setOwn(entries, test, steps);
  writeSnapshotText(path, stringify(sortKeys(entries), { lineWidth: 0 }));
}

/** Replaces the file (its folder created) through a temporary file, so it is never half-written. */
export function writeSnapshotText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
