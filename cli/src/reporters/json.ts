/**
 * The JSON report: one document written at the end. Its shape is stable (documented in
 * docs/cli.md) and versioned by `schemaVersion`:
 *
 * ```
 * { schemaVersion: 1, tool: { name, version }, exitCode, interrupted, bailed, durationMs,
 *   totals: { tests, passed, failed, errored, skipped },
 *   notRun: [file],
 *   suites: [SuiteResult],
 *   services?: [{ name, lines }] }   // a run that did not pass: the last lines of each service

 * ```
 * `SuiteResult` is core's result type (see core/src/results.ts), with `file` relative to the
 * working folder and a `location: { line, column }` (1-based) beside every `span`.
 */
import type { Span } from '../../../core/src/index.js';
import {
  serviceLogLines,
  type Reporter,
  type ReporterContext,
  type RunSummary,
  type SourceFile,
} from './reporter.js';
import { lineColumn } from '../excerpt.js';

export const JSON_SCHEMA_VERSION = 1;

export function createReporter(context: ReporterContext): Reporter {
  return {
    finish(summary: RunSummary): void {
      const { totals } = summary;
      const report = {
        schemaVersion: JSON_SCHEMA_VERSION,
        tool: { name: 'bluebook', version: context.version },
        exitCode: summary.exitCode,
        interrupted: summary.interrupted,
        bailed: summary.bailed,
        durationMs: Math.round(summary.durationMs),
        totals: { tests: totals.passed + totals.failed + totals.errored + totals.skipped, ...totals },
        notRun: summary.notRun.map((file) => context.source(file)?.display ?? file),
        suites: summary.suites.map((suite) => {
          const source = context.source(suite.file);
          return {
            ...(withLocations(suite, source, context.source) as object),
            file: source?.display ?? suite.file,
          };
        }),
      };
      const services = serviceLogLines(summary);
      context.out.write(
        `${JSON.stringify(services.length > 0 ? { ...report, services } : report, null, 2)}\n`,
      );
    },
  };
}

/** Keys holding request/response data, copied untouched (they may contain anything). */
const DATA_KEYS = new Set(['expected', 'actual', 'request', 'response']);

/**
 * A deep copy with `location` beside every `span` (durations rounded to whole milliseconds). A
 * step run through `use:` from another suite keeps its `file` (relative), and its locations are
 * lines of that file.
 */
function withLocations(
  value: unknown,
  source: SourceFile | undefined,
  sourceOf: (file: string) => SourceFile | undefined,
): unknown {
  if (Array.isArray(value)) return value.map((item) => withLocations(item, source, sourceOf));
  if (value === null || typeof value !== 'object') return value;
  const own = ownFile(value);
  const here = own === undefined ? source : sourceOf(own);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (DATA_KEYS.has(key)) out[key] = item;
    else if (key === 'file' && own !== undefined) out.file = here?.display ?? own;
    else if (key === 'durationMs' && typeof item === 'number') out[key] = Math.round(item);
    else if (key === 'span' && here && isSpan(item)) {
      out.span = item;
      out.location = lineColumn(here.lineIndex, item);
    } else out[key] = withLocations(item, here, sourceOf);
  }
  return out;
}

/** The `file` of a step result written in another suite. */
function ownFile(value: object): string | undefined {
  const file = (value as { file?: unknown; phase?: unknown }).file;
  return 'phase' in value && typeof file === 'string' ? file : undefined;
}

function isSpan(value: unknown): value is Span {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Span).start === 'number' &&
    typeof (value as Span).end === 'number'
  );
}
