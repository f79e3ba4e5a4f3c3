/** What a redirect changes: the method and body of the next hop, and credentials across origins. */

export const MAX_REDIRECTS = 10;

/** Sent only to the origin the suite addressed, as curl and fetch do. */
const CREDENTIALS = /^(authorization|proxy-authorization|cookie)$/i;

/**
 * The headers for the hop from `from` to `to`: without credentials when the redirect changes the
 * scheme, host or port (cookies of the jar are added per hop by the jar's own rules).
 */
export function crossOriginHeaders(
  headers: Record<string, string>,
  from: URL,
  to: URL,
): Record<string, string> {
  if (from.origin === to.origin) return headers;
  const result: Record<string, string> = {};
  for (const name in headers) if (!CREDENTIALS.test(name)) result[name] = headers[name];
  return result;
}

/** "/a → /b → http://other:81/c": paths on the first URL's origin, whole URLs elsewhere. */
export function describeHops(hops: URL[]): string {
  const origin = hops[0]?.origin;
  return hops.map((url) => (url.origin === origin ? `${url.pathname}${url.search}` : url.href)).join(' → ');
}
