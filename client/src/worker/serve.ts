/**
 * The runner process's side of the protocol: runs each `run` request with core's `runSuite`
 * (several at once, each with its own abort controller) and streams its events back, and each
 * `hook` request (a config's setup or teardown) with core's `runConfigHook`. No `vscode`
 * and no `process` here: main.ts wires it to Node IPC, unit tests to a fake port.
 */
import { readFile } from 'node:fs/promises';
import { parseSuite, runSuite } from '../../../core/src/index.js';
import { parseConfig } from '../../../core/src/config.js';
import { runConfigHook } from '../../../core/src/run/setup.js';
import { ContractLoader } from '../../../core/src/openapi/load.js';
import type { HostMessage, RunnerMessage } from './protocol.js';

export interface Port {
  send(message: RunnerMessage): void;
}

export interface Runner {
  /** Handles one message from the host; anything malformed is ignored. */
  receive(message: unknown): void;
  /** Runs still going. */
  readonly active: number;
}

export function serve(port: Port, run: typeof runSuite = runSuite): Runner {
  const running = new Map<number, AbortController>();
  // The runner process lives for one Test Explorer run: its suites share one loaded OpenAPI document.
  const contracts = new ContractLoader();
  const track = async (id: number, work: (signal: AbortSignal) => Promise<RunnerMessage>) => {
    const abort = new AbortController();
    running.set(id, abort);
    try {
      port.send(await work(abort.signal));
    } catch (error) {
      port.send({ type: 'done', id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      running.delete(id);
    }
  };
  const start = ({ id, suite, options }: Extract<HostMessage, { type: 'run' }>) =>
    track(id, async (signal) => {
      const result = await run(parseSuite(suite.text, suite.path), {
        ...options,
        contracts,
        signal,
        onEvent: (event) => port.send({ type: 'event', id, event }),
      });
      return { type: 'done', id, result };
    });
  const hook = ({ id, kind, config, options }: Extract<HostMessage, { type: 'hook' }>) =>
    track(id, async (signal) => {
      const project = parseConfig(await readFile(config, 'utf8'), config);
      return { type: 'done', id, hook: await runConfigHook(kind, project, { ...options, signal }) };
    });
  return {
    receive(message) {
      if (isRun(message) && !running.has(message.id)) void start(message);
      else if (isHook(message) && !running.has(message.id)) void hook(message);
      else if (isCancel(message)) running.get(message.id)?.abort();
    },
    get active() {
      return running.size;
    },
  };
}

function isRun(message: unknown): message is Extract<HostMessage, { type: 'run' }> {
  if (!isMessage(message, 'run')) return false;
  const { suite, options } = message as { suite?: { path?: unknown; text?: unknown }; options?: unknown };
  return (
    typeof suite?.path === 'string' &&
    typeof suite.text === 'string' &&
    typeof options === 'object' &&
    options !== null
  );
}

function isHook(message: unknown): message is Extract<HostMessage, { type: 'hook' }> {
  if (!isMessage(message, 'hook')) return false;
  const { kind, config, options } = message as { kind?: unknown; config?: unknown; options?: unknown };
  return (
    (kind === 'setup' || kind === 'teardown') &&
    typeof config === 'string' &&
    typeof options === 'object' &&
    options !== null
  );
}

function isCancel(message: unknown): message is Extract<HostMessage, { type: 'cancel' }> {
  return isMessage(message, 'cancel');
}

function isMessage(message: unknown, type: HostMessage['type']): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const { type: actual, id } = message as { type?: unknown; id?: unknown };
  return actual === type && typeof id === 'number';
}
