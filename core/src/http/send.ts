/**
 * Sends one request (following redirects when asked) with undici and reads the body with a
 * byte limit. Cookies are read from and stored into the test's jar on every hop.
 */
import { request, type FormData } from 'undici';
import type { CookieJar } from 'tough-cookie';
import { sharedAgent } from './agent.js';
import { describeNetworkError, formatMs, RequestFailure } from './errors.js';
import type { HttpResponse } from './response.js';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  timeoutMs: number;
  followRedirects: boolean;
  maxBodyBytes: number;
  signal?: AbortSignal;
  jar?: CookieJar;
}

const MAX_REDIRECTS = 10;

/** Sends the request; throws `RequestFailure` (cancelled, timeout, network, too-large). */
export async function send(outgoing: OutgoingRequest): Promise<HttpResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), outgoing.timeoutMs);
  const signal = outgoing.signal ? AbortSignal.any([outgoing.signal, timeout.signal]) : timeout.signal;
  const started = performance.now();
  let url = new URL(outgoing.url);
  let method = outgoing.method;
  let body = outgoing.body;
  const headers = { ...outgoing.headers };
  try {
    for (let hop = 0; ; hop++) {
      const hopHeaders = await withCookies(headers, url, outgoing.jar);
      const response = await request(url, {
        method: method as 'GET',
        headers: hopHeaders,
        body,
        signal,
        dispatcher: sharedAgent(),
      });
      const setCookies = toList(response.headers['set-cookie']);
      if (outgoing.jar) {
        for (const cookie of setCookies) {
          await outgoing.jar.setCookie(cookie, url.href, { ignoreError: true });
          usedJars.add(outgoing.jar);
        }
      }
      const location = response.headers.location;
      if (
        outgoing.followRedirects &&
        response.statusCode >= 300 &&
        response.statusCode < 400 &&
        location &&
        hop < MAX_REDIRECTS
      ) {
        await response.body.dump();
        url = new URL(String(location), url);
        // 303 (and, as browsers do, 301/302 after a non-GET) turns into a GET without body.
        if (
          response.statusCode === 303 ||
          ((response.statusCode === 301 || response.statusCode === 302) &&
            method !== 'GET' &&
            method !== 'HEAD')
        ) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          for (const name of Object.keys(headers))
            if (/^content-(type|length)$/i.test(name)) delete headers[name];
        }
        continue;
      }
      const bytes = await readBody(response.body, response.headers['content-length'], outgoing.maxBodyBytes);
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        setCookies,
        body: bytes,
        durationMs: performance.now() - started,
        url: url.href,
        requestHeaders: hopHeaders,
      };
    }
  } catch (error) {
    if (error instanceof RequestFailure) throw error;
    if (outgoing.signal?.aborted) throw new RequestFailure('cancelled', 'cancelled');
    if (timeout.signal.aborted)
      throw new RequestFailure(`timed out after ${formatMs(outgoing.timeoutMs)}`, 'timeout');
    throw new RequestFailure(describeNetworkError(error, url), 'network');
  } finally {
    clearTimeout(timer);
  }
}

/** Jars that have stored a cookie: looking up an empty jar costs a few async hops per request. */
const usedJars = new WeakSet<CookieJar>();

/** Marks a jar as holding cookies (a copy of a jar that held some). */
export function markJarUsed(jar: CookieJar): void {
  usedJars.add(jar);
}

export function jarUsed(jar: CookieJar): boolean {
  return usedJars.has(jar);
}

async function withCookies(
  headers: Record<string, string>,
  url: URL,
  jar: CookieJar | undefined,
): Promise<Record<string, string>> {
  if (!jar || !usedJars.has(jar)) return headers;
  const cookies = await jar.getCookieString(url.href);
  if (!cookies) return headers;
  const own = Object.keys(headers).find((name) => name.toLowerCase() === 'cookie');
  const result = { ...headers };
  if (own) result[own] = `${headers[own]}; ${cookies}`;
  else result.cookie = cookies;
  return result;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** Reads at most `limit` bytes; a larger body stops the read and errors the step (memory stays bounded). */
async function readBody(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  contentLength: string | string[] | undefined,
  limit: number,
): Promise<Buffer> {
  const tooLarge = (): RequestFailure =>
    new RequestFailure(
      `response body is larger than the ${formatBytes(limit)} limit (maxBodyBytes); the rest was not read`,
      'too-large',
    );
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
