// Snapshots in the Test Explorer: a mismatch fails with a YAML diff whose message offers "Accept
// new snapshot"; accepting (from the message, or the quick fix on the `snapshot:` line) rewrites
// that entry of the .snap.yaml file and the rerun passes; a recorded snapshot shows in the output.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetServer } from '../../support/target-server';
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

const SUITE = `name: Snap
baseUrl: \${baseUrl}
tests:
  user:
    steps:
      - GET: /status/200
        expect:
          snapshot: true
`;

const SNAP_PATH = '__snapshots__/snap.bluebook.yaml.snap.yaml';

const STALE = `# reviewed: keep this comment
other:
  1 GET /other:
    body: kept
    status: 200
user:
  1 GET /status/200:
    body:
      status: 201
    status: 200
`;

suite('Snapshots', () => {
  let api: BluebookApi;
  let target: { server: TargetServer; restore(): Promise<void> };
  const suiteId = () => itemId('snap.bluebook.yaml');
  const snapUri = () => fixtureUri(SNAP_PATH);
  const snapText = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(snapUri()));
  const runUser = () =>
    vscode.commands.executeCommand<{ results: { outcome: string }[] }>('bluebook.runTest', {
      uri: suiteId(),
      testId: 'user',
    });

  suiteSetup(async () => {
    api = await bluebook();
    target = await withTargetServer(api);
    await createFile('snap.bluebook.yaml', SUITE);
    await fileItem(api, 'snap.bluebook.yaml');
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await cleanUpFiles();
    await vscode.workspace.fs
      .delete(fixtureUri('__snapshots__'), { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
    await target.restore();
  });

  test('a mismatch fails with the stored and new value as a YAML diff; Accept from the message rewrites only that entry; the rerun passes', async () => {
    await createFile(SNAP_PATH, STALE);
    const failed = await runUser();
    assert.deepEqual(
      failed.results.map((r) => r.outcome),
      ['failed'],
    );
    const message = lastRun(api)
      .states.flatMap((state) => state.messages)
      .find((m) => m.contextValue === 'bluebook.snapshot');
    assert.ok(message, 'the step’s message is marked for Accept new snapshot');
    assert.match(message.message, /differs from the snapshot at `\$\.body\.status`/);
    assert.equal(message.expected, 'body:\n  status: 201\nstatus: 200\n');
    assert.equal(message.actual, 'body:\n  status: 200\nstatus: 200\n');

    // What VS Code passes when "Accept New Snapshot" is clicked on the message.
    const testMessage = vscode.TestMessage.diff(message.message, message.expected!, message.actual!);
    testMessage.contextValue = message.contextValue;
    testMessage.location = new vscode.Location(
      vscode.Uri.parse(suiteId()),
      new vscode.Position(message.line!, message.character!),
    );
    const accepted = await vscode.commands.executeCommand<string | undefined>('bluebook.acceptSnapshot', {
      test: api.tree.itemById(suiteId()),
      message: testMessage,
    });
    assert.equal(accepted, snapUri().fsPath);
    const text = await snapText();
    assert.match(text, /^# reviewed: keep this comment$/m);
    assert.match(text, /other:\n {2}1 GET \/other:\n {4}body: kept/);
    assert.match(text, /user:\n {2}1 GET \/status\/200:\n {4}body:\n {6}status: 200\n {4}status: 200/);

    const rerun = await runUser();
    assert.deepEqual(
      rerun.results.map((r) => r.outcome),
      ['passed'],
    );
  });

  test('the quick fix on the snapshot: line accepts while the failed result is known', async () => {
    await vscode.workspace.fs.writeFile(snapUri(), new TextEncoder().encode(STALE));
    const failed = await runUser();
    assert.deepEqual(
      failed.results.map((r) => r.outcome),
      ['failed'],
    );
    const document = await openFixture('snap.bluebook.yaml');
    const line = lineOf(document, 'snapshot: true');
    const actions = await waitFor(async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(line, 10, line, 10),
      );
      const found = all.filter((action) => action.title === 'Accept new snapshot');
      return found.length > 0 ? found : undefined;
    }, 'the Accept new snapshot quick fix');
    assert.equal(actions.length, 1);
    const elsewhere = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
    );
    assert.ok(
      !elsewhere.some((action) => action.title === 'Accept new snapshot'),
      'only on the snapshot line',
    );

    const command = actions[0]!.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.match(await snapText(), /1 GET \/status\/200:\n {4}body:\n {6}status: 200/);
    const afterAccept = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(line, 10, line, 10),
    );
    assert.ok(
      !afterAccept.some((action) => action.title === 'Accept new snapshot'),
      'an accepted snapshot is not offered again',
    );
    const rerun = await runUser();
    assert.deepEqual(
      rerun.results.map((r) => r.outcome),
      ['passed'],
    );
  });

  test('a missing snapshot is recorded and the run output says so', async () => {
    await vscode.workspace.fs.delete(snapUri(), { useTrash: false });
    const recorded = await runUser();
    assert.deepEqual(
      recorded.results.map((r) => r.outcome),
      ['passed'],
    );
    const output = lastRun(api).output.join('');
    assert.match(
      output,
      /● snapshot recorded: user › 1 GET \/status\/200 in .*snap\.bluebook\.yaml\.snap\.yaml/,
    );
    assert.match(await snapText(), /user:\n {2}1 GET \/status\/200:/);
  });
});
