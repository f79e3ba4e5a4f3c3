/**
 * `curl …` command line → one suite with one test. Words come from `shell-quote`; options
 * Bluebook cannot express are named in `problems`, never silently dropped.
 */
import { parse, type ParseEntry } from 'shell-quote';
import { bodyFromText, formFields } from './body.js';
import { literal, METHODS, slug, stepText, suiteText } from './suite.js';
import { ImportError, type BodySpec, type ImportResult, type RequestSpec } from './types.js';

/** Options that only change what curl prints: nothing to convert, nothing lost. */
const DISPLAY_ONLY = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--compressed',
  '-f',
  '--fail',
  '--no-progress-meter',
  '-#',
  '--progress-bar',
]);

/** Options Bluebook has no equivalent for, with whether they take a value. */
const UNSUPPORTED: Record<string, boolean> = {
  '-k': false,
  '--insecure': false,
  '-E': true,
  '--cert': true,
  '--key': true,
  '--cacert': true,
  '--capath': true,
  '-x': true,
  '--proxy': true,
  '-U': true,
  '--proxy-user': true,
  '--resolve': true,
  '--connect-to': true,
  '-o': true,
  '--output': true,
  '-O': false,
  '--remote-name': false,
  '-w': true,
  '--write-out': true,
  '--retry': true,
  '--retry-delay': true,
  '--connect-timeout': true,
  '--limit-rate': true,
  '--interface': true,
  '-K': true,
  '--config': true,
  '--unix-socket': true,
  '-c': true,
  '--cookie-jar': true,
  '-T': true,
  '--upload-file': true,
  '--http2': false,
  '--http1.1': false,
  '--http1.0': false,
  '-0': false,
  '-4': false,
  '-6': false,
  '--digest': false,
  '--ntlm': false,
  '--negotiate': false,
  '--aws-sigv4': true,
  '--oauth2-bearer': true,
};

const WITH_VALUE = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--data-urlencode',
  '--json',
  '-u',
  '--user',
  '--url',
  '-F',
  '--form',
  '--form-string',
  '-b',
  '--cookie',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-m',
  '--max-time',
]);

const FLAGS = new Set(['-G', '--get', '-L', '--location', '-I', '--head']);

interface Parsed {
  method?: string;
  url?: string;
  headers: [string, string][];
  data: string[];
  json: boolean;
  form: [string, string][];
  get: boolean;
  user?: string;
  location: boolean;
  head: boolean;
  /** A body option was given, even if its value was dropped: curl still POSTs. */
  sendsBody: boolean;
  timeout?: string;
  problems: string[];
}

const ENV_OPEN = '\uE000';
const ENV_CLOSE = '\uE001';

/** Shell text → suite text: literal `${` kept, `$NAME` → `${env.NAME}`. */
function suiteValue(text: string): string {
  return literal(text)
    .replace(/\uE000([A-Za-z_]\w*)\uE001/g, '$${env.$1}')
    .replace(/[\uE000\uE001]/g, '');
}

function words(command: string, problems: string[]): string[] {
  const joined = command.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' ');
  const entries: ParseEntry[] = parse(joined, (name) => `${ENV_OPEN}${name}${ENV_CLOSE}`);
  const result: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      result.push(entry);
      continue;
    }
    if ('comment' in entry) continue;
    if ('op' in entry && entry.op === 'glob') {
      result.push(entry.pattern);
      continue;
    }
    problems.push(
      `shell operator \`${'op' in entry ? entry.op : '?'}\` and everything after it ignored: only one curl command is imported`,
    );
    break;
  }
  return result;
}

/** `-sSL` → `-s -S -L`; `-XPOST` → `-X POST`. */
function expandShort(word: string): string[] {
  if (!/^-[A-Za-z0-9#]{2,}$/.test(word)) return [word];
  const first = `-${word[1]}`;
  if (WITH_VALUE.has(first) || UNSUPPORTED[first]) return [first, word.slice(2)];
  return [...word.slice(1)].map((letter) => `-${letter}`);
}

function readOptions(list: string[], problems: string[]): Parsed {
  const parsed: Parsed = {
    headers: [],
    data: [],
    json: false,
    form: [],
    get: false,
    location: false,
    head: false,
    sendsBody: false,
    problems,
  };
  const queue = list.flatMap(expandShort);
  while (queue.length > 0) {
    const word = queue.shift() as string;
    if (!word.startsWith('-') || word === '-') {
      if (parsed.url === undefined) parsed.url = word;
      else problems.push(`extra URL \`${word}\` ignored: one request per import`);
      continue;
    }
    if (DISPLAY_ONLY.has(word)) continue;
    if (word in UNSUPPORTED) {
      if (UNSUPPORTED[word]) queue.shift();
      problems.push(`curl option ${word} is not supported by Bluebook: dropped`);
      continue;
    }
    if (FLAGS.has(word)) {
      if (word === '-G' || word === '--get') parsed.get = true;
      else if (word === '-L' || word === '--location') parsed.location = true;
      else parsed.head = true;
      continue;
    }
    if (!WITH_VALUE.has(word)) {
      problems.push(
        `unknown curl option ${word}: dropped (if it takes a value, that value was read as the URL)`,
      );
      continue;
    }
    const value = queue.shift();
    if (value === undefined) throw new ImportError(`curl option ${word} needs a value`);
    if (/^(-d|--data.*|--json|-F|--form.*)$/.test(word)) parsed.sendsBody = true;
    applyOption(parsed, word, value);
  }
  return parsed;
}

function applyOption(parsed: Parsed, option: string, value: string): void {
  switch (option) {
    case '-X':
    case '--request':
      parsed.method = value.toUpperCase();
      return;
    case '-H':
    case '--header': {
      const colon = value.indexOf(':');
      if (colon <= 0) parsed.problems.push(`header \`${value}\` has no \`name: value\` form: dropped`);
      else parsed.headers.push([value.slice(0, colon).trim().toLowerCase(), value.slice(colon + 1).trim()]);
      return;
    }
    case '--json':
      parsed.json = true;
      parsed.data.push(value);
      return;
    case '-d':
    case '--data':
    case '--data-ascii':
    case '--data-binary':
      if (value.startsWith('@'))
        parsed.problems.push(`${option} ${value} reads a file: not supported, dropped`);
      else parsed.data.push(value);
      return;
    case '--data-raw':
      parsed.data.push(value);
      return;
    case '--data-urlencode': {
      const eq = value.indexOf('=');
      parsed.data.push(
        eq === -1
          ? encodeURIComponent(value)
          : `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`,
      );
      return;
    }
    case '-F':
    case '--form':
    case '--form-string': {
      const eq = value.indexOf('=');
      if (eq <= 0) parsed.problems.push(`form field \`${value}\` has no \`name=value\` form: dropped`);
      else parsed.form.push([value.slice(0, eq), value.slice(eq + 1)]);
      return;
    }
    case '-u':
    case '--user':
      parsed.user = value;
      return;
    case '--url':
      parsed.url = value;
      return;
    case '-b':
    case '--cookie':
      if (value.includes('=')) parsed.headers.push(['cookie', value]);
      else parsed.problems.push(`${option} ${value} reads cookies from a file: not supported, dropped`);
      return;
    case '-A':
    case '--user-agent':
      parsed.headers.push(['user-agent', value]);
      return;
    case '-e':
    case '--referer':
      parsed.headers.push(['referer', value]);
      return;
    default:
      parsed.timeout = /^\d+(\.\d+)?$/.test(value) ? `${Math.round(Number(value) * 1000)}ms` : undefined;
      if (!parsed.timeout) parsed.problems.push(`${option} ${value} is not a number of seconds: dropped`);
  }
}

function multipart(fields: [string, string][], problems: string[]): BodySpec {
  const entries = new Map<string, string | { file: string; contentType?: string }>();
  for (const [name, value] of fields) {
    if (value.startsWith('@')) {
      const [path, ...options] = value.slice(1).split(';');
      const type = options.find((option) => option.startsWith('type='));
      entries.set(suiteValue(name), {
        file: suiteValue(path),
        ...(type ? { contentType: type.slice(5) } : {}),
      });
    } else if (value.startsWith('<')) {
      problems.push(`form field \`${name}=<file\` (a field read from a file) is not supported: dropped`);
    } else entries.set(suiteValue(name), suiteValue(value));
  }
  return { multipart: Object.fromEntries(entries) };
}

function header(parsed: Parsed, name: string): string | undefined {
  return parsed.headers.find(([key]) => key === name)?.[1];
}

function toRequest(parsed: Parsed): RequestSpec {
  if (parsed.url === undefined) throw new ImportError('the curl command has no URL');
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(parsed.url) ? parsed.url : `http://${parsed.url}`;
  let method = parsed.method ?? (parsed.head ? 'HEAD' : parsed.sendsBody && !parsed.get ? 'POST' : 'GET');
  if (!(METHODS as readonly string[]).includes(method)) {
    parsed.problems.push(`method ${method} is not one Bluebook sends (${METHODS.join(', ')}): GET used`);
    method = 'GET';
  }
  const request: RequestSpec = { method, url: suiteValue(url), headers: [] };
  const data = parsed.data.join('&');
  if (parsed.get && data) request.query = formFields(data, suiteValue);
  else if (parsed.form.length > 0) request.body = multipart(parsed.form, parsed.problems);
  else if (parsed.data.length > 0) {
    const type = parsed.json
      ? 'application/json'
      : (header(parsed, 'content-type') ?? 'application/x-www-form-urlencoded');
    request.body = bodyFromText(parsed.json ? data.replace(/^&|&$/g, '') : data, type, suiteValue);
  }
  request.headers = parsed.headers
    .filter(([name, value]) => !(parsed.json && name === 'content-type' && /json/i.test(value)))
    .map(([name, value]) => [suiteValue(name), suiteValue(value)]);
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(parsed, 'authorization') ?? '');
  if (bearer) {
    request.headers = request.headers.filter(([name]) => name !== 'authorization');
    request.auth = { bearer: suiteValue(bearer[1]) };
  } else if (parsed.user !== undefined) {
    const colon = parsed.user.indexOf(':');
    request.auth = {
      basic: {
        username: suiteValue(colon === -1 ? parsed.user : parsed.user.slice(0, colon)),
        password: colon === -1 ? '${env.PASSWORD}' : suiteValue(parsed.user.slice(colon + 1)),
      },
    };
    if (colon === -1)
      parsed.problems.push('-u without a password (curl would prompt): password set to ${env.PASSWORD}');
  }
  if (parsed.location) request.followRedirects = true;
  if (parsed.timeout) request.timeout = parsed.timeout;
  return request;
}

function curlRequest(command: string): { request: RequestSpec; problems: string[] } {
  const problems: string[] = [];
  const list = words(command, problems);
  if (list[0] !== 'curl')
    throw new ImportError('expected a command starting with `curl`, e.g. curl https://example.com/users');
  return { request: toRequest(readOptions(list.slice(1), problems)), problems };
}

/** One curl command as one step (`- GET: …` block), for pasting into a suite's `steps:`. */
export function curlStep(command: string): { text: string; problems: string[] } {
  const { request, problems } = curlRequest(command);
  return { text: stepText(request), problems };
}

/** Imports one curl command line (backslash-newline continuations allowed). */
export function importCurl(command: string): ImportResult {
  const { request, problems } = curlRequest(command);
  const path = (() => {
    try {
      return new URL(request.url.replace(/\$\{[^}]*\}/g, 'x')).pathname;
    } catch {
      return '';
    }
  })();
  const title = `${request.method} ${path}`;
  const name = slug(title);
  const text = suiteText({
    name: `Imported from curl: ${title}`,
    tests: [{ id: name, name: title, steps: [request] }],
  });
  return { files: [{ name: `${name}.bluebook.yaml`, text }], problems };
}
