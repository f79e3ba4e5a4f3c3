/** The system under test (`services:`, SPEC §10): started, awaited and always stopped. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProjectConfig } from '../config.js';
import type { MockLoadError } from '../mock/types.js';
import { Redactor } from '../redact.js';
import { ServiceOutput } from './output.js';
import { HOST, freePort, portInUse } from './ports.js';
import { ServiceProcess } from './process.js';
import { answers } from './ready.js';
import { selectServices, startOrder } from './select.js';
import { addressOf, resolveCommand, type ServiceAddress } from './settings.js';
import {
  ServiceStartError,
  type RunningServices,
  type ServiceLogTail,
  type ServiceSpec,
  type ServiceState,
  type StartServicesOptions,
} from './types.js';

export * from './types.js';
export { referencedServices, startOrder } from './select.js';
export { secretValues } from './secrets.js';

/** Lines of output a start error and a failed test's report carry. */
export const TAIL_LINES = 20;

/**
 * The services an environment refers to (`${services.NAME…}` in its values, the config's
 * `defaults`, `setup`, `teardown`, and `texts` such as the suites to run), with everything they
 * wait for (`dependsOn`, services named in their own settings), in start order.
 */
export function servicesFor(
  config: ProjectConfig,
  environmentName: string | undefined,
  texts: readonly string[] = [],
): string[] {
  return selectServices(config, environmentName, texts);
}

/** One service of a run: how it runs and where its output goes. */
interface Started {
  spec: ServiceSpec;
  state: ServiceState;
  address?: ServiceAddress;
  output?: ServiceOutput;
  process?: ServiceProcess;
  mock?: { close(): Promise<void> };
}

/** Every process group still running in this Node process, killed if it exits without stopping them. */
const live = new Set<ServiceProcess>();
const killAll = (): void => {
  for (const child of live) child.kill();
};

function track(child: ServiceProcess, running: boolean): void {
  if (running) live.add(child);
  else live.delete(child);
  if (live.size > 0 && !process.listeners('exit').includes(killAll)) process.on('exit', killAll);
  if (live.size === 0) process.off('exit', killAll);
}

/** Starts `names` (and what they wait for) in dependency order and waits for each to be ready. */
export async function startServices(
  config: ProjectConfig,
  names: string[],
  options: StartServicesOptions = {},
): Promise<RunningServices> {
  const specs = new Map((config.services ?? []).map((spec) => [spec.name, spec]));
  const logDir = options.logDir ?? join(dirname(config.path), '.bluebook', 'logs');
  const processEnv = options.processEnv ?? process.env;
  const redactor = new Redactor(options.secrets ?? []);
  const started: Started[] = [];
  const variables: Record<string, ServiceAddress> = {};

  const setState = (entry: Started, change: Partial<ServiceState>): void => {
    entry.state = { ...entry.state, ...change };
    options.onState?.(entry.state);
  };

  const startOne = async (entry: Started): Promise<void> => {
    const { spec } = entry;
    const begun = performance.now();
    setState(entry, { status: 'starting' });
    const fail = (why: string, tail: string[]): ServiceStartError => {
      const reason = redactor.text(why);
      setState(entry, { status: 'failed', message: reason });
      return new ServiceStartError(spec.name, reason, tail);
    };
    if (spec.mock !== undefined) {
      const start = options.startMock ?? (await import('../mock/index.js')).startMock;
      try {
        const mock = await start(spec.mock, spec.port !== undefined ? { port: spec.port } : {});
        entry.mock = mock;
        entry.address = { url: mock.url, port: mock.port, host: HOST };
      } catch (error) {
        const problems = (error as Partial<MockLoadError>).errors ?? [];
        throw fail(
          problems.length > 0
            ? `could not serve its mock: ${spec.mock} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}`
            : `could not serve its mock: ${(error as Error).message}`,
          problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`),
        );
      }
    } else {
      if (!existsSync(spec.cwd)) throw fail(`cannot start: its \`cwd\` ${spec.cwd} does not exist`, []);
      const command = { ...spec, command: spec.command ?? '' };
      const port = spec.port ?? (await freePort());
      let settings;
      try {
        settings = resolveCommand(command, port, variables, processEnv);
      } catch (error) {
        throw fail((error as Error).message, []);
      }
      for (const name of config.secrets) if (Object.hasOwn(spec.env, name)) redactor.add(settings.env[name]);
      const readyUrl = settings.ready && 'url' in settings.ready ? settings.ready.url : undefined;
      entry.address = addressOf(spec, port, readyUrl);
      if (spec.reuseExisting && readyUrl && (await answers(readyUrl))) {
        variables[spec.name] = entry.address;
        setState(entry, { status: 'reused', url: entry.address.url, port: entry.address.port, readyMs: 0 });
        return;
      }
      if (spec.port !== undefined && (await portInUse(spec.port)))
        throw fail(
          `cannot start: port ${spec.port} is already in use by another process; stop it, remove \`port\` to get a free one${readyUrl ? ', or set `reuseExisting: true` to use the running one' : ''}`,
          [],
        );
      const logFile = join(logDir, `${spec.name}.log`);
      let output: ServiceOutput;
      try {
        output = new ServiceOutput(spec.name, logFile, redactor, options.onOutput);
      } catch (error) {
        throw fail(`cannot start: cannot write its log ${logFile}: ${(error as Error).message}`, []);
      }
      entry.output = output;
      const child = new ServiceProcess(settings, output, (description) => {
        track(child, false);
        if (entry.state.status !== 'ready') return;
        output.note(`the service ${description}`);
        setState(entry, { status: 'failed', message: description });
      });
      entry.process = child;
      track(child, true);
      setState(entry, { pid: child.pid, logFile: output.logFile });
      try {
        await child.ready(options.signal);
      } catch (error) {
        throw fail((error as Error).message, output.tail(TAIL_LINES));
      }
    }
    variables[spec.name] = entry.address;
    setState(entry, {
      status: 'ready',
      url: entry.address.url,
      port: entry.address.port,
      readyMs: performance.now() - begun,
    });
  };

  const stopOne = async (entry: Started): Promise<void> => {
    if (entry.state.status === 'reused' || entry.state.status === 'stopped') return;
    setState(entry, { status: 'stopping' });
    if (entry.process) {
      const { process: child } = entry;
      await child.stop((command) => runStopCommand(command, entry.spec.cwd, processEnv));
      track(child, false);
    }
    await entry.mock?.close().catch(() => undefined);
    entry.output?.close();
    setState(entry, { status: 'stopped' });
  };

  const stopAll = async (): Promise<void> => {
    for (const entry of [...started].reverse()) await stopOne(entry);
  };

  for (const name of startOrder([...specs.values()], names)) {
    const spec = specs.get(name) as ServiceSpec;
    const entry: Started = { spec, state: { name, status: 'starting' } };
    started.push(entry);
    try {
      if (options.signal?.aborted) throw new ServiceStartError(name, 'was interrupted while starting', []);
      await startOne(entry);
    } catch (error) {
      await stopAll();
      throw error;
    }
  }

  return {
    states: () => started.map((entry) => entry.state),
    variables: () => ({ ...variables }),
    tails: (lines = TAIL_LINES): ServiceLogTail[] =>
      started.flatMap((entry) =>
        entry.output ? [{ name: entry.spec.name, lines: entry.output.tail(lines) }] : [],
      ),
    restart: async (name) => {
      const entry = started.find((item) => item.spec.name === name);
      if (!entry) throw new Error(`service \`${name}\` is not running in this session`);
      await stopOne(entry);
      await startOne(entry);
    },
    stop: stopAll,
  };
}

function runStopCommand(
  command: string,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd, env, stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}
