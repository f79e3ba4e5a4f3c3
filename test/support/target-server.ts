/**
 * A small HTTP server for tests (unit, CLI golden tests): 127.0.0.1, port 0, in-process.
 *
 * Routes:
 *   POST /users (JSON) → 201 + Location; GET /users, GET|PUT|PATCH|DELETE /users/:id (404 when unknown)
 *   GET /status/:code            → that status, JSON {status}
 *   GET /headers                 → custom headers (x-request-id, x-multi twice), JSON body
 *   GET /cookies/set?name=value  → Set-Cookie for each query pair; GET /cookies → the cookies received
 *   GET /redirect?to=/path&status=302 → a redirect; GET /redirect/chain/:n → n hops to /echo
 *   GET /slow?ms=N               → answers after N ms (the timer is cleared when the client goes away)
 *   GET /huge?bytes=N            → N bytes of "x", streamed (text/plain)
 *   GET /binary                  → 256 bytes 0..255 (application/octet-stream)
 *   GET /html                    → an HTML page;  GET /text → plain text
 *   ANY /echo[...]               → JSON {method, path, query, headers, body, bodyBase64, contentType}
 *   GET /counter/:key            → {count} incremented on every call (for retry polling)
 *   POST /login                  → {token} for {user, password} = admin/secret, else 401
 *   GET /secure                  → 200 with the bearer token "tok-123", else 401
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TargetServer {
  url: string;
  port: number;
  /** Requests received, in order (method and path), for assertions. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startTargetServer(): Promise<TargetServer> {
  const users = new Map<number, Record<string, unknown>>();
  const counters = new Map<string, number>();
  let nextId = 1;
  const requests: { method: string; path: string }[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        route(req, res, Buffer.concat(chunks));
      } catch (error) {
        send(res, 500, { error: String(error) });
      }
    });
  });

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string | string[]> = {},
  ): void => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    requests.push({ method, path });
    const json = (): Record<string, unknown> => {
      try {
        return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return {};
      }
    };
    let match: RegExpExecArray | null;
    if (path === '/users' && method === 'POST') {
      const body = json();
      if (typeof body.name !== 'string') return send(res, 422, { detail: 'name is required' });
      const user = { ...body, id: nextId++ };
      users.set(user.id, user);
      return send(res, 201, user, { location: `/users/${user.id}` });
    }
    if (path === '/users' && method === 'GET') return send(res, 200, [...users.values()]);
    if ((match = /^\/users\/(\d+)$/.exec(path))) {
      const id = Number(match[1]);
      const user = users.get(id);
      if (!user) return send(res, 404, { title: 'Not Found' });
      if (method === 'GET') return send(res, 200, user);
      if (method === 'DELETE') {
        users.delete(id);
        res.writeHead(204).end();
        return;
      }
      if (method === 'PUT' || method === 'PATCH') {
        const updated = method === 'PUT' ? { ...json(), id } : { ...user, ...json(), id };
        users.set(id, updated);
        return send(res, 200, updated);
      }
    }
    if ((match = /^\/status\/(\d{3})$/.exec(path)))
      return send(res, Number(match[1]), { status: Number(match[1]) });
    if (path === '/headers') {
      return send(
        res,
        200,
        { ok: true },
        { 'x-request-id': 'req-42', 'x-multi': ['a', 'b'], 'cache-control': 'no-store' },
      );
    }
    if (path === '/cookies/set') {
      const cookies = [...url.searchParams].map(([name, value]) => `${name}=${value}; Path=/`);
      return send(res, 200, { set: cookies.length }, { 'set-cookie': cookies });
    }
    if (path === '/cookies') {
      const header = req.headers.cookie ?? '';
      const cookies = Object.fromEntries(
        header
          .split(';')
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => part.split('=') as [string, string]),
      );
      return send(res, 200, cookies);
    }
    if (path === '/redirect') {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), {
        location: url.searchParams.get('to') ?? '/echo',
      });
      res.end();
      return;
    }
    if ((match = /^\/redirect\/chain\/(\d+)$/.exec(path))) {
      const left = Number(match[1]);
      res.writeHead(302, { location: left > 1 ? `/redirect/chain/${left - 1}` : '/echo' });
      res.end();
      return;
    }
    if (path === '/slow') {
      const timer = setTimeout(
        () => send(res, 200, { slow: true }),
        Number(url.searchParams.get('ms') ?? 1000),
      );
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/huge') {
      let left = Number(url.searchParams.get('bytes') ?? 1024);
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const write = (): void => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!res.write(piece)) {
            res.once('drain', write);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      write();
      return;
    }
    if (path === '/binary') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
      return;
    }
    if (path === '/xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(XML_USERS);
      return;
    }
    if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    }
    if (path === '/png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG_BYTES);
      return;
    }
    if (path === '/html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Oops</title></head><body>Server error page</body></html>');
      return;
    }
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('hello from the target server\nsecond line');
      return;
    }
    if (path.startsWith('/echo')) {
      return send(res, 200, {
        method,
        path,
        query: Object.fromEntries(
          [...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)]),
        ),
        headers: req.headers,
        body: raw.toString('utf8'),
        bodyBase64: raw.toString('base64'),
        contentType: req.headers['content-type'] ?? null,
      });
    }
    if ((match = /^\/counter\/([\w-]+)$/.exec(path))) {
      const count = (counters.get(match[1]) ?? 0) + 1;
      counters.set(match[1], count);
      return send(res, 200, { count });
    }
    if (path === '/graphql' && method === 'POST') {
      const body = json() as { query?: string; variables?: { name?: string } };
      if (body.query?.includes('hello'))
        return send(res, 200, { data: { hello: `hello ${body.variables?.name ?? 'world'}` } });
      return send(res, 200, {
        errors: [
          {
            message: 'Cannot query field "nope" on type "Query".',
            locations: [{ line: 1, column: 3 }],
            path: ['nope'],
          },
        ],
        data: null,
      });
    }
    if (path === '/login' && method === 'POST') {
      const body = json();
      if (body.user === 'admin' && body.password === 'secret') return send(res, 200, { token: 'tok-123' });
      return send(res, 401, { title: 'Unauthorized' });
    }
    if (path === '/secure') {
      if (req.headers.authorization === 'Bearer tok-123') return send(res, 200, { secret: 'data' });
      return send(res, 401, { title: 'Unauthorized' });
    }
    send(res, 404, { title: 'Not Found' }, { 'content-type': 'application/problem+json' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `/xml`: three users, one with an id attribute per user. */
export const XML_USERS =
  '<?xml version="1.0"?><users><user id="1"><name>Ada</name></user><user id="2"><name>Grace</name></user><user id="3"><name>Linus</name></user></users>';

/** `/page`: a title, a list and links. */
export const HTML_PAGE =
  '<!doctype html><html><head><title>Catalog</title></head><body><h1>Books</h1><ul><li>Dune</li><li>Emma</li></ul><a class="next" href="/page?p=2">Next</a></body></html>';

/** `/png`: the PNG signature and a few bytes that are not UTF-8. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452ff00fe01', 'hex');
