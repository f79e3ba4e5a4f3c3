import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LineIndex, MATCHERS } from '../../../core/src/index.js';
import { MOCK_KEYS, MOCK_METHODS } from '../../../core/src/mock/keys.js';
import { Commands } from '../../../core/src/protocol.js';
import { isMockUri } from '../../../server/src/analysis.js';
import { fixActions } from '../../../server/src/features/codeActions.js';
import { mockCodeLenses } from '../../../server/src/features/mockCodeLens.js';
import { mockCompletion } from '../../../server/src/features/mockCompletion.js';
import { mockDiagnostics } from '../../../server/src/features/mockDiagnostics.js';
import { mockFoldingRanges } from '../../../server/src/features/mockFolding.js';
import { mockSymbols } from '../../../server/src/features/mockSymbols.js';
import { mockHover } from '../../../server/src/features/mockHover.js';
import { analyzeMock } from '../../../server/src/mockAnalysis.js';
import { MockDocuments } from '../../../server/src/mockDocuments.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { cursor, project, textOf } from './helpers.js';

function completionAt(marked: string) {
  const { text, position } = cursor(marked);
  return mockCompletion(new LineIndex(text), position).items;
}

function labels(marked: string): string[] {
  return completionAt(marked).map((item) => item.label);
}

function hoverAt(marked: string): { value: string; covers: string } | undefined {
  const { text, position } = cursor(marked);
  const hover = mockHover(new LineIndex(text), position);
  if (!hover) return undefined;
  return { value: (hover.contents as { value: string }).value, covers: textOf(text, hover.range!) };
}

const keysOf = (context: keyof typeof MOCK_KEYS) => MOCK_KEYS[context].map((entry) => entry.key);
const OPERATORS = MATCHERS.map((matcher) => matcher.name);

void describe('mock files: completion', () => {
  void it('offers the top-level keys not yet written, with docs', () => {
    const items = completionAt(['name: payments', 'ro|'].join('\n'));
    assert.deepEqual(
      items.map((item) => item.label),
      keysOf('mock').filter((key) => key !== 'name'),
    );
    const routes = items.find((item) => item.label === 'routes');
    assert.match((routes?.documentation as { value: string }).value, /first match wins/);
  });

  void it('offers the methods (as snippets) and the route keys at a new route', () => {
    const items = completionAt(['routes:', '  - |'].join('\n'));
    assert.deepEqual(
      items.map((item) => item.label),
      keysOf('route'),
    );
    const get = items.find((item) => item.label === 'GET');
    assert.equal(get?.insertText, 'GET: ${1:/path}');
  });

  void it('offers no second method in a route that has one, nor keys it already has', () => {
    const found = labels(['routes:', '  - GET: /a', '    respond: { status: 200 }', '    |'].join('\n'));
    assert.deepEqual(found, ['query', 'headers', 'json', 'body']);
    assert.ok(!found.some((label) => MOCK_METHODS.includes(label)));
  });

  void it('offers the response keys under respond, in a list of responses and in a flow map', () => {
    const block = labels(
      ['routes:', '  - GET: /a', '    respond:', '      status: 200', '      |'].join('\n'),
    );
    assert.deepEqual(
      block,
      keysOf('respond').filter((key) => key !== 'status'),
    );
    const list = labels(
      ['routes:', '  - GET: /a', '    respond:', '      - status: 503', '      - |'].join('\n'),
    );
    assert.deepEqual(list, keysOf('respond'));
    const flow = labels(['routes:', '  - GET: /a', '    respond: { status: 200, |'].join('\n'));
    assert.ok(flow.includes('fault') && flow.includes('json'), flow.join());
  });

  void it('offers the resource keys inside a resource', () => {
    assert.deepEqual(labels(['resources:', '  users:', '    path: /users', '    |'].join('\n')), [
      'seed',
      'id',
    ]);
  });

  void it('offers matcher operators inside query, headers and json matchers', () => {
    for (const marked of [
      ['routes:', '  - GET: /a', '    headers:', '      authorization: { |'].join('\n'),
      ['routes:', '  - GET: /a', '    query:', '      q:', '        |'].join('\n'),
      ['routes:', '  - POST: /a', '    json:', '      $.amount: { gt: 0, |'].join('\n'),
    ]) {
      const found = labels(marked);
      assert.ok(
        OPERATORS.every((name) => found.includes(name) || name === 'gt'),
        marked,
      );
    }
    assert.ok(
      !labels(['routes:', '  - POST: /a', '    json:', '      $.amount: { gt: 0, |'].join('\n')).includes(
        'gt',
      ),
    );
  });

  void it('offers request header names in a route and response header names in respond', () => {
    assert.ok(
      labels(['routes:', '  - GET: /a', '    headers:', '      |'].join('\n')).includes('authorization'),
    );
    assert.ok(
      labels(['routes:', '  - GET: /a', '    respond:', '      headers:', '        |'].join('\n')).includes(
        'content-type',
      ),
    );
    assert.ok(
      labels(
        ['routes:', '  - GET: /a', '    respond:', '      headers:', '        content-type: |'].join('\n'),
      ).includes('application/json'),
    );
  });

  void it('offers fault values and status codes as values in respond', () => {
    assert.deepEqual(labels(['routes:', '  - GET: /a', '    respond: { fault: | }'].join('\n')), [
      'reset',
      'close',
      'hang',
    ]);
    const statuses = completionAt(['routes:', '  - GET: /a', '    respond:', '      status: |'].join('\n'));
    assert.equal(statuses.find((item) => item.label === '201')?.detail, 'Created');
  });

  void it('offers the template roots inside ${ and the route’s path parameters after params.', () => {
    const roots = labels(
      ['routes:', '  - GET: /users/:id', '    respond:', '      json: { id: "${|" }'].join('\n'),
    );
    assert.deepEqual(roots.slice(0, 4), ['params.', 'query.', 'headers.', 'request.']);
    assert.ok(roots.includes('uuid()'), roots.join());
    assert.deepEqual(
      labels(['routes:', '  - GET: "/files/*"', '    respond: { body: "${params.|" }'].join('\n')),
      ['params.wild'],
    );
    const request = labels(
      ['routes:', '  - POST: /a', '    respond:', '      json: { echo: "${request.|" }'].join('\n'),
    );
    assert.deepEqual(request, [
      'request.json',
      'request.body',
      'request.method',
      'request.path',
      'request.query.',
      'request.headers.',
    ]);
    const headers = labels(
      ['routes:', '  - GET: /a', '    respond:', '      body: "${headers.|"'].join('\n'),
    );
    assert.ok(headers.includes('headers.authorization'), headers.join());
    assert.deepEqual(labels(['routes:', '  - GET: /a', '    query: { q: "${|" }'].join('\n')), []);
    const params = completionAt(
      [
        'routes:',
        '  - GET: /a/:x',
        '    respond: { status: 200 }',
        '  - GET: /orgs/:org/users/:id',
        '    respond:',
        '      - status: 200',
        '        json: { id: "${params.|" }',
      ].join('\n'),
    );
    assert.deepEqual(
      params.map((item) => item.label),
      ['params.org', 'params.id'],
    );
  });

  void it('completes the paths of openapi, seed and file relative to the mock file', () => {
    const root = project({
      'mocks/api.yaml': '',
      'mocks/data/users.json': '[]',
      'mocks/data/notes.txt': '',
      'mocks/hello.txt': '',
    });
    const at = (marked: string) => {
      const { text, position } = cursor(marked);
      return mockCompletion(new LineIndex(text), position, join(root, 'mocks', 'p.mock.yaml')).items.map(
        (item) => (item.textEdit as { newText: string }).newText,
      );
    };
    assert.deepEqual(at('openapi: ./|').sort(), ['./api.yaml', './data/']);
    assert.deepEqual(at(['resources:', '  users: { path: /users, seed: ./data/| }'].join('\n')), [
      './data/users.json',
    ]);
    assert.deepEqual(at(['routes:', '  - GET: /a', '    respond:', '      file: |'].join('\n')).sort(), [
      './api.yaml',
      './data/',
      './hello.txt',
    ]);
  });

  void it('answers on broken YAML and outside any known context', () => {
    assert.deepEqual(labels(['routes: [', '  - GET: /a', '    |'].join('\n')).length > 0, true);
    assert.deepEqual(labels(['openapi: ./x.yaml', 'resources:', '  users: |'].join('\n')), []);
    assert.deepEqual(labels('|'), keysOf('mock'));
  });
});

void describe('mock files: hover', () => {
  void it('documents a key by its context', () => {
    const route = hoverAt(['routes:', '  - GET: /a', '    respo|nd: { status: 200 }'].join('\n'));
    assert.equal(route?.covers, 'respond');
    assert.match(route!.value, /^\*\*respond\*\* — The response/);
    const respond = hoverAt(['routes:', '  - GET: /a', '    respond:', '      fa|ult: reset'].join('\n'));
    assert.match(respond!.value, /reset.*close.*hang/);
    const top = hoverAt('open|api: ./openapi.yaml');
    assert.match(top!.value, /OpenAPI/);
    const resource = hoverAt(['resources:', '  users:', '    se|ed: ./users.json'].join('\n'));
    assert.match(resource!.value, /initial items/);
  });

  void it('documents matchers, headers, status codes and fault values', () => {
    const matcher = hoverAt(
      ['routes:', '  - GET: /a', '    query:', '      q:', '        startsW|ith: x'].join('\n'),
    );
    assert.equal(matcher?.value, `**startsWith** — ${MATCHERS.find((m) => m.name === 'startsWith')!.doc}`);
    const header = hoverAt(['routes:', '  - GET: /a', '    headers:', '      authoriz|ation: x'].join('\n'));
    assert.match(header!.value, /Credentials/);
    const status = hoverAt(['routes:', '  - GET: /a', '    respond:', '      status: 40|4'].join('\n'));
    assert.deepEqual(status, {
      value: '**404 Not Found** — ' + status!.value.split(' — ')[1],
      covers: '404',
    });
    const fault = hoverAt(['routes:', '  - GET: /a', '    respond:', '      fault: ha|ng'].join('\n'));
    assert.match(fault!.value, /^\*\*hang\*\* — Never answer/);
    assert.equal(hoverAt(['name: pay|ments'].join('\n')), undefined);
    const param = hoverAt(
      ['routes:', '  - GET: /users/:id', '    respond:', '      json: { id: "${params.i|d}" }'].join('\n'),
    );
    assert.deepEqual(param, {
      value: "**params.id** — the `id` parameter of the route's path.",
      covers: '${params.id}',
    });
    const missing = hoverAt(
      ['routes:', '  - GET: /users/:id', '    respond: { body: "${params.nam|e}" }'].join('\n'),
    );
    assert.match(missing!.value, /not a parameter of this route's path \(id\)/);
    const templateHeader = hoverAt(
      ['routes:', '  - GET: /a', '    respond:', '      body: "${headers.authoriz|ation}"'].join('\n'),
    );
    assert.match(
      templateHeader!.value,
      /^\*\*headers\.authorization\*\* — the request's `authorization` header\. Credentials/,
    );
    const builtin = hoverAt(
      ['routes:', '  - GET: /a', '    respond:', '      body: "${uu|id()}"'].join('\n'),
    );
    assert.match(builtin!.value, /^\*\*uuid\(\)\*\* — built-in/);
    const json = hoverAt(
      ['routes:', '  - POST: /a', '    respond:', '      json: { echo: "${request.js|on.name}" }'].join('\n'),
    );
    assert.match(json!.value, /JSON request body/);
  });
});

void describe('mock files: code lens', () => {
  void it('puts "▶ Start mock" at the top with the document URI as argument', () => {
    const uri = 'file:///p/payments.mock.yaml';
    assert.deepEqual(mockCodeLenses(uri), [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        command: { title: '▶ Start mock', command: Commands.startMock, arguments: [uri] },
      },
    ]);
    assert.equal(Commands.startMock, 'bluebook.startMock');
  });
});

void describe('mock files: diagnostics and quick fixes', () => {
  const text = [
    'routes:',
    '  - GET: /a',
    '    respnd: { status: 200 }',
    '  - GET: /b',
    '    respond: { fault: boom }',
    '',
  ].join('\n');

  void it('are parseMock’s, at their exact ranges', () => {
    const analyzed = analyzeMock(text, 'file:///p/payments.mock.yaml', 3);
    assert.equal(analyzed.version, 3);
    assert.equal(analyzed.doc.path, '/p/payments.mock.yaml');
    const found = mockDiagnostics(analyzed.doc);
    assert.deepEqual(
      found.map((d) => [d.code, textOf(text, d.range), d.source]),
      [
        ['unknown-key', 'respnd', 'bluebook'],
        ['invalid-mock', 'GET', 'bluebook'],
        ['invalid-mock', 'boom', 'bluebook'],
      ],
    );
    assert.match(String(found[0].message), /did you mean `respond`/);
  });

  void it('offer the "did you mean" replacement as a quick fix', () => {
    const analyzed = analyzeMock(text, 'file:///p/payments.mock.yaml');
    const [diagnostic] = mockDiagnostics(analyzed.doc);
    const actions = fixActions(analyzed.uri, analyzed.doc.lineIndex, analyzed.doc.diagnostics, {
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(
      actions.map((action) => [action.title, action.edit?.changes?.[analyzed.uri]?.[0].newText]),
      [['Change to `respond`', 'respond']],
    );
  });

  void it('answer broken YAML with a located syntax error, never a throw', () => {
    const broken = ['routes: [', '  - GET: /a', '    respond: {', ''].join('\n');
    const found = mockDiagnostics(analyzeMock(broken, 'untitled:Untitled-1').doc);
    assert.ok(
      found.some((d) => d.code === 'yaml-syntax'),
      JSON.stringify(found),
    );
    for (let end = 0; end <= broken.length; end++) {
      const prefix = broken.slice(0, end);
      const lines = new LineIndex(prefix);
      const position = lines.positionAt(end);
      mockDiagnostics(analyzeMock(prefix, 'file:///p/x.mock.yaml').doc);
      mockCompletion(lines, position);
      mockHover(lines, position);
    }
  });

  void it('are told apart from suites by name', () => {
    assert.ok(isMockUri('file:///p/payments.mock.yaml'));
    assert.ok(isMockUri('file:///p/Payments.MOCK.yml'));
    assert.ok(!isMockUri('file:///p/payments.bluebook.yaml'));
    assert.ok(!isMockUri('file:///p/mock.yaml'));
  });
});

void describe('mock files: outline and folding', () => {
  const text = [
    'routes:',
    '  - GET: /payments/:id',
    '    respond:',
    '      - status: 503',
    '      - status: 200',
    '        json: { ok: true }',
    '  - POST: /payments',
    '    respond: { status: 201 }',
    'resources:',
    '  users: { path: /users }',
    '',
  ].join('\n');
  const doc = analyzeMock(text, 'file:///p/payments.mock.yaml').doc;

  void it('lists each route and resource', () => {
    assert.deepEqual(
      mockSymbols(doc).map((symbol) => [symbol.name, symbol.detail, textOf(text, symbol.selectionRange)]),
      [
        ['GET /payments/:id', '2 responses in turn', 'GET: /payments/:id'],
        ['POST /payments', undefined, 'POST: /payments'],
        ['users', '/users', ''],
      ],
    );
  });

  void it('folds routes and multi-line responses', () => {
    assert.deepEqual(
      mockFoldingRanges(doc).map((range) => [range.startLine, range.endLine]),
      [
        [1, 5],
        [4, 5],
        [6, 7],
      ],
    );
  });
});

void describe('mock files: every feature answers every prefix of a file', () => {
  void it('never throws, wherever the cursor is', () => {
    const text = [
      'name: payments',
      'port: 4020',
      'routes:',
      '  - GET: /payments/:id',
      '    headers: { authorization: { startsWith: "Bearer " } }',
      '    json: { $.amount: { gt: 0 } }',
      '    respond:',
      '      status: 200',
      '      json: { id: "${params.id}", q: "${query.q}", at: "${now()}" }',
      '      delay: 150ms',
      '  - GET: /flaky',
      '    respond: [ { status: 503 }, { status: 200, json: { ok: true } } ]',
      '  - GET: /broken',
      '    respond: { fault: reset }',
      'resources:',
      '  users: { path: /users, seed: ./data/users.json }',
      'openapi: ./openapi.yaml',
      '',
    ].join('\n');
    for (let end = 0; end <= text.length; end += 7) {
      const prefix = text.slice(0, end);
      const doc = analyzeMock(prefix, 'file:///p/payments.mock.yaml').doc;
      mockDiagnostics(doc);
      mockSymbols(doc);
      mockFoldingRanges(doc);
      const lines = new LineIndex(prefix);
      for (let line = 0; line < lines.lineCount; line++) {
        const position = { line, character: lines.lineText(line).length };
        mockCompletion(lines, position, '/nonexistent/p.mock.yaml', () => []);
        mockHover(lines, position);
        mockHover(lines, { line, character: 3 });
      }
    }
    assert.deepEqual(mockDiagnostics(analyzeMock(text, 'file:///p/payments.mock.yaml').doc), []);
  });
});

void describe('mock documents in the server', () => {
  void it('are parsed once per version, told apart by name or language, and forgotten', async () => {
    const open = new Map<string, TextDocument>();
    const mocks = new MockDocuments(open);
    const uri = 'file:///p/payments.mock.yaml';
    open.set(uri, TextDocument.create(uri, 'bluebook-mock', 1, 'routes: []\n'));
    open.set('untitled:Untitled-1', TextDocument.create('untitled:Untitled-1', 'bluebook-mock', 1, ''));
    open.set(
      'file:///p/a.bluebook.yaml',
      TextDocument.create('file:///p/a.bluebook.yaml', 'bluebook', 1, ''),
    );
    assert.deepEqual(
      [...open.keys()].map((key) => mocks.isMock(key)),
      [true, true, false],
    );
    const features = await mocks.load();
    assert.equal(await mocks.load(), features);
    const first = mocks.analysisOf(uri, features);
    assert.equal(mocks.analysisOf(uri, features), first, 'the same version is not parsed again');
    open.set(uri, TextDocument.update(open.get(uri)!, [{ text: 'rotes: []\n' }], 2));
    const second = mocks.analysisOf(uri, features);
    assert.notEqual(second, first);
    assert.deepEqual(
      second?.doc.diagnostics.map((d) => d.code),
      ['unknown-key'],
    );
    mocks.forget(uri);
    open.delete(uri);
    assert.equal(mocks.analysisOf(uri, features), undefined);
  });
});
