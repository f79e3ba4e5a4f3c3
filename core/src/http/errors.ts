/** One-line reasons for requests that produced no usable response (the step is *errored*). */
import type { Span } from '../span.js';

/** A problem tied to a place in the suite: the runner reports it as the step's error. */
export class StepProblem extends Error {
  constructor(
    message: string,
    readonly span: Span,
    /** `failed` for a capture that found nothing; everything else makes the step errored. */
    readonly outcome: 'errored' | 'failed' = 'errored',
  ) {
    super(message);
    this.name = 'StepProblem';
  }
}

export type RequestFailureKind = 'cancelled' | 'timeout' | 'network' | 'too-large' | 'invalid-response';

export class RequestFailure extends Error {
  constructor(
    message: string,
    readonly kind: RequestFailureKind,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

/** "5 s", "250 ms", "1.5 s" — how timeouts read in messages. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
  return `${Math.round(ms)} ms`;
}

/** The most response header bytes read (Node's own default): more errors the step. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** "512 bytes", "16 KB", "1.5 MB" — how sizes read in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

interface ErrorLike {
  code?: string;
  message?: string;
  hostname?: string;
  address?: string;
  port?: number;
  cause?: unknown;
  errors?: unknown[];
}

/** The innermost errors of a chain (`cause`, `AggregateError.errors`), most specific first. */
function chain(error: unknown): ErrorLike[] {
  const result: ErrorLike[] = [];
  const visit = (item: unknown, depth: number): void => {
    if (!item || typeof item !== 'object' || depth > 6) return;
    const like = item as ErrorLike;
    if (Array.isArray(like.errors)) like.errors.forEach((inner) => visit(inner, depth + 1));
    visit(like.cause, depth + 1);
    result.push(like);
  };
  visit(error, 0);
  return result;
}

/** Maps a network error to a one-line reason naming the host. */
export function describeNetworkError(error: unknown, url: URL): string {
  const hostPort = `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  for (const item of chain(error)) {
    const code = item.code ?? '';
    const message = item.message ?? '';
    if (code === 'ECONNREFUSED') return `connection refused to ${hostPort}`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
      return `could not resolve host ${item.hostname ?? url.hostname}`;
    }
    if (
      /^(ERR_SSL|ERR_TLS|EPROTO)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ||
      /\bSSL\b|\bTLS\b|certificate/i.test(message)
    ) {
      return `TLS error connecting to ${hostPort}: ${
        message
          .split('\n')[0]
          .replace(/^[\w:]*error:[\dA-F]+:[^:]*:/i, '')
          .trim() || code
      }`;
    }
    if (code === 'ECONNRESET') return `connection reset by ${hostPort}`;
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable: ${hostPort}`;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect to ${hostPort} (connect timeout)`;
    if (code === 'UND_ERR_SOCKET')
      return `connection to ${hostPort} closed by the server before a complete response`;
    if (code === 'UND_ERR_HEADERS_OVERFLOW')
      return `response headers from ${hostPort} exceed the ${formatBytes(MAX_HEADER_BYTES)} limit (too many or too large headers)`;
    if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return `invalid request: ${message}`;
  }
  const first = chain(error).at(-1);
  return `request to ${hostPort} failed: ${first?.message ?? String(error)}`;
}
