// Shared by the extension's e2e suites: the extension's API, a local target server whose URL is
// written into the workspace's real bluebook.config.yaml, and waits on recorded runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BluebookApi } from '../../../../client/src/extension';
import type { RecordedRun } from '../../../../client/src/testing/recorder';
import { startTargetServer, type TargetServer } from '../../../support/target-server';
import { activateExtension, fixtureUri, waitFor } from '../../harness';

export type { BluebookApi, RecordedRun };

export async function bluebook(): Promise<BluebookApi> {
  const api = await activateExtension<BluebookApi>();
  assert.ok(api?.tree, 'activate() returns the Bluebook API');
  await api.tree.discover();
  return api;
}

const CONFIG = 'bluebook.config.yaml';

/**
 * Starts the target server (127.0.0.1, port 0, inside the extension host) and points the fixture
 * config's environments at it: `local` → the server, `down` → a closed port. Restores the
 * original config on `restore()`.
 */
export async function withTargetServer(
  api: BluebookApi,
): Promise<{ server: TargetServer; restore(): Promise<void> }> {
  const server = await startTargetServer();
  const uri = fixtureUri(CONFIG);
  const original = await vscode.workspace.fs.readFile(uri);
  const config = [
    'environments:',
    '  local:',
    `    baseUrl: ${server.url}`,
    '    token: s3cret-token-value',
    '  down:',
    '    baseUrl: http://127.0.0.1:9',
    '    token: other',
    'defaultEnvironment: local',
    'secrets: [token]',
    'defaults:',
    '  timeout: 5s',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(config));
  await api.environments.refresh();
  return {
    server,
    restore: async () => {
      await vscode.workspace.fs.writeFile(uri, original);
      await server.close();
    },
  };
}

/** The tree item of a fixture file (waits for discovery to show it). */
export function fileItem(api: BluebookApi, relativePath: string): Promise<vscode.TestItem> {
  const id = fixtureUri(relativePath).toString();
  return waitFor(() => api.tree.itemById(id), `the Test Explorer item of ${relativePath}`, {
    events: [api.tree.onDidChangeSuite],
  });
}

export function itemId(relativePath: string, suffix = ''): string {
  return fixtureUri(relativePath).toString() + suffix;
}

/** Zero-based line of the first line whose trimmed text starts with `prefix` (after `from`). */
export function lineOf(document: vscode.TextDocument, prefix: string, from = 0): number {
  for (let line = from; line < document.lineCount; line++) {
    if (document.lineAt(line).text.trim().startsWith(prefix)) return line;
  }
  assert.fail(`no line starting with ${JSON.stringify(prefix)} in ${document.uri.path}`);
}

/** The last recorded run (the one a command just awaited). */
export function lastRun(api: BluebookApi): RecordedRun {
  const run = api.runs.recorder.runs.at(-1);
  assert.ok(run, 'a run was recorded');
  return run;
}
