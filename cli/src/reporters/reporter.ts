/**
 * The reporter contract and registry. A reporter is fed the run as it happens (`onEvent`) and
 * the whole result at the end (`finish`); it writes to one `Output` (standard output or a file).
 * Reporters are loaded on demand so a run only pays for the ones it uses.
 */
import type { LineIndex, RunEvent, ServiceLogTail, SuiteResult, Totals } from '../../../core/src/index.js';
import type { Style } from '../terminal.js';
import type { ReporterName } from './names.js';

/** A suite file's text, for excerpts and `file:line:col`. */
export interface SourceFile {
  /** Absolute path (the `file` of results and events). */
  path: string;
  /** As shown to the user: relative to the working folder. */
  display: string;
  lineIndex: LineIndex;
}

/** Where a report goes. Writes to a file are buffered and land at `close()`. */
export interface Output {
  write(text: string): void;
  /** True when this output is an interactive terminal (live progress allowed). */
  readonly isTTY: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

export interface RunSummary {
  /** Results of the suites that ran, in file order. */
  suites: SuiteResult[];
  totals: Totals;
  /** Suite files selected but not run (after `--bail` or an interrupt). */
  notRun: string[];
  interrupted: boolean;
  bailed: boolean;
  durationMs: number;
  exitCode: number;
  /** The last lines of each service's output (`services:`), for the report of a failed run. */
  serviceLogs?: ServiceLogTail[];
}

export interface ReporterContext {
  out: Output;
  /** Colours for this output (identity functions when off). */
  style: Style;
  /** Every selected suite file, in run order. */
  files: readonly string[];
  source(file: string): SourceFile | undefined;
  /** Shown in reports (JUnit `testsuites`, JSON) so they are reproducible. */
  version: string;
  /** `--verbose`: every header and the whole body of a failed step's response. */
  verbose?: boolean;
}

/**
 * Events reach reporters in this order per file: `suiteStarted`, the runner's test and step
 * events, `suiteFinished` (with the final `SuiteResult`). With `--jobs` > 1, files interleave.
 */
export interface Reporter {
  onEvent?(event: RunEvent): void;
  finish(summary: RunSummary): void;
}

export type ReporterFactory = (context: ReporterContext) => Reporter;

const REGISTRY: Record<ReporterName, () => Promise<{ createReporter: ReporterFactory }>> = {
  pretty: () => import('./pretty.js'),
  dot: () => import('./dot.js'),
  json: () => import('./json.js'),
  junit: () => import('./junit.js'),
  tap: () => import('./tap.js'),
  html: () => import('./html.js'),
};

export async function loadReporter(name: ReporterName): Promise<ReporterFactory> {
  return (await REGISTRY[name]()).createReporter;
}

/** `N passed, N failed, N skipped`, errored tests counted as failed (see `summaryLines`). */
export function summaryLine(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed + totals.errored} failed, ${totals.skipped} skipped`;
}

/**
 * The human reporters' closing lines. The last line is always exactly `summaryLine`; anything
 * worth saying about errored tests, interrupts or files not run comes on the lines before it.
 */
export function summaryLines(summary: RunSummary, style: Style): string[] {
  const lines: string[] = [];
  const { totals } = summary;
  if (summary.interrupted)
    lines.push(style.yellow('Interrupted: in-flight requests were aborted and `after` steps ran.'));
  if (summary.bailed) lines.push(style.yellow('Stopped after the first failure (--bail).'));
  if (summary.notRun.length > 0) {
    const count = summary.notRun.length;
    lines.push(style.yellow(`${count} suite file${count === 1 ? '' : 's'} not run.`));
  }
  if (totals.errored > 0) {
    const count = totals.errored;
    lines.push(style.red(`${count} errored (no usable response; counted as failed)`));
  }
  const all = totals.passed + totals.failed + totals.errored + totals.skipped;
  // The config's setup/teardown pseudo-suites are not suite files.
  const fileCount = summary.suites.filter((suite) => !suite.phase).length;
  lines.push(
    style.dim(
      `${all} test${all === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'} · ${formatSeconds(summary.durationMs)}`,
    ),
  );
  const failed = totals.failed + totals.errored;
  const parts = [
    totals.passed > 0 ? style.green(`${totals.passed} passed`) : `${totals.passed} passed`,
    failed > 0 ? style.red(`${failed} failed`) : `${failed} failed`,
    totals.skipped > 0 ? style.yellow(`${totals.skipped} skipped`) : `${totals.skipped} skipped`,
  ];
  lines.push(parts.join(', '));
  return lines;
}

/** The last lines of every service's output, when the run did not pass (plain lines, unindented). */
export function serviceLogLines(summary: RunSummary): { name: string; lines: string[] }[] {
  if (summary.exitCode === 0) return [];
  return (summary.serviceLogs ?? []).filter((tail) => tail.lines.length > 0);
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
