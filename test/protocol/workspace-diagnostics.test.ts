import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { WorkspaceScanNotification, type BluebookInitializationOptions } from '../../core/src/protocol.js';
import { ensureBuilt, TestClient } from './client.js';

const VALID = 'tests:\n  ok:\n    steps:\n      - GET: /ok\n        expect:\n          status: 200\n';
const BROKEN =
  'tests:\n  broken:\n    steps:\n      - GET: /broken\n        expect:\n          status: banana\n';

describe('workspace diagnostics: suites that are not open', { timeout: 20_000 }, () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-ws-diagnostics-'));
    writeFileSync(join(root, 'good.bluebook.yaml'), VALID);
    writeFileSync(join(root, 'bad.bluebook.yaml'), BROKEN);
    client = new TestClient();
  });
  after(() => client.close());

  it('publishes the error of a closed suite, and clears it when the file is fixed on disk', async () => {
    const bad = pathToFileURL(join(root, 'bad.bluebook.yaml')).href;
    const first = client.nextDiagnostics(bad);
    await client.initialize({}, [{ uri: pathToFileURL(root).href, name: 'ws' }]);
    const published = await first;
    assert.ok(
      published.diagnostics.some((d) => d.severity === 1 && d.range.start.line === 5),
      `an error on the status line, got ${JSON.stringify(published.diagnostics)}`,
    );
    const good = pathToFileURL(join(root, 'good.bluebook.yaml')).href;
    assert.equal(client.lastDiagnostics.get(good)?.diagnostics.length ?? 0, 0, 'a valid suite has none');

    writeFileSync(join(root, 'bad.bluebook.yaml'), VALID);
    const cleared = client.nextDiagnostics(bad);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: bad, type: FileChangeType.Changed }],
    });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('a suite changed on disk re-checks the closed suites that use it', async () => {
    writeFileSync(join(root, 'lib.bluebook.yaml'), 'tests:\n  login:\n    steps:\n      - POST: /login\n');
    writeFileSync(
      join(root, 'account.bluebook.yaml'),
      'tests:\n  me:\n    steps:\n      - use: ./lib.bluebook.yaml#login\n      - GET: /me\n',
    );
    const created = client.nextDiagnostics(pathToFileURL(join(root, 'good.bluebook.yaml')).href);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: ['lib', 'account', 'good'].map((name) => ({
        uri: pathToFileURL(join(root, `${name}.bluebook.yaml`)).href,
        type: FileChangeType.Created as FileChangeType,
      })),
    });
    writeFileSync(join(root, 'good.bluebook.yaml'), BROKEN);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(root, 'good.bluebook.yaml')).href, type: FileChangeType.Changed }],
    });
    await created; // suites are checked in path order: account.bluebook.yaml was checked before
    const account = pathToFileURL(join(root, 'account.bluebook.yaml')).href;
    assert.equal(client.lastDiagnostics.get(account)?.diagnostics.length ?? 0, 0, 'the use resolves');

    writeFileSync(join(root, 'lib.bluebook.yaml'), 'tests:\n  sign-in:\n    steps:\n      - POST: /login\n');
    const broken = client.nextDiagnostics(account);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(root, 'lib.bluebook.yaml')).href, type: FileChangeType.Changed }],
    });
    assert.deepEqual(
      (await broken).diagnostics.map((d) => d.code),
      ['use-not-found'],
    );
  });

  it('a closed suite keeps its error after the editor closes it; a deleted one loses it', async () => {
    const uri = pathToFileURL(join(root, 'closed.bluebook.yaml')).href;
    writeFileSync(join(root, 'closed.bluebook.yaml'), BROKEN);
    await client.open(uri, BROKEN);
    const reopened = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    let afterClose = await reopened;
    if (afterClose.diagnostics.length === 0) afterClose = await client.nextDiagnostics(uri);
    assert.equal(afterClose.diagnostics.length, 1, 'the file on disk still has its error');

    rmSync(join(root, 'closed.bluebook.yaml'));
    const gone = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri, type: FileChangeType.Deleted }],
    });
    assert.deepEqual((await gone).diagnostics, []);
  });
});

describe('workspace diagnostics: a client that defers the scan', { timeout: 20_000 }, () => {
  let client: TestClient;
  let root: string;
  before(() => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-ws-deferred-'));
    writeFileSync(join(root, 'bad.bluebook.yaml'), BROKEN);
    client = new TestClient();
  });
  after(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('checks closed suites only once the client sends bluebook/workspaceScan', async () => {
    const bad = pathToFileURL(join(root, 'bad.bluebook.yaml')).href;
    let released = false;
    const published = client.nextDiagnostics(bad).then((params) => ({ params, released }));
    await client.initialize({}, [{ uri: pathToFileURL(root).href, name: 'ws' }], {
      deferWorkspaceScan: true,
    } satisfies BluebookInitializationOptions);
    // The server is up and answering; an immediate scan publishes this small workspace within
    // milliseconds, so give it ample time to (wrongly) do so.
    await client.open(pathToFileURL(join(root, 'open.bluebook.yaml')).href, VALID);
    await new Promise((resolve) => setTimeout(resolve, 500));
    released = true;
    await client.connection.sendNotification(WorkspaceScanNotification);
    const result = await published;
    assert.equal(result.released, true, 'no diagnostics of closed suites before the notification');
    assert.ok(
      result.params.diagnostics.some((d) => d.severity === 1),
      'the closed suite’s error',
    );
  });
});
