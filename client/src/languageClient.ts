/**
 * Starts the Bluebook language server (dist/server.js, the same bundle any LSP editor can use) over
 * Node IPC. The client stays thin: diagnostics, completion, hovers, code lenses and quick fixes are
 * all the server's.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BluebookInitializationOptions } from '../../core/src/protocol.js';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export async function startLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): Promise<LanguageClient | undefined> {
  const module = context.asAbsolutePath('dist/server.js');
  if (!existsSync(module)) {
    log.error(
      `The language server bundle ${module} is missing: run "npm run build". Running suites still works.`,
    );
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'bluebook', scheme: 'file' },
      { language: 'bluebook', scheme: 'untitled' },
      { language: 'bluebook-mock', scheme: 'file' },
      { language: 'bluebook-mock', scheme: 'untitled' },
      // A mock file another extension's association opened as `yaml`: match it by name.
      { scheme: 'file', pattern: '**/*.mock.{yaml,yml}' },
      // The config is language `yaml` (or plain text without a YAML extension): match it by name.
      { scheme: 'file', pattern: '**/bluebook.config.yaml' },
    ],
    synchronize: {
      configurationSection: 'bluebook',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{bluebook.config.yaml,.env}'),
    },
    outputChannelName: 'Bluebook Language Server',
    // The Test Explorer's discovery reads every suite first; the server's scan of closed suites
    // waits for it (extension.ts sends WorkspaceScanNotification).
    initializationOptions: { deferWorkspaceScan: true } satisfies BluebookInitializationOptions,
  };
  const client = new LanguageClient('bluebook', 'Bluebook Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    log.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  return client;
}
