// Route matching (core/src/mock/match.ts): method + path pattern, then query, headers, JSONPath
// and partial body through the `expect` matcher registry; near misses ranked with their reasons.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRoutes, matchRoutes } from '../../../../core/src/mock/match.js';
import { parseMock } from '../../../../core/src/mock/parse.js';
import type { MockRequest } from '../../../../core/src/mock/types.js';

function routesOf(text: string): ReturnType<typeof compileRoutes> {
  const doc = parseMock(text, '/m/t.mock.yaml');
  assert.deepEqual(
    doc.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return compileRoutes(doc.model.routes, '/m');
}

function request(method: string, path: string, extra: Partial<MockRequest> = {}): MockRequest {
  return { method, path, query: {}, headers: {}, body: Buffer.alloc(0), ...extra };
}

const ROUTES = `routes:
  - GET: /payments/:id
    headers: { authorization: { startsWith: "Bearer " } }
    respond: { json: { id: "\${params.id}" } }
  - GET: /search
    query: { q: { match: "^[a-z]+$" }, page: "2" }
    respond: { status: 200 }
  - POST: /payments
    json: { $.amount: { gt: 0 }, $.currency: EUR }
    respond: { status: 201 }
  - PUT: /orders/:id
    body: { status: paid, items: [{ sku: A1 }] }
    respond: { status: 200 }
  - ANY: /files/*
    respond: { status: 204 }
  - GET: /first
    respond: { status: 200 }
  - GET: /first
    respond: { status: 500 }
`;

void describe('route matching', () => {
  const routes = routesOf(ROUTES);

  void test('method, path parameters and header matchers select a route', () => {
    const found = matchRoutes(
      routes,
      request('GET', '/payments/7', { headers: { authorization: 'Bearer x' } }),
    );
    assert.ok(found.route);
    assert.equal(found.route.route.label, 'GET /payments/:id');
    assert.deepEqual(found.params, { id: '7' });
  });

  void test('query matchers: regex and exact values', () => {
    assert.equal(
      matchRoutes(routes, request('GET', '/search', { query: { q: 'abc', page: '2' } })).route?.route.label,
      'GET /search',
    );
    assert.equal(
      matchRoutes(routes, request('GET', '/search', { query: { q: 'ABC', page: '2' } })).route,
      undefined,
    );
  });

  void test('JSONPath matchers on the request body', () => {
    const ok = matchRoutes(routes, request('POST', '/payments', { json: { amount: 5, currency: 'EUR' } }));
    assert.equal(ok.route?.route.label, 'POST /payments');
    const miss = matchRoutes(routes, request('POST', '/payments', { json: { amount: 0, currency: 'EUR' } }));
    assert.equal(miss.route, undefined);
    assert.deepEqual(miss.misses[0].reasons, ['expected json $.amount to be greater than 0, got 0']);
  });

  void test('a partial body match ignores keys not given', () => {
    const json = { status: 'paid', note: 'x', items: [{ sku: 'A1', qty: 2 }] };
    assert.equal(
      matchRoutes(routes, request('PUT', '/orders/1', { json })).route?.route.label,
      'PUT /orders/:id',
    );
    const miss = matchRoutes(routes, request('PUT', '/orders/1', { json: { ...json, status: 'open' } }));
    assert.deepEqual(miss.misses[0].reasons, ['body $.status: expected "paid", got "open"']);
  });

  void test('ANY and a bare * wildcard match every method and the rest of the path', () => {
    const found = matchRoutes(routes, request('DELETE', '/files/a/b.txt'));
    assert.equal(found.route?.route.label, 'ANY /files/*');
    assert.deepEqual(found.params, { wild: 'a/b.txt' });
  });

  void test('the first matching route in file order wins', () => {
    assert.equal(matchRoutes(routes, request('GET', '/first')).route, routes[5]);
  });

  void test('near misses: the failing matcher with its actual value, credentials masked', () => {
    const miss = matchRoutes(
      routes,
      request('GET', '/payments/7', { headers: { authorization: 'Basic c2VjcmV0' } }),
    );
    assert.equal(miss.route, undefined);
    assert.equal(miss.misses[0].route, 'GET /payments/:id (line 2)');
    assert.deepEqual(miss.misses[0].reasons, [
      'expected header authorization to be a string starting with "Bearer ", got "•••"',
    ]);
    assert.ok(!JSON.stringify(miss).includes('c2VjcmV0'));
  });

  void test('near misses: same path with another method, and a close path, best first', () => {
    const miss = matchRoutes(routes, request('DELETE', '/payments/7'));
    assert.equal(miss.misses[0].route, 'GET /payments/:id (line 2)');
    assert.deepEqual(miss.misses[0].reasons, ['method: expected GET, got DELETE']);
    const close = matchRoutes(routes, request('POST', '/payment'));
    assert.equal(close.misses[0].route, 'POST /payments (line 8)');
    assert.match(close.misses[0].reasons[0], /path: \/payment does not match \/payments/);
    assert.deepEqual(matchRoutes(routes, request('GET', '/zzzzzzzzzzzz/qqqqqqqq/wwwwww')).misses, []);
  });
});
