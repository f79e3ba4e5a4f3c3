/**
 * The mock HTTP server (SPEC §9): Node's `http` on 127.0.0.1, routes first, then `resources:`,
 * then `openapi:`; unmatched requests get 404 with the near misses; a journal of the last
 * requests at `GET /__bluebook/requests`; `reload` swaps the routes without closing the port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BODY_BYTES, readBody } from './body.js';
import { Journal, journalBody, redactHeaders } from './journal.js';
import type { MockState } from './load.js';
import { matchRoutes } from './match.js';
import type { MockResponse } from './model.js';
import { isTemplated, renderResponse, TemplateError } from './template.js';
import type { JournalEntry, MockReply, MockRequest, MockServerOptions, NearMiss } from './types.js';

const JOURNAL_PATH = '/__bluebook/requests';
/** Pending connections the kernel may queue (capped by the system's somaxconn). */
const BACKLOG = 4096;

interface Outcome {
  reply: MockReply;
  route?: string;
}

export class MockServer {
  private readonly server: Server;
  private readonly journal = new Journal();
  private readonly sockets = new Set<Socket>();
  /**
   * Responses that never change, serialised once. Bodies stay strings: Node sends a string body
   * in one write with the headers, a Buffer in a second one (a `writev` per response).
   */
  private readonly prepared = new WeakMap<MockResponse, { headers: Record<string, string>; body: string }>();

  constructor(
    private state: MockState,
    private readonly options: MockServerOptions = {},
  ) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.handle(req, res).catch(() => (res.headersSent ? res.destroy() : res.writeHead(500).end()));
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get name(): string {
    return this.state.doc.model.name;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host, backlog: BACKLOG }, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Serves `state` from the next request on (route sequences start again). */
  swap(state: MockState): void {
    this.state = state;
  }

  entries(): JournalEntry[] {
    return this.journal.list();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path === JOURNAL_PATH) return this.journalEndpoint(req, res);
    const headers = flatHeaders(req);
    const body = await readBody(req, this.options.maxBodyBytes ?? MAX_BODY_BYTES);
    const request: MockRequest = {
      method: req.method ?? 'GET',
      path,
      query: query === -1 ? {} : parseQuery(url.slice(query + 1)),
      headers,
      body: body ?? Buffer.alloc(0),
    };
    let outcome: Outcome;
    if (body === undefined) {
      const limit = this.options.maxBodyBytes ?? MAX_BODY_BYTES;
      outcome = {
        reply: {
          status: 413,
          headers: req.complete ? {} : { connection: 'close' },
          json: { error: `the request body is over the mock's limit of ${limit} bytes`, limit },
        },
      };
    } else {
      request.json = parseJson(body, headers['content-type']);
      outcome = await this.answer(request).catch((error: unknown) => ({
        reply: {
          status: 500,
          json: { error: `the mock failed: ${error instanceof Error ? error.message : String(error)}` },
        },
      }));
    }
    const { reply } = outcome;
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.fault === 'reset') req.socket.resetAndDestroy();
    else if (reply.fault === 'close') req.socket.destroy();
    else if (reply.fault !== 'hang') this.send(res, reply);
    this.record(request, url, outcome, started);
  }

  private async answer(request: MockRequest): Promise<Outcome> {
    const state = this.state;
    const found = matchRoutes(state.routes, request);
    if (found.route) {
      const { route } = found.route;
      const response = route.responses[Math.min(found.route.turn, route.responses.length - 1)];
      found.route.turn++;
      const label = route.label;
      if (!isTemplated(response) && response.file === undefined && !response.fault)
        return {
          reply: {
            status: response.status,
            ...this.preparedReply(response),
            ...(response.delayMs ? { delayMs: response.delayMs } : {}),
          },
          route: label,
        };
      try {
        return {
          reply: await renderResponse(response, request, found.params, state.baseDir, state.host),
          route: label,
        };
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        const message = `the response of route \`${label}\` (line ${route.line}) cannot be made: ${error.message}`;
        return { reply: { status: 500, json: { error: message, route: label } }, route: label };
      }
    }
    const misses: NearMiss[] = [];
    for (const dynamic of state.dynamic) {
      const reply = await dynamic.handle(request, misses);
      if (reply) return { reply, ...(reply.route ? { route: reply.route } : {}) };
    }
    return {
      reply: {
        status: 404,
        json: {
          error: `no route of mock \`${state.doc.model.name}\` matches ${request.method} ${request.path}`,
          method: request.method,
          path: request.path,
          closestRoutes: [...found.misses, ...misses].slice(0, 5),
        },
      },
    };
  }

  private preparedReply(response: MockResponse): { headers: Record<string, string>; body: string } {
    let prepared = this.prepared.get(response);
    if (!prepared) {
      const headers = { ...response.headers };
      let body = '';
      if (response.hasJson) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(response.json) ?? 'null';
      } else if (response.body !== undefined) {
        headers['content-type'] ??= 'text/plain; charset=utf-8';
        body = response.body;
      }
      prepared = { headers, body };
      this.prepared.set(response, prepared);
    }
    return prepared;
  }

  private send(res: ServerResponse, reply: MockReply): void {
    const headers: Record<string, string> = { ...reply.headers };
    let body: Buffer | string = '';
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(reply.json) ?? 'null';
    } else if (reply.body !== undefined) {
      headers['content-type'] ??=
        typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
      body = reply.body;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  private record(request: MockRequest, url: string, outcome: Outcome, started: number): void {
    const entry: JournalEntry = {
      time: new Date().toISOString(),
      method: request.method,
      url,
      headers: redactHeaders(request.headers),
      status: outcome.reply.fault ? 0 : outcome.reply.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    const body = journalBody(request.body);
    if (body !== undefined) entry.body = body;
    if (outcome.route) entry.route = outcome.route;
    if (outcome.reply.fault) entry.fault = outcome.reply.fault;
    this.journal.add(entry);
    this.options.onRequest?.(entry);
  }

  private journalEndpoint(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    if (req.method === 'DELETE') {
      this.journal.clear();
      res.writeHead(204).end();
    } else if (req.method === 'GET') this.send(res, { status: 200, json: this.journal.list() });
    else
      this.send(res, {
        status: 405,
        headers: { allow: 'GET, DELETE' },
        json: { error: `${JOURNAL_PATH} answers GET (the journal) and DELETE (clear it)` },
      });
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function parseQuery(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = Object.hasOwn(query, name) ? query[name] : undefined;
    const next =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    Object.defineProperty(query, name, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return query;
}

function parseJson(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  if (contentType !== undefined && !/json/i.test(contentType)) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
