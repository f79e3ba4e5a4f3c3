/**
 * `bluebook validate` over many suites, on every core: parsing YAML is most of its time (the
 * `yaml` package, about 1 ms per 1,000 lines), and suites are independent of each other. The
 * suites are cut into contiguous chunks of about equal size; this thread validates the first
 * while worker threads validate the others, each with its own context loader. Results come back
 * in file order, so the output is the same with or without workers (tested).
 *
 * A worker runs the CLI bundle itself (dist/cli-main.js: see main.ts), so a copy of the CLI needs
 * no other file. Run from sources (unit tests), there is no bundle and all is done here.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parentPort, Worker, workerData as data } from 'node:worker_threads';
import { parseSuite, validateSuite, type Diagnostic, type ValidationContext } from '../../core/src/index.js';
import { VALIDATE_WORKER_FLAG } from './commands.js';
import { contextLoader } from './validate.js';
import { OpenapiContracts } from './validateOpenapi.js';

export interface SuiteValidation {
  diagnostics: Diagnostic[];
  /** The variable names the suite defines (the config's `defaults` may use them). */
  defined: string[];
}

interface Job {
  bluebookValidate: true;
  files: string[];
  texts: string[];
  env: NodeJS.ProcessEnv;
  overrides: readonly string[];
}

type Reply = { results: SuiteValidation[] } | { error: string };

/**
 * Below this many characters of suites, starting a worker costs more than it saves. Measured on
 * 2 cores with the fast YAML path: 6.3 MB (1,000 suites) took 2.1 s on one thread and 2.2 s on
 * two; 24 MB took 5.0 s on one and 4.4 s on two.
 */
const PARALLEL_MIN_CHARS = 8_000_000;
const MAX_WORKERS = 8;
const BUNDLE = join(__dirname, 'cli-main.js');

/** What this thread validates with: the command's own contexts and documents, loaded once. */
export interface Loaders {
  contextOf: (file: string) => ValidationContext;
  contracts: OpenapiContracts;
}

/**
 * Validates each suite (`texts[i]` is the text of `files[i]`); results in the same order. This
 * thread's share uses `loaders` (the caller reuses them for the configs); workers make their own.
 */
export async function validateSuites(
  files: string[],
  texts: string[],
  env: NodeJS.ProcessEnv,
  overrides: readonly string[],
  loaders: Loaders,
): Promise<SuiteValidation[]> {
  const chunks = chunksOf(texts, workerCount(texts, env));
  if (chunks.length === 1) return validateChunk(files, texts, loaders);
  const [first, ...others] = chunks;
  // A worker that cannot start or dies (out of memory, a bug) leaves its chunk to this thread.
  const pending = others.map(([start, end]) =>
    inWorker({
      bluebookValidate: true,
      files: files.slice(start, end),
      texts: texts.slice(start, end),
      env,
      overrides,
    }).catch(() => validateChunk(files.slice(start, end), texts.slice(start, end), loaders)),
  );
  // Awaited below, after this thread's own chunk; until then a rejection is not unhandled.
  for (const promise of pending) promise.catch(() => undefined);
  const own = await validateChunk(files.slice(first[0], first[1]), texts.slice(first[0], first[1]), loaders);
  return [own, ...(await Promise.all(pending))].flat();
}

/**
 * How many threads share the work: one per core (at most MAX_WORKERS), none for small
 * workspaces. `BLUEBOOK_VALIDATE_THREADS` sets it (tests, or a CI runner with fewer cores than
 * the machine reports).
 */
function workerCount(texts: string[], env: NodeJS.ProcessEnv): number {
  if (!existsSync(BUNDLE)) return 1;
  const forced = Number(env.BLUEBOOK_VALIDATE_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, MAX_WORKERS, texts.length);
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  if (chars < PARALLEL_MIN_CHARS) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, texts.length));
}

/** `[start, end)` ranges of about equal text size, in order. */
function chunksOf(texts: string[], count: number): Array<[number, number]> {
  if (count <= 1) return [[0, texts.length]];
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (const [index, text] of texts.entries()) {
    size += text.length;
    const remaining = count - chunks.length - 1;
    if (
      remaining > 0 &&
      size >= (total * (chunks.length + 1)) / count &&
      texts.length - index - 1 >= remaining
    ) {
      chunks.push([start, index + 1]);
      start = index + 1;
    }
  }
  chunks.push([start, texts.length]);
  return chunks;
}

async function validateChunk(
  files: string[],
  texts: string[],
  { contextOf, contracts }: Loaders,
): Promise<SuiteValidation[]> {
  const results: SuiteValidation[] = [];
  for (const [index, file] of files.entries()) {
    const context = contextOf(file);
    const config = context.config;
    if (config) await contracts.load(config);
    context.openapi = config && contracts.indexOf(config);
    const result = validateSuite(parseSuite(texts[index], file), context);
    results.push({
      diagnostics: result.diagnostics,
      defined: [...new Set(result.variables.definitions.map((definition) => definition.name))].sort(),
    });
  }
  return results;
}

function inWorker(job: Job): Promise<SuiteValidation[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BUNDLE, { workerData: job, argv: [VALIDATE_WORKER_FLAG], stdout: true });
    let settled = false;
    worker.once('message', (reply: Reply) => {
      settled = true;
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply.results);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a validate worker stopped (exit code ${code})`));
    });
  });
}

export function workerMain(): void {
  const job = data as Job | undefined;
  if (!job?.bluebookValidate || !parentPort) {
    process.stderr.write(`bluebook: ${VALIDATE_WORKER_FLAG} is internal to \`bluebook validate\`\n`);
    process.exit(2);
  }
  const loaders = { contextOf: contextLoader(job.env, job.overrides), contracts: new OpenapiContracts() };
  validateChunk(job.files, job.texts, loaders).then(
    (results) => parentPort?.postMessage({ results } satisfies Reply),
    (error: unknown) =>
      parentPort?.postMessage({
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies Reply),
  );
}
