/** What every part of one suite run shares. */
import type { MatchContext } from '../expect/matcher.js';
import type { SuiteDocument } from '../parse.js';
import type { Suite } from '../model.js';
import type { Redactor } from '../redact.js';
import type { RunEvent } from '../results.js';
import type { SuiteLoader } from '../use/loader.js';
import type { RunOptions } from './options.js';
import type { ScriptSession } from './scripts.js';
import type { Contract } from '../openapi/contract.js';

export interface RunState {
  doc: SuiteDocument;
  suite: Suite;
  options: RunOptions;
  /** Folder that schema, data and multipart paths are relative to. */
  baseDir: string;
  /** What matchers may read (the same object for every expectation of the run). */
  matchContext: MatchContext;
  redactor: Redactor;
  secretNames: ReadonlySet<string>;
  maxBodyBytes: number;
  /** Every step keeps full records (`keepRecords: 'all'`), not only the ones that did not pass. */
  keepAllRecords: boolean;
  /** The suites `use:` steps read, parsed once per run. */
  suites: SuiteLoader;
  /** The loaded sandbox, when the suite uses `${{ }}` or `script:` (core/src/run/scripts.ts). */
  scripts?: ScriptSession;
  /** Why the sandbox could not be loaded for a suite that needs it. */
  scriptsProblem?: string;
  /** The config's OpenAPI document: responses of the operations it declares are checked. */
  contract?: Contract;
  emit(event: RunEvent): void;
  /** The test instance running now (`id`, `id[2]`); unset for `before`/`after` steps. */
  instanceId?: string;
  /** True once the user cancelled the run. */
  cancelled(): boolean;
}
