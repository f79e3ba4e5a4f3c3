/** Read → parse → resolve config → run: the entry points the CLI and the extension call. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveRunContext, type LoadedConfig } from '../config.js';
import { parseSuite } from '../parse.js';
import type { SuiteResult } from '../results.js';
import type { RunOptions } from './options.js';
import { runSuite } from './runSuite.js';
import { SuiteLoader } from '../use/loader.js';

export interface RunFileOptions extends RunOptions {
  /** Environment from bluebook.config.yaml (default: its `defaultEnvironment`). */
  environmentName?: string;
  /**
   * `false`: do not look for bluebook.config.yaml (the caller passes environment, env and
   * secrets itself). A loaded config: use it instead of reading the file again.
   */
  config?: LoadedConfig | false;
  /** Files run in parallel by `runFiles` (default 1: file order). */
  jobs?: number;
}

/** Runs one suite file. Unreadable file or invalid config → an errored `SuiteResult` naming the file. */
export async function runSuiteFile(path: string, options: RunFileOptions = {}): Promise<SuiteResult> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return erroredSuite(
      file,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const doc = parseSuite(text, file);
  options.suites?.add(doc);
  let runOptions: RunOptions = options;
  if (options.config !== false) {
    const context = resolveRunContext({
      suitePath: file,
      ...(options.environmentName !== undefined ? { environmentName: options.environmentName } : {}),
      ...(options.config ? { config: options.config } : {}),
    });
    if (context.errors.length > 0) {
      const first = context.errors[0];
      return erroredSuite(
        file,
        `invalid config ${first.file}:${first.line}:${first.column}: ${first.message}`,
      );
    }
    runOptions = {
      ...options,
      environment: { ...context.environment, ...options.environment },
      env: { ...context.env, ...options.env },
      secretNames: [...context.secretNames, ...(options.secretNames ?? [])],
      ...(context.configDefaults && !options.configDefaults
        ? { configDefaults: context.configDefaults }
        : {}),
    };
  }
  return runSuite(doc, runOptions);
}

/** Runs several files, `jobs` at a time; results come back in the order of `paths`. */
export async function runFiles(
  paths: readonly string[],
  options: RunFileOptions = {},
): Promise<SuiteResult[]> {
  const results: SuiteResult[] = new Array(paths.length);
  const shared: RunFileOptions = { ...options, suites: options.suites ?? new SuiteLoader() };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      results[index] = await runSuiteFile(paths[index], shared);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, paths.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

function erroredSuite(file: string, message: string): SuiteResult {
  return {
    file,
    name: file,
    outcome: 'errored',
    durationMs: 0,
    before: [],
    tests: [],
    after: [],
    error: { message, span: { start: 0, end: 0 } },
  };
}
