/**
 * The results of the last editor run, kept for "Bluebook: Open Last Report". Plain data, no
 * `vscode`: a new run (a higher run number) replaces the previous one's results.
 */
import { countTests, type SuiteResult, type Totals } from '../../../core/src/index.js';

export class LastRun {
  private run = 0;
  private readonly results = new Map<string, SuiteResult>();

  /** A suite's (or a config hook's) result of run `run`. */
  add(uri: string, result: SuiteResult, run: number): void {
    if (run < this.run) return;
    if (run > this.run) {
      this.run = run;
      this.results.clear();
    }
    this.results.set(`${uri}#${result.phase ?? ''}`, result);
  }

  get suites(): SuiteResult[] {
    return [...this.results.values()];
  }

  get totals(): Totals {
    return countTests(this.suites);
  }

  get durationMs(): number {
    return this.suites.reduce((sum, suite) => sum + suite.durationMs, 0);
  }
}
