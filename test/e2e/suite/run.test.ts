// Running suites from the editor against a local server: results in the Test Explorer with
// messages on the failing lines, inline results, the last response, environments, cancel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetServer } from '../../support/target-server';
import {
  cleanUpFiles,
  closeAllEditors,
  createFile,
  openFixture,
  setText,
  waitFor,
  waitForEvent,
} from '../harness';
import {
  bluebook,
  fileItem,
  itemId,
  lastRun,
  lineOf,
  withTargetServer,
  type BluebookApi,
} from './support/bluebook';

const FAILING = `name: Failing
baseUrl: \${baseUrl}
tests:
  not-found:
    steps:
      - GET: /users/424242
        expect:
          status: 200
          json:
            $.name: Ada
  echo-secret:
    steps:
      - GET: /echo
        headers:
          x-token: \${token}
        expect:
          status: 200
  slow:
    steps:
      - GET: /slow?ms=120000
        expect:
          status: 200
`;

suite('Running suites', () => {
  let api: BluebookApi;
  let target: { server: TargetServer; restore(): Promise<void> };
  let failing: vscode.Uri;
  const smoke = () => itemId('smoke.bluebook.yaml');
  const args = (testId: string, stepIndex?: number, uri = smoke()) => ({
    uri,
    testId,
    ...(stepIndex !== undefined ? { stepIndex } : {}),
  });

  suiteSetup(async () => {
    api = await bluebook();
    target = await withTargetServer(api);
    failing = await createFile('failing.bluebook.yaml', FAILING);
    await fileItem(api, 'failing.bluebook.yaml');
  });
  suiteTeardown(async () => {
    await api.environments.select(undefined);
    await vscode.workspace
      .getConfiguration('bluebook')
      .update('inlineResults.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    await cleanUpFiles();
    await target.restore();
  });

  test('a passing test: the test and its steps pass', async () => {
    const outcome = await vscode.commands.executeCommand<{ results: { outcome: string }[] }>(
      'bluebook.runTest',
      args('create-and-read'),
    );
    assert.deepEqual(
      outcome.results.map((r) => r.outcome),
      ['passed'],
    );
    const run = lastRun(api);
    assert.equal(run.finalStates[`${smoke()}#create-and-read`], 'passed');
    assert.equal(run.finalStates[`${smoke()}#create-and-read/0`], 'passed');
    assert.equal(run.finalStates[`${smoke()}#create-and-read/1`], 'passed');
    assert.ok(run.output.some((text) => /→ POST http:\/\/127\.0\.0\.1:\d+\/users/.test(text)));
  });

  test('a failing test: one diff message per failed expectation, located on its line', async () => {
    const document = await vscode.workspace.openTextDocument(failing);
    await vscode.commands.executeCommand(
      'bluebook.runTest',
      args('not-found', undefined, failing.toString()),
    );
    const run = lastRun(api);
    const stepId = `${failing.toString()}#not-found/0`;
    assert.equal(run.finalStates[`${failing.toString()}#not-found`], 'failed');
    assert.equal(run.finalStates[stepId], 'failed');
    const failure = run.states.find((s) => s.id === stepId && s.state === 'failed');
    const messages = failure?.messages ?? [];
    assert.equal(messages.length, 2);
    const status = messages.find((m) => m.expected === '200');
    assert.ok(status, `a status message among ${JSON.stringify(messages)}`);
    assert.equal(status.actual, '404');
    assert.equal(status.line, lineOf(document, 'status: 200'), 'the status message is on the `status:` line');
    assert.equal(messages.find((m) => m.expected === 'Ada')?.line, lineOf(document, '$.name: Ada'));

    // The test (listed before its step in VS Code's results) says the same in plain words on the
    // same lines: the first located message of a line is what VS Code's inline badge shows.
    const testFailure = run.states.find(
      (s) => s.id === `${failing.toString()}#not-found` && s.state === 'failed',
    );
    assert.deepEqual(
      testFailure?.messages.map((m) => [m.line, m.message.split('\n')[0], m.expected]),
      [
        [lineOf(document, 'status: 200'), 'expected 200, got 404', undefined],
        [lineOf(document, '$.name: Ada'), 'expected "Ada", got (absent)', undefined],
      ],
    );
  });

  test('inline results: step lines and failed expectation lines, never under VS Code’s badge; edits clear stale ones; the setting turns them off', async () => {
    const document = await openFixture('failing.bluebook.yaml');
    const uri = document.uri.toString();
    const stepLine = lineOf(document, '- GET: /users/424242');
    const statusLine = lineOf(document, 'status: 200');
    const jsonLine = lineOf(document, '$.name: Ada');
    await vscode.commands.executeCommand('bluebook.runTest', args('not-found', undefined, uri));
    const texts = await waitFor(
      () => {
        const drawn = api.inline.textsFor(uri);
        return drawn.some((t) => t.line === stepLine) && drawn;
      },
      'inline results in failing.bluebook.yaml',
      { events: [api.inline.onDidRender] },
    );
    const at = (drawn: typeof texts, line: number) => drawn.find((t) => t.line === line)?.text;
    assert.match(at(texts, stepLine) ?? '', /^✗ 404 Not Found · \d+ ms$/);
    // The newest run's failure lines carry VS Code's badge (worded by the test's plain messages,
    // checked above): our text there would be drawn under it.
    assert.equal(at(texts, statusLine), undefined, 'no text of ours under the badge of the status line');
    assert.equal(at(texts, jsonLine), undefined, 'no text of ours under the badge of the json line');

    // Another run makes VS Code drop the older run's badges: our text takes their place.
    const smokeDoc = await openFixture('smoke.bluebook.yaml');
    await vscode.commands.executeCommand('bluebook.runTest', args('create-and-read'));
    await waitFor(
      () =>
        api.inline
          .textsFor(smokeDoc.uri.toString())
          .some(
            (t) => /^✓ 201 Created · \d+ ms$/.test(t.text) && t.line === lineOf(smokeDoc, '- POST: /users'),
          ),
      '✓ 201 Created on the POST line',
      { events: [api.inline.onDidRender] },
    );
    const older = api.inline.textsFor(uri);
    assert.equal(at(older, statusLine), 'expected 200, got 404');
    assert.match(at(older, jsonLine) ?? '', /^expected "Ada", got /);
    assert.match(at(older, stepLine) ?? '', /^✗ 404 Not Found · \d+ ms$/);

    // Typing inside the failing step removes its results (and only its); the file is restored after.
    await vscode.window.showTextDocument(document);
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(
        document.uri,
        new vscode.Position(statusLine, document.lineAt(statusLine).text.length),
        '1',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => api.inline.textsFor(uri).length === 0, 'stale inline results to clear', {
        events: [api.inline.onDidRender],
      });
      assert.ok(api.inline.textsFor(smokeDoc.uri.toString()).length > 0, 'other files keep their results');

      await vscode.workspace
        .getConfiguration('bluebook')
        .update('inlineResults.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        () => api.inline.textsFor(smokeDoc.uri.toString()).length === 0,
        'inline results to turn off',
        {
          events: [api.inline.onDidRender],
        },
      );
    } finally {
      await vscode.workspace
        .getConfiguration('bluebook')
        .update('inlineResults.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await setText(document, FAILING);
      await document.save();
    }
  });

  test('hovering a step shows its last response, with a link to the full request/response document', async () => {
    const document = await openFixture('failing.bluebook.yaml');
    await vscode.commands.executeCommand(
      'bluebook.runTest',
      args('not-found', undefined, document.uri.toString()),
    );
    const line = lineOf(document, '- GET: /users/424242');
    // The run's results reach the language server as a notification after the run resolves.
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        new vscode.Position(line, 4),
      );
      const shown = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
        .join('\n');
      return shown.includes('**Last run**') && shown;
    }, 'the hover with the last run');
    assert.match(text, /\*\*Last run\*\* ✗ 404 Not Found · \d+ ms/);
    assert.match(text, /content-type: application\/json/);
    const link = /\(command:bluebook\.openLastResponse\?([^)]+)\)/.exec(text);
    assert.ok(link, `a command link in ${text}`);
    const [suiteUri, key] = JSON.parse(decodeURIComponent(link[1])) as [string, string];
    const opened = waitForEvent(
      vscode.workspace.onDidOpenTextDocument,
      'the response document',
      (d) => d.uri.scheme === 'bluebook-response',
    );
    await vscode.commands.executeCommand('bluebook.openLastResponse', suiteUri, key);
    const response = await opened;
    assert.match(response.getText(), /^GET http:\/\/127\.0\.0\.1:\d+\/users\/424242\n/);
    assert.match(response.getText(), /HTTP\/1\.1 404 Not Found\ncontent-type: application\/json/);
  });

  test('"Accept actual value" is offered on the failed expectation after a run', async () => {
    const document = await openFixture('failing.bluebook.yaml');
    await vscode.commands.executeCommand(
      'bluebook.runTest',
      args('not-found', undefined, document.uri.toString()),
    );
    const line = lineOf(document, 'status: 200');
    const actions = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(line, 10, line, 10),
      );
      return found?.some((a) => a.title.startsWith('Accept actual value')) && found;
    }, 'the "Accept actual value" quick fix');
    assert.ok(actions.some((a) => a.title.includes('404')));
  });

  test('running a step runs its test’s earlier steps and skips the later ones', async () => {
    const before = target.server.requests.length;
    await vscode.commands.executeCommand('bluebook.runStep', args('create-and-read', 0));
    const run = lastRun(api);
    assert.equal(run.finalStates[`${smoke()}#create-and-read/0`], 'passed');
    assert.equal(run.finalStates[`${smoke()}#create-and-read/1`], 'skipped');
    assert.deepEqual(
      target.server.requests.slice(before).map((r) => `${r.method} ${r.path}`),
      ['POST /users'],
    );
  });

  test('secrets are redacted from the run output', async () => {
    await vscode.commands.executeCommand(
      'bluebook.runTest',
      args('echo-secret', undefined, failing.toString()),
    );
    const run = lastRun(api);
    assert.equal(run.finalStates[`${failing.toString()}#echo-secret`], 'passed');
    const output = run.output.join('');
    assert.ok(output.includes('/echo'), 'the exchange is in the output');
    assert.ok(output.includes('•••'));
    assert.ok(!output.includes('s3cret-token-value'), 'the secret never appears');
  });

  test('the picked environment is used by editor runs and shown in the status bar', async () => {
    await vscode.commands.executeCommand('bluebook.selectEnvironment', 'down');
    assert.match(api.environments.statusText, /down$/);
    await vscode.commands.executeCommand('bluebook.runTest', args('create-and-read'));
    const run = lastRun(api);
    assert.equal(run.finalStates[`${smoke()}#create-and-read/0`], 'errored');
    const error = run.states.find((s) => s.id === `${smoke()}#create-and-read/0` && s.state === 'errored');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(smoke()));
    assert.equal(
      error?.messages[0]?.line,
      lineOf(document, '- POST: /users'),
      'an errored step is reported on its method line',
    );
    await vscode.commands.executeCommand('bluebook.selectEnvironment', '');
    assert.match(api.environments.statusText, /local$/);
  });

  test('cancelling a run aborts the request in flight and ends the run', async () => {
    const item = api.tree.itemById(`${failing.toString()}#slow`);
    assert.ok(item);
    const cancellation = new vscode.CancellationTokenSource();
    const seen = target.server.requests.length;
    const running = api.runs.runItems([item], cancellation.token);
    await waitFor(
      () => target.server.requests.slice(seen).some((r) => r.path === '/slow'),
      'the slow request to reach the server',
    );
    cancellation.cancel();
    await running; // a 120 s response would exceed the test timeout: the run ended because it was cancelled
    const run = lastRun(api);
    assert.notEqual(run.finalStates[`${failing.toString()}#slow/0`], 'passed');
  });

  test('a run of several files reports progress per file', async () => {
    const files = api.tree.fileItems();
    assert.ok(files.length >= 3);
    await api.runs.runItems(files);
    const run = lastRun(api);
    assert.deepEqual(run.progress.at(-1), { done: files.length, total: files.length });
    assert.equal(run.progress.length, files.length + 1);
  });

  test('continuous run: saving a suite runs it again', async () => {
    const document = await openFixture('smoke.bluebook.yaml');
    const file = await fileItem(api, 'smoke.bluebook.yaml');
    const cancellation = new vscode.CancellationTokenSource();
    const request = new vscode.TestRunRequest([file], undefined, api.runs.continuousProfile, true);
    await api.runs.continuousProfile.runHandler(request, cancellation.token);
    const ended = waitForEvent(api.runs.recorder.onDidEnd, 'a run after saving');
    await setText(document, document.getText() + '\n');
    await document.save();
    const run = await ended;
    assert.equal(run.finalStates[`${smoke()}#create-and-read`], 'passed');
    cancellation.cancel();
  });
});
