/**
 * The names a script or a `${{ }}` expression can use, with their documentation (SPEC §8). The
 * language server reads this table for completion and hover inside `${{ }}` and `script:`.
 */
export type ScriptApiWhere = 'expression' | 'script' | 'both';

export interface ScriptApiEntry {
  /** The name as written (`vars.get`, `response.json`). */
  name: string;
  /** How it is called or read. */
  signature: string;
  doc: string;
  /** Where it is available: expressions, `script.before`/`script.after`, or both. */
  where: ScriptApiWhere;
  /** Only inside `expect`/`capture` (expressions) or `script.after` (scripts). */
  needsResponse?: true;
}

export const SCRIPT_API: readonly ScriptApiEntry[] = [
  {
    name: 'vars',
    signature: 'vars',
    doc: 'Every variable in scope: `vars.name` or `vars["user-id"]` in an expression; `vars.get(name)` / `vars.set(name, value)` in a script.',
    where: 'both',
  },
  {
    name: 'vars.get',
    signature: 'vars.get(name)',
    doc: 'The value of a variable in scope.',
    where: 'script',
  },
  {
    name: 'vars.set',
    signature: 'vars.set(name, value)',
    doc: 'Sets a variable for the following steps, like a capture.',
    where: 'script',
  },
  { name: 'vars.has', signature: 'vars.has(name)', doc: 'Whether a variable is in scope.', where: 'script' },
  {
    name: 'request',
    signature: 'request',
    doc: 'The request about to be sent: `method`, `url`, `headers`, `query`, `json` or `body`; change it in `script.before`.',
    where: 'script',
  },
  { name: 'request.method', signature: 'request.method', doc: 'The HTTP method.', where: 'script' },
  { name: 'request.url', signature: 'request.url', doc: 'The full URL (query included).', where: 'script' },
  {
    name: 'request.headers',
    signature: 'request.headers',
    doc: 'Request headers: name → value.',
    where: 'script',
  },
  {
    name: 'request.query',
    signature: 'request.query',
    doc: 'Query parameters to add: name → value.',
    where: 'script',
  },
  {
    name: 'request.json',
    signature: 'request.json',
    doc: 'The JSON body (a `json:` step).',
    where: 'script',
  },
  {
    name: 'request.body',
    signature: 'request.body',
    doc: 'The text body (a `body:` step).',
    where: 'script',
  },
  {
    name: 'response',
    signature: 'response',
    doc: 'The response: `status`, `headers` (lower-case names), `json`, `text`, `duration`. In `expect`, `capture` and `script.after`.',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'response.status',
    signature: 'response.status',
    doc: 'The status code (a number).',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'response.headers',
    signature: 'response.headers',
    doc: 'Response headers with lower-case names: `response.headers["content-type"]`.',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'response.json',
    signature: 'response.json',
    doc: 'The body parsed as JSON (absent when it is not JSON).',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'response.text',
    signature: 'response.text',
    doc: 'The body as text.',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'response.duration',
    signature: 'response.duration',
    doc: 'The response time in milliseconds.',
    where: 'both',
    needsResponse: true,
  },
  {
    name: 'check',
    signature: 'check(name, condition)',
    doc: 'An expectation named `name` in the step’s results: passes when `condition` is truthy.',
    where: 'script',
  },
  {
    name: 'console.log',
    signature: 'console.log(...values)',
    doc: 'Writes a line to the run output (secrets redacted).',
    where: 'script',
  },
  { name: 'console.info', signature: 'console.info(...values)', doc: 'Like `console.log`.', where: 'script' },
  { name: 'console.warn', signature: 'console.warn(...values)', doc: 'Like `console.log`.', where: 'script' },
  {
    name: 'console.error',
    signature: 'console.error(...values)',
    doc: 'Like `console.log`.',
    where: 'script',
  },
  {
    name: 'base64.encode',
    signature: 'base64.encode(text)',
    doc: 'The Base64 of a text (UTF-8).',
    where: 'both',
  },
  {
    name: 'base64.decode',
    signature: 'base64.decode(text)',
    doc: 'The text (UTF-8) of a Base64 string.',
    where: 'both',
  },
  { name: 'sha256', signature: 'sha256(text)', doc: 'The SHA-256 of a text, in hex.', where: 'both' },
  {
    name: 'hmacSha256',
    signature: 'hmacSha256(key, text)',
    doc: 'The HMAC-SHA-256 of a text with a key, in hex.',
    where: 'both',
  },
  { name: 'uuid', signature: 'uuid()', doc: 'A random UUID (v4).', where: 'both' },
  {
    name: 'randomInt',
    signature: 'randomInt(min, max)',
    doc: 'A random integer from min to max, both included.',
    where: 'both',
  },
];
