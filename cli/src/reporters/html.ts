/**
 * `-r html:FILE`: one self-contained HTML page of the run (html-page.ts), from the same redacted
 * results as the other reporters (html-model.ts).
 */
import { buildReportData } from './html-model.js';
import { renderHtmlReport } from './html-page.js';
import type { Reporter, ReporterContext, RunSummary } from './reporter.js';

export function createReporter(context: ReporterContext): Reporter {
  return {
    finish(summary: RunSummary): void {
      const data = buildReportData({
        suites: summary.suites,
        totals: summary.totals,
        durationMs: summary.durationMs,
        notRun: summary.notRun,
        version: context.version,
        source: context.source,
      });
      context.out.write(renderHtmlReport(data));
    },
  };
}
