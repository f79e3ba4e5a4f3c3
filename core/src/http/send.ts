/**
 * Sends one request (following redirects when asked) with undici and reads the body with a
 * byte limit. Cookies are read from and stored into the test's jar on every hop.
 */
import type { CookieJar } from 'tough-cookie';
import { sharedAgent } from './agent.js';
import type { FormData } from './undici.js';
import { describeNetworkError, formatMs, RequestFailure } from './errors.js';
import { startFlight, type AbortWhy } from './flight.js';
import type { HttpResponse } from './response.js';
import { setOwn } from '../own.js';

export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  timeoutMs: number;
  followRedirects: boolean;
  maxBodyBytes: number;
}

const MAX_REDIRECTS = 10;

/** Sends the request; throws `RequestFailure` (cancelled, timeout, network, too-large). */
export async function send(
  outgoing: OutgoingRequest,
  /** The user's cancellation. */
  cancel?: AbortSignal,
  /** The test's cookie jar. */
  jar?: CookieJar,
): Promise<HttpResponse> {
  const flight = startFlight(outgoing.timeoutMs, cancel);
  if (flight.why === 'cancelled') throw new RequestFailure('cancelled', 'cancelled');
  const started = performance.now();
  let url = outgoing.url;
  let method = outgoing.method;
  let body = outgoing.body;
  // Copied only when a redirect has to change them (the caller's object is its record).
  let headers = outgoing.headers;
  try {
    for (let hop = 0; ; hop++) {
      // No await (a few microtask hops) for a jar that has never held a cookie.
      const hopHeaders = jar && usedJars.has(jar) ? await withCookies(headers, url, jar) : headers;
      const response = await sharedAgent().request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as 'GET',
        headers: hopHeaders,
        body,
        signal: flight,
      });
      const setCookies = toList(response.headers['set-cookie']);
      if (jar) {
        for (const cookie of setCookies) {
          await jar.setCookie(cookie, url.href, { ignoreError: true });
          usedJars.add(jar);
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
          headers = { ...headers };
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
    // Read again: the flight may have been aborted while awaiting (TS narrowed it above).
    const why = flight.why as AbortWhy | undefined;
    if (why === 'cancelled' || cancel?.aborted) throw new RequestFailure('cancelled', 'cancelled');
    if (why === 'timeout')
      throw new RequestFailure(`timed out after ${formatMs(outgoing.timeoutMs)}`, 'timeout');
    throw new RequestFailure(describeNetworkError(error, url), 'network');
  } finally {
    flight.finish();
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
  jar: CookieJar,
): Promise<Record<string, string>> {
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
  // undici already lower-cases names; `for…in` avoids an entries array per response.
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) setOwn(result, name, Array.isArray(value) ? value.join(', ') : value);
  }
  return result;
}

/** Reads at most `limit` bytes; a larger body stops the read and errors the step (memory stays bounded). */
function readBody(
  body: NodeJS.ReadableStream & { destroy(error?: Error): unknown },
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
  // Events rather than `for await`: an async iterator per body costs more than the read itself.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    body.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        body.destroy();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    body.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)));
    body.on('error', reject);
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
