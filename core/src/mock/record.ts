/**
 * `bluebook mock --record`: the exchanges a recording proxy saw, written as a `*.mock.yaml` file
 * (SPEC §9). One route per method + path + query; answers that differ become a response sequence.
 * Secrets never reach the file: credential headers are dropped, their values (and the cookies a
 * response set) are masked wherever they reappear, and secret-looking JSON fields and query
 * parameters are masked or left out.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
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
  const recorder = new Recorder(options);
  for (const exchange of exchanges) recorder.add(exchange);
  return recorder.recording();
}

interface Group {
  order: number;
  route: Record<string, unknown>;
  exchanges: { exchange: RecordedExchange; index: number; yaml?: string }[];
  /** The route's YAML, until a response is added or a new secret is learnt. */
  text?: string;
}

/**
 * A recording that grows one exchange at a time: the proxy rewrites the file after every request,
 * so each route's YAML is kept and only the changed route is written again (all of them when a new
 * secret appears, since it may be in any earlier body).
 */
export class Recorder {
  private readonly redactor = new Redactor();
  private readonly groups = new Map<string, Group>();
  private readonly firstOfPath = new Map<string, number>();
  private readonly files: Recording['files'] = [];
  private count = 0;

  constructor(private readonly options: RecordingOptions) {}

  get size(): number {
    return this.count;
  }

  add(received: RecordedExchange): void {
    const exchange = decoded(received);
    const index = this.count++;
    const known = this.redactor.size;
    learnSecrets(this.redactor, exchange);
    if (this.redactor.size !== known)
      for (const group of this.groups.values()) {
        group.text = undefined;
        for (const entry of group.exchanges) entry.yaml = undefined;
      }
    const method = exchange.method.toUpperCase();
    const [path, rawQuery] = splitUrl(exchange.url);
    const query = queryMatchers(rawQuery);
    const key = JSON.stringify([method, path, query]);
    if (!this.firstOfPath.has(`${method} ${path}`)) this.firstOfPath.set(`${method} ${path}`, index);
    let group = this.groups.get(key);
    if (!group) {
      const route: Record<string, unknown> = { [method]: escapePattern(path) };
      if (query) route.query = query;
      // Same path: routes with a query come first (a route without one would take every request).
      const order = (this.firstOfPath.get(`${method} ${path}`) as number) * 2 + (query ? 0 : 1);
      group = { order, route, exchanges: [] };
      this.groups.set(key, group);
    }
    group.exchanges.push({ exchange, index });
    group.text = undefined;
    const file = binaryFile(exchange, index, this.options.filesDir);
    if (file) this.files.push(file);
  }

  recording(): Recording {
    const routes = [...this.groups.values()]
      .map((group, index) => ({ group, index }))
      .sort((a, b) => a.group.order - b.group.order || a.index - b.index)
      .map(({ group }) => (group.text ??= this.routeText(group)));
    const header = `# Recorded by \`bluebook mock --record\` from ${withoutUserInfo(this.options.target)}\n`;
    const name = stringify({ name: this.options.name }, { lineWidth: 0 });
    return {
      text: `${header}${name}${routes.length === 0 ? 'routes: []\n' : `routes:\n${routes.join('')}`}`,
      files: [...this.files],
    };
  }

  /**
   * `  - GET: /path …`: one item of `routes:`. Each response's YAML is kept, so a route answered a
   * thousand times is joined again, not rendered again.
   */
  private routeText(group: Group): string {
    const responses = group.exchanges.map(
      (entry) =>
        (entry.yaml ??= yamlLines(
          [response(entry.exchange, entry.index, this.redactor, this.options.filesDir)],
          6,
        )),
    );
    const respond = responses.every((text) => text === responses[0])
      ? responses[0].replace(/^ {6}- /, '      ').replace(/\n {8}/g, '\n      ')
      : responses.join('');
    return `${yamlLines([group.route], 2)}    respond:\n${respond}`;
  }
}

/** `value` as YAML, every line indented by `indent` spaces. */
function yamlLines(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  return stringify(value, { lineWidth: 0 })
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** The exchange with its body decoded when the target compressed it anyway (else as received). */
function decoded(exchange: RecordedExchange): RecordedExchange {
  const encoding = String(exchange.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode || exchange.body.length === 0) return exchange;
  try {
    return { ...exchange, body: decode(exchange.body) };
  } catch {
    return exchange;
  }
}

/** A larger decoded body is kept as received (a compression bomb must not fill the memory). */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;
const LIMIT = { maxOutputLength: MAX_DECODED_BYTES };

const DECODERS: Record<string, ((body: Buffer) => Buffer) | undefined> = {
  gzip: (body) => gunzipSync(body, LIMIT),
  'x-gzip': (body) => gunzipSync(body, LIMIT),
  deflate: (body) => inflateSync(body, LIMIT),
  br: (body) => brotliDecompressSync(body, LIMIT),
};

/** The values of credential headers and cookies of one exchange: masked wherever they reappear. */
function learnSecrets(redactor: Redactor, exchange: RecordedExchange): void {
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
): Record<string, unknown> {
  const result: Record<string, unknown> = { status: exchange.status };
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = exchange.headers[name];
    if (value !== undefined) headers[name] = redactor.text(Array.isArray(value) ? value.join(', ') : value);
  }
  if (Object.keys(headers).length > 0) result.headers = headers;
  if (exchange.body.length === 0) return result;
  if (isBinary(exchange)) {
    result.file = filePath(exchange, index, filesDir);
    return result;
  }
  const text = exchange.body.toString('utf8');
  if (/\bjson\b/i.test(contentType(exchange))) {
    try {
      result.json = maskSecrets(redactor.value(JSON.parse(text)));
      return result;
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  result.body = redactor.text(text);
  return result;
}

function binaryFile(
  exchange: RecordedExchange,
  index: number,
  filesDir: string,
): Recording['files'][number] | undefined {
  if (exchange.body.length === 0 || !isBinary(exchange)) return undefined;
  return { path: filePath(exchange, index, filesDir), content: exchange.body };
}

function filePath(exchange: RecordedExchange, index: number, filesDir: string): string {
  const name = exchange.url.split('?')[0].split('/').filter(Boolean).pop() ?? 'body';
  return `${filesDir}/${index + 1}-${name.replace(/[^\w.-]+/g, '_')}.bin`;
}

function contentType(exchange: RecordedExchange): string {
  const value = exchange.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Not UTF-8 text, or a content type that is neither JSON nor text. */
function isBinary(exchange: RecordedExchange): boolean {
  const type = contentType(exchange);
  return !isUtf8Text(exchange.body) || !(/\bjson\b/i.test(type) || isTextual(type));
}

function isTextual(type: string): boolean {
  return type === '' || /^text\/|[/+](?:json|xml|javascript|x-www-form-urlencoded|yaml|csv)\b/i.test(type);
}

/** UTF-8 without control characters. */
function isUtf8Text(body: Buffer): boolean {
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x09 || (code > 0x0d && code < 0x20)) return false;
  }
  return true;
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
