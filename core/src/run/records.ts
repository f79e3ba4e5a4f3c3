/** Bounded, redacted records for results: responses are not kept beyond what reports need. */
import type { ResponseView } from '../http/response.js';
import type { Redactor } from '../redact.js';
import type { ResponseRecord, StepResult } from '../results.js';
import { statusText } from '../http/statusText.js';

/** Bodies in results are cut here (64 KB): a 10,000-step run keeps flat memory. */
export const EXCERPT_LIMIT = 64 * 1024;

export function responseRecord(view: ResponseView): ResponseRecord {
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
    headers: { ...response.headers },
    body,
    bodyTruncated,
    size,
  };
}

/** Cuts large expected/actual values so results stay small, then redacts everything. */
export function finishStepResult(result: StepResult, redactor: Redactor): StepResult {
  const expectations = result.expectations.map((item) => ({
    ...item,
    expected: redactor.value(bound(item.expected)),
    actual: redactor.value(bound(item.actual)),
    message: redactor.text(item.message),
  }));
  return {
    ...result,
    name: redactor.text(result.name),
    expectations,
    ...(result.request
      ? {
          request: {
            ...result.request,
            url: redactor.text(result.request.url),
            headers: redactor.headers(result.request.headers),
            ...(result.request.body !== undefined ? { body: redactor.text(result.request.body) } : {}),
          },
        }
      : {}),
    ...(result.response
      ? {
          response: {
            ...result.response,
            headers: redactor.headers(result.response.headers),
            body: redactor.text(result.response.body),
          },
        }
      : {}),
    ...(result.error ? { error: { ...result.error, message: redactor.text(result.error.message) } } : {}),
  };
}

function bound(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > EXCERPT_LIMIT
      ? `${value.slice(0, EXCERPT_LIMIT)}… (${value.length - EXCERPT_LIMIT} more characters)`
      : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text !== undefined && text.length > EXCERPT_LIMIT)
      return `${text.slice(0, EXCERPT_LIMIT)}… (${text.length - EXCERPT_LIMIT} more characters)`;
  }
  return value;
}
