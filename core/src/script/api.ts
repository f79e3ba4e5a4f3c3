/**
 * The names a script or a `${{ }}` expression can use (SPEC §8, docs/scripts.md), with their
 * signatures and docs, for completion and hover. `context` says where a name exists: `script`
 * in `script.before`/`script.after`, `expect` wherever there is a response (`${{ }}` in `expect`
 * and `capture`, and `script.after`), `any` in every expression and script.
 */
export interface ScriptApiEntry {
  name: string;
  signature: string;
  doc: string;
  context: 'any' | 'script' | 'expect';
}

export const SCRIPT_API: readonly ScriptApiEntry[] = [
  {
    name: 'vars.get',
    signature: 'vars.get(name: string): any',
    doc: 'The value of a variable in scope (or one this script set), `undefined` when there is none.',
    context: 'script',
  },
  {
    name: 'vars.set',
    signature: 'vars.set(name: string, value: any): void',
    doc: 'Sets a variable for the following steps, like a capture. The value must be JSON-like data.',
    context: 'script',
  },
  {
    name: 'vars.has',
    signature: 'vars.has(name: string): boolean',
    doc: 'Whether a variable is in scope (or was set by this script).',
    context: 'script',
  },
  {
    name: 'request.method',
    signature: 'request.method: string',
    doc: 'The HTTP method (`GET`, `POST`…); change it in `before`.',
    context: 'script',
  },
  {
    name: 'request.url',
    signature: 'request.url: string',
    doc: 'The request URL, variables resolved; change it in `before`.',
    context: 'script',
  },
  {
    name: 'request.headers',
    signature: 'request.headers: Record<string, string>',
    doc: 'The request headers; add or change them in `before`.',
    context: 'script',
  },
  {
    name: 'request.query',
    signature: 'request.query: Record<string, string>',
    doc: 'The query parameters; add or change them in `before`.',
    context: 'script',
  },
  {
    name: 'request.json',
    signature: 'request.json: any',
    doc: 'The JSON body (when the step sends `json:`); change it in `before`.',
    context: 'script',
  },
  {
    name: 'request.body',
    signature: 'request.body: string',
    doc: 'The text body (when the step sends `body:`); change it in `before`.',
    context: 'script',
  },
  {
    name: 'response.status',
    signature: 'response.status: number',
    doc: 'The response status code.',
    context: 'expect',
  },
  {
    name: 'response.headers',
    signature: 'response.headers: Record<string, string>',
    doc: 'The response headers, by lower-case name.',
    context: 'expect',
  },
  {
    name: 'response.json',
    signature: 'response.json: any',
    doc: 'The body parsed as JSON (`undefined` when it is not JSON).',
    context: 'expect',
  },
  {
    name: 'response.text',
    signature: 'response.text: string',
    doc: 'The body as text.',
    context: 'expect',
  },
  {
    name: 'response.duration',
    signature: 'response.duration: number',
    doc: 'How long the request took, in milliseconds.',
    context: 'expect',
  },
  {
    name: 'check',
    signature: 'check(name: string, condition: any): void',
    doc: 'An expectation in the results: passes when `condition` is truthy.',
    context: 'script',
  },
  {
    name: 'console.log',
    signature: 'console.log(...values: any[]): void',
    doc: 'Writes to the run output (strings as they are, other values as JSON); secrets are redacted.',
    context: 'script',
  },
  {
    name: 'base64.encode',
    signature: 'base64.encode(text: string): string',
    doc: 'The Base64 encoding of a text (UTF-8).',
    context: 'script',
  },
  {
    name: 'base64.decode',
    signature: 'base64.decode(text: string): string',
    doc: 'The text (UTF-8) a Base64 string encodes.',
    context: 'script',
  },
  {
    name: 'sha256',
    signature: 'sha256(text: string): string',
    doc: 'The SHA-256 digest of a text, in hex.',
    context: 'script',
  },
  {
    name: 'hmacSha256',
    signature: 'hmacSha256(key: string, text: string): string',
    doc: 'The HMAC-SHA-256 of a text with a key, in hex.',
    context: 'script',
  },
  {
    name: 'uuid',
    signature: 'uuid(): string',
    doc: 'A random UUID (v4).',
    context: 'script',
  },
  {
    name: 'randomInt',
    signature: 'randomInt(min: number, max: number): number',
    doc: 'A random integer with min ≤ n ≤ max.',
    context: 'script',
  },
];
