// Expectations: every kind and matcher, every expectation reported, with messages and spans.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { EXPECTATIONS, MATCHERS } from '../../../core/src/index.js';
import { at, run, step, tempFolder } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const suite = (stepYaml: string): string => `tests:\n  t:\n    steps:\n${stepYaml}`;

void describe('expectations', () => {
  void test('the registry lists every kind and operator of the spec', () => {
    assert.deepEqual(
      EXPECTATIONS.map((def) => def.kind),
      ['status', 'headers', 'json', 'body', 'text', 'schema', 'duration', 'assert', 'xpath', 'css', 'bytes', 'snapshot'],
    );
    assert.deepEqual(MATCHERS.map((def) => def.name).sort(), [
      'contains',
      'empty',
      'endsWith',
      'eq',
      'exists',
      'gt',
      'gte',
      'length',
      'lt',
      'lte',
      'match',
      'ne',
      'not',
      'oneOf',
      'schema',
      'startsWith',
      'type',
    ]);
    for (const def of MATCHERS) assert.ok(def.doc.length > 10 && typeof def.check === 'function');
  });

  void test('all passing kinds and matchers', async () => {
    const folder = tempFolder({
      'schemas/user.schema.yaml':
        'type: object\nrequired: [id, name]\nproperties:\n  id: { type: integer }\n  name: { $ref: "./name.json" }\n',
      'schemas/name.json': '{ "type": "string", "minLength": 1 }',
    });
    const text = suite(`      - POST: /users
        json: { name: Ada, email: ada@example.com, tags: [a, b] }
        expect:
          status: 201
          headers:
            Content-Type: { startsWith: application/json, match: "json$" }
            location: { match: "^/users/\\\\d+$" }
            x-missing: { exists: false }
          json:
            $.name: Ada
            $.id: { type: integer, gt: 0, gte: 1, lt: 1000, lte: 999, ne: 0 }
            $.email: { contains: "@", endsWith: .com, oneOf: [ada@example.com, x] }
            $.tags: [a, b]
            $.tags[*]: { length: 2, contains: b }
            $.nope: { exists: false }
            $.tags[?@ == 'z']: { empty: true }
            $: { schema: { type: object, required: [id] } }
          body: { name: Ada, tags: [a, b] }
          text: { contains: '"name":"Ada"' }
          schema: ./schemas/user.schema.yaml
          duration: 5s
      - GET: /status/204
        expect: { status: [200, 204] }
      - GET: /status/418
        expect: { status: 4xx }
      - GET: /text
        expect:
          text: "hello from the target server\\nsecond line"
          status: { oneOf: [200, 201] }
          duration: { lt: 5000 }
`);
    const result = await run(text, server.url, { baseDir: folder });
    for (const s of result.result.tests[0].steps) {
      const failures = s.expectations.filter((e) => !e.passed).map((e) => e.message);
      assert.equal(s.outcome, 'passed', `${s.name}: ${failures.join('; ')} ${s.error?.message ?? ''}`);
    }
    assert.equal(step(result.result).expectations.length, 16);
  });

  void test('every failing expectation of a step is reported with expected, actual, message and span', async () => {
    const text = suite(`      - GET: /users/999
        expect:
          status: 200
          headers:
            content-type: text/plain
            x-absent: present
          json:
            $.title: Found
            $.id: { type: integer, gt: 0 }
          body: { title: NotFound, extra: 1 }
          text: { contains: zzz }
      - GET: /echo
`);
    const result = await run(text, server.url);
    const s = step(result.result);
    assert.equal(s.outcome, 'failed');
    assert.equal(step(result.result, 1).outcome, 'skipped');
    const byKey = new Map(s.expectations.map((e) => [e.key ?? e.kind, e]));
    assert.equal(byKey.get('status')?.message, 'expected status 200, got 404 Not Found');
    assert.equal(byKey.get('status')?.actual, 404);
    assert.equal(at(text, byKey.get('status')?.span), 'status: 200');
    assert.equal(
      byKey.get('content-type')?.message,
      'expected header `content-type` to be "text/plain", got "application/json"',
    );
    assert.equal(byKey.get('x-absent')?.actual, undefined);
    assert.equal(byKey.get('$.title')?.message, 'expected `$.title` to be "Found", got "Not Found"');
    assert.equal(at(text, byKey.get('$.title')?.span), '$.title: Found');
    assert.equal(
      byKey.get('$.id')?.message,
      'expected `$.id` to be of type integer and a number greater than 0, got absent',
    );
    assert.match(
      byKey.get('body')?.message ?? '',
      /^body differs at `\$\.title`: expected "NotFound", got "Not Found"$/,
    );
    assert.deepEqual(byKey.get('body')?.actual, { title: 'Not Found' });
    assert.match(byKey.get('text')?.message ?? '', /expected the body text to be a string containing "zzz"/);
    assert.equal(s.expectations.filter((e) => e.passed).length, 0);
  });

  void test('a JSON expectation on a non-JSON body says what the body is', async () => {
    const result = await run(
      suite(`      - GET: /html\n        expect:\n          json: { $.a: 1 }\n          body: { a: 1 }\n`),
      server.url,
    );
    const [json, body] = step(result.result).expectations;
    assert.equal(json.passed, false);
    assert.match(
      json.message,
      /^expected a JSON body, got text\/html; charset=utf-8 \(<!doctype html><html><head><title>Oops<\/title>/,
    );
    assert.equal(body.message, json.message);
  });

  void test('binary bodies are recorded as "<binary, N bytes>"', async () => {
    const result = await run(
      suite(
        `      - GET: /binary\n        expect:\n          text: { contains: x }\n          json: { $.a: 1 }\n`,
      ),
      server.url,
    );
    const s = step(result.result);
    assert.equal(s.response?.body, '<binary, 256 bytes>');
    assert.equal(s.response?.size, 256);
    assert.match(
      s.expectations[0].message,
      /expected a text body, got application\/octet-stream \(<binary, 256 bytes>\)/,
    );
    assert.match(
      s.expectations[1].message,
      /expected a JSON body, got application\/octet-stream \(<binary, 256 bytes>\)/,
    );
  });

  void test('a missing schema file errors the step at the schema entry; an invalid schema too', async () => {
    const folder = tempFolder({ 'bad.json': '{ "type": 12 }' });
    const text = suite(
      `      - GET: /users\n        expect:\n          schema: ./missing.json\n      - GET: /users\n`,
    );
    const result = await run(text, server.url, { baseDir: folder });
    const s = step(result.result);
    assert.equal(s.outcome, 'errored');
    assert.match(s.error?.message ?? '', /schema file not found: .*missing\.json/);
    assert.equal(at(text, s.error?.span), 'schema: ./missing.json');
    const invalid = await run(
      suite(`      - GET: /users\n        expect:\n          schema: bad.json\n`),
      server.url,
      { baseDir: folder },
    );
    assert.match(step(invalid.result).error?.message ?? '', /invalid JSON Schema in .*bad\.json/);
  });

  void test('schema violations are listed', async () => {
    const result = await run(
      suite(
        `      - GET: /status/200\n        expect:\n          schema: { type: object, required: [id], properties: { status: { type: string } } }\n`,
      ),
      server.url,
    );
    assert.equal(
      step(result.result).expectations[0].message,
      "body does not match the schema: (root) must have required property 'id'; /status must be string",
    );
  });

  void test('duration: a maximum and a matcher', async () => {
    const result = await run(
      suite(`      - GET: /slow?ms=60\n        expect:\n          duration: 10\n`),
      server.url,
    );
    const e = step(result.result).expectations[0];
    assert.equal(e.passed, false);
    assert.equal(e.expected, 10);
    assert.match(e.message, /^expected a response within 10 ms, took \d+ ms$/);
    assert.ok((e.actual as number) >= 60);
  });

  void test('an unknown matcher operator fails with a suggestion', async () => {
    const result = await run(
      suite(`      - GET: /status/200\n        expect:\n          json: { $.status: { gtt: 1 } }\n`),
      server.url,
    );
    assert.equal(
      step(result.result).expectations[0].message,
      '`$.status`: unknown matcher `gtt` — did you mean `gt`?',
    );
  });
});
