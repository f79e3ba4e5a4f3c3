/**
 * The shapes shared by the mock server (server.ts, routes), its route providers (resources.ts,
 * openapi.ts), the CLI (`bluebook mock`), services (`mock:` services) and the extension.
 */
import type { ConfigError } from '../dotenv.js';

/** A request as the mock sees it (body read once, within the size limit). */
export interface MockRequest {
  method: string;
  /** The path without the query string, percent-decoded segments kept as sent. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body parsed as JSON when it is JSON (undefined otherwise). */
  json?: unknown;
}

/** What the mock sends back. `json` wins over `body`; headers are lower-case. */
export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  json?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Misbehave instead of answering: reset the socket, close it, or never answer. */
  fault?: 'reset' | 'close' | 'hang';
  /** Which route of a provider answered (`openapi GET /pets (listPets)`), for the journal. */
  route?: string;
}

/** Why a route did not take a request: shown in the 404 near-miss report. */
export interface NearMiss {
  /** How the route reads in its file, e.g. `GET /payments/:id` (with `file:line` when known). */
  route: string;
  /** Each reason it did not match, e.g. `header authorization: expected to start with "Bearer "`. */
  reasons: string[];
}

/** Routes computed from something other than the route list: `resources:` and `openapi:`. */
export interface DynamicRoutes {
  /**
   * Answers a request one of its routes takes; otherwise returns undefined and pushes, for each
   * route whose method or path came close, why it did not match.
   */
  handle(request: MockRequest, misses: NearMiss[]): Promise<MockReply | undefined>;
}

/** One entry of the request journal (`GET /__bluebook/requests`). */
export interface JournalEntry {
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** Path with the query string. */
  url: string;
  headers: Record<string, string>;
  /** The body as text (truncated to 64 KB), redacted like every other output. */
  body?: string;
  status: number;
  /** The route that answered (`GET /payments/:id`), absent when none matched. */
  route?: string;
  durationMs: number;
  /** The fault the route answered with instead of a response (`status` is then 0). */
  fault?: 'reset' | 'close' | 'hang';
}

export interface MockServerOptions {
  /** Port to listen on; default the file's `port`, else 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Called after each request is answered. */
  onRequest?: (entry: JournalEntry) => void;
  /** The largest request body accepted, in bytes (default 10 MB); larger ones are answered 413. */
  maxBodyBytes?: number;
}

export interface RunningMock {
  /** The file's `name`, else its file name without `.mock.yaml`. */
  name: string;
  file: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  journal(): JournalEntry[];
  /** Re-reads the file and swaps the routes without closing the port; errors keep the old routes. */
  reload(): Promise<ConfigError[]>;
  close(): Promise<void>;
}

/** A mock file that cannot be served: every problem, located. */
export class MockLoadError extends Error {
  constructor(
    readonly file: string,
    readonly errors: ConfigError[],
  ) {
    super(errors.map((error) => `${error.file}:${error.line}:${error.column}: ${error.message}`).join('\n'));
    this.name = 'MockLoadError';
  }
}

/** One entry of `resources:`: a stateful collection served under `path`. */
export interface ResourceDef {
  name: string;
  /** e.g. `/users`: list/create at `path`, read/replace/patch/delete at `path/:id`. */
  path: string;
  /** Absolute path of a `.json`/`.yaml` file holding an array of items (the initial state). */
  seed?: string;
  /** The item field holding the id (default `id`). */
  idField: string;
}
