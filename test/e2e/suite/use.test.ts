// Reuse across files (SPEC §7) in the real editor: a suite that uses a login written in another
// file runs from its code lens; the used steps appear under the `use` step; a failure inside them
// is shown on the line of the used file (message location, inline result), and the config's
// `setup` runs once per run with its own Test Explorer item.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../client/src/testing/runs';
import { cleanUpFiles, closeAllEditors, createFile, fixtureUri, openFixture, waitFor } from '../harness';
import {
  bluebook,
  fileItem,
  itemId,
  lastRun,
  lineOf,
  withTargetServer,
  type BluebookApi,
} from './support/bluebook';
import type { TargetServer } from '../../support/target-server';

const AUTH = `name: Auth
baseUrl: \${baseUrl}
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

const PROFILE = `name: Profile
baseUrl: \${baseUrl}
tests:
  reads-secure:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { password: secret }
      - GET: /secure
        headers: { authorization: "Bearer \${token}" }
        expect:
          status: 200
  wrong-password:
    steps:
      - use: ./auth.bluebook.yaml#login
        with: { password: wrong }
      - GET: /secure
`;

/** Runs a test the way a click on its "▶ Run test" code lens does. */
async function runFromCodeLens(document: vscode.TextDocument, testId: string): Promise<RunOutcome> {
  const lens = await waitFor(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    return lenses?.find(
      (l) =>
        l.command?.title.includes('Run test') &&
        (l.command.arguments?.[0] as { testId?: string } | undefined)?.testId === testId,
    );
  }, `the "Run test" code lens of ${testId}`);
  assert.equal(lens.range.start.line, lineOf(document, `${testId}:`));
  const command = lens.command!;
  return vscode.commands.executeCommand<RunOutcome>(command.command, ...(command.arguments ?? []));
}

suite('Reuse: use', () => {
  let api: BluebookApi;
  let target: { server: TargetServer; restore(): Promise<void> };
  const profile = () => itemId('profile.bluebook.yaml');
  const auth = () => fixtureUri('auth.bluebook.yaml');

  suiteSetup(async () => {
    api = await bluebook();
    target = await withTargetServer(api);
    await createFile('auth.bluebook.yaml', AUTH);
    await createFile('profile.bluebook.yaml', PROFILE);
    await fileItem(api, 'profile.bluebook.yaml');
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
    await target.restore();
  });

  test('a suite using a login from another file runs from its code lens; the used steps appear under the use step', async () => {
    await closeAllEditors();
    const authDoc = await openFixture('auth.bluebook.yaml');
    const document = await openFixture('profile.bluebook.yaml');
    const outcome = await runFromCodeLens(document, 'reads-secure');
    assert.ok('results' in outcome);
    assert.deepEqual(
      outcome.results.map((r) => r.outcome),
      ['passed'],
      'the token captured inside the used login reached the next step',
    );
    const run = lastRun(api);
    const test = `${profile()}#reads-secure`;
    for (const id of [test, `${test}/0`, `${test}/0/0`, `${test}/1`])
      assert.equal(run.finalStates[id], 'passed', id);
    const used = api.tree.itemById(`${test}/0/0`);
    assert.equal(used?.label, 'login › POST /login');
    assert.equal(used?.uri?.toString(), auth().toString(), 'the used step opens in the used file');
    assert.equal(used?.range?.start.line, lineOf(authDoc, '- POST: /login'));
    // The used file is open beside: its step line shows the result of this run.
    const postLine = lineOf(authDoc, '- POST: /login');
    await waitFor(
      () =>
        api.inline
          .textsFor(auth().toString())
          .some((t) => t.line === postLine && /^✓ 200 OK · \d+ ms$/.test(t.text)),
      'the inline result on the POST line of auth.bluebook.yaml',
      { events: [api.inline.onDidRender] },
    );
  });

  test('a failure inside the used step is shown on the line of the used file, also when it is opened later', async () => {
    await closeAllEditors();
    const document = await openFixture('profile.bluebook.yaml');
    await runFromCodeLens(document, 'wrong-password');
    const run = lastRun(api);
    const test = `${profile()}#wrong-password`;
    assert.equal(run.finalStates[test], 'failed');
    assert.equal(run.finalStates[`${test}/0`], 'failed');
    assert.equal(run.finalStates[`${test}/0/0`], 'failed');
    const authDoc = await vscode.workspace.openTextDocument(auth());
    const statusLine = lineOf(authDoc, 'status: 200');
    const failure = run.states.find((s) => s.id === `${test}/0/0` && s.state === 'failed');
    assert.deepEqual(
      failure?.messages.map((m) => [m.uri, m.line, m.expected, m.actual]),
      [[auth().toString(), statusLine, '200', '401']],
    );
    const testFailure = run.states.find((s) => s.id === test && s.state === 'failed');
    assert.deepEqual(
      testFailure?.messages.map((m) => [m.uri, m.line, m.message.split('\n')[0]]),
      [[auth().toString(), statusLine, 'expected 200, got 401']],
    );
    // Opened after the run: the used file's POST line shows the failure (the status line carries
    // VS Code's own badge for the located message).
    await openFixture('auth.bluebook.yaml');
    const postLine = lineOf(authDoc, '- POST: /login');
    await waitFor(
      () =>
        api.inline
          .textsFor(auth().toString())
          .some((t) => t.line === postLine && /^✗ 401 Unauthorized · \d+ ms$/.test(t.text)),
      'the failed inline result on the POST line of auth.bluebook.yaml',
      { events: [api.inline.onDidRender] },
    );
    assert.ok(
      !api.inline.textsFor(document.uri.toString()).some((t) => t.text.includes('401')),
      'nothing of the used step is drawn on the using file',
    );
  });

  test('the config’s setup logs in once for the run: its item passes and the suite uses its token', async () => {
    const config = fixtureUri('bluebook.config.yaml');
    const before = await vscode.workspace.fs.readFile(config);
    const withSetup = `${new TextDecoder().decode(before)}setup:
  - use: ./auth.bluebook.yaml#login
    with: { password: secret }
`;
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(withSetup));
    try {
      const setupId = `${config.toString()}#setup`;
      await waitFor(() => api.tree.itemById(setupId), 'the setup item of bluebook.config.yaml', {
        events: [api.tree.onDidChangeSuite],
      });
      await createFile(
        'secure.bluebook.yaml',
        'baseUrl: ${baseUrl}\ntests:\n  secure:\n    steps:\n      - GET: /secure\n        headers: { authorization: "Bearer ${token}" }\n        expect:\n          status: 200\n',
      );
      const item = await fileItem(api, 'secure.bluebook.yaml');
      const logins = () => target.server.requests.filter((r) => r.path === '/login').length;
      const loginsBefore = logins();
      const outcome = await api.runs.runItems([item]);
      assert.ok('results' in outcome);
      assert.deepEqual(
        outcome.results.map((r) => r.outcome),
        ['passed'],
        'the setup’s token reached the suite',
      );
      const run = lastRun(api);
      assert.equal(run.finalStates[setupId], 'passed');
      assert.equal(run.finalStates[`${setupId}/0`], 'passed');
      assert.equal(logins() - loginsBefore, 1, 'the setup logged in once');
    } finally {
      await vscode.workspace.fs.writeFile(config, before);
    }
  });
});
