/**
 * How results read in the editor — plain strings and spans, no `vscode`: failure messages, the
 * inline text at the end of step and expectation lines, and the request/response log. The
 * adapters (Test Explorer, decorations, output channel) only position what this file words.
 */
import { formatForDiff, formatValue, statusText as standardStatusText } from '../../../core/src/index.js';
import type { ExpectationResult, Span, StepResult } from '../../../core/src/index.js';
import { SNAPSHOT_MESSAGE, snapshotText } from '../snapshots/find.js';

/** A `TestMessage` before it meets the editor: a diff when expected/actual are present. */
export interface MessageSpec {
  message: string;
  /** Markdown shown under `message` in the failure peek (the adapter escapes `message` itself). */
  details?: string;
  expected?: string;
  actual?: string;
  span: Span;
  /** The file `span` points into when it is not the suite's own (`StepResult.file`). */
  file?: string;
  /** `TestMessage.contextValue`: which message actions apply (e.g. "Accept new snapshot"). */
  contextValue?: string;
}

/**
 * One message per failed expectation (located on the expectation's entry, with expected/actual for
 * the diff view), or one on the method line (or the offending value) when the step errored.
 */
export function stepMessages(step: StepResult): MessageSpec[] {
  return inFileOf(step, ownMessages(step));
}

function ownMessages(step: StepResult): MessageSpec[] {
  const messages: MessageSpec[] = [];
  for (const expectation of step.expectations) {
    if (expectation.passed) continue;
    if (expectation.snapshot) {
      messages.push({
        message: expectation.message,
        expected: snapshotText(expectation.expected),
        actual: snapshotText(expectation.snapshot.value),
        span: expectation.span,
        contextValue: SNAPSHOT_MESSAGE,
      });
      continue;
    }
    messages.push({
      message: expectation.message,
      expected: formatForDiff(expectation.expected),
      actual: formatForDiff(expectation.actual),
      span: expectation.span,
    });
  }
  if (step.error) messages.push({ message: step.error.message, span: step.error.span ?? step.methodSpan });
  if (messages.length === 0 && (step.outcome === 'failed' || step.outcome === 'errored')) {
    // Never report a failure without saying something: point at the step.
    messages.push({ message: `${step.name} ${step.outcome}`, span: step.methodSpan });
  }
  return messages;
}

function inFileOf(step: StepResult, messages: MessageSpec[]): MessageSpec[] {
  return step.file === undefined ? messages : messages.map((message) => ({ ...message, file: step.file }));
}

/**
 * The plain message a failed expectation puts on its test (the step's parent), first line
 * `expected 200, got 404`. VS Code draws one badge per line at the line's end, from the first
 * located error message of its newest result, and for a diff message the badge reads
 * `actual != expected`; the parent comes before the step in that order, so this message's first
 * line is what the badge says while the step keeps the diff. See docs/decisions.md ("Extension").
 */
export function summaryMessages(step: StepResult): MessageSpec[] {
  const messages = step.expectations
    .filter((expectation) => !expectation.passed)
    .map((expectation) => ({
      message: expectationSummary(expectation),
      details: [
        `${codeSpan(step.name)} · ${escapeMarkdown(expectation.message)}`,
        '**Expected**',
        codeBlock(formatForDiff(expectation.expected)),
        '**Actual**',
        codeBlock(formatForDiff(expectation.actual)),
        '_The step’s own message shows this failure as a diff._',
      ].join('\n\n'),
      span: expectation.span,
    }));
  return inFileOf(step, messages);
}

const DETAIL_LINES = 40;

function codeBlock(text: string): string {
  const lines = text.split('\n');
  const shown =
    lines.length > DETAIL_LINES
      ? [...lines.slice(0, DETAIL_LINES), `… ${lines.length - DETAIL_LINES} more lines`]
      : lines;
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}\n${shown.join('\n')}\n${fence}`;
}

function codeSpan(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** The response's own reason phrase, else the standard one (core's table, as the runner uses). */
export function statusText(status: number, given?: string): string {
  return given || standardStatusText(status);
}

/** `✓ 201 Created · 34 ms`, `✗ 404 Not Found · 12 ms`, `✗ connect ECONNREFUSED · 3 ms`. */
export function stepSummary(step: StepResult): string | undefined {
  const time = `${Math.round(step.durationMs)} ms`;
  switch (step.outcome) {
    case 'skipped':
      return step.skipReason ? `○ skipped: ${oneLine(step.skipReason, 60)}` : undefined;
    case 'passed':
    case 'failed': {
      const mark = step.outcome === 'passed' ? '✓' : '✗';
      if (!step.response) return `${mark} ${time}`;
      const { status } = step.response;
      const attempts = step.attempts > 1 ? ` · ${step.attempts} attempts` : '';
      return `${mark} ${`${status} ${statusText(status, step.response.statusText)}`.trim()} · ${time}${attempts}`;
    }
    case 'errored':
      return `✗ ${oneLine(step.error?.message ?? 'error', 80)} · ${time}`;
  }
}

/** `expected 200, got 404` — one line, values shortened. */
export function expectationSummary(expectation: ExpectationResult): string {
  return `expected ${compact(expectation.expected)}, got ${compact(expectation.actual)}`;
}

function compact(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return oneLine(text, 60);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The request and response of a step as text (the output channel and `TestRun.appendOutput`):
 *
 *     → POST http://127.0.0.1:3000/users
 *       content-type: application/json
 *       {"name":"Ada"}
 *     ← 201 Created · 12 ms
 *       …
 */
export function formatExchange(step: StepResult, eol = '\n'): string {
  const lines: string[] = [];
  const indent = (text: string) => text.split(/\r?\n/).map((line) => `  ${line}`);
  if (step.request) {
    lines.push(`→ ${step.request.method} ${step.request.url}`);
    for (const [name, value] of Object.entries(step.request.headers)) lines.push(`  ${name}: ${value}`);
    if (step.request.body) lines.push(...indent(step.request.body));
  } else {
    lines.push(`→ ${step.name}`);
  }
  if (step.response) {
    const { status } = step.response;
    lines.push(
      `← ${status} ${statusText(status, step.response.statusText)} · ${Math.round(step.durationMs)} ms`,
    );
    for (const [name, value] of Object.entries(step.response.headers)) lines.push(`  ${name}: ${value}`);
    if (step.response.body) {
      lines.push(...indent(step.response.body));
      if (step.response.bodyTruncated) lines.push(`  … (${step.response.size} bytes in all)`);
    }
  }
  if (step.error) lines.push(`✗ ${step.error.message}`);
  for (const expectation of step.expectations) {
    if (!expectation.passed) lines.push(`✗ ${expectation.message}`);
    else if (expectation.snapshot?.note) {
      const { note, test, step: key, file } = expectation.snapshot;
      lines.push(`● snapshot ${note}: ${test} › ${key} in ${file}`);
    }
  }
  return lines.join(eol) + eol + formatLogs(step, eol);
}

/** What the step's scripts wrote with `console.log` (redacted by the engine): `log: …` lines. */
export function formatLogs(step: StepResult, eol = '\n'): string {
  const lines = (step.logs ?? []).flatMap((entry) =>
    entry.split(/\r?\n/).map((line, i) => (i === 0 ? `log: ${line}` : `     ${line}`)),
  );
  return lines.map((line) => line + eol).join('');
}

/**
 * The full request/response of a step as a read-only document: an HTTP-message layout with JSON
 * bodies pretty-printed (sorted keys, like every other value Bluebook shows).
 */
export function formatResponseDocument(step: StepResult): string {
  const parts: string[] = [];
  if (step.request) {
    const head = [`${step.request.method} ${step.request.url}`];
    for (const [name, value] of Object.entries(step.request.headers)) head.push(`${name}: ${value}`);
    parts.push(head.join('\n') + (step.request.body ? `\n\n${prettyBody(step.request.body)}` : ''));
  }
  if (step.response) {
    const { status } = step.response;
    const head = [`HTTP/1.1 ${status} ${statusText(status, step.response.statusText)}`.trim()];
    for (const [name, value] of Object.entries(step.response.headers)) head.push(`${name}: ${value}`);
    let body = prettyBody(step.response.body);
    if (step.response.bodyTruncated) body += `\n… (truncated; ${step.response.size} bytes in all)`;
    parts.push(head.join('\n') + (body ? `\n\n${body}` : ''));
  } else if (step.error) {
    parts.push(`# no response: ${step.error.message}`);
  }
  return parts.join('\n\n###\n\n') + '\n';
}

function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return formatValue(JSON.parse(trimmed));
    } catch {
      // not JSON after all: show it as it came
    }
  }
  return body;
}

/** The hover of a step's method line: status, main headers, a body excerpt. Markdown. */
export function formatResponseHover(step: StepResult, openCommandLink?: string): string {
  const lines: string[] = [];
  const summary = stepSummary(step);
  if (summary) lines.push(`**Last run** ${summary}`);
  if (step.response) {
    const main = ['content-type', 'content-length', 'location', 'cache-control', 'etag'];
    const headers = Object.entries(step.response.headers).filter(([name]) =>
      main.includes(name.toLowerCase()),
    );
    if (headers.length > 0) {
      lines.push('', ...headers.map(([name, value]) => `- \`${name}: ${value.replace(/`/g, "'")}\``));
    }
    const body = prettyBody(step.response.body);
    if (body) {
      const excerpt = body.length > 600 ? `${body.slice(0, 600)}\n…` : body;
      const fence = excerpt.includes('```') ? '~~~' : '```';
      lines.push('', `${fence}${isJson(body) ? 'json' : ''}`, excerpt, fence);
    }
  }
  if (openCommandLink) lines.push('', `[Open full request/response](${openCommandLink})`);
  return lines.join('\n');
}

function isJson(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[');
}

/** Re-exported so adapters format values the one way core does. */
export { formatForDiff };

/**
 * The tab title of a step's response document: `users · read-user · step 1` (steps counted from 1,
 * as a reader counts them). A step written in another suite (`use`) is keyed `<using suite
 * uri>#<test>/…` in its own file's records: the title names the test.
 */
export function responseTitle(suiteUri: string, key: string): string {
  const name = decodeURIComponent(suiteUri.split('/').pop() ?? 'suite').replace(/\.bluebook\.ya?ml$/i, '');
  const local = /^[a-z][\w+.-]*:/i.test(key) ? key.slice(key.indexOf('#') + 1) : key;
  const slash = local.lastIndexOf('/');
  const step = Number(local.slice(slash + 1));
  const where = Number.isInteger(step) ? `${local.slice(0, slash)} · step ${step + 1}` : local;
  return `${name} · ${where.replace(/\//g, ' ')}`;
}
