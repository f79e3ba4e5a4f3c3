/** HTTP vocabulary for completion and hover: common headers (status codes live in core/src/http/status.ts). */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';

/** Common header names (lower case, as HTTP/2 sends them) with their most common values. */
export const HEADERS: Record<string, { doc: string; values: string[] }> = {
  accept: {
    doc: 'Media types the client accepts.',
    values: ['application/json', '*/*', 'text/plain', 'text/html', 'application/xml'],
  },
  'accept-encoding': {
    doc: 'Content codings the client accepts.',
    values: ['gzip, deflate, br', 'identity'],
  },
  'accept-language': { doc: 'Preferred natural languages.', values: ['en-US', 'en'] },
  authorization: {
    doc: 'Credentials (redacted in every output).',
    values: ['Bearer ${token}', 'Basic ${credentials}'],
  },
  'cache-control': {
    doc: 'Caching directives.',
    values: ['no-cache', 'no-store', 'max-age=0', 'public, max-age=3600'],
  },
  connection: { doc: 'Connection options.', values: ['keep-alive', 'close'] },
  'content-type': {
    doc: 'Media type of the body.',
    values: [
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain; charset=utf-8',
      'application/xml',
    ],
  },
  'content-length': { doc: 'Size of the body in bytes.', values: [] },
  'content-encoding': { doc: 'Coding applied to the body.', values: ['gzip', 'br', 'deflate'] },
  cookie: { doc: 'Cookies sent to the server (redacted in every output).', values: [] },
  etag: { doc: 'Version identifier of the resource.', values: [] },
  'if-match': { doc: 'Only if the resource\u2019s ETag matches.', values: [] },
  'if-none-match': { doc: 'Only if the resource\u2019s ETag does not match.', values: ['*'] },
  location: { doc: 'URL of a created resource or a redirect target.', values: [] },
  origin: { doc: 'Origin of a cross-site request.', values: [] },
  'retry-after': { doc: 'How long to wait before retrying.', values: [] },
  'set-cookie': { doc: 'A cookie set by the server (redacted in every output).', values: [] },
  'user-agent': { doc: 'Client software.', values: ['bluebook'] },
  'x-api-key': { doc: 'API key (a common convention).', values: ['${apiKey}'] },
  'x-request-id': { doc: 'Correlation id for tracing.', values: ['${uuid()}'] },
};

/** Completion items for header names, leaving out the headers already written. */
export function headerNameItems(present: ReadonlySet<string>): CompletionItem[] {
  return Object.entries(HEADERS)
    .filter(([name]) => !present.has(name))
    .map(([name, info]) => ({
      label: name,
      kind: CompletionItemKind.Field,
      documentation: info.doc,
      insertText: `${name}: `,
    }));
}
