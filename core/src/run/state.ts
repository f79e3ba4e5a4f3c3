/** What every part of one suite run shares. */
import type { SuiteDocument } from '../parse.js';
import type { Suite } from '../model.js';
import type { Redactor } from '../redact.js';
import type { RunEvent } from '../results.js';
import type { RunOptions } from './options.js';

export interface RunState {
  doc: SuiteDocument;
  suite: Suite;
  options: RunOptions;
  /** Folder that schema, data and multipart paths are relative to. */
  baseDir: string;
  redactor: Redactor;
  secretNames: ReadonlySet<string>;
  maxBodyBytes: number;
  emit(event: RunEvent): void;
  /** True once the user cancelled the run. */
  cancelled(): boolean;
}
