/**
 * The runner process's side of the protocol: runs each `run` request with core's `runSuite` and
 * each `hook` (the config's setup/teardown) with `runConfigHook` (several at once, each with its
 * own abort controller) and streams their events back. No `vscode`
 * and no `process` here: main.ts wires it to Node IPC, unit tests to a fake port.
 */
import { parseConfig, parseSuite, runConfigHook, runSuite } from '../../../core/src/index.js';
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
  const start = async (message: Extract<HostMessage, { type: 'run' }>) => {
    const { id, suite, options } = message;
    const abort = new AbortController();
    running.set(id, abort);
    try {
      const result = await run(parseSuite(suite.text, suite.path), {
        ...options,
        signal: abort.signal,
        onEvent: (event) => port.send({ type: 'event', id, event }),
      });
      port.send({ type: 'done', id, result });
    } catch (error) {
      port.send({ type: 'done', id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      running.delete(id);
    }
  };
  const startHook = async (message: Extract<HostMessage, { type: 'hook' }>) => {
    const { id, hook, config, options } = message;
    const abort = new AbortController();
    running.set(id, abort);
    try {
      const run = await runConfigHook(hook, parseConfig(config.text, config.path), {
        ...options,
        signal: abort.signal,
        onEvent: (event) => port.send({ type: 'event', id, event }),
      });
      port.send({ type: 'hookDone', id, run });
    } catch (error) {
      port.send({ type: 'done', id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      running.delete(id);
    }
  };
  return {
    receive(message) {
      if (isRun(message) && !running.has(message.id)) void start(message);
      else if (isHook(message) && !running.has(message.id)) void startHook(message);
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
  const { hook, config, options } = message as {
    hook?: unknown;
    config?: { path?: unknown; text?: unknown };
    options?: unknown;
  };
  return (
    (hook === 'setup' || hook === 'teardown') &&
    typeof config?.path === 'string' &&
    typeof config.text === 'string' &&
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
