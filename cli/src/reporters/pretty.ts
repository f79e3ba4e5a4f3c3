/**
 * The default reporter: every test with its steps as it finishes, failure detail inline, and the
 * closing `N passed, N failed, N skipped` line. With `--jobs` > 1 the output stays in file order:
 * the first unfinished file streams, later files are held back until it is done.
 * On a terminal, a live line at the bottom shows what is running (never when piped).
 */
import type { RunEvent, StepResult, SuiteResult, TestResult } from '../../../core/src/index.js';
import { partOfTest } from '../core.js';
import { LiveLine } from '../live.js';
import { plural } from '../problems.js';
import type { Style } from '../terminal.js';
import type { Reporter, ReporterContext, RunSummary } from './reporter.js';
import { serviceLogLines, summaryLines } from './reporter.js';
import { errorDetail, stepDetail, stepLine, stepSource, testLine } from './render.js';

export function createReporter(context: ReporterContext): Reporter {
  return new PrettyReporter(context);
}

class PrettyReporter implements Reporter {
  private readonly pending = new Map<string, string[]>();
  private readonly done = new Set<string>();
  private readonly order: string[];
  private head = 0;
  private readonly shownTests = new Map<string, Set<string>>();
  private readonly shownHeaders = new Map<string, Set<string>>();
  private readonly live: LiveLine | undefined;
  private wroteSuite = false;

  constructor(private readonly context: ReporterContext) {
    this.order = [...context.files];
    this.live = context.out.isTTY ? new LiveLine(context.out, context.style) : undefined;
  }

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'suiteStarted': {
        const display = this.context.source(event.file)?.display ?? event.file;
        const header =
          event.name && event.name !== display
            ? `${this.context.style.bold(event.name)}  ${this.context.style.dim(display)}`
            : this.context.style.bold(display);
        this.emit(event.file, [header]);
        break;
      }
      case 'testStarted':
        this.live?.set(event.file, event.name);
        break;
      case 'stepStarted':
        if (!partOfTest(event.phase)) this.live?.set(event.file, event.phase);
        break;
      case 'stepFinished':
        if (!partOfTest(event.result.phase)) this.emit(event.file, this.hookStep(event.file, event.result));
        break;
      case 'testFinished':
        this.live?.clear(event.file);
        this.emit(event.file, this.test(event.file, event.result));
        break;
      case 'suiteFinished':
        this.live?.clear(event.result.file);
        this.emit(event.result.file, this.suiteEnd(event.result));
        this.wroteSuite = true;
        this.done.add(event.result.file);
        this.flush();
        break;
    }
  }

  finish(summary: RunSummary): void {
    this.live?.stop();
    // Files that never finished (not run after --bail or an interrupt) release what they hold.
    for (const file of this.order) this.done.add(file);
    this.flush();
    // Each suite's block ends with a blank line already.
    this.write([
      ...(this.wroteSuite ? [] : ['']),
      ...serviceLines(summary, this.context.style),
      ...summaryLines(summary, this.context.style),
    ]);
  }

  private hookStep(file: string, step: StepResult): string[] {
    const headers = this.shownHeaders.get(file) ?? new Set<string>();
    this.shownHeaders.set(file, headers);
    const lines: string[] = [];
    if (!headers.has(step.phase)) {
      headers.add(step.phase);
      lines.push(`  ${this.context.style.dim(step.phase)}`);
    }
    lines.push(`    ${stepLine(step, this.context.style)}`);
    if (step.logs) lines.push(...logLines(step.logs, this.context.style));
    if (step.outcome === 'failed' || step.outcome === 'errored')
      lines.push(...this.detail(file, step, '        '));
    return lines;
  }

  private test(file: string, test: TestResult): string[] {
    const shown = this.shownTests.get(file) ?? new Set<string>();
    this.shownTests.set(file, shown);
    shown.add(test.instanceId);
    const style = this.context.style;
    const lines = [`  ${testLine(test, style)}`];
    if (test.error)
      lines.push(
        `      ${style.red(`error: ${test.error.message.split('\n')[0]}`)}`,
        ...errorDetail(test.error, this.context.source(file), file, style, '      '),
      );
    if (test.outcome === 'skipped' && test.steps.every((step) => step.outcome === 'skipped')) return lines;
    for (const step of test.steps) {
      lines.push(`    ${stepLine(step, style)}`);
      if (step.logs) lines.push(...logLines(step.logs, style));
      if (step.outcome === 'failed' || step.outcome === 'errored')
        lines.push(...this.detail(file, step, '        '));
    }
    return lines;
  }

  private suiteEnd(suite: SuiteResult): string[] {
    const lines: string[] = [];
    const style = this.context.style;
    // Whatever the runner did not announce by events still appears (robust to partial events).
    const shown = this.shownTests.get(suite.file) ?? new Set<string>();
    for (const test of suite.tests)
      if (!shown.has(test.instanceId)) lines.push(...this.test(suite.file, test));
    if (suite.error) {
      lines.push(
        `  ${style.red('✗')} ${style.bold('suite error')}  ${style.red(suite.error.message.split('\n')[0])}`,
      );
      lines.push(...errorDetail(suite.error, this.context.source(suite.file), suite.file, style, '      '));
    }
    lines.push('');
    return lines;
  }

  private detail(file: string, step: StepResult, indent: string): string[] {
    const suite = this.context.source(file);
    const where = stepSource(step, suite, suite?.display ?? file, this.context.source);
    return stepDetail(step, where.source, where.file, this.context.style, indent, this.context.verbose);
  }

  /** Writes now if `file` is the head of the order, else holds the lines back. */
  private emit(file: string, lines: string[]): void {
    if (this.order[this.head] === file || !this.order.includes(file)) this.write(lines);
    else {
      const held = this.pending.get(file) ?? [];
      held.push(...lines);
      this.pending.set(file, held);
    }
  }

  private flush(): void {
    while (this.head < this.order.length && this.done.has(this.order[this.head])) {
      this.head++;
      const next = this.order[this.head];
      if (next === undefined) break;
      const held = this.pending.get(next);
      if (held) {
        this.pending.delete(next);
        this.write(held);
      }
    }
  }

  private write(lines: string[]): void {
    if (lines.length === 0) return;
    this.live?.hide();
    this.context.out.write(`${lines.join('\n')}\n`);
    this.live?.show();
  }
}

/** What a step's scripts logged (already redacted), under the step line. */
function logLines(logs: string[], style: Style): string[] {
  return logs.flatMap((text) => text.split('\n').map((line) => `        ${style.dim('log')} ${line}`));
}

/** The tail of each service's log under its name, before the summary of a run that failed. */
function serviceLines(summary: RunSummary, style: Style): string[] {
  return serviceLogLines(summary).flatMap((tail) => [
    style.bold(`service ${tail.name}`) +
      style.dim(`  last ${plural(tail.lines.length, 'line')} of .bluebook/logs/${tail.name}.log`),
    ...tail.lines.map((line) => `  ${style.dim('│')} ${line}`),
    '',
  ]);
}
