// What the editor shows of services and mocks: the status bar summary, the log tails after a failed
// test, the message of a start that failed, mock journal lines, and the editor's mock registry.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { JournalEntry, MockServerOptions, RunningMock } from '../../../core/src/mock/types.js';
import { ServiceStartError } from '../../../core/src/services/types.js';
import type { MessageSpec } from '../../../client/src/results/present.js';
import type { RunSink } from '../../../client/src/testing/runner.js';
import { Mocks } from '../../../client/src/services/mocks.js';
import { journalLine, statusSummary } from '../../../client/src/services/summary.js';
import { formatTails, startFailureMessage, withServiceTails } from '../../../client/src/services/tails.js';

test('status summary: counts, state and a line per service and mock; hidden when nothing runs', () => {
  assert.equal(statusSummary([], []), undefined);
  const ready = statusSummary(
    [
      { name: 'api', status: 'ready', url: 'http://127.0.0.1:4100' },
      { name: 'db', status: 'reused', url: 'http://127.0.0.1:5432' },
    ],
    [],
  );
  assert.deepEqual(ready, {
    text: '$(server-process) 2 services',
    state: 'ready',
    lines: ['api · http://127.0.0.1:4100 · ready', 'db · http://127.0.0.1:5432 · ready (already running)'],
  });
  const starting = statusSummary(
    [{ name: 'api', status: 'starting' }],
    [{ name: 'payments', url: 'http://127.0.0.1:4020' }],
  );
  assert.equal(starting?.text, '$(server-process) 1 service · 1 mock: starting');
  assert.equal(starting?.state, 'starting');
  assert.deepEqual(starting?.lines, ['api · starting', 'payments (mock) · http://127.0.0.1:4020 · serving']);
  const failed = statusSummary([{ name: 'api', status: 'failed', message: 'exited with code 1' }], []);
  assert.equal(failed?.text, '$(server-process) 1 service: api failed');
  assert.deepEqual(failed?.lines, ['api · failed: exited with code 1']);
});

test('tails: a heading per service that wrote something, CRLF line ends', () => {
  assert.equal(
    formatTails([
      { name: 'api', lines: ['listening on 4100', 'GET /users 500'] },
      { name: 'quiet', lines: [] },
    ]),
    '── service api: last 2 lines ──\r\nlistening on 4100\r\nGET /users 500\r\n',
  );
  assert.equal(formatTails([]), '');
});

test('a start failure names the service, its reason, its channel and its last lines', () => {
  const message = startFailureMessage(
    new ServiceStartError('api', 'exited with code 1 before it was ready', [
      'Error: EADDRINUSE',
      'at listen',
    ]),
  );
  assert.equal(
    message,
    'Services did not start: service `api` exited with code 1 before it was ready (output: "Bluebook Service: api")\nIts last 2 lines:\nError: EADDRINUSE\nat listen',
  );
  assert.equal(startFailureMessage(new Error('no shell')), 'Services did not start: no shell');
});

test('a failed or errored test gets the tails in its output; passed tests and other items do not', () => {
  const calls: string[] = [];
  const sink: RunSink<string> = {
    enqueued: (item) => calls.push(`enqueued ${item}`),
    started: (item) => calls.push(`started ${item}`),
    passed: (item) => calls.push(`passed ${item}`),
    failed: (item, messages: MessageSpec[]) => calls.push(`failed ${item} ${messages.length}`),
    errored: (item) => calls.push(`errored ${item}`),
    skipped: (item) => calls.push(`skipped ${item}`),
    appendOutput: (text, _location, item) => calls.push(`output ${item}: ${JSON.stringify(text)}`),
  };
  const wrapped = withServiceTails(sink, (item) =>
    item.startsWith('test') ? [{ name: 'api', lines: ['boom'] }] : [],
  );
  wrapped.passed('test-a');
  wrapped.failed('test-b', [{ message: 'expected 200', span: { start: 0, end: 0 } }]);
  wrapped.errored('test-c', []);
  wrapped.failed('step-d', []);
  wrapped.appendOutput('GET /x\r\n', undefined, 'test-a');
  assert.deepEqual(calls, [
    'passed test-a',
    'failed test-b 1',
    'output test-b: "── service api: last 1 line ──\\r\\nboom\\r\\n"',
    'errored test-c',
    'output test-c: "── service api: last 1 line ──\\r\\nboom\\r\\n"',
    'failed step-d 0',
    'output test-a: "GET /x\\r\\n"',
  ]);
});

test('journal line: time, request, status, route, duration', () => {
  const entry: JournalEntry = {
    time: '2026-12-04T12:00:01.250Z',
    method: 'GET',
    url: '/payments/7?x=1',
    headers: {},
    status: 200,
    route: 'GET /payments/:id',
    durationMs: 2.6,
  };
  assert.equal(journalLine(entry), '12:00:01.250 GET /payments/7?x=1 → 200 · GET /payments/:id · 3 ms');
  assert.equal(
    journalLine({ ...entry, route: undefined, status: 404 }),
    '12:00:01.250 GET /payments/7?x=1 → 404 · no route matched · 3 ms',
  );
});

function fakeMocks() {
  const started: string[] = [];
  const closed: string[] = [];
  const requests: string[] = [];
  let changes = 0;
  const mocks = new Mocks({
    start: async (file: string, options: MockServerOptions): Promise<RunningMock> => {
      started.push(file);
      if (file.endsWith('bad.mock.yaml')) throw new Error(`${file}:1:1: unknown key`);
      const name = file.replace(/^.*\//, '').replace('.mock.yaml', '');
      options.onRequest?.({ time: '', method: 'GET', url: '/', headers: {}, status: 404, durationMs: 0 });
      return {
        name,
        file,
        url: 'http://127.0.0.1:4020',
        port: 4020,
        journal: () => [],
        reload: async () => [],
        close: async () => void closed.push(file),
      };
    },
    onRequest: (file) => requests.push(file),
    onChange: () => changes++,
  });
  return { mocks, started, closed, requests, changes: () => changes };
}

test('mocks: one server per file; starting it again gives the same; stop by name or file', async () => {
  const { mocks, started, closed, requests, changes } = fakeMocks();
  const first = await mocks.start('/w/payments.mock.yaml');
  const again = await mocks.start('/w/payments.mock.yaml');
  assert.equal(first.already, false);
  assert.equal(again.already, true);
  assert.equal(again.mock, first.mock);
  assert.deepEqual(started, ['/w/payments.mock.yaml']);
  assert.deepEqual(requests, ['/w/payments.mock.yaml']);
  await mocks.start('/w/users.mock.yaml');
  assert.deepEqual(
    mocks.list().map((mock) => mock.name),
    ['payments', 'users'],
  );
  assert.equal(await mocks.stop('payments'), true);
  assert.equal(await mocks.stop('payments'), false);
  assert.equal(await mocks.stop('/w/users.mock.yaml'), true);
  assert.deepEqual(closed, ['/w/payments.mock.yaml', '/w/users.mock.yaml']);
  assert.deepEqual(mocks.list(), []);
  assert.ok(changes() >= 4);
});

test('mocks: a file that cannot be served rejects and can be tried again; stopAll closes every mock', async () => {
  const { mocks, started, closed } = fakeMocks();
  await assert.rejects(mocks.start('/w/bad.mock.yaml'), /unknown key/);
  await assert.rejects(mocks.start('/w/bad.mock.yaml'), /unknown key/);
  assert.equal(started.length, 2);
  await mocks.start('/w/a.mock.yaml');
  const starting = mocks.start('/w/b.mock.yaml');
  await mocks.stopAll();
  await assert.rejects(starting, /stopped while it started/);
  assert.deepEqual(closed.sort(), ['/w/a.mock.yaml', '/w/b.mock.yaml']);
  assert.deepEqual(mocks.list(), []);
});
