/**
 * HTTP status codes: the one table of reason phrases (RFC 9110 names) and one-line docs. The runner
 * reads the phrase for results (HTTP/2 responses carry none), the language server the phrase and
 * doc for completion and hover. It covers every code Node's `http.STATUS_CODES` names.
 */

/** A status code's reason phrase and what it means, in one sentence (Markdown). */
export interface HttpStatusInfo {
  phrase: string;
  doc: string;
}

export const STATUS_CODES: Readonly<Record<number, HttpStatusInfo>> = {
  100: { phrase: 'Continue', doc: 'The client should continue with its request.' },
  101: {
    phrase: 'Switching Protocols',
    doc: 'The server is switching protocols (for example to WebSocket).',
  },
  102: { phrase: 'Processing', doc: 'WebDAV (RFC 2518): the server is still working on the request.' },
  103: {
    phrase: 'Early Hints',
    doc: 'Headers sent ahead of the final response (for example `Link` preloads).',
  },
  200: { phrase: 'OK', doc: 'The request succeeded.' },
  201: { phrase: 'Created', doc: 'The request succeeded and a new resource was created (see `Location`).' },
  202: { phrase: 'Accepted', doc: 'The request was accepted for processing, which has not completed.' },
  203: {
    phrase: 'Non-Authoritative Information',
    doc: 'The returned metadata comes from a copy, not the origin.',
  },
  204: { phrase: 'No Content', doc: 'The request succeeded; there is no body.' },
  205: { phrase: 'Reset Content', doc: 'The client should reset the document view.' },
  206: { phrase: 'Partial Content', doc: 'Only part of the resource is sent, as a `Range` request asked.' },
  207: { phrase: 'Multi-Status', doc: 'WebDAV (RFC 4918): the body holds one status per resource.' },
  208: {
    phrase: 'Already Reported',
    doc: 'WebDAV (RFC 5842): members already listed earlier in this response.',
  },
  226: {
    phrase: 'IM Used',
    doc: 'RFC 3229: the body is the result of instance manipulations (delta encoding).',
  },
  300: { phrase: 'Multiple Choices', doc: 'The resource has several representations to choose from.' },
  301: { phrase: 'Moved Permanently', doc: 'The resource moved permanently to the `Location` URL.' },
  302: { phrase: 'Found', doc: 'The resource is temporarily at the `Location` URL.' },
  303: { phrase: 'See Other', doc: 'Get the result at the `Location` URL with GET.' },
  304: { phrase: 'Not Modified', doc: 'The cached copy is still valid.' },
  305: { phrase: 'Use Proxy', doc: 'Deprecated: the resource must be reached through a proxy.' },
  307: { phrase: 'Temporary Redirect', doc: 'Repeat the request, same method, at the `Location` URL.' },
  308: {
    phrase: 'Permanent Redirect',
    doc: 'Repeat the request, same method, at the `Location` URL from now on.',
  },
  400: {
    phrase: 'Bad Request',
    doc: 'The server cannot process the request (malformed syntax, invalid input).',
  },
  401: { phrase: 'Unauthorized', doc: 'Authentication is missing or invalid.' },
  402: { phrase: 'Payment Required', doc: 'Reserved; some APIs use it for quota or billing errors.' },
  403: { phrase: 'Forbidden', doc: 'Authenticated, but not allowed to do this.' },
  404: { phrase: 'Not Found', doc: 'There is no resource at this URL.' },
  405: { phrase: 'Method Not Allowed', doc: 'The resource does not support this method (see `Allow`).' },
  406: { phrase: 'Not Acceptable', doc: 'No representation matches the `Accept` headers.' },
  407: {
    phrase: 'Proxy Authentication Required',
    doc: 'The proxy needs authentication (see `Proxy-Authenticate`).',
  },
  408: { phrase: 'Request Timeout', doc: 'The server timed out waiting for the request.' },
  409: { phrase: 'Conflict', doc: 'The request conflicts with the current state of the resource.' },
  410: { phrase: 'Gone', doc: 'The resource existed but was removed permanently.' },
  411: { phrase: 'Length Required', doc: 'The request needs a `Content-Length` header.' },
  412: { phrase: 'Precondition Failed', doc: 'A precondition header (`If-Match`, …) did not hold.' },
  413: { phrase: 'Content Too Large', doc: 'The request body is larger than the server accepts.' },
  414: { phrase: 'URI Too Long', doc: 'The URL is longer than the server accepts.' },
  415: { phrase: 'Unsupported Media Type', doc: 'The body\u2019s `Content-Type` is not supported.' },
  416: { phrase: 'Range Not Satisfiable', doc: 'The requested range is outside the resource.' },
  417: { phrase: 'Expectation Failed', doc: 'The server cannot meet the `Expect` header.' },
  418: { phrase: "I'm a teapot", doc: 'RFC 2324. The server refuses to brew coffee.' },
  421: {
    phrase: 'Misdirected Request',
    doc: 'The request reached a server that cannot answer for this host.',
  },
  422: {
    phrase: 'Unprocessable Content',
    doc: 'The body is well-formed but semantically invalid (validation errors).',
  },
  423: { phrase: 'Locked', doc: 'WebDAV (RFC 4918): the resource is locked.' },
  424: {
    phrase: 'Failed Dependency',
    doc: 'WebDAV (RFC 4918): the request depended on another that failed.',
  },
  425: { phrase: 'Too Early', doc: 'The server will not process a request that might be replayed.' },
  426: { phrase: 'Upgrade Required', doc: 'Switch to another protocol (see `Upgrade`).' },
  428: { phrase: 'Precondition Required', doc: 'The request must be conditional (`If-Match`, …).' },
  429: { phrase: 'Too Many Requests', doc: 'Rate limited; see `Retry-After`.' },
  431: { phrase: 'Request Header Fields Too Large', doc: 'The headers are larger than the server accepts.' },
  451: { phrase: 'Unavailable For Legal Reasons', doc: 'The resource is blocked for legal reasons.' },
  500: { phrase: 'Internal Server Error', doc: 'The server hit an unexpected condition.' },
  501: { phrase: 'Not Implemented', doc: 'The server does not support this functionality.' },
  502: { phrase: 'Bad Gateway', doc: 'An upstream server sent an invalid response.' },
  503: { phrase: 'Service Unavailable', doc: 'The server is overloaded or down for maintenance.' },
  504: { phrase: 'Gateway Timeout', doc: 'An upstream server did not answer in time.' },
  505: {
    phrase: 'HTTP Version Not Supported',
    doc: 'The server does not support the request\u2019s HTTP version.',
  },
  506: {
    phrase: 'Variant Also Negotiates',
    doc: 'RFC 2295: the server\u2019s content negotiation is misconfigured.',
  },
  507: {
    phrase: 'Insufficient Storage',
    doc: 'WebDAV (RFC 4918): the server cannot store what the request needs.',
  },
  508: { phrase: 'Loop Detected', doc: 'WebDAV (RFC 5842): the server found an infinite loop.' },
  509: {
    phrase: 'Bandwidth Limit Exceeded',
    doc: 'Not standard: some hosts use it when a site exceeds its bandwidth.',
  },
  510: { phrase: 'Not Extended', doc: 'RFC 2774 (historic): the request needs further extensions.' },
  511: { phrase: 'Network Authentication Required', doc: 'Log in to the network first (captive portals).' },
};

/** The `Nxx` classes `expect.status` accepts, with their docs. */
export const STATUS_CLASSES: Readonly<Record<string, string>> = {
  '1xx': 'Any informational status (100–199).',
  '2xx': 'Any success status (200–299).',
  '3xx': 'Any redirection status (300–399).',
  '4xx': 'Any client error status (400–499).',
  '5xx': 'Any server error status (500–599).',
};

/** The reason phrase of a status code; empty for a code the table does not know. */
export function statusText(status: number): string {
  return STATUS_CODES[status]?.phrase ?? '';
}
