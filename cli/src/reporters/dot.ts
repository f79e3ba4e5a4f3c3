/**
 * One character per test as it finishes (`.` passed, `F` failed, `E` errored, `s` skipped; a
 * failing `before`/`after` step prints `F`/`E` too), then the detail of every failure and the
 * closing `N passed, N failed, N skipped` line. For long CI logs.
 */
import type { Outcome, RunEvent, StepResult } from '../../../core/src/index.js';
import { partOfTest } from '../core.js';
import type { Reporter, ReporterContext, RunSummary, SourceFile } from './reporter.js';
import { summaryLines } from './reporter.js';
import { errorDetail, stepDetail, stepLine, stepSource, testLine } from './render.js';

const WIDTH = 80;

export function createReporter(context: ReporterContext): Reporter {
  let column = 0;
  const style = context.style;
  const glyph: Record<Outcome, string> = {
    passed: '.',
    failed: style.red('F'),
    errored: style.red('E'),
    skipped: style.yellow('s'),
  };
  const put = (outcome: Outcome): void => {
    context.out.write(glyph[outcome]);
    column++;
    if (column === WIDTH) {
      context.out.write('\n');
      column = 0;
    }
  };
  const detail = (
    step: StepResult,
    source: SourceFile | undefined,
    file: string,
    indent: string,
  ): string[] => {
    const where = stepSource(step, source, file, context.source);
    return stepDetail(step, where.source, where.file, style, indent, context.verbose);
  };
  return {
    onEvent(event: RunEvent): void {
      if (event.type === 'testFinished') put(event.result.outcome);
      else if (event.type === 'stepFinished' && !partOfTest(event.result.phase)) {
        if (event.result.outcome === 'failed' || event.result.outcome === 'errored')
          put(event.result.outcome);
      }
    },
    finish(summary: RunSummary): void {
      const lines: string[] = column > 0 ? [''] : [];
      for (const suite of summary.suites) {
        const source = context.source(suite.file);
        const file = source?.display ?? suite.file;
        const failing: string[] = [];
        for (const step of [...suite.before, ...suite.after]) {
          if (step.outcome !== 'failed' && step.outcome !== 'errored') continue;
          failing.push(
            `  ${style.dim(step.phase)} ${stepLine(step, style)}`,
            ...detail(step, source, file, '      '),
          );
        }
        for (const test of suite.tests) {
          if (test.outcome !== 'failed' && test.outcome !== 'errored') continue;
          failing.push(`  ${testLine(test, style)}`);
          if (test.error) failing.push(...errorDetail(test.error, source, file, style, '      '));
          for (const step of test.steps) {
            if (step.outcome !== 'failed' && step.outcome !== 'errored') continue;
            failing.push(`    ${stepLine(step, style)}`, ...detail(step, source, file, '        '));
          }
        }
        if (suite.error)
          failing.push(
            `  ${style.red('✗ suite error')}  ${suite.error.message}`,
            ...errorDetail(suite.error, source, file, style, '      '),
          );
        if (failing.length > 0) lines.push('', `${style.bold(suite.name)}  ${style.dim(file)}`, ...failing);
      }
      lines.push('', ...summaryLines(summary, style));
      context.out.write(`${lines.join('\n')}\n`);
    },
  };
}
