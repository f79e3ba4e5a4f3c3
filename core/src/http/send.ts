/**
 * Sends one request (following redirects when asked) with undici and reads the body, decoded,
 * with a byte limit. Cookies are read from and stored into the test's jar on every hop.
 */
import type { CookieJar } from 'tough-cookie';
// esbuild inlines just this field of the manifest into each bundle.
import { version } from '../../../package.json';
import { sharedAgent } from './agent.js';
import { exchange } from './exchange.js';
import type { FormData } from './undici.js';
import { describeNetworkError, formatMs, RequestFailure } from './errors.js';
import { startFlight, type AbortWhy } from './flight.js';
import { crossOriginHeaders, describeHops, MAX_REDIRECTS } from './redirect.js';
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

/** Sent unless the suite sets a `user-agent` header. */
const USER_AGENT = `bluebook/${version}`;

/** Sends the request; throws `RequestFailure` (cancelled, timeout, network, too-large, invalid-response). */
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
  let hops: URL[] | undefined;
  try {
    for (let hop = 0; ; hop++) {
      // No await (a few microtask hops) for a jar that has never held a cookie.
      const hopHeaders = jar && usedJars.has(jar) ? await withCookies(headers, url, jar) : headers;
      const response = await exchange(
        sharedAgent(),
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: withUserAgent(hopHeaders),
          body,
        },
        flight,
        outgoing.maxBodyBytes,
        outgoing.followRedirects,
      );
      const setCookies = toList(response.headers['set-cookie']);
      if (jar) {
        for (const cookie of setCookies) {
          await jar.setCookie(cookie, url.href, { ignoreError: true });
          usedJars.add(jar);
        }
      }
      const location = response.headers.location;
      if (outgoing.followRedirects && response.statusCode >= 300 && response.statusCode < 400 && location) {
        const next = redirectTarget(String(location), url);
        hops ??= [url];
        hops.push(next);
        if (hop === MAX_REDIRECTS)
          throw new RequestFailure(
            `stopped after ${MAX_REDIRECTS} redirects (the limit): ${describeHops(hops)}`,
            'invalid-response',
          );
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          throw new RequestFailure(
            `cannot follow the redirect to ${next.href}: only http and https URLs can be followed`,
            'invalid-response',
          );
        headers = crossOriginHeaders(headers, url, next);
        url = next;
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
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        setCookies,
        body: response.body,
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

/**
 * The headers as undici's flat name/value list, with Bluebook's `user-agent` unless the suite set
 * one (names are lower-case by now). Spreading the object into a new one instead cost as much as
 * parsing the response's JSON.
 */
function withUserAgent(headers: Record<string, string>): string[] {
  const list: string[] = [];
  for (const name in headers) list.push(name, headers[name]);
  if (headers['user-agent'] === undefined) list.push('user-agent', USER_AGENT);
  return list;
}

function redirectTarget(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new RequestFailure(
      `cannot follow the redirect: its location \`${location}\` is not a URL`,
      'invalid-response',
    );
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

/** No `set-cookie` (most responses): one shared, frozen list. */
const NO_COOKIES: readonly string[] = Object.freeze([]);

function toList(value: string | string[] | undefined): readonly string[] {
  if (value === undefined) return NO_COOKIES;
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
