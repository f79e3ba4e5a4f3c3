// Suites run in a child process: a CPU-bound suite does not freeze the extension host (language
// features answer while it runs), and cancelling a run that does not answer stops its process.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUpFiles, closeAllEditors, createFile, openFixture, waitFor, waitForEvent } from '../harness';
import { bluebook, fileItem, type BluebookApi } from './support/bluebook';
import { startHeavyServer, type HeavyServer } from './support/heavy';
import { isRunning } from '../../support/processes.js';

/**
 * A suite whose one step spends seconds of CPU in the runner: `expectations` JSONPath filters,
 * each walking every node of a large JSON response (~400 ms each on a 2-core machine).
 */
function heavySuite(baseUrl: string, expectations: number): string {
  const lines = [`name: Heavy`, `baseUrl: ${baseUrl}`, 'tests:', '  heavy:', '    steps:'];
  lines.push('      - GET: /rows', '        expect:', '          json:');
  for (let i = 0; i < expectations; i++) lines.push(`            $..*[?@ == ${i}]: { length: ${i} }`);
  return `${lines.join('\n')}\n`;
}

const alive = isRunning;

suite('Runner process', () => {
  let api: BluebookApi;
  let server: HeavyServer;

  suiteSetup(async () => {
    api = await bluebook();
    server = await startHeavyServer();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
    await server.close();
  });

  test('completion answers while a CPU-bound suite runs', async () => {
    await createFile('heavy.bluebook.yaml', heavySuite(server.url, 40));
    const item = await fileItem(api, 'heavy.bluebook.yaml');
    const document = await openFixture('smoke.bluebook.yaml');
    const position = new vscode.Position(document.lineCount, 0);
    const seen = server.responses;
    const cancellation = new vscode.CancellationTokenSource();
    let ended = false;
    const running = api.runs.runItems([item], cancellation.token).finally(() => (ended = true));
    try {
      await waitFor(() => server.responses > seen, 'the heavy response to be sent');
      const asked = Date.now();
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      const answeredAfter = Date.now() - asked;
      assert.ok(completions.items.length > 0, 'the language server offered completions');
      assert.equal(ended, false, 'the run was still going when the completion came');
      assert.ok(answeredAfter < 5_000, `completion took ${answeredAfter} ms while the suite ran`);
    } finally {
      cancellation.cancel();
      await running;
    }
  });

  test('cancelling a run whose `after` step never ends stops its runner process within seconds', async () => {
    // Cancel aborts the test's request; `after` still runs (not on the user's signal) and hangs
    // on a server that never answers, so the runner does not exit and is killed.
    const text = [
      'name: Stuck',
      `baseUrl: ${server.url}`,
      'tests:',
      '  waits:',
      '    steps:',
      '      - GET: /never',
      '        timeout: 10m',
      'after:',
      '  - GET: /never',
      '    timeout: 10m',
      '',
    ].join('\n');
    await createFile('stuck.bluebook.yaml', text);
    const item = await fileItem(api, 'stuck.bluebook.yaml');
    const started = waitForEvent(api.runs.onDidStartRunner, 'the runner process to start');
    const held = server.held;
    const cancellation = new vscode.CancellationTokenSource();
    const running = api.runs.runItems([item], cancellation.token);
    const pid = await started;
    assert.ok(alive(pid), 'the runner process is running');
    await waitFor(() => server.held > held, 'the request to reach the server');
    const cancelledAt = Date.now();
    cancellation.cancel();
    await running;
    const endedAfter = Date.now() - cancelledAt;
    assert.ok(endedAfter < 5_000, `the run ended ${endedAfter} ms after cancel`);
    assert.equal(alive(pid), false, `runner process ${pid} is gone`);
    const run = api.runs.recorder.runs.at(-1);
    assert.equal(run?.finalStates[`${item.id}#waits`], 'errored', 'the cancelled test');
    const file = run?.states.find((s) => s.id === item.id && s.state === 'errored');
    assert.match(file?.messages[0]?.message ?? JSON.stringify(run?.states), /cancelled.*stopped responding/i);
  });
});
