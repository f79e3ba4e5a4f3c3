/**
 * `bluebook mock --record`: the exchanges a recording proxy saw, written as a `*.mock.yaml` file
 * (SPEC §9). One route per method + path + query; answers that differ become a response sequence.
 * Secrets never reach the file: credential headers are dropped, their values (and the cookies a
 * response set) are masked wherever they reappear, and secret-looking JSON fields and query
 * parameters are masked or left out.
 */
import { stringify } from 'yaml';
import { setOwn } from '../own.js';
import { REDACTED, Redactor, isSensitiveHeader } from '../redact.js';

export interface RecordedExchange {
  method: string;
  /** The path and query string as sent. */
  url: string;
  /** Lower-case names; only read for the secrets they carry. */
  requestHeaders: Record<string, string | string[] | undefined>;
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as received (the proxy asks for it unencoded). */
  body: Buffer;
}

export interface RecordingOptions {
  name: string;
  /** The proxied URL, named in the file's first line (without user info). */
  target: string;
  /** Folder for binary bodies, relative to the mock file (`file:` paths are). */
  filesDir: string;
}

export interface Recording {
  text: string;
  /** Binary bodies to write, at paths relative to the mock file. */
  files: { path: string; content: Buffer }[];
}

/** Response headers worth replaying; the rest (date, server, content-length…) is the server's business. */
const KEPT_HEADERS = [
  'content-type',
  'location',
  'etag',
  'last-modified',
  'cache-control',
  'link',
  'retry-after',
  'www-authenticate',
  'content-disposition',
];

/** JSON fields and query parameters whose values are secrets, by name. */
const SECRET_NAME =
  /(?:password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|session[-_]?id|signature)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The URL as printed while recording: secret query values masked. */
export function displayUrl(url: string): string {
  const [path, query] = splitUrl(url);
  if (query === undefined) return path;
  const shown = [...new URLSearchParams(query)].map(
    ([name, value]) => `${name}=${isSecretName(name) ? REDACTED : value}`,
  );
  return `${path}?${shown.join('&')}`;
}

export function recordingYaml(exchanges: readonly RecordedExchange[], options: RecordingOptions): Recording {
  const redactor = secretsOf(exchanges);
  const files: Recording['files'] = [];
  const groups = new Map<string, { order: number; route: Record<string, unknown>; responses: unknown[] }>();
  const firstOfPath = new Map<string, number>();
  exchanges.forEach((exchange, index) => {
    const method = exchange.method.toUpperCase();
    const [path, rawQuery] = splitUrl(exchange.url);
    const query = queryMatchers(rawQuery);
    const key = JSON.stringify([method, path, query]);
    if (!firstOfPath.has(`${method} ${path}`)) firstOfPath.set(`${method} ${path}`, index);
    let group = groups.get(key);
    if (!group) {
      const route: Record<string, unknown> = { [method]: escapePattern(path) };
      if (query) route.query = query;
      // Same path: routes with a query come first (a route without one would take every request).
      const order = (firstOfPath.get(`${method} ${path}`) as number) * 2 + (query ? 0 : 1);
      group = { order, route, responses: [] };
      groups.set(key, group);
    }
    group.responses.push(response(exchange, index, redactor, options.filesDir, files));
  });
  const routes = [...groups.values()]
    .map((group, index) => ({ ...group, index }))
    .sort((a, b) => a.order - b.order || a.index - b.index)
    .map(({ route, responses }) => ({ ...route, respond: allSame(responses) ? responses[0] : responses }));
  const header = `# Recorded by \`bluebook mock --record\` from ${withoutUserInfo(options.target)}\n`;
  return { text: header + stringify({ name: options.name, routes }, { lineWidth: 0 }), files };
}

/** The values of credential headers and cookies seen, masked wherever they reappear. */
function secretsOf(exchanges: readonly RecordedExchange[]): Redactor {
  const redactor = new Redactor();
  for (const exchange of exchanges) {
    for (const [name, value] of [
      ...Object.entries(exchange.requestHeaders),
      ...Object.entries(exchange.headers),
    ]) {
      if (value === undefined || !isSensitiveHeader(name)) continue;
      for (const text of Array.isArray(value) ? value : [value]) {
        redactor.add(text);
        if (/cookie/i.test(name))
          for (const cookie of cookieValues(text, name.toLowerCase() === 'set-cookie')) redactor.add(cookie);
        else redactor.add(/^\S+\s+(\S.*)$/.exec(text)?.[1]);
      }
    }
    const [, query] = splitUrl(exchange.url);
    for (const [name, value] of new URLSearchParams(query ?? '')) if (isSecretName(name)) redactor.add(value);
  }
  return redactor;
}

/** The values of `a=1; b=2` (a Cookie header), or of `sid=x` in `sid=x; Path=/` (a Set-Cookie header). */
function cookieValues(header: string, setCookie: boolean): string[] {
  const pairs = header.split(/;\s*/);
  return (setCookie ? pairs.slice(0, 1) : pairs).flatMap((pair) => {
    const eq = pair.indexOf('=');
    return eq > 0 ? [pair.slice(eq + 1)] : [];
  });
}

function response(
  exchange: RecordedExchange,
  index: number,
  redactor: Redactor,
  filesDir: string,
  files: Recording['files'],
): Record<string, unknown> {
  const result: Record<string, unknown> = { status: exchange.status };
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = exchange.headers[name];
    if (value !== undefined) headers[name] = redactor.text(Array.isArray(value) ? value.join(', ') : value);
  }
  if (Object.keys(headers).length > 0) result.headers = headers;
  if (exchange.body.length === 0) return result;
  const type = headers['content-type'] ?? '';
  const text = utf8(exchange.body);
  if (text !== undefined && /\bjson\b/i.test(type)) {
    try {
      result.json = maskSecrets(redactor.value(JSON.parse(text)));
      return result;
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  if (text !== undefined && isTextual(type)) {
    result.body = redactor.text(text);
    return result;
  }
  const name = exchange.url.split('?')[0].split('/').filter(Boolean).pop() ?? 'body';
  const path = `${filesDir}/${index + 1}-${name.replace(/[^\w.-]+/g, '_')}.bin`;
  files.push({ path, content: exchange.body });
  result.file = path;
  return result;
}

function isTextual(type: string): boolean {
  return type === '' || /^text\/|[/+](?:json|xml|javascript|x-www-form-urlencoded|yaml|csv)\b/i.test(type);
}

/** The text of a UTF-8 body without control characters, else undefined (binary). */
function utf8(body: Buffer): string | undefined {
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x09 || (code > 0x0d && code < 0x20)) return undefined;
  }
  return text;
}

function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    setOwn(
      result,
      key,
      isSecretName(key) && item !== null && typeof item !== 'object' ? REDACTED : maskSecrets(item),
    );
  return result;
}

/** `{ name: value }` of the query, secrets left out, sorted; the first of repeated names. */
function queryMatchers(query: string | undefined): Record<string, string> | undefined {
  if (query === undefined) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query))
    if (!isSecretName(name) && !Object.hasOwn(result, name)) setOwn(result, name, value);
  const names = Object.keys(result).sort();
  if (names.length === 0) return undefined;
  const sorted: Record<string, string> = {};
  for (const name of names) setOwn(sorted, name, result[name]);
  return sorted;
}

function splitUrl(url: string): [string, string | undefined] {
  const mark = url.indexOf('?');
  return mark === -1 ? [url, undefined] : [url.slice(0, mark), url.slice(mark + 1)];
}

/** A recorded path is literal: path-to-regexp's special characters get a backslash. */
function escapePattern(path: string): string {
  return path.replace(/[{}()[\]+?!:*\\]/g, '\\$&');
}

function allSame(responses: unknown[]): boolean {
  const first = JSON.stringify(responses[0]);
  return responses.every((item) => JSON.stringify(item) === first);
}

/** The URL without `user:password@`, for printing. */
export function withoutUserInfo(target: string): string {
  try {
    const url = new URL(target);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, target.endsWith('/') ? '/' : '');
  } catch {
    return target;
  }
}
