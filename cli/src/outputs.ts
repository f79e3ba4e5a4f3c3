/**
 * Report destinations: standard output (streamed) or a file (buffered, written at the end, its
 * folder created). Each reporter gets one, with its own colour decision: files never get colour.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ReporterSpec } from './args.js';
import { UsageError } from './args.js';
import type { Output } from './reporters/reporter.js';
import { colorEnabled, createStyle, type Style } from './terminal.js';

/** The part of a stream the CLI writes to (a subset of `process.stdout`). */
export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Destination {
  spec: ReporterSpec;
  out: Output;
  style: Style;
  /** Writes a buffered file; a no-op for standard output. */
  close(): void;
}

export interface OutputEnvironment {
  cwd: string;
  stdout: Stream;
  env: Record<string, string | undefined>;
  noColor: boolean;
}

/**
 * One destination per reporter. With no reporter on standard output, `pretty` is added there so
 * a CI log always shows the results (`-r junit:report.xml` alone still prints them).
 */
export function openDestinations(
  specs: readonly ReporterSpec[],
  environment: OutputEnvironment,
): Destination[] {
  const onStdout = specs.filter((spec) => spec.file === undefined);
  if (onStdout.length > 1) {
    throw new UsageError(
      `only one reporter can write to standard output (got ${onStdout.map((spec) => spec.name).join(', ')}); give the others a file, e.g. -r junit:report.xml`,
    );
  }
  const files = specs
    .filter((spec) => spec.file !== undefined)
    .map((spec) => resolve(environment.cwd, spec.file as string));
  if (new Set(files).size !== files.length) throw new UsageError('two reporters write to the same file');
  const all = onStdout.length === 0 ? [{ name: 'pretty' as const }, ...specs] : [...specs];
  return all.map((spec) =>
    spec.file === undefined ? stdoutDestination(spec, environment) : fileDestination(spec, environment.cwd),
  );
}

function stdoutDestination(spec: ReporterSpec, environment: OutputEnvironment): Destination {
  const { stdout } = environment;
  const isTTY = stdout.isTTY === true;
  const out: Output = {
    write: (text) => void stdout.write(text),
    isTTY,
    ...(stdout.columns ? { columns: stdout.columns } : {}),
  };
  const color = colorEnabled({ isTTY, env: environment.env, noColorFlag: environment.noColor });
  return { spec, out, style: createStyle(color), close: () => {} };
}

function fileDestination(spec: ReporterSpec, cwd: string): Destination {
  const path = resolve(cwd, spec.file as string);
  const chunks: string[] = [];
  return {
    spec,
    out: { write: (text) => void chunks.push(text), isTTY: false },
    style: createStyle(false),
    close: () => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, chunks.join(''));
    },
  };
}
