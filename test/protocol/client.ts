/**
 * A minimal LSP client over stdio for protocol tests and the benchmark's spirit: spawns the BUILT
 * server (`dist/server.js`, rebuilt when a source file is newer) and speaks real JSON-RPC.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

const SERVER = join('dist', 'server.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const built = existsSync(SERVER) ? statSync(SERVER).mtimeMs : 0;
  return built >= Math.max(newestSource('server/src'), newestSource('core/src'));
}

/**
 * Builds dist/ when the server bundle is missing or older than its sources. Test files run in
 * parallel processes: one builds (holding a lock directory) while the others wait for it, so none
 * spawns a half-written bundle.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(
    tmpdir(),
    `bluebook-protocol-build-${createHash('sha1').update(process.cwd()).digest('hex')}`,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for 2 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // the other build is running
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('build failed');
  } finally {
    rmdirSync(lock);
  }
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  /** Logs the server sent (window/logMessage). */
  readonly logs: string[] = [];
  /** Requests the server made to us, by method. */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  private readonly diagnosticWaiters: {
    uri: string;
    version?: number;
    resolve: (params: PublishDiagnosticsParams) => void;
  }[] = [];
  readonly lastDiagnostics = new Map<string, PublishDiagnosticsParams>();

  constructor(settings: Record<string, unknown> = {}) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.lastDiagnostics.set(params.uri, params);
      for (const waiter of [...this.diagnosticWaiters]) {
        if (
          waiter.uri === params.uri &&
          (waiter.version === undefined || waiter.version === params.version)
        ) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      this.serverRequests.push({ method: 'workspace/configuration', params });
      return params.items.map(() => settings);
    });
    this.connection.onRequest('client/registerCapability', (params: unknown) => {
      this.serverRequests.push({ method: 'client/registerCapability', params });
      return null;
    });
    this.connection.listen();
  }

  async initialize(
    capabilities: ClientCapabilities = {},
    workspaceFolders: { uri: string; name: string }[] | null = null,
    initializationOptions?: unknown,
  ): Promise<unknown> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the next diagnostics published for `uri` (and `version`, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, version, resolve }));
  }

  async open(
    uri: string,
    text: string,
    version = 1,
    languageId = 'bluebook',
  ): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
    return published;
  }

  async change(
    uri: string,
    version: number,
    changes: TextDocumentContentChangeEvent[],
  ): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return published;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.process.kill();
    }
    await exited;
    this.connection.dispose();
  }
}
