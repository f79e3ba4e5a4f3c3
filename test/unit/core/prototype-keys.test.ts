// `__proto__`, `constructor` and `prototype` are plain keys everywhere a user writes keys (suites,
// config, data files, bodies, variables, captures, headers) and in responses: they keep their
// values and never change Object.prototype, from parsing through a run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, resolveRunContext } from '../../../core/src/config.js';
import { parseDataFile } from '../../../core/src/data.js';
import { parseSuiteFully } from '../../../core/src/parse.js';
import { run } from './helpers.js';

const HOSTILE = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"id":"x"}';

function assertClean(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), CLEAN);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
}
const CLEAN = Object.getOwnPropertyNames(Object.prototype).sort();

const own = (value: unknown, key: string): unknown => {
  assert.ok(value !== null && typeof value === 'object' && Object.hasOwn(value, key), `own \`${key}\``);
  return (value as Record<string, unknown>)[key];
};

let server: Server;
let url: string;
const received: { headers: string[]; body: string }[] = [];
before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.rawHeaders, body: Buffer.concat(chunks).toString('utf8') });
      res.setHeader('content-type', 'application/json');
      res.setHeader('__proto__', 'header');
      res.setHeader('constructor', 'c');
      res.end(req.url === '/hostile' ? HOSTILE : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const SUITE = `variables:
  __proto__: { polluted: suite }
  constructor: { prototype: { polluted: suite } }
  prototype: plain
tests:
  __proto__:
    steps:
      - GET: /plain
  hostile:
    variables:
      __proto__: { polluted: test }
    each:
      - constructor: { prototype: { polluted: row } }
    steps:
      - GET: /hostile
        headers:
          __proto__: h
          constructor: c
        expect:
          status: 200
          headers: { __proto__: header, prototype: { exists: false }, toString: { exists: false } }
          json:
            $.__proto__.polluted: "yes"
            $.constructor.prototype.polluted: "yes"
            $: { eq: { __proto__: { polluted: "yes" }, constructor: { prototype: { polluted: "yes" } }, id: x } }
        capture:
          __proto__: $.__proto__
          whole: { body: true }
      - POST: /echo
        json:
          __proto__: { polluted: body }
          captured: \${whole}
          fromCapture: \${__proto__.polluted}
          fromRow: \${constructor.prototype.polluted}
          prototype: \${prototype}
        expect:
          status: 200
`;

void describe('prototype keys are plain keys', () => {
  test('parsing a suite keeps them as own keys and leaves Object.prototype alone', () => {
    const doc = parseSuiteFully(SUITE, '/p/suite.bluebook.yaml');
    assertClean();
    assert.deepEqual(doc.diagnostics, []);
    const suite = doc.suite!;
    assert.deepEqual(
      suite.variables.map((v) => v.key),
      ['__proto__', 'constructor', 'prototype'],
    );
    assert.deepEqual(own(suite.variables[0].value, 'polluted'), 'suite');
    assert.deepEqual(
      suite.tests.map((t) => t.id),
      ['__proto__', 'hostile'],
    );
    const body = suite.tests[1].steps[1].body!.value;
    assert.deepEqual(own(body, '__proto__'), { polluted: 'body' });
  });

  test('a run with such keys in variables, rows, headers, bodies, captures and the response', async () => {
    received.length = 0;
    const { result } = await run(SUITE, url);
    assertClean();
    assert.deepEqual(
      result.tests.map((t) => [t.instanceId, t.outcome, t.steps.map((s) => s.error ?? s.outcome)]),
      [
        ['__proto__', 'passed', ['passed']],
        ['hostile[0]', 'passed', ['passed', 'passed']],
      ],
    );
    const [, hostile, echo] = received;
    const sentHeader = (name: string): string | undefined =>
      hostile.headers[hostile.headers.indexOf(name) + 1];
    assert.equal(sentHeader('__proto__'), 'h');
    assert.equal(sentHeader('constructor'), 'c');
    const sent = JSON.parse(echo.body) as Record<string, unknown>;
    assert.deepEqual(own(sent, '__proto__'), { polluted: 'body' });
    assert.deepEqual(sent.captured, JSON.parse(HOSTILE));
    assert.equal(own(sent.captured, '__proto__') !== undefined, true);
    assert.equal(sent.fromCapture, 'yes');
    assert.equal(sent.fromRow, 'row');
    assert.equal(sent.prototype, 'plain');
  });

  test('a config keeps them as environment and variable names; `--env toString` is unknown', () => {
    const config = parseConfig(
      `environments:
  __proto__: { polluted: env }
  local:
    __proto__: { polluted: var }
    constructor: c
defaultEnvironment: local
`,
      '/p/bluebook.config.yaml',
    );
    assertClean();
    assert.deepEqual(config.errors, []);
    assert.deepEqual(own(config.environmentValues, '__proto__'), { polluted: 'env' });
    assert.deepEqual(own(config.environmentValues.local, '__proto__'), { polluted: 'var' });
    assert.equal(own(config.environmentValues.local, 'constructor'), 'c');
    const loaded = {
      path: '/p/bluebook.config.yaml',
      environments: config.environmentValues,
      secrets: [],
      dotEnv: {},
      errors: [],
    };
    for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
      const context = resolveRunContext({
        suitePath: '/p/s.bluebook.yaml',
        environmentName: name,
        config: loaded,
        processEnv: {},
      });
      assert.match(context.errors[0]?.message ?? '', /^unknown environment/, name);
      assert.deepEqual(context.environment, {});
    }
    const proto = resolveRunContext({
      suitePath: '/p/s.bluebook.yaml',
      environmentName: '__proto__',
      config: loaded,
      processEnv: {},
    });
    assert.deepEqual(proto.errors, []);
    assert.deepEqual(proto.environment, { polluted: 'env' });
  });

  test('JSON and YAML data files keep them as row keys', () => {
    for (const [text, path] of [
      ['[{"__proto__": {"polluted": "row"}, "constructor": 1}]', 'rows.json'],
      ['- __proto__: { polluted: row }\n  constructor: 1\n', 'rows.yaml'],
    ]) {
      const { rows, error } = parseDataFile(text, path);
      assertClean();
      assert.equal(error, undefined);
      assert.deepEqual(own(rows[0], '__proto__'), { polluted: 'row' }, path);
      assert.equal(own(rows[0], 'constructor'), 1);
    }
  });
});
