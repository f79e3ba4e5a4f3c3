// YAML-level parsing (core/src/parse/yaml.ts, references.ts): anchors, aliases and merge keys with
// spans at their use, bounded alias expansion, the file size limit, and one error per cascade.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../core/src/config.js';
import { parseDataFile } from '../../../core/src/data.js';
import { parseSuite, parseSuiteFully } from '../../../core/src/parse.js';
import { SuiteParseCache } from '../../../core/src/parse/incremental.js';
import { MAX_YAML_CHARS } from '../../../core/src/parse/yaml.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { at, run } from './helpers.js';

const URI = '/p/suite.bluebook.yaml';

/** A billion-laughs document: `levels` anchors, each aliasing the previous one `fan` times. */
export function aliasBomb(levels = 9, fan = 10, indent = ''): string {
  const lines = [`${indent}l0: &l0 [lol]`];
  for (let i = 1; i <= levels; i++)
    lines.push(`${indent}l${i}: &l${i} [${Array.from({ length: fan }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

const codes = (text: string): string[] => parseSuiteFully(text, URI).diagnostics.map((d) => d.code);

void describe('anchors, aliases and merge keys', () => {
  test('an aliased value is the anchored value (variables, json bodies, headers)', () => {
    const text = `variables:
  base: &b { a: 1, b: [x, y] }
  copy: *b
tests:
  t:
    steps:
      - POST: /x
        headers: &h { x-team: core }
        json: *b
      - GET: /y
        headers: *h
`;
    const doc = parseSuiteFully(text, URI);
    assert.deepEqual(doc.diagnostics, []);
    assert.deepEqual(
      doc.suite!.variables.map((v) => v.value),
      [
        { a: 1, b: ['x', 'y'] },
        { a: 1, b: ['x', 'y'] },
      ],
    );
    const [post, get] = doc.suite!.tests[0].steps;
    assert.deepEqual(post.body?.value, { a: 1, b: ['x', 'y'] });
    assert.deepEqual(
      get.headers.map((h) => [h.key, h.value, at(text, h.span)]),
      [['x-team', 'core', '*h']],
    );
  });

  test('a whole step can be an alias; its spans and diagnostics point at the alias use', () => {
    const text = `before:
  - &login
    POST: /login
    json: { user: ada }
    expect: { status: 200, bogus: 1 }
tests:
  t:
    steps:
      - *login
      - GET: /me
      - *login
`;
    const doc = parseSuiteFully(text, URI);
    const steps = doc.suite!.tests[0].steps;
    assert.deepEqual(
      steps.map((s) => [
        s.method,
        s.url,
        at(text, s.span).trim(),
        at(text, s.methodSpan),
        at(text, s.urlSpan),
      ]),
      [
        ['POST', '/login', '*login', '*login', '*login'],
        ['GET', '/me', 'GET: /me', 'GET', '/me'],
        ['POST', '/login', '*login', '*login', '*login'],
      ],
    );
    assert.deepEqual(steps[0].body?.value, { user: 'ada' });
    const unknown = doc.diagnostics.filter((d) => d.code === 'unknown-key');
    // Once where the anchor is defined, once at each use.
    assert.deepEqual(
      unknown.map((d) => text.slice(d.span.start, d.span.end)),
      ['bogus', '*login', '*login'],
    );
    assert.notEqual(unknown[1].span.start, unknown[2].span.start);
  });

  test('an anchor on the method key (`- &a GET: /x`) explains where to put it', () => {
    const text = `tests:
  t:
    steps:
      - &a GET: /x
      - *a
`;
    const [d] = parseSuiteFully(text, URI).diagnostics;
    assert.equal(d.code, 'wrong-type');
    assert.equal(at(text, d.span), '*a');
    assert.match(
      d.message,
      /^a step must be a mapping with one method key, .*put the anchor alone after the dash \(`- &a`\)/,
    );
  });

  test('merge keys: merged pairs lose to local keys and to earlier merges; spans at the alias', () => {
    const text = `defaults:
  headers: &common { x-team: core, accept: text/plain }
tests:
  base: &test
    tags: [smoke]
    steps:
      - &get
        GET: /a
        expect: &ok { status: 200, headers: { x-a: "1" } }
  t:
    <<: *test
    tags: [slow]
  u:
    steps:
      - <<: *get
        GET: /b
        headers:
          <<: [*common, { x-team: other, x-extra: "2" }]
          accept: application/json
        expect:
          <<: *ok
          status: 201
`;
    const doc = parseSuiteFully(text, URI);
    assert.deepEqual(doc.diagnostics, []);
    const [, t, u] = doc.suite!.tests;
    assert.deepEqual(t.tags, ['slow']);
    assert.deepEqual(
      t.steps.map((s) => [s.url, at(text, s.span)]),
      [['/a', '*test']],
    );
    const step = u.steps[0];
    assert.equal(step.url, '/b');
    assert.equal(at(text, step.urlSpan), '/b');
    assert.deepEqual(
      step.headers.map((h) => [h.key, h.value, at(text, h.keySpan)]),
      [
        ['x-team', 'core', '*common'],
        ['x-extra', '2', 'x-extra'],
        ['accept', 'application/json', 'accept'],
      ],
    );
    assert.deepEqual(
      step.expectations.map((e) => [e.kind, e.expected, at(text, e.span)]),
      [
        ['headers', '1', '*ok'],
        ['status', 201, 'status: 201'],
      ],
    );
  });

  test('a quoted `"<<"` is a plain key; merging a scalar and unknown or self aliases are errors', () => {
    const text = `tests:
  t:
    "<<": 1
    variables:
      <<: 5
      a: *nope
      <<: *missing
      b: &self [*self]
    steps: []
`;
    const doc = parseSuiteFully(text, URI);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, at(text, d.span)]),
      [
        ['yaml-syntax', '5'],
        ['yaml-syntax', '*nope'],
        ['yaml-syntax', '*missing'],
        ['yaml-syntax', '*self'],
        ['unknown-key', '"<<"'],
      ],
    );
    assert.match(doc.diagnostics[1].message, /unknown alias `\*nope`; define `&nope`/);
  });
});

void describe('aliased steps at run time', () => {
  let server: TargetServer;
  before(async () => (server = await startTargetServer()));
  after(() => server.close());

  test('each use of an aliased step runs, and its failures point at that use', async () => {
    const text = `tests:
  t:
    steps:
      - &missing
        GET: /status/404
        expect: { status: 200 }
  u:
    steps:
      - *missing
`;
    const { result } = await run(text, server.url);
    const steps = result.tests.map((t) => t.steps[0]);
    assert.deepEqual(
      steps.map((s) => [s.outcome, s.expectations.map((e) => [e.passed, at(text, e.span)])]),
      [
        ['failed', [[false, 'status: 200']]],
        ['failed', [[false, '*missing']]],
      ],
    );
    assert.deepEqual(server.requests.filter((r) => r.path === '/status/404').length, 2);
  });
});

void describe('the editor parse cache', () => {
  test('documents with anchors, aliases or merge keys are parsed whole, as a full parse does', () => {
    const text = `tests:
  a:
    steps:
      - &get
        GET: /a
  b:
    steps:
      - <<: { GET: /b, expect: { status: 200 } }
        name: merged
  c:
    steps:
      - *get
`;
    const cache = new SuiteParseCache();
    for (const version of [text, text.replace('GET: /a', 'GET: /changed'), text.replace('/b,', '/bb,')]) {
      const before = cache.stats.full;
      assert.deepEqual(parseSuite(version, URI, cache), parseSuiteFully(version, URI));
      assert.equal(cache.stats.full, before + 1);
    }
    const doc = parseSuite(text.replace('GET: /a', 'GET: /changed'), URI, cache);
    assert.deepEqual(
      doc.suite!.tests.map((t) => t.steps.map((s) => s.url)),
      [['/changed'], ['/b'], ['/changed']],
    );
  });
});

void describe('alias bombs', () => {
  test('a billion-laughs suite is refused at the alias that crosses the limit, quickly', () => {
    const text = `variables:\n${aliasBomb(9, 10, '  ')}tests:\n  t:\n    steps:\n      - GET: /\${l9}\n`;
    const started = Date.now();
    const doc = parseSuiteFully(text, URI);
    assert.ok(Date.now() - started < 10_000, 'does not hang');
    const limit = doc.diagnostics.filter((d) => d.code === 'yaml-limit');
    assert.equal(limit.length, 1);
    assert.match(
      limit[0].message,
      /^this file expands aliases to more than 100,000 nodes — YAML alias bombs are refused/,
    );
    assert.equal(doc.lineIndex.positionAt(limit[0].span.start).line, 6);
    // l5's fourth alias of l4 (21,111 nodes each) would pass 100,000 nodes in all.
    assert.equal(at(text, limit[0].span), '*l4');
    assert.equal(limit[0].span.start, text.indexOf('*l4', text.indexOf('l5:')) + 15);
  });

  test('the same bomb through a parse cache (the editor) is refused the same way', () => {
    const text = `tests:\n  t:\n    variables:\n${aliasBomb(9, 10, '      ')}    steps:\n      - GET: /\n`;
    const cache = new SuiteParseCache();
    assert.deepEqual(parseSuite(text, URI, cache).diagnostics, parseSuiteFully(text, URI).diagnostics);
    assert.ok(parseSuiteFully(text, URI).diagnostics.some((d) => d.code === 'yaml-limit'));
  });
});

void describe('file size limit', () => {
  test('a suite over the limit is not parsed: one yaml-limit diagnostic naming the limit', () => {
    const line = '  t: { steps: [] }\n';
    const text = 'tests:\n' + line.repeat(Math.ceil(MAX_YAML_CHARS / line.length) + 1);
    const started = Date.now();
    for (const doc of [parseSuiteFully(text, URI), parseSuite(text, URI, new SuiteParseCache())]) {
      assert.equal(doc.suite, undefined);
      assert.deepEqual(
        doc.diagnostics.map((d) => [d.code, d.message, d.span]),
        [
          [
            'yaml-limit',
            `this file has ${text.length.toLocaleString('en-US')} characters; Bluebook reads files of at most 10 MB (10,000,000 characters) — split it into several files.`,
            { start: 0, end: 1 },
          ],
        ],
      );
    }
    assert.ok(Date.now() - started < 10_000, 'does not parse');
  });
});

void describe('YAML error cascades', () => {
  const text = `baseUrl: http://localhost
tests:
  list:
    steps:
      - GET: /items
        capture: { name: $.items[0].name }
        expect:
          status: 200
      - GET: /items/\${name}
        expect:
          status: 200
  other:
    steps:
      - GET: /x
`;

  test('an unquoted `[` in a flow mapping is one error with a hint and a fix, not a cascade', () => {
    const doc = parseSuiteFully(text, URI);
    assert.deepEqual(doc.diagnostics, [
      {
        code: 'yaml-syntax',
        severity: 'error',
        message:
          '`[` in an unquoted value inside `{ }` or `[ ]` starts a list — quote a JSONPath that contains `[` in flow style: { name: "$.items[0].name" }',
        span: { start: text.indexOf('[0]'), end: text.indexOf('[0]') + 1 },
        fixes: [
          {
            title: 'Quote "$.items[0].name"',
            span: { start: text.indexOf('$.items'), end: text.indexOf('$.items') + '$.items[0].name'.length },
            newText: '"$.items[0].name"',
          },
        ],
      },
    ]);
    assert.deepEqual(parseSuite(text, URI, new SuiteParseCache()).diagnostics, doc.diagnostics);
  });

  test('the fixed text parses cleanly; independent errors on other lines are all kept', () => {
    assert.deepEqual(codes(text.replace('$.items[0].name', '"$.items[0].name"')), []);
    const two = `tests:
  a:
    steps:
      - GET: /a
        expect: { status: 200 ]
  b:
    name: "x\\q"
    steps: []
`;
    assert.deepEqual(codes(two).filter((c) => c === 'yaml-syntax').length, 2);
  });

  test('a flow mapping left open by an error on the line before is part of its cascade', () => {
    const open = `tests:
  a:
    steps:
      - GET: /a
        expect:
          json: { $.bad[: 1 }
          headers: { x: y }
`;
    const doc = parseSuiteFully(open, URI);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, at(open, d.span)]),
      [['yaml-syntax', '[']],
    );
    assert.match(
      doc.diagnostics[0].message,
      /quote a JSONPath that contains `\[` in flow style: \{ "\$\.bad\[": 1 \}$/,
    );
  });
});

void describe('config and data files', () => {
  test('a billion-laughs bluebook.config.yaml is refused with its line, quickly', () => {
    const text = `environments:\n  local:\n${aliasBomb(9, 10, '    ')}`;
    const started = Date.now();
    const config = parseConfig(text, '/p/bluebook.config.yaml');
    assert.ok(Date.now() - started < 10_000, 'does not hang');
    assert.deepEqual(
      config.errors.map((e) => [e.line, e.message.slice(0, 60)]),
      [[8, 'this file expands aliases to more than 100,000 nodes — YAML ']],
    );
    assert.equal(config.diagnostics[0].code, 'invalid-config');
  });

  test('config aliases and merge keys resolve', () => {
    const config = parseConfig(
      'environments:\n  local: &local { baseUrl: http://a, token: t }\n  ci:\n    <<: *local\n    baseUrl: http://ci\n',
      '/p/bluebook.config.yaml',
    );
    assert.deepEqual(config.errors, []);
    assert.deepEqual(config.environmentValues.ci, { baseUrl: 'http://ci', token: 't' });
  });

  test('a billion-laughs data file is refused with its line; aliases and merge keys resolve', () => {
    const started = Date.now();
    const bomb = parseDataFile(`- name: row\n  ${aliasBomb(9, 10, '  ').trimStart()}`, 'rows.yaml');
    assert.ok(Date.now() - started < 10_000, 'does not hang');
    assert.deepEqual(bomb.rows, []);
    assert.equal(bomb.error?.line, 7);
    assert.match(bomb.error?.message ?? '', /^this file expands aliases to more than 100,000 nodes/);
    assert.deepEqual(parseDataFile('- &a { x: 1, y: 2 }\n- <<: *a\n  y: 3\n- *a\n', 'rows.yaml'), {
      rows: [
        { x: 1, y: 2 },
        { x: 1, y: 3 },
        { x: 1, y: 2 },
      ],
    });
  });

  test('a key twice in one data row is still an error at its line', () => {
    assert.deepEqual(parseDataFile('- { a: 1 }\n- { a: 1, a: 2 }\n', 'rows.yaml'), {
      rows: [],
      error: { message: 'is not valid YAML: Map keys must be unique', line: 2 },
    });
  });

  test('data files over the size limit are refused before parsing', () => {
    const result = parseDataFile('[' + '{"a":1},'.repeat(MAX_YAML_CHARS / 8) + '{"a":1}]', 'rows.json');
    assert.deepEqual(result.rows, []);
    assert.match(
      result.error?.message ?? '',
      /^this file has 10,000,009 characters; Bluebook reads files of at most 10 MB/,
    );
  });
});
