/**
 * The process seen by the commands: streams, environment, signals. `main.ts` builds it from
 * `process`; keeping it an interface leaves commands free of globals.
 */
import type { Stream } from './outputs.js';
import type { Style } from './terminal.js';

/** The exit codes of `bluebook` (documented in docs/cli.md and `--help`). */
export const ExitCode = {
  /** Every test passed (or was skipped). */
  Passed: 0,
  /** A test, `before` or `after` step failed or errored; `validate`: an error was found. */
  Failed: 1,
  /** Invalid suite, config, arguments or paths; nothing (more) was run. */
  Invalid: 2,
  /** Interrupted with Ctrl-C (SIGINT) or SIGTERM. */
  Interrupted: 130,
} as const;

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Stream;
  version: string;
  /** Style for messages on standard error. */
  stderrStyle: Style;
  /** `bluebook: message` on standard error. */
  error(message: string): void;
  /** A neutral note on standard error (keeps standard output clean for reports). */
  info(message: string): void;
  /** Preformatted lines on standard error. */
  errorLines(lines: string[]): void;
  /**
   * Calls `handler` on Ctrl-C/SIGTERM; when it returns true the process exits at once with 130.
   * Returns a function that removes the handler.
   */
  onInterrupt(handler: () => boolean): () => void;
}
