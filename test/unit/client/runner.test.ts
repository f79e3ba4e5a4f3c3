// The run logic against a recording sink, with core's real runner and a real local server.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSuite, runSuite, type Span, type SuiteDocument } from '../../../core/src/index.js';
import type { MessageSpec } from '../../../client/src/results/present.js';
import { planRuns } from '../../../client/src/testing/plan.js';
import {
  executePlans,
  RunInterrupted,
  type ExecuteOptions,
  type ItemResolver,
  type RunSink,
} from '../../../client/src/testing/runner.js';
import { describeSuite, type NodeData, type TreeNode } from '../../../client/src/testing/tree.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const URI = 'file:///w/users.bluebook.yaml';

function suiteText(baseUrl: string): string {
  return `name: Users
baseUrl: ${baseUrl}
tests:
  create:
    steps:
      - POST: /users
        json: { name: Ada }
        expect:
          status: 201
        capture:
          id: $.id
      - GET: /users/\${id}
        expect:
          status: 200
          json:
            $.name: Ada
  missing:
    steps:
      - GET: /users/999
        expect:
          status: 200
          json:
            $.name: Bob
      - GET: /users
  slow:
    steps:
      - GET: /slow?ms=20000
`;
}

interface Call {
  event: string;
  id: string;
  messages?: MessageSpec[];
}

/** A sink that records calls, items are tree ids. */
function recordingSink(): RunSink<string> & {
  calls: Call[];
  output: { text: string; span?: Span; id?: string }[];
  last(id: string): Call | undefined;
} {
  const calls: Call[] = [];
  const output: { text: string; span?: Span; id?: string }[] = [];
  return {
    calls,
    output,
    last: (id) => calls.filter((c) => c.id === id && c.event !== 'enqueued').at(-1),
    enqueued: (id) => calls.push({ event: 'enqueued', id }),
    started: (id) => calls.push({ event: 'started', id }),
    passed: (id) => calls.push({ event: 'passed', id }),
    failed: (id, messages) => calls.push({ event: 'failed', id, messages }),
    errored: (id, messages) => calls.push({ event: 'errored', id, messages }),
    skipped: (id) => calls.push({ event: 'skipped', id }),
    appendOutput: (text, location, id) =>
      output.push({ text, ...(location ? { span: location.span } : {}), ...(id ? { id } : {}) }),
  };
}

function index(doc: SuiteDocument): { resolver: ItemResolver<string>; data: Map<string, NodeData> } {
  const data = new Map<string, NodeData>([[URI, { kind: 'file', uri: URI }]]);
  const walk = (nodes: TreeNode[]) => {
    for (const node of nodes) {
      data.set(node.id, node.data);
      walk(node.children);
    }
  };
  walk(describeSuite(doc));
  return { resolver: { byId: (id) => (data.has(id) ? id : undefined) }, data };
}

function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end).trim();
}

async function run(ids: string[], doc: SuiteDocument, signal = new AbortController().signal) {
  const { resolver, data } = index(doc);
  const sink = recordingSink();
  const plans = planRuns(
    ids.map((id) => ({ item: id, data: data.get(id)! })),
    [],
    () => doc,
  );
  const results = await executePlans(plans, sink, resolver, { signal, run: runSuite });
  return { sink, results };
}

void test('a passing test: the test and each step pass, with request/response output on the step', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const { sink } = await run([`${URI}#create`], doc);
  assert.equal(sink.last(`${URI}#create`)?.event, 'passed');
  assert.equal(sink.last(`${URI}#create/0`)?.event, 'passed');
  assert.equal(sink.last(`${URI}#create/1`)?.event, 'passed');
  assert.deepEqual(sink.calls[0], { event: 'enqueued', id: `${URI}#create` });
  const post = sink.output.find((o) => o.id === `${URI}#create/0`);
  assert.ok(post, 'the step has output');
  assert.match(post.text, /^→ POST http:\/\/127\.0\.0\.1:\d+\/users\r\n/);
  assert.match(post.text, /← 201 Created · \d+ ms\r\n/);
  assert.equal(post.span, undefined, 'not located: VS Code would print it over the inline result');
});

void test('a failed test: one diff message per failed expectation, each on its own line; later steps skipped', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const { sink } = await run([`${URI}#missing`], doc);
  assert.equal(sink.last(`${URI}#missing`)?.event, 'failed');
  const step = sink.last(`${URI}#missing/0`);
  assert.equal(step?.event, 'failed');
  const messages = step.messages ?? [];
  assert.equal(messages.length, 2);
  assert.equal(lineOf(doc.text, messages[0].span.start), 'status: 200');
  assert.equal(messages[0].expected, '200');
  assert.equal(messages[0].actual, '404');
  assert.equal(lineOf(doc.text, messages[1].span.start), '$.name: Bob');
  assert.equal(messages[1].expected, 'Bob', 'strings are shown raw in diffs (core formatForDiff)');
  assert.equal(sink.last(`${URI}#missing/1`)?.event, 'skipped', 'the step after a failure is skipped');
});

void test('a failed test: its own messages are plain summaries on the same lines, worded for VS Code’s badge', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const { sink } = await run([`${URI}#missing`], doc);
  const messages = sink.last(`${URI}#missing`)?.messages ?? [];
  assert.deepEqual(
    messages.map((m) => [lineOf(doc.text, m.span.start), m.message, m.expected, m.actual]),
    [
      ['status: 200', 'expected 200, got 404', undefined, undefined],
      ['$.name: Bob', 'expected "Bob", got (absent)', undefined, undefined],
    ],
  );
  // The peek shows Markdown under it: the step, core's message, the two values.
  assert.equal(
    messages[0].details,
    [
      '`GET /users/999` · expected status 200, got 404 Not Found',
      '**Expected**',
      '```\n200\n```',
      '**Actual**',
      '```\n404\n```',
      '_The step’s own message shows this failure as a diff._',
    ].join('\n\n'),
  );
});

void test('running a step runs the earlier steps of its test first and skips the later ones', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const before = server.requests.length;
  const { sink } = await run([`${URI}#create/0`], doc);
  assert.equal(sink.last(`${URI}#create/0`)?.event, 'passed');
  assert.equal(sink.last(`${URI}#create/1`)?.event, 'skipped');
  assert.deepEqual(
    server.requests.slice(before).map((r) => `${r.method} ${r.path}`),
    ['POST /users'],
  );
  const second = await run([`${URI}#create/1`], doc);
  assert.equal(
    second.sink.last(`${URI}#create/0`)?.event,
    'passed',
    'the capture comes from the earlier step',
  );
  assert.equal(second.sink.last(`${URI}#create/1`)?.event, 'passed');
});

void test('an errored step: one message located on its method line, no diff', async () => {
  const doc = parseSuite(suiteText('http://127.0.0.1:9'), URI);
  const { sink } = await run([`${URI}#create`], doc);
  const step = sink.last(`${URI}#create/0`);
  assert.equal(step?.event, 'errored');
  assert.equal(step.messages?.length, 1);
  assert.equal(step.messages?.[0].expected, undefined);
  assert.equal(lineOf(doc.text, step.messages![0].span.start).startsWith('- POST: /users'), true);
  assert.match(step.messages![0].message, /refused|ECONNREFUSED|connect/i);
});

void test('cancelling aborts the in-flight request at once and the run ends', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const abort = new AbortController();
  const started = performance.now();
  const seen = server.requests.length;
  const running = run([`${URI}#slow`], doc, abort.signal);
  // Abort once the server has the request; stop waiting if the run ended first (it must not).
  let ended = false;
  void running.finally(() => (ended = true));
  await new Promise<void>((resolve) => {
    const check = () => (server.requests.length > seen || ended ? resolve() : setTimeout(check, 5));
    check();
  });
  assert.equal(ended, false, 'the run was still waiting for the slow response');
  abort.abort();
  const { sink } = await running;
  assert.ok(performance.now() - started < 10_000, 'the run did not wait for the 20 s response');
  assert.notEqual(sink.last(`${URI}#slow/0`)?.event, 'passed');
});

void test('a suite that cannot run: every requested item errors with the reason', async () => {
  const doc = parseSuite('tests:\n  a:\n    steps:\n      - expect: { status: 200 }\n', URI);
  const { sink } = await run([URI], doc);
  const file = sink.last(URI);
  assert.equal(file?.event, 'errored');
  assert.ok((file.messages?.[0].message.length ?? 0) > 0);
});

void test('several files run with progress reported per finished file', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const other = parseSuite(
    suiteText(server.url).replace('name: Users', 'name: Other'),
    'file:///w/other.bluebook.yaml',
  );
  const progress: string[] = [];
  const sink = recordingSink();
  const plans = [
    { uri: URI, doc, items: [URI], filter: { testIds: ['create'] } },
    {
      uri: 'file:///w/other.bluebook.yaml',
      doc: other,
      items: ['file:///w/other.bluebook.yaml'],
      filter: { testIds: ['create'] },
    },
  ];
  const results = await executePlans(
    plans,
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      run: runSuite,
      jobs: 1,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    },
  );
  assert.deepEqual(progress, ['1/2', '2/2']);
  assert.deepEqual(
    results.map((r) => r.outcome),
    ['passed', 'passed'],
  );
});

void test('each rows: every row is its own item; the test item gets the worst row outcome', async () => {
  const doc = parseSuite(
    `baseUrl: ${server.url}
tests:
  codes:
    name: Status \${code}
    each:
      - { code: 200 }
      - { code: 404 }
    steps:
      - GET: /status/\${code}
        expect:
          status: 200
`,
    URI,
  );
  const { sink } = await run([`${URI}#codes`], doc);
  assert.equal(sink.last(`${URI}#codes[0]`)?.event, 'passed');
  assert.equal(sink.last(`${URI}#codes[0]/0`)?.event, 'passed');
  assert.equal(sink.last(`${URI}#codes[1]`)?.event, 'failed');
  assert.equal(sink.last(`${URI}#codes[1]/0`)?.messages?.[0].actual, '404');
  assert.equal(sink.last(`${URI}#codes`)?.event, 'failed');
  const single = await run([`${URI}#codes[0]`], doc);
  assert.equal(single.sink.last(`${URI}#codes[0]`)?.event, 'passed');
  assert.equal(single.sink.last(`${URI}#codes[1]`), undefined, 'a row runs alone');
});

void test('rows from a data file are added as items when the run reports them', async () => {
  const doc = parseSuite(
    `tests:\n  t:\n    each: ./missing-rows.csv\n    steps:\n      - GET: ${server.url}/status/200\n`,
    URI,
  );
  const added: string[] = [];
  const sink = recordingSink();
  const plans = planRuns(
    [{ item: `${URI}#t`, data: { kind: 'test', uri: URI, testId: 't' } }],
    [],
    () => doc,
  );
  await executePlans(
    plans,
    sink,
    {
      byId: (id) => (id === `${URI}#t` || added.includes(id) ? id : undefined),
      addRow: (_uri, _testId, instanceId) => {
        added.push(`${URI}#${instanceId}`);
        return `${URI}#${instanceId}`;
      },
    },
    { signal: new AbortController().signal, run: runSuite },
  );
  // The data file does not exist: the test errors with a message, rows or not.
  const final = sink.last(`${URI}#t`);
  assert.ok(final && ['errored', 'failed'].includes(final.event), JSON.stringify(sink.calls));
  assert.ok(
    (final.messages ?? []).some((m) => /missing-rows\.csv/.test(m.message)),
    JSON.stringify(final),
  );
});

void test('a run interrupted mid-way: finished items keep their result; started and requested ones error with the message on their line', async () => {
  const doc = parseSuite(suiteText(server.url), URI);
  const { resolver, data } = index(doc);
  const sink = recordingSink();
  const plans = planRuns(
    [URI].map((id) => ({ item: id, data: data.get(id)! })),
    [],
    () => doc,
  );
  // The runner reports `create` and starts `missing`'s first step, then its process dies.
  const interrupted: ExecuteOptions['run'] = async (d, options) => {
    await runSuite(d, { ...options, filter: { testIds: ['create'] } });
    const emit = options.onEvent!;
    emit({ type: 'testStarted', file: URI, testId: 'missing', instanceId: 'missing', name: 'missing' });
    emit({ type: 'stepStarted', file: URI, instanceId: 'missing', phase: 'test', index: 0 });
    throw new RunInterrupted('Run cancelled: the Bluebook runner stopped responding and was stopped.');
  };
  await executePlans(plans, sink, resolver, { signal: new AbortController().signal, run: interrupted });
  assert.equal(sink.last(`${URI}#create`)?.event, 'passed');
  for (const [id, line] of [
    [`${URI}#missing`, 'missing:'],
    [`${URI}#missing/0`, '- GET: /users/999'],
    [URI, 'name: Users'],
  ]) {
    const call = sink.last(id);
    assert.equal(call?.event, 'errored', id);
    assert.equal(
      call.messages?.[0].message,
      'Run cancelled: the Bluebook runner stopped responding and was stopped.',
    );
    assert.equal(lineOf(doc.text, call.messages![0].span.start), line, id);
  }
  assert.equal(sink.last(`${URI}#slow`), undefined, 'a test that never started is not reported');
});

void test('`finally` steps belong to their test: their failures are on the test, never on the step of the same index', async () => {
  const doc = parseSuite(
    `baseUrl: ${server.url}
tests:
  cleanup:
    steps:
      - GET: /status/200
    finally:
      - DELETE: /status/500
        expect:
          status: 204
`,
    URI,
  );
  const { sink } = await run([`${URI}#cleanup`], doc);
  assert.equal(sink.last(`${URI}#cleanup/0`)?.event, 'passed', 'the first step keeps its own result');
  const testCall = sink.last(`${URI}#cleanup`);
  assert.equal(testCall?.event, 'failed');
  assert.ok(
    testCall.messages?.some((m) => lineOf(doc.text, m.span.start) === 'status: 204'),
    JSON.stringify(testCall.messages),
  );
  assert.equal(sink.last(URI), undefined, 'not reported as a suite-level (before/after) failure');
});
