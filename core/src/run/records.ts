/**
 * Bounded, redacted records for results: responses are not kept beyond what reports need.
 *
 * Everything here builds fresh objects from the step's own data, so redaction can write into them
 * instead of copying again; with no secret values the string passes are skipped entirely (only the
 * credential headers are masked), which matters at thousands of steps per second.
 */
import type { ResponseView } from '../http/response.js';
import type { Step } from '../model.js';
import { statusText } from '../http/status.js';
import type { Redactor } from '../redact.js';
import { fitted } from '../fitted.js';
import type { ExpectationResult, RequestRecord, ResponseRecord } from '../results.js';

/** Bodies in full records are cut here (64 KB). */
export const EXCERPT_LIMIT = 64 * 1024;
/**
 * Expected/actual values of a passed step are cut here when only failures keep records: a
 * `body:` or `json:` expectation of a passed step must not keep a large response subtree alive.
 */
export const PASSED_VALUE_LIMIT = 1024;

/** The response as results show it: full headers and a bounded body excerpt. */
export function fullResponseRecord(view: ResponseView, redactor: Redactor): ResponseRecord {
  const { response } = view;
  const size = response.body.length;
  let body: string;
  let bodyTruncated = false;
  if (view.isBinary) body = `<binary, ${size} bytes>`;
  else {
    const text =
      size > EXCERPT_LIMIT * 4 ? response.body.subarray(0, EXCERPT_LIMIT * 4).toString('utf8') : view.text();
    bodyTruncated = text.length > EXCERPT_LIMIT || size > EXCERPT_LIMIT * 4;
    // A fresh copy: slicing a huge string can keep the whole string alive in V8.
    body = bodyTruncated ? Buffer.from(text.slice(0, EXCERPT_LIMIT)).toString() : text;
  }
  return {
    status: response.status,
    statusText: statusText(response.status),
    headers: redactor.headers(response.headers),
    body: redactor.text(body),
    bodyTruncated,
    size,
    durationMs: Math.round(response.durationMs),
  };
}

/** The headers of a slim record (none kept): one frozen object for all of them. */
const NO_HEADERS: Record<string, string> = Object.freeze({});

/**
 * Status line and size only (`recordsOmitted`): headers `{}`, body `''`, `bodyTruncated` true so
 * a reader that shows excerpts says "truncated" rather than "empty".
 */
export function slimResponseRecord(view: ResponseView): ResponseRecord {
  const { status, body, durationMs } = view.response;
  return {
    status,
    statusText: statusText(status),
    headers: NO_HEADERS,
    body: '',
    bodyTruncated: true,
    size: body.length,
    durationMs: Math.round(durationMs),
  };
}

/** The request as sent (headers of the last hop, with jar cookies), redacted. */
export function fullRequestRecord(
  record: RequestRecord,
  sentHeaders: Record<string, string> | undefined,
  redactor: Redactor,
): RequestRecord {
  const result: RequestRecord = {
    method: record.method,
    url: redactor.text(record.url),
    headers: redactor.headers(sentHeaders ?? record.headers),
  };
  if (record.body !== undefined) result.body = redactor.text(record.body);
  return result;
}

/** Method and URL only (`recordsOmitted`). */
export function slimRequestRecord(record: RequestRecord, redactor: Redactor): RequestRecord {
  return { method: record.method, url: redactor.text(record.url), headers: NO_HEADERS };
}

/**
 * The step's name in results. Without `name:`, a URL with `${...}` is shown as sent (rendered with
 * the run's variables, already redacted in the request record): `GET ${base}/users/${id}` reads
 * `GET http://host/users/7`. As written when the step has a name or nothing was sent.
 */
export function stepName(step: Step, request: RequestRecord | undefined, redactor: Redactor): string {
  if (step.explicitName || !request || typeof step.url !== 'string' || !step.url.includes('${'))
    return redactor.text(step.name);
  return `${request.method} ${request.url}`;
}

/** Cuts large expected/actual values so results stay small, then redacts, in place. */
export function finishExpectations(
  expectations: ExpectationResult[],
  redactor: Redactor,
  valueLimit: number,
): ExpectationResult[] {
  const redacting = redactor.size > 0;
  expectations = fitted(expectations);
  for (const item of expectations) {
    item.expected = bound(item.expected, valueLimit);
    item.actual = bound(item.actual, valueLimit);
    if (redacting) {
      if (item.key !== undefined) item.key = redactor.text(item.key);
      item.expected = redactor.value(item.expected);
      item.actual = redactor.value(item.actual);
      item.message = redactor.text(item.message);
      if (item.snapshot) item.snapshot.value = redactor.value(item.snapshot.value);
    }
  }
  return expectations;
}

function bound(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return value.length > limit ? cut(value, limit) : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text !== undefined && text.length > limit) return cut(text, limit);
  }
  return value;
}

function cut(text: string, limit: number): string {
  // A fresh copy: a slice can keep the whole (possibly huge) string alive in V8.
  const head = Buffer.from(text.slice(0, limit)).toString();
  return `${head}… (${text.length - limit} more characters)`;
}
