// The system under test in the real editor (SPEC §10): the first run whose environment refers to
// `${services.api.url}` starts the service from bluebook.config.yaml, later runs use the same
// process, the status bar shows it, a failed test's output carries its last lines, and
// "Bluebook: Stop Services" stops it: no process is left.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { cleanUpFiles, createFile, fixtureUri, waitFor } from '../harness';
import { bluebook, fileItem, itemId, lastRun, type BluebookApi } from './support/bluebook';
import { isRunning } from '../../support/processes.js';

const SUITE = 'services/api.bluebook.yaml';

const BROKEN_CONFIG = `services:
  broken:
    command: node -e "console.log('cannot open the database'); process.exit(3)"
    ready: { output: "never printed" }
    timeout: 20s
environments:
  local:
    baseUrl: "\${services.broken.url}"
defaultEnvironment: local
`;

const BROKEN_SUITE = `name: Needs a broken service
baseUrl: \${baseUrl}
tests:
  unreachable:
    steps:
      - GET: /anything
`;

const alive = isRunning;

/** The process id the service wrote when it started (services/server.mjs). */
function servicePid(): number {
  return Number(readFileSync(fixtureUri('services/api.pid').fsPath, 'utf8'));
}

suite('Services', () => {
  let api: BluebookApi;

  suiteSetup(async () => {
    api = await bluebook();
    await fileItem(api, SUITE);
    // A run of every file (run.test.ts) may have started them already.
    await vscode.commands.executeCommand('bluebook.stopServices');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('bluebook.stopServices');
    await cleanUpFiles();
  });

  async function runTest(testId: string) {
    const item = api.tree.itemById(itemId(SUITE, `#${testId}`));
    assert.ok(item, `the Test Explorer item of ${testId}`);
    const outcome = await api.runs.runItems([item]);
    assert.ok('results' in outcome, JSON.stringify(outcome));
    return { outcome, run: lastRun(api), id: item.id };
  }

  test('a run starts the service its environment refers to; Restart Service and Stop Services', async () => {
    const first = await runTest('hello');
    assert.equal(first.run.finalStates[first.id], 'passed', JSON.stringify(first.run.states));
    const summary = api.services.statusBar.summary;
    assert.equal(summary?.text, '$(server-process) 1 service');
    assert.equal(summary?.state, 'ready');
    assert.match(summary?.lines[0] ?? '', /^api · http:\/\/127\.0\.0\.1:\d+ · ready$/);
    const pid = servicePid();
    assert.ok(alive(pid), `service process ${pid} runs`);

    const second = await runTest('hello');
    assert.equal(second.run.finalStates[second.id], 'passed');
    assert.equal(servicePid(), pid, 'the second run used the running service');
    assert.ok(alive(pid));

    assert.equal(await vscode.commands.executeCommand('bluebook.restartService', 'api'), true);
    const restarted = servicePid();
    assert.notEqual(restarted, pid, 'Restart Service started a new process');
    assert.equal(alive(pid), false, `the old process ${pid} is gone`);
    assert.ok(alive(restarted));
    assert.equal(api.services.statusBar.summary?.state, 'ready');

    await vscode.commands.executeCommand('bluebook.stopServices');
    assert.equal(alive(restarted), false, `service process ${restarted} is gone`);
    await waitFor(() => api.services.statusBar.summary === undefined, 'the status bar item to hide', {
      events: [api.services.statusBar.onDidChange],
    });
  });

  test('a service that died is shown as failed, and the next run starts it again', async () => {
    await runTest('hello');
    const pid = servicePid();
    process.kill(pid, 'SIGKILL');
    await waitFor(
      () => api.services.statusBar.summary?.state === 'failed',
      'the status bar to show the death',
      {
        events: [api.services.statusBar.onDidChange],
      },
    );
    assert.equal(api.services.statusBar.summary?.text, '$(server-process) 1 service: api failed');
    const { run, id } = await runTest('hello');
    assert.equal(run.finalStates[id], 'passed');
    assert.notEqual(servicePid(), pid);
    assert.ok(alive(servicePid()));
    assert.equal(api.services.statusBar.summary?.state, 'ready');
  });

  test("a failed test's output carries the service's last lines", async () => {
    const { run, id } = await runTest('wrong-status');
    assert.equal(run.finalStates[id], 'failed');
    const output = run.output.join('');
    assert.match(output, /── service api: last \d+ lines? ──/);
    assert.match(output, /api listening on \d+/);
    assert.match(output, /GET \/hello/);
  });

  test("a service that exits before it is ready errors the run's items with its last lines", async () => {
    await createFile('services-broken/bluebook.config.yaml', BROKEN_CONFIG);
    const suite = 'services-broken/broken.bluebook.yaml';
    await createFile(suite, BROKEN_SUITE);
    await fileItem(api, suite);
    const item = api.tree.itemById(itemId(suite, '#unreachable'));
    assert.ok(item, 'the Test Explorer item of unreachable');
    await api.runs.runItems([item]);
    const run = lastRun(api);
    assert.equal(run.finalStates[item.id], 'errored');
    const message = run.states.find((s) => s.id === item.id && s.state === 'errored')?.messages[0]?.message;
    assert.match(message ?? '', /^Services did not start: service `broken` .*Bluebook Service: broken/);
    assert.match(message ?? '', /cannot open the database/);
    assert.equal(api.services.statusBar.summary?.state, 'failed');
  });
});

suite('Services in Restricted Mode @restricted', () => {
  test('nothing starts: the commands say why', async () => {
    const api = await bluebook();
    const mock = await vscode.commands.executeCommand<{ refused?: string }>(
      'bluebook.startMock',
      fixtureUri('services/payments.mock.yaml').toString(),
    );
    assert.match(mock?.refused ?? '', /Restricted Mode.*Trust this workspace/);
    const restart = await vscode.commands.executeCommand<{ refused?: string }>(
      'bluebook.restartService',
      'api',
    );
    assert.match(restart?.refused ?? '', /Restricted Mode/);
    assert.deepEqual(api.services.manager.states(), []);
    assert.deepEqual(api.services.mocks.list(), []);
  });
});
