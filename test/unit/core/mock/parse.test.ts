// parseMock (core/src/mock/parse.ts): the model with spans, and every problem located.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mockErrors, parseMock } from '../../../../core/src/mock/parse.js';

const slice = (text: string, span: { start: number; end: number }): string =>
  text.slice(span.start, span.end);

const codes = (text: string): string[] => parseMock(text, '/m/pay.mock.yaml').diagnostics.map((d) => d.code);

function only(text: string, code: string): { message: string; at: string; severity: string } {
  const doc = parseMock(text, '/m/pay.mock.yaml');
  const found = doc.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, JSON.stringify(doc.diagnostics));
  return { message: found[0].message, at: slice(text, found[0].span), severity: found[0].severity };
}

const SPEC_EXAMPLE = `name: payments
port: 4020
routes:
  - GET: /payments/:id
    headers: { authorization: { startsWith: "Bearer " } }
    respond:
      status: 200
      json: { id: "\${params.id}", amount: 42, status: paid }
      delay: 150ms
  - GET: /flaky
    respond: [ { status: 503 }, { status: 200, json: { ok: true } } ]
  - GET: /broken
    respond: { fault: reset }
resources:
  users: { path: /users, seed: ./data/users.json }
openapi: ./openapi.yaml
`;

void describe('parseMock', () => {
  void test('the SPEC example parses without diagnostics into the model', () => {
    const doc = parseMock(SPEC_EXAMPLE, '/m/pay.mock.yaml');
    assert.deepEqual(doc.diagnostics, []);
    const { model } = doc;
    assert.equal(model.name, 'payments');
    assert.equal(model.port, 4020);
    assert.equal(model.openapi, './openapi.yaml');
    assert.deepEqual(
      model.routes.map((route) => route.label),
      ['GET /payments/:id', 'GET /flaky', 'GET /broken'],
    );
    const [payments, flaky, broken] = model.routes;
    assert.equal(payments.line, 4);
    assert.equal(slice(SPEC_EXAMPLE, payments.methodSpan), 'GET');
    assert.equal(slice(SPEC_EXAMPLE, payments.pathSpan), '/payments/:id');
    assert.deepEqual(
      payments.headers.map((h) => [h.key, h.expected]),
      [['authorization', { startsWith: 'Bearer ' }]],
    );
    assert.deepEqual(payments.responses[0].json, { id: '${params.id}', amount: 42, status: 'paid' });
    assert.equal(payments.responses[0].delayMs, 150);
    assert.deepEqual(
      flaky.responses.map((r) => r.status),
      [503, 200],
    );
    assert.equal(broken.responses[0].fault, 'reset');
    assert.deepEqual(model.resources, [
      {
        name: 'users',
        path: '/users',
        seed: './data/users.json',
        idField: 'id',
        span: model.resources[0].span,
      },
    ]);
    assert.equal(model.usesScripts, false);
  });

  void test('the name defaults to the file name; a bare * becomes a named wildcard', () => {
    const doc = parseMock('routes:\n  - ANY: /files/*\n    respond: { status: 204 }\n', '/m/files.mock.yaml');
    assert.deepEqual(doc.diagnostics, []);
    assert.equal(doc.model.name, 'files');
    assert.equal(doc.model.routes[0].pattern, '/files/*wild');
  });

  void test('invalid YAML is a located yaml-syntax error', () => {
    const text = 'routes:\n  - GET: /a\n    respond: { status: 200\n';
    const doc = parseMock(text, '/m/pay.mock.yaml');
    assert.deepEqual(
      doc.diagnostics.map((d) => d.code),
      ['yaml-syntax'],
    );
    const [error] = mockErrors(doc);
    assert.equal(error.file, '/m/pay.mock.yaml');
    assert.ok(error.line >= 3, JSON.stringify(error));
  });

  void test('an unknown key says where and suggests the near one, with a fix', () => {
    const text = 'routes:\n  - GET: /a\n    respnd: { status: 200 }\n';
    const doc = parseMock(text, '/m/pay.mock.yaml');
    const unknown = doc.diagnostics.find((d) => d.code === 'unknown-key');
    assert.ok(unknown);
    assert.equal(slice(text, unknown.span), 'respnd');
    assert.match(unknown.message, /did you mean `respond`/);
    assert.deepEqual(unknown.fixes?.[0].newText, 'respond');
    assert.deepEqual(
      mockErrors(doc).map((e) => `${e.line}:${e.column}`),
      ['3:5', '2:5'],
    );
    assert.match(only('nam: x\n', 'unknown-key').message, /did you mean `name`/);
    assert.match(
      only('routes:\n  - GET: /a\n    respond: { staus: 200 }\n', 'unknown-key').message,
      /`status`/,
    );
  });

  void test('a matcher with a bad regex is located inside the string', () => {
    const text = 'routes:\n  - GET: /a\n    query: { q: { match: "ab(c" } }\n    respond: { status: 200 }\n';
    const found = only(text, 'invalid-regex');
    assert.match(found.message, /invalid regular expression/);
    assert.ok('ab(c'.includes(found.at) && found.at.length > 0, found.at);
    const lookahead =
      'routes:\n  - GET: /a\n    headers: { x: { not: { match: "a(?=b)" } } }\n    respond: {}\n';
    assert.equal(only(lookahead, 'unsupported-regex').at, '(?=b)');
  });

  void test('unknown matchers and bad arguments come from the matcher registry', () => {
    const found = only(
      'routes:\n  - GET: /a\n    headers: { x: { startWith: B } }\n    respond: {}\n',
      'unknown-matcher',
    );
    assert.equal(found.at, 'startWith');
    assert.match(found.message, /did you mean `startsWith`/);
    assert.equal(
      only('routes:\n  - GET: /a\n    json: { $.n: { gt: high } }\n    respond: {}\n', 'wrong-type').at,
      'high',
    );
  });

  void test('an invalid JSONPath is reported at its character', () => {
    const text = 'routes:\n  - POST: /a\n    json: { "$.items[": 1 }\n    respond: {}\n';
    const found = only(text, 'invalid-jsonpath');
    assert.match(found.message, /invalid JSONPath/);
    assert.match(
      only('routes:\n  - POST: /a\n    json: { amount: 1 }\n    respond: {}\n', 'invalid-jsonpath').message,
      /`\$\.amount`/,
    );
  });

  void test('durations, statuses, faults and bodies are checked', () => {
    assert.equal(only('routes:\n  - GET: /a\n    respond: { delay: soon }\n', 'invalid-duration').at, 'soon');
    assert.equal(only('routes:\n  - GET: /a\n    respond: { status: 99 }\n', 'invalid-status').at, '99');
    const fault = only('routes:\n  - GET: /a\n    respond: { fault: rest }\n', 'invalid-mock');
    assert.match(fault.message, /reset, close, hang — did you mean `reset`/);
    assert.equal(
      only('routes:\n  - GET: /a\n    respond: { json: 1, body: x }\n', 'conflicting-bodies').at,
      'body',
    );
    assert.equal(
      only('routes:\n  - GET: /a\n    respond: { delay: 5, file: "" }\n', 'invalid-mock').at,
      '""',
    );
  });

  void test('routes need one method with a path pattern and a respond', () => {
    assert.match(only('routes:\n  - respond: {}\n', 'missing-method').message, /`- GET: \/users\/:id`/);
    assert.equal(
      only('routes:\n  - GET: /a\n    POST: /a\n    respond: {}\n', 'duplicate-method').at,
      'POST',
    );
    assert.match(
      only('routes:\n  - GET: users\n    respond: {}\n', 'invalid-mock').message,
      /starting with `\/`/,
    );
    assert.match(only('routes:\n  - GET: /a\n', 'invalid-mock').message, /needs a `respond`/);
    assert.match(
      only('routes:\n  - GET: /a(b\n    respond: {}\n', 'invalid-mock').message,
      /invalid path pattern/,
    );
  });

  void test('a route behind an earlier catch-all of the same method and path is a warning', () => {
    const text = `routes:
  - GET: /users/:id
    respond: { status: 200 }
  - GET: /users/:id
    headers: { x: y }
    respond: { status: 201 }
  - POST: /users/:id
    respond: { status: 201 }
  - ANY: /other
    respond: {}
  - DELETE: /other
    respond: {}
`;
    const doc = parseMock(text, '/m/pay.mock.yaml');
    const warnings = doc.diagnostics.filter((d) => d.code === 'unreachable-route');
    assert.deepEqual(
      warnings.map((w) => [w.severity, doc.lineIndex.positionAt(w.span.start).line + 1, slice(text, w.span)]),
      [
        ['warning', 4, 'GET'],
        ['warning', 11, 'DELETE'],
      ],
    );
    assert.match(warnings[0].message, /`GET \/users\/:id` \(line 2\)/);
    assert.deepEqual(mockErrors(doc), []);
  });

  void test('resources, name, port and openapi are checked', () => {
    assert.match(only('resources:\n  users: { seed: x.json }\n', 'invalid-mock').message, /needs a `path`/);
    assert.match(only('resources:\n  users: { path: /u, sed: x }\n', 'unknown-key').message, /`seed`/);
    assert.match(only('port: http\n', 'invalid-mock').message, /0 to 65535/);
    assert.match(only('openapi: 3\n', 'invalid-mock').message, /OpenAPI document/);
    assert.match(only('- a\n', 'invalid-mock').message, /mapping/);
    assert.deepEqual(codes(''), []);
  });

  void test('${{ }} anywhere marks the mock as needing the sandbox', () => {
    const doc = parseMock(
      'routes:\n  - GET: /a\n    respond: { json: { n: "${{ 1 + 1 }}" } }\n',
      '/m/a.mock.yaml',
    );
    assert.equal(doc.model.usesScripts, true);
  });
});
