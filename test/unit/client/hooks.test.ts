// bluebook.config.yaml's setup/teardown in a Test Explorer run: core's real runConfigHook and
// runSuite against a local server, reported to a recording sink.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSuite, runSuite, type RunOptions, type SuiteResult } from '../../../core/src/index.js';
import { parseConfig } from '../../../core/src/config.js';
import { runConfigHook } from '../../../core/src/run/setup.js';
import type { MessageSpec } from '../../../client/src/results/present.js';
import type { HookConfig, HookKind } from '../../../client/src/testing/hooks.js';
import { executePlans, type RunSink, type SuitePlan } from '../../../client/src/testing/runner.js';
import { hookItemId } from '../../../client/src/testing/tree.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const CONFIG_PATH = '/w/bluebook.config.yaml';
const CONFIG: HookConfig = {
  uri: 'file:///w/bluebook.config.yaml',
  path: CONFIG_PATH,
  setup: true,
  teardown: true,
};
const SETUP = hookItemId(CONFIG.uri, 'setup');
const TEARDOWN = hookItemId(CONFIG.uri, 'teardown');

const configText = (password: string) => `setup:
  - name: log in
    POST: \${baseUrl}/login
    json: { user: admin, password: ${password} }
    expect:
      status: 200
    capture:
      token: $.token
teardown:
  - POST: \${baseUrl}/echo/teardown/\${token}
`;

const suiteText = (name: string) => `name: ${name}
tests:
  secure:
    steps:
      - GET: \${baseUrl}/secure
        headers: { authorization: "Bearer \${token}" }
        expect:
          status: 200
`;

interface Call {
  event: string;
  id: string;
  messages?: MessageSpec[];
}

async function runWith(password: string, suites: string[], configs: HookConfig[] = []) {
  const project = parseConfig(configText(password), CONFIG_PATH);
  assert.deepEqual(project.errors, []);
  const calls: Call[] = [];
  const output: { text: string; id?: string }[] = [];
  const hooks: string[] = [];
  const hookResults: SuiteResult[] = [];
  const sink: RunSink<string> = {
    enqueued: (id) => calls.push({ event: 'enqueued', id }),
    started: (id) => calls.push({ event: 'started', id }),
    passed: (id) => calls.push({ event: 'passed', id }),
    failed: (id, messages) => calls.push({ event: 'failed', id, messages }),
    errored: (id, messages) => calls.push({ event: 'errored', id, messages }),
    skipped: (id) => calls.push({ event: 'skipped', id }),
    appendOutput: (text, _location, id) => output.push({ text, ...(id ? { id } : {}) }),
  };
  const plans: SuitePlan<string>[] = suites.map((name) => {
    const uri = `file:///w/${name}.bluebook.yaml`;
    return { uri, doc: parseSuite(suiteText(name), `/w/${name}.bluebook.yaml`), items: [uri] };
  });
  const order: string[] = [];
  const environment = { baseUrl: server.url };
  const results = await executePlans(
    plans,
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      jobs: 2,
      runOptions: () => ({ environment }),
      run: (doc, options: RunOptions) => {
        order.push(doc.uri);
        return runSuite(doc, options);
      },
      configOf: () => CONFIG,
      configs,
      hooks: {
        run: (kind: HookKind, config, options) => {
          hooks.push(`${kind} ${config.path}`);
          order.push(kind);
          return runConfigHook(kind, project, options);
        },
        onResult: (_config, result) => hookResults.push(result),
      },
    },
  );
  const last = (id: string) => calls.filter((c) => c.id === id && c.event !== 'enqueued').at(-1);
  return { results, hooks, order, last, output, hookResults };
}

void test('a run logs in once: setup before the first suite, its captures in every suite, teardown after all', async () => {
  const { results, hooks, order, last, hookResults } = await runWith('secret', ['a', 'b']);
  assert.deepEqual(hooks, [`setup ${CONFIG_PATH}`, `teardown ${CONFIG_PATH}`]);
  assert.equal(order[0], 'setup');
  assert.equal(order.at(-1), 'teardown');
  assert.deepEqual(
    results.map((r) => r.outcome),
    ['passed', 'passed'],
    'both suites used the setup’s token',
  );
  assert.equal(last(SETUP)?.event, 'passed');
  assert.equal(last(TEARDOWN)?.event, 'passed');
  assert.ok(
    server.requests.some((r) => r.path === '/echo/teardown/tok-123'),
    'teardown saw the setup’s capture',
  );
  assert.deepEqual(
    hookResults.map((r) => [r.phase, r.before.concat(r.after).map((s) => s.file)]),
    [
      ['setup', [CONFIG_PATH]],
      ['teardown', [CONFIG_PATH]],
    ],
  );
});

void test('a failed setup: its item fails with the message located in the config; every test errors with the reason; teardown runs', async () => {
  const { results, last, hooks, output } = await runWith('wrong', ['a']);
  const setup = last(SETUP);
  assert.equal(setup?.event, 'failed');
  const text = configText('wrong');
  assert.deepEqual(
    setup.messages?.map((m) => [m.file, text.slice(m.span.start, m.span.end), m.expected, m.actual]),
    [[CONFIG_PATH, 'status: 200', '200', '401']],
  );
  assert.equal(last(`${SETUP}/0`)?.event, 'failed', 'the setup step’s own item');
  assert.equal(last(`${SETUP}/0`)?.messages?.[0].file, CONFIG_PATH);
  assert.equal(results[0].tests[0].outcome, 'errored');
  assert.match(
    results[0].tests[0].error?.message ?? '',
    /`setup` step 1 \(log in\) in bluebook\.config\.yaml failed/,
  );
  assert.deepEqual(hooks, [`setup ${CONFIG_PATH}`, `teardown ${CONFIG_PATH}`]);
  assert.ok(
    output.some((o) => o.id === SETUP && o.text.includes('POST')),
    'the setup’s exchange is its output',
  );
});

void test('running the config’s items alone runs its setup and teardown, without suites', async () => {
  const { hooks, last, results } = await runWith('secret', [], [CONFIG]);
  assert.deepEqual(hooks, [`setup ${CONFIG_PATH}`, `teardown ${CONFIG_PATH}`]);
  assert.equal(last(SETUP)?.event, 'passed');
  assert.deepEqual(results, []);
});

void test('suites whose config has no hooks run as before', async () => {
  const calls: string[] = [];
  const doc = parseSuite(
    `tests:\n  t:\n    steps:\n      - GET: ${server.url}/status/200\n`,
    '/w/c.bluebook.yaml',
  );
  const sink: RunSink<string> = {
    enqueued: () => {},
    started: () => {},
    passed: (id) => calls.push(`passed ${id}`),
    failed: () => {},
    errored: () => {},
    skipped: () => {},
    appendOutput: () => {},
  };
  await executePlans(
    [{ uri: 'file:///w/c.bluebook.yaml', doc, items: ['file:///w/c.bluebook.yaml'] }],
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      run: runSuite,
      configOf: () => undefined,
      hooks: { run: () => Promise.reject(new Error('no hook should run')) },
    },
  );
  assert.ok(calls.includes('passed file:///w/c.bluebook.yaml#t'), calls.join());
});

void test('a setup that cannot run (its config unreadable, the runner gone) errors its item; the suites error with the reason', async () => {
  const calls: string[] = [];
  const sink: RunSink<string> = {
    enqueued: () => {},
    started: () => {},
    passed: (id) => calls.push(`passed ${id}`),
    failed: (id) => calls.push(`failed ${id}`),
    errored: (id, messages) => calls.push(`errored ${id}: ${messages[0]?.message}`),
    skipped: () => {},
    appendOutput: () => {},
  };
  const doc = parseSuite(suiteText('a'), '/w/a.bluebook.yaml');
  const [result] = await executePlans(
    [{ uri: 'file:///w/a.bluebook.yaml', doc, items: ['file:///w/a.bluebook.yaml'] }],
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      runOptions: () => ({ environment: { baseUrl: server.url } }),
      run: runSuite,
      configOf: () => CONFIG,
      hooks: { run: () => Promise.reject(new Error('the runner process exited with code 1')) },
    },
  );
  assert.ok(
    calls.includes(
      `errored ${SETUP}: not run: \`setup\` of ${CONFIG_PATH} could not run: the runner process exited with code 1`,
    ),
    calls.join('\n'),
  );
  assert.equal(result.tests[0].outcome, 'errored');
  assert.equal(
    result.tests[0].error?.message,
    `not run: \`setup\` of ${CONFIG_PATH} could not run: the runner process exited with code 1`,
    'the suites say why',
  );
});

void test('after a setup that failed half-way, teardown still gets what it captured (to undo it)', async () => {
  const project = parseConfig(
    `setup:
  - POST: \${baseUrl}/login
    json: { user: admin, password: secret }
    capture: { token: $.token }
  - GET: \${baseUrl}/status/500
    expect: { status: 200 }
teardown:
  - DELETE: \${baseUrl}/echo/undo/\${token}
`,
    CONFIG_PATH,
  );
  const sink: RunSink<string> = {
    enqueued: () => {},
    started: () => {},
    passed: () => {},
    failed: () => {},
    errored: () => {},
    skipped: () => {},
    appendOutput: () => {},
  };
  const seen = server.requests.length;
  await executePlans(
    [],
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      runOptions: () => ({ environment: { baseUrl: server.url } }),
      run: runSuite,
      configs: [CONFIG],
      hooks: { run: (kind, _config, options) => runConfigHook(kind, project, options) },
    },
  );
  assert.ok(
    server.requests.slice(seen).some((r) => r.method === 'DELETE' && r.path === '/echo/undo/tok-123'),
    JSON.stringify(server.requests.slice(seen)),
  );
});

void test('cookies the setup received reach the suites and the teardown', async () => {
  const project = parseConfig(
    `setup:
  - GET: \${baseUrl}/cookies/set?session=abc
teardown:
  - GET: \${baseUrl}/cookies
    expect:
      json: { $.session: abc }
`,
    CONFIG_PATH,
  );
  const calls: string[] = [];
  const sink: RunSink<string> = {
    enqueued: () => {},
    started: () => {},
    passed: (id) => calls.push(`passed ${id}`),
    failed: (id) => calls.push(`failed ${id}`),
    errored: (id) => calls.push(`errored ${id}`),
    skipped: () => {},
    appendOutput: () => {},
  };
  const doc = parseSuite(
    'tests:\n  t:\n    steps:\n      - GET: ${baseUrl}/cookies\n        expect:\n          json: { $.session: abc }\n',
    '/w/c.bluebook.yaml',
  );
  const [result] = await executePlans(
    [{ uri: 'file:///w/c.bluebook.yaml', doc, items: ['file:///w/c.bluebook.yaml'] }],
    sink,
    { byId: (id) => id },
    {
      signal: new AbortController().signal,
      runOptions: () => ({ environment: { baseUrl: server.url } }),
      run: runSuite,
      configOf: () => CONFIG,
      hooks: { run: (kind, _config, options) => runConfigHook(kind, project, options) },
    },
  );
  assert.equal(result.outcome, 'passed', 'the suite sent the setup’s cookie');
  assert.ok(calls.includes(`passed ${TEARDOWN}`), calls.join('\n'));
});

void test('a run cancelled before a config’s setup started runs neither its setup nor its teardown', async () => {
  const asked: string[] = [];
  const abort = new AbortController();
  abort.abort();
  const doc = parseSuite(suiteText('a'), '/w/a.bluebook.yaml');
  const noop = () => {};
  await executePlans(
    [{ uri: 'file:///w/a.bluebook.yaml', doc, items: ['file:///w/a.bluebook.yaml'] }],
    {
      enqueued: noop,
      started: noop,
      passed: noop,
      failed: noop,
      errored: noop,
      skipped: noop,
      appendOutput: noop,
    },
    { byId: (id) => id },
    {
      signal: abort.signal,
      run: runSuite,
      configOf: () => CONFIG,
      configs: [CONFIG],
      hooks: {
        run: (kind) => {
          asked.push(kind);
          return Promise.reject(new Error('no hook should run'));
        },
      },
    },
  );
  assert.deepEqual(asked, []);
});
