/**
 * The services' output where a run's failures are read: the last lines of each service after a
 * failed test (Test Explorer output), and the reason plus last lines when one could not start.
 * No `vscode` here.
 */
import type { ServiceLogTail } from '../../../core/src/services/types.js';
import type { RunSink } from '../testing/runner.js';

/** Each service's last lines under a heading, `eol` line ends; empty when none wrote anything. */
export function formatTails(tails: ServiceLogTail[], eol = '\r\n'): string {
  return tails
    .filter((tail) => tail.lines.length > 0)
    .map(
      (tail) =>
        `── service ${tail.name}: last ${tail.lines.length} line${tail.lines.length === 1 ? '' : 's'} ──${eol}${tail.lines.join(eol)}${eol}`,
    )
    .join('');
}

/** Why a run could not start its services, with the service's last lines when it wrote any. */
export function startFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const { service, tail } = error as { service?: unknown; tail?: unknown };
  const lines = Array.isArray(tail) ? tail.map(String) : [];
  const channel = typeof service === 'string' ? ` (output: "Bluebook Service: ${service}")` : '';
  const last = lines.length > 0 ? `\nIts last ${lines.length} lines:\n${lines.join('\n')}` : '';
  return `Services did not start: ${message}${channel}${last}`;
}

/**
 * A sink that appends the services' last lines to the output of each test that failed or errored
 * (`tailsOf` gives none for other items, or when the test's config runs no services).
 */
export function withServiceTails<I>(sink: RunSink<I>, tailsOf: (item: I) => ServiceLogTail[]): RunSink<I> {
  const append = (item: I) => {
    const text = formatTails(tailsOf(item));
    if (text) sink.appendOutput(text, undefined, item);
  };
  return {
    enqueued: (item) => sink.enqueued(item),
    started: (item) => sink.started(item),
    passed: (item, durationMs) => sink.passed(item, durationMs),
    failed: (item, messages, durationMs) => {
      sink.failed(item, messages, durationMs);
      append(item);
    },
    errored: (item, messages, durationMs) => {
      sink.errored(item, messages, durationMs);
      append(item);
    },
    skipped: (item) => sink.skipped(item),
    appendOutput: (text, location, item) => sink.appendOutput(text, location, item),
  };
}
