/**
 * A local HTTP target for CLI tests, on 127.0.0.1 and a free port. Routes:
 * `GET /health` → 200 JSON; `GET /users/:id` → a user (404 for unknown ids); `GET /text` → a
 * multi-line text; `POST /users` → 422 with a long JSON validation error; `GET /echo-auth` → the
 * authorization header back in the body; `GET /session` → a `session` cookie (`SESSION_COOKIE`); `GET /slow`
 * → never answers (until the client aborts); `DELETE /cleanup` → 204; `POST /login` → `{ token }` for
 * `{ password: secret }`, else 401; `GET /me` → 200 with that bearer token or the session cookie, else 401; `DELETE /logout`
 * → 204; `GET /job/:id` → `{ status: running }`, then `{ status: failed }` from its second poll on. Every request is recorded
 * and announced on `events` so tests wait on what the server saw, not on sleeps.
 */
import { createServer, type Server } from 'node:http';
import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
}

export interface TargetServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  events: EventEmitter;
  /** How many `method path` requests arrived so far. */
  count(method: string, path: string): number;
  /** Resolves once `count(method, path)` reaches `atLeast` (default 1). */
  waitFor(method: string, path: string, atLeast?: number): Promise<void>;
  close(): Promise<void>;
}

/** The value of the cookie `GET /session` sets (a credential: it must never be printed). */
export const SESSION_COOKIE = 'sess-7Q2xV9-cookie-value';

/** The token `POST /login` answers with. */
export const LOGIN_TOKEN = 'tok-setup-1';

const USERS: Record<string, unknown> = {
  '1': { id: 1, name: 'Ada Lovelace', roles: ['admin', 'author'], address: { city: 'London', zip: 'W1' } },
};

export async function startTargetServer(): Promise<TargetServer> {
  const events = new EventEmitter();
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    res.sendDate = false; // stable goldens
    const path = (req.url ?? '/').split('?')[0];
    const seen = { method: req.method ?? 'GET', path };
    requests.push(seen);
    events.emit('request', seen);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/health') return json(200, { ok: true, service: 'target' });
    const user = /^\/users\/(\w+)$/.exec(path);
    if (user) return USERS[user[1]] ? json(200, USERS[user[1]]) : json(404, { error: 'not found' });
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('line one\nline two\nline three\n');
    }
    if (path === '/users' && req.method === 'POST') {
      const fields = Array.from({ length: 12 }, (_, i) => ({
        field: `field${i + 1}`,
        problem: 'must not be empty',
      }));
      res.writeHead(422, { 'content-type': 'application/json', location: '/users/new', 'x-trace': 'abc' });
      return res.end(JSON.stringify({ error: 'validation failed', fields }));
    }
    if (path === '/echo-auth') return json(200, { auth: req.headers.authorization ?? null });
    if (path === '/session') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': `session=${SESSION_COOKIE}; Path=/; HttpOnly`,
      });
      return res.end(JSON.stringify({ ok: true }));
    }
    if (path === '/slow') return; // held open until the client goes away
    if (path === '/login' && req.method === 'POST') {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const ok = (JSON.parse(body || '{}') as { password?: unknown }).password === 'secret';
        json(ok ? 200 : 401, ok ? { token: LOGIN_TOKEN } : { error: 'bad password' });
      });
      return;
    }
    if (path === '/me')
      return req.headers.authorization === `Bearer ${LOGIN_TOKEN}` ||
        (req.headers.cookie ?? '').includes(`session=${SESSION_COOKIE}`)
        ? json(200, { name: 'Ada' })
        : json(401, { error: 'log in first' });
    if (path === '/logout' && req.method === 'DELETE') {
      res.writeHead(204);
      return res.end();
    }
    const job = /^\/job\/([\w-]+)$/.exec(path);
    if (job) return json(200, { status: count('GET', path) > 1 ? 'failed' : 'running' });
    if (path === '/cleanup' && req.method === 'DELETE') {
      res.writeHead(204);
      return res.end();
    }
    json(404, { error: `no route ${req.method} ${path}` });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const count = (method: string, path: string): number =>
    requests.filter((r) => r.method === method && r.path === path).length;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    events,
    count,
    waitFor(method, path, atLeast = 1) {
      if (count(method, path) >= atLeast) return Promise.resolve();
      return new Promise((resolve) => {
        const listener = (): void => {
          if (count(method, path) >= atLeast) {
            events.off('request', listener);
            resolve();
          }
        };
        events.on('request', listener);
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
