// A small demo API for Bluebook's example suites. Plain Node, in-memory; `POST /graphql` answers
// with the `graphql` package (examples/schema.graphql), loaded on the first GraphQL request.
//
//   node examples/demo-api/server.mjs [--port N]     (default $PORT, else 4010; 0 picks a free port)
//
// Prints `Demo API listening on http://127.0.0.1:PORT` once it accepts connections.
// `POST /orders/:id/pay` calls the payments service at $PAYMENTS_URL (examples/mocks/payments.mock.yaml
// when bluebook.config.yaml's `services` start it).
import { createServer, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ADMIN = { user: 'admin', password: process.env.DEMO_ADMIN_PASSWORD ?? 'correct-horse' };

/** POSTs `body` as JSON; resolves with the status and the parsed answer. */
function postJson(url, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => {
        try {
          resolve({ status: incoming.statusCode, json: JSON.parse(text) });
        } catch {
          resolve({ status: incoming.statusCode, json: undefined });
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

/** A GraphQL executor over the demo's users: `(body) => result`, built once on first use. */
async function graphqlEndpoint(users) {
  const { buildSchema, graphql } = await import('graphql');
  const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
  const asGraphql = (user) => user && { ...user, id: String(user.id), role: String(user.role).toUpperCase() };
  const root = {
    health: () => ({ status: 'ok' }),
    user: ({ id }) => asGraphql(users.get(Number(id))) ?? null,
    users: ({ role, limit }) =>
      [...users.values()]
        .map(asGraphql)
        .filter((user) => role === undefined || user.role === role)
        .slice(0, limit),
  };
  return ({ query, variables, operationName }) =>
    graphql({ schema, source: String(query ?? ''), rootValue: root, variableValues: variables, operationName });
}

/** Starts the demo API; resolves with the server and its base URL. */
export function startDemoApi({ port = 4010, host = '127.0.0.1', paymentsUrl = process.env.PAYMENTS_URL } = {}) {
  const users = new Map();
  const tokens = new Set();
  const jobs = new Map();
  let nextId = 1;
  let executeGraphql;

  const send = (res, status, body, headers = {}) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'x-request-id': randomUUID(),
      ...headers,
    });
    res.end(payload);
  };
  const problem = (res, status, title, detail) =>
    send(res, status, { title, detail, status }, { 'content-type': 'application/problem+json' });
  const readJson = async (req) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return Symbol.for('invalid');
    }
  };
  const authorized = (req) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return match !== null && tokens.has(match[1]);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok', uptime: process.uptime() });
      if (req.method === 'GET' && path === '/health.xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end('<?xml version="1.0"?><health status="ok"><check name="db">up</check><check name="cache">up</check></health>');
      }

      if (req.method === 'POST' && path === '/login') {
        const body = await readJson(req);
        if (body?.user === ADMIN.user && body?.password === ADMIN.password) {
          const token = randomUUID();
          tokens.add(token);
          return send(res, 200, { token, expiresIn: 3600 }, { 'set-cookie': `session=${token}; HttpOnly; Path=/` });
        }
        return problem(res, 401, 'Unauthorized', 'wrong user or password');
      }

      if (path === '/users' && req.method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return send(res, 200, { items: [...users.values()].slice(0, limit), total: users.size });
      }
      if (path === '/users' && req.method === 'POST') {
        if (!authorized(req)) return problem(res, 401, 'Unauthorized', 'send Authorization: Bearer <token>');
        const body = await readJson(req);
        if (typeof body?.name !== 'string' || body.name.length === 0) {
          return problem(res, 422, 'Invalid user', '`name` is required');
        }
        const user = { id: nextId++, name: body.name, email: body.email ?? null, role: body.role ?? 'member', createdAt: new Date().toISOString() };
        users.set(user.id, user);
        return send(res, 201, user, { location: `/users/${user.id}` });
      }
      const userMatch = /^\/users\/(\d+)$/.exec(path);
      if (userMatch) {
        const user = users.get(Number(userMatch[1]));
        if (!user) return problem(res, 404, 'Not Found', `no user ${userMatch[1]}`);
        if (req.method === 'GET') return send(res, 200, user);
        if (!authorized(req)) return problem(res, 401, 'Unauthorized', 'send Authorization: Bearer <token>');
        if (req.method === 'PATCH') {
          const body = await readJson(req);
          Object.assign(user, typeof body === 'object' && body ? body : {}, { id: user.id });
          return send(res, 200, user);
        }
        if (req.method === 'DELETE') {
          users.delete(user.id);
          return send(res, 204);
        }
      }

      // An asynchronous job that is `pending` for its first two polls: shows `retry`.
      if (req.method === 'POST' && path === '/jobs') {
        const job = { id: randomUUID(), polls: 0 };
        jobs.set(job.id, job);
        return send(res, 202, { id: job.id, state: 'pending' }, { location: `/jobs/${job.id}` });
      }
      const jobMatch = /^\/jobs\/([\w-]+)$/.exec(path);
      if (req.method === 'GET' && jobMatch) {
        const job = jobs.get(jobMatch[1]);
        if (!job) return problem(res, 404, 'Not Found', 'no such job');
        job.polls++;
        return send(res, 200, { id: job.id, state: job.polls > 2 ? 'done' : 'pending', polls: job.polls });
      }

      // Pays an order through the payments service and answers with both sides.
      const payMatch = /^\/orders\/([\w-]+)\/pay$/.exec(path);
      if (req.method === 'POST' && payMatch) {
        if (!paymentsUrl) return problem(res, 503, 'Service Unavailable', 'PAYMENTS_URL is not set');
        const body = await readJson(req);
        if (typeof body?.amount !== 'number') return problem(res, 422, 'Invalid payment', '`amount` must be a number');
        let answer;
        try {
          answer = await postJson(`${paymentsUrl}/payments`, { orderId: payMatch[1], amount: body.amount });
        } catch (error) {
          return problem(res, 502, 'Bad Gateway', `payments did not answer: ${error.message}`);
        }
        if (answer.status >= 300) return problem(res, 502, 'Bad Gateway', `payments answered ${answer.status}`);
        const payment = answer.json;
        return send(res, 200, { order: payMatch[1], paid: payment.status === 'paid', payment });
      }

      if (req.method === 'POST' && path === '/graphql') {
        const body = await readJson(req);
        if (typeof body !== 'object' || body === null) return send(res, 400, { errors: [{ message: 'send JSON { query, variables? }' }] });
        executeGraphql ??= await graphqlEndpoint(users);
        return send(res, 200, await executeGraphql(body));
      }

      if (req.method === 'GET' && path === '/search') {
        const tags = url.searchParams.getAll('tag');
        return send(res, 200, { query: url.searchParams.get('q'), tags });
      }

      return problem(res, 404, 'Not Found', `${req.method} ${path} is not a route of the demo API`);
    } catch (error) {
      return problem(res, 500, 'Internal Server Error', String(error));
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg !== -1 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 4010);
  const { url } = await startDemoApi({ port });
  console.log(`Demo API listening on ${url}`);
}
