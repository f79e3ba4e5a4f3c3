// Steps that run in a test but are written elsewhere (`use:`, SPEC §7): synthetic run events, as
// the engine reports them, through the Test Explorer's run logic.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseSuite,
  runSuite,
  type RunEvent,
  type RunOptions,
  type StepResult,
  type SuiteDocument,
  type SuiteResult,
} from '../../../core/src/index.js';
import type { MessageSpec } from '../../../client/src/results/present.js';
import { planRuns } from '../../../client/src/testing/plan.js';
import { executePlans, type ItemResolver, type RunSink } from '../../../client/src/testing/runner.js';
import { describeSuite, type NodeData, type TreeNode } from '../../../client/src/testing/tree.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const URI = 'file:///w/profile.bluebook.yaml';
const AUTH = '/w/auth.bluebook.yaml';
const AUTH_TEXT = `tests:
  login:
    steps:
      - POST: /login
        expect:
          status: 200
      - GET: /whoami
`;

const TEXT = `tests:
  profile:
    steps:
      - use: ./auth.bluebook.yaml#login
      - GET: /me
`;

function usingDoc(): SuiteDocument {
  const doc = parseSuite(TEXT, '/w/profile.bluebook.yaml');
  assert.ok(doc.suite?.tests[0].steps[0].use, 'the first step is a `use` step');
  return doc;
}

function at(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

function result(overrides: Partial<StepResult>): StepResult {
  return {
    phase: 'test',
    index: 0,
    name: 'step',
    outcome: 'passed',
    durationMs: 5,
    attempts: 1,
    expectations: [],
    span: { start: 0, end: 1 },
    methodSpan: { start: 0, end: 1 },
    ...overrides,
  };
}

const loginPost = (outcome: 'passed' | 'failed'): StepResult =>
  result({
    name: 'login › POST /login',
    file: AUTH,
    outcome,
    span: at(AUTH_TEXT, '- POST: /login'),
    methodSpan: at(AUTH_TEXT, 'POST'),
    logs: ['signing in as •••'],
    expectations: [
      {
        kind: 'status',
        passed: outcome === 'passed',
        expected: 200,
        actual: outcome === 'passed' ? 200 : 500,
        message: `expected status 200, got ${outcome === 'passed' ? 200 : 500}`,
        span: at(AUTH_TEXT, 'status: 200'),
      },
    ],
  });

const loginWhoami = (outcome: 'passed' | 'skipped'): StepResult =>
  result({
    name: 'login › GET /whoami',
    file: AUTH,
    outcome,
    span: at(AUTH_TEXT, '- GET: /whoami'),
    methodSpan: at(AUTH_TEXT, 'GET: /whoami'),
  });

/** A runner that reports what the engine would for `profile`, with the given step results. */
function replay(steps: StepResult[]): (doc: SuiteDocument, options: RunOptions) => Promise<SuiteResult> {
  return (doc, options) => {
    const emit = (event: RunEvent) => options.onEvent?.(event);
    const file = doc.uri;
    emit({ type: 'suiteStarted', file, name: 'profile' });
    emit({ type: 'testStarted', file, testId: 'profile', instanceId: 'profile', name: 'profile' });
    for (const step of steps) {
      if (step === steps.find((s) => s.index === step.index))
        emit({ type: 'stepStarted', file, instanceId: 'profile', phase: 'test', index: step.index });
      emit({ type: 'stepFinished', file, instanceId: 'profile', result: step });
    }
    const outcome = steps.some((s) => s.outcome === 'failed') ? 'failed' : 'passed';
    const test = {
      testId: 'profile',
      instanceId: 'profile',
      name: 'profile',
      outcome,
      durationMs: 20,
      steps,
      span: { start: 0, end: 1 },
    } as const;
    emit({ type: 'testFinished', file, result: test });
    const suite: SuiteResult = {
      file,
      name: 'profile',
      outcome,
      durationMs: 20,
      before: [],
      tests: [test],
      after: [],
    };
    emit({ type: 'suiteFinished', result: suite });
    return Promise.resolve(suite);
  };
}

interface Call {
  event: string;
  id: string;
  messages?: MessageSpec[];
}

async function runProfile(
  steps: StepResult[],
  doc = usingDoc(),
  run: (doc: SuiteDocument, options: RunOptions) => Promise<SuiteResult> = replay(steps),
) {
  const data = new Map<string, NodeData>([[URI, { kind: 'file', uri: URI }]]);
  const walk = (nodes: TreeNode[]) => {
    for (const node of nodes) {
      data.set(node.id, node.data);
      walk(node.children);
    }
  };
  walk(describeSuite(doc, URI));
  const added: { id: string; label: string; file?: string; span: { start: number; end: number } }[] = [];
  const resolver: ItemResolver<string> = {
    byId: (id) => (data.has(id) ? id : undefined),
    addUsedStep: (parent, id, label, location) => {
      added.push({ id, label, ...(location.file ? { file: location.file } : {}), span: location.span });
      data.set(id, data.get(parent)!);
      return id;
    },
  };
  const calls: Call[] = [];
  const output: { text: string; id?: string }[] = [];
  const sink: RunSink<string> = {
    enqueued: (id) => calls.push({ event: 'enqueued', id }),
    started: (id) => calls.push({ event: 'started', id }),
    passed: (id) => calls.push({ event: 'passed', id }),
    failed: (id, messages) => calls.push({ event: 'failed', id, messages }),
    errored: (id, messages) => calls.push({ event: 'errored', id, messages }),
    skipped: (id) => calls.push({ event: 'skipped', id }),
    appendOutput: (text, _location, id) => output.push({ text, ...(id ? { id } : {}) }),
  };
  const plans = planRuns([{ item: `${URI}#profile`, data: data.get(`${URI}#profile`)! }], [], () => doc);
  await executePlans(plans, sink, resolver, { signal: new AbortController().signal, run });
  const last = (id: string) => calls.filter((c) => c.id === id && c.event !== 'enqueued').at(-1);
  return { added, calls, output, last };
}

const lineOf = (offset: number) => AUTH_TEXT.slice(0, offset).split('\n').length - 1;

void test('used steps appear under the using test’s `use` step, each an item located in the used file', async () => {
  const { added, last } = await runProfile([
    loginPost('passed'),
    loginWhoami('passed'),
    result({ index: 1, name: 'GET /me', span: at(TEXT, '- GET: /me'), methodSpan: at(TEXT, 'GET: /me') }),
  ]);
  assert.deepEqual(
    added.map((a) => [a.id, a.label, a.file, lineOf(a.span.start)]),
    [
      [`${URI}#profile/0/0`, 'login › POST /login', AUTH, 3],
      [`${URI}#profile/0/1`, 'login › GET /whoami', AUTH, 6],
    ],
  );
  assert.equal(last(`${URI}#profile/0/0`)?.event, 'passed');
  assert.equal(last(`${URI}#profile/0/1`)?.event, 'passed');
  assert.equal(last(`${URI}#profile/0`)?.event, 'passed', 'the `use` step passes with its used steps');
  assert.equal(last(`${URI}#profile/1`)?.event, 'passed');
  assert.equal(last(`${URI}#profile`)?.event, 'passed');
});

void test('a failure inside a used step is located in the used file: on the step, the `use` step and the test', async () => {
  const { last } = await runProfile([
    loginPost('failed'),
    loginWhoami('skipped'),
    result({ index: 1, name: 'GET /me', outcome: 'skipped', span: at(TEXT, '- GET: /me') }),
  ]);
  const step = last(`${URI}#profile/0/0`);
  assert.equal(step?.event, 'failed');
  assert.deepEqual(
    step.messages?.map((m) => [m.file, lineOf(m.span.start), m.expected, m.actual]),
    [[AUTH, 5, '200', '500']],
  );
  assert.equal(last(`${URI}#profile/0/1`)?.event, 'skipped');
  const use = last(`${URI}#profile/0`);
  assert.equal(use?.event, 'failed', 'the `use` step takes the worst outcome of its used steps');
  assert.deepEqual(
    use.messages?.map((m) => [m.file, lineOf(m.span.start)]),
    [[AUTH, 5]],
  );
  const testCall = last(`${URI}#profile`);
  assert.equal(testCall?.event, 'failed');
  assert.deepEqual(
    testCall.messages?.map((m) => [m.message, m.file, lineOf(m.span.start)]),
    [['expected 200, got 500', AUTH, 5]],
  );
});

void test('a `use` step that cannot run (its own result, in the using file) errors on its own item', async () => {
  const { added, last } = await runProfile([
    result({
      name: 'use ./auth.bluebook.yaml#login',
      outcome: 'errored',
      span: at(TEXT, '- use: ./auth.bluebook.yaml#login'),
      methodSpan: at(TEXT, 'use'),
      error: { message: 'test `login` not found', span: at(TEXT, './auth.bluebook.yaml#login') },
    }),
    result({ index: 1, name: 'GET /me', outcome: 'skipped', span: at(TEXT, '- GET: /me') }),
  ]);
  assert.deepEqual(added, [], 'no used steps');
  const use = last(`${URI}#profile/0`);
  assert.equal(use?.event, 'errored');
  assert.deepEqual(
    use.messages?.map((m) => [m.message, m.file]),
    [['test `login` not found', undefined]],
  );
});

void test('console.log lines of a used step are in the test’s output, tied to the used step’s item', async () => {
  const { output } = await runProfile([loginPost('passed'), loginWhoami('passed')]);
  const logged = output.filter((o) => o.text.includes('log: signing in as •••'));
  assert.deepEqual(
    logged.map((o) => o.id),
    [`${URI}#profile/0/0`],
  );
});

void test('with the real engine: a login used from another file fails there, and the Test Explorer says where', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-use-'));
  const authText = `baseUrl: ${server.url}
tests:
  login:
    steps:
      - POST: /login
        json: { user: admin, password: "\${password}" }
        expect:
          status: 200
        capture:
          token: $.token
`;
  writeFileSync(join(dir, 'auth.bluebook.yaml'), authText);
  const profile = `baseUrl: ${server.url}
tests:
  profile:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { password: wrong }
      - GET: /secure
        headers: { authorization: "Bearer \${token}" }
`;
  const doc = parseSuite(profile, join(dir, 'profile.bluebook.yaml'));
  const { added, last } = await runProfile([], doc, runSuite);
  const authPath = join(dir, 'auth.bluebook.yaml');
  assert.deepEqual(
    added.map((a) => [a.id, a.label, a.file]),
    [[`${URI}#profile/0/0`, 'login › POST /login', authPath]],
  );
  const step = last(`${URI}#profile/0/0`);
  assert.equal(step?.event, 'failed');
  const where = (m: MessageSpec) => [m.file, authText.slice(m.span.start, m.span.end)];
  assert.deepEqual(step.messages?.map(where), [[authPath, 'status: 200']]);
  assert.equal(last(`${URI}#profile/0`)?.event, 'failed');
  assert.deepEqual(last(`${URI}#profile`)?.messages?.map(where), [[authPath, 'status: 200']]);
  assert.equal(last(`${URI}#profile/1`)?.event, 'skipped');
});
