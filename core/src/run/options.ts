import type { SerializedCookieJar } from 'tough-cookie';
import type { RequestOptions } from '../model.js';
import type { UserRegex } from '../regex.js';
import type { RunEvent } from '../results.js';
import type { SuiteLoader } from '../use/loader.js';
import type { ScriptLimits } from '../script/types.js';
import type { ContractLoader } from '../openapi/load.js';

/** What to run of a suite, and how. */
export interface RunOptions {
  /** Aborts in-flight requests; `after` steps still run, bounded by their timeouts. */
  signal?: AbortSignal;
  /** The selected environment's variables (lowest precedence). */
  environment?: Record<string, unknown>;
  /** `--var NAME=VALUE` values (highest precedence). */
  overrides?: Record<string, unknown>;
  /** `env.*` values: `.env` beside the config, then `process.env` (process wins). */
  env?: Record<string, string | undefined>;
  /** Values (of variables listed in `secrets`) to redact from every output. */
  secrets?: string[];
  /**
   * Names of variables whose values are redacted (the config's `secrets`): their values are
   * resolved at run time, including captures of that name.
   */
  secretNames?: string[];
  /**
   * Captures of bluebook.config.yaml's `setup` steps (`runConfigHook`): visible to every step,
   * below the suite's own captures (a capture of the same name in the suite wins).
   */
  setupCaptures?: Record<string, unknown>;
  /** Cookies the config's `setup` steps received (tough-cookie's serialised jar: plain JSON). */
  setupCookies?: SerializedCookieJar;
  /** Why the config's `setup` failed: every test errors with it and nothing of the suite runs. */
  setupFailure?: string;
  /** `defaults` of bluebook.config.yaml, applied under the suite's `defaults`. */
  configDefaults?: RequestOptions;
  /** Folder that schema, data and multipart paths are relative to (default: the suite file's folder). */
  baseDir?: string;
  /**
   * Request timeout (`--timeout`) when neither the step nor the suite's `defaults` set one; it
   * beats the config's `defaults` (precedence: step, suite defaults, this, config defaults, 30 s).
   */
  defaultTimeoutMs?: number;
  filter?: RunFilter;
  /** Stop starting new tests after the first failed or errored one. */
  bail?: boolean;
  /** Largest response body read, in bytes (default 50 MB); a larger one errors the step. */
  maxBodyBytes?: number;
  /**
   * Which steps keep their full request/response records (headers, body excerpts up to 64 KB,
   * expected/actual values up to 64 KB):
   * - `'failures'` (default): only steps that did not pass. A passed step keeps method, URL,
   *   status, size, duration and its expectations (values cut to 1 KB), and is marked
   *   `recordsOmitted` — so a 10,000-step run keeps flat memory.
   * - `'all'`: every step (the editor shows the last response of every step).
   */
  keepRecords?: 'all' | 'failures';
  /** Limits of each `${{ }}` and script evaluation (the config's `scripts`; default 1 s, 32 MB). */
  scripts?: ScriptLimits;
  /** `-u`: rewrite the snapshot of every `expect.snapshot` that runs. */
  updateSnapshots?: boolean;
  /** `--ci` / `CI=true`: a missing snapshot fails instead of being recorded. */
  ci?: boolean;
  onEvent?: (event: RunEvent) => void;
  /**
   * Where `use:` steps read other suites: pass one loader to every suite of a run so each used
   * file is parsed once (default: a loader of this suite's own, reading from disk).
   */
  suites?: SuiteLoader;
  /** The config's `openapi:` document (absolute path): responses of its operations are checked. */
  openapi?: string;
  /** Where the `openapi` document is loaded: pass one loader to every suite of a run so it is read once. */
  contracts?: ContractLoader;
}

export interface RunFilter {
  /** Only these test ids (all rows of an `each` test). */
  testIds?: string[];
  /** Only these instances (`id` or `id[2]`). */
  instanceIds?: string[];
  /** Test display name or id must match. */
  grep?: UserRegex;
  /** The test must have one of these tags. */
  tags?: string[];
  /** The test must have none of these tags (wins over `tags`). */
  excludeTags?: string[];
  /**
   * Run a single step: its test's earlier steps run first (for captures), later ones are
   * reported as skipped.
   */
  untilStep?: { testId: string; stepIndex: number };
}
