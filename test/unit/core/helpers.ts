// Shared helpers for the engine's unit tests: run suite text against the target server.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSuite } from '../../../core/src/parse.js';
import { runSuite } from '../../../core/src/run/runSuite.js';
import type { RunOptions } from '../../../core/src/run/options.js';
import type { RunEvent, StepResult, SuiteResult, TestResult } from '../../../core/src/results.js';

/** A fresh temporary folder with the given files (paths relative to it). */
export function tempFolder(files: Record<string, string | Buffer> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'bluebook-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

export interface Run {
  result: SuiteResult;
  events: RunEvent[];
  text: string;
}

/**
 * Parses and runs suite text (as if it were `suite.bluebook.yaml` in `baseDir`). Keeps the full
 * records of every step unless `keepRecords` says otherwise: most tests read passed steps' records.
 */
export async function run(text: string, baseUrl: string, options: RunOptions = {}): Promise<Run> {
  const events: RunEvent[] = [];
  const doc = parseSuite(text, join(options.baseDir ?? tmpdir(), 'suite.bluebook.yaml'));
  const result = await runSuite(doc, {
    keepRecords: 'all',
    ...options,
    environment: { baseUrl, ...options.environment },
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { result, events, text };
}

export function onlyTest(result: SuiteResult): TestResult {
  if (result.tests.length !== 1)
    throw new Error(`expected one test, got ${result.tests.length}: ${JSON.stringify(result.error)}`);
  return result.tests[0];
}

export function step(result: SuiteResult, stepIndex = 0, testIndex = 0): StepResult {
  const test = result.tests[testIndex];
  if (!test) throw new Error(`no test ${testIndex}: ${JSON.stringify(result.error)}`);
  return test.steps[stepIndex];
}

/** The suite text under a span (to check that errors point at the right place). */
export function at(text: string, span: { start: number; end: number } | undefined): string {
  if (!span) throw new Error('no span');
  return text.slice(span.start, span.end);
}
