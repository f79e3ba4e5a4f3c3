// Mocks started from the editor (SPEC §9): "Bluebook: Start Mock" serves a *.mock.yaml file in
// the extension host, a second start shows the same server, the status bar counts it, its journal
// records the requests, and "Bluebook: Stop Mock" closes its port.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture } from '../harness';
import { bluebook, type BluebookApi } from './support/bluebook';

const MOCK = 'services/payments.mock.yaml';

interface Started {
  name: string;
  url: string;
  already: boolean;
}

suite('Mocks', () => {
  let api: BluebookApi;

  suiteSetup(async () => {
    api = await bluebook();
  });
  suiteTeardown(async () => {
    await api.services.mocks.stopAll();
    await closeAllEditors();
  });

  test('Start Mock serves the file; starting it again gives the same server; Stop Mock closes it', async () => {
    const started = await vscode.commands.executeCommand<Started>(
      'bluebook.startMock',
      fixtureUri(MOCK).toString(),
    );
    assert.equal(started.name, 'payments');
    assert.equal(started.already, false);
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${started.url}/payments/7`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: '7', status: 'paid' });
    const journal = api.services.mocks.find('payments')?.journal() ?? [];
    assert.deepEqual(
      journal.map((entry) => `${entry.method} ${entry.url} ${entry.status}`),
      ['GET /payments/7 200'],
    );
    assert.equal(api.services.statusBar.summary?.text, '$(server-process) 1 mock');

    await openFixture(MOCK);
    const again = await vscode.commands.executeCommand<Started>('bluebook.startMock');
    assert.deepEqual(again, { ...started, already: true }, 'the active editor’s file, already served');

    assert.equal(await vscode.commands.executeCommand('bluebook.stopMock', 'payments'), true);
    await assert.rejects(fetch(`${started.url}/payments/7`), 'the port is closed');
    assert.equal(api.services.statusBar.summary, undefined);
  });

  test('a file that is not a valid mock is refused with its problems', async () => {
    const outcome = await vscode.commands.executeCommand<{ error?: string }>(
      'bluebook.startMock',
      fixtureUri('services/bluebook.config.yaml').toString(),
    );
    assert.match(outcome.error ?? '', /bluebook\.config\.yaml:\d+:\d+: /);
    assert.deepEqual(api.services.mocks.list(), []);
  });
});
