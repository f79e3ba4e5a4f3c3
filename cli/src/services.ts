/**
 * `services:` around a CLI run (SPEC §10): each config's services that the selected environment
 * (or the suites) refer to start before its `setup`, one line each when ready; the run gets
 * `services` in its environment; they stop when the run ends, however it ends. Loaded only when
 * a config of the run declares services.
 */
import { dirname, join } from 'node:path';
import {
  secretValues,
  servicesFor,
  startServices,
  ServiceStartError,
  type RunningServices,
  type ServiceLogTail,
  type ServiceState,
} from '../../core/src/services/index.js';
import type { RunContext, SuiteDocument } from '../../core/src/index.js';
import { displayPath } from './discover.js';
import { ExitCode, type Io } from './io.js';
import { plural } from './problems.js';

export interface RunServices {
  /** The last lines of every started service's output. */
  tails(): ServiceLogTail[];
  /** Stops every service (reverse order); never rejects. */
  stop(): Promise<void>;
}

/**
 * Starts the services the run needs and gives each suite's context the `services` variable
 * (`projects` is updated in place). Returns an exit code when one cannot start (2) or the run
 * was interrupted while starting (130); whatever had started is stopped then.
 */
export async function startRunServices(
  files: readonly string[],
  projects: Map<string, RunContext>,
  docs: ReadonlyMap<string, SuiteDocument>,
  io: Io,
  signal: AbortSignal,
): Promise<RunServices | number> {
  const running: RunningServices[] = [];
  const stop = async (): Promise<void> => {
    for (const services of [...running].reverse()) await services.stop();
  };
  const started = new Map<string, Record<string, unknown>>();
  for (const file of files) {
    const context = projects.get(file) as RunContext;
    const config = context.config.project;
    if (!config?.services?.length) continue;
    if (!started.has(config.path)) {
      const suiteTexts = files
        .filter((other) => projects.get(other)?.config.project === config)
        .map((other) => docs.get(other)?.text ?? '');
      const names = servicesFor(config, context.environmentName, suiteTexts);
      let services: RunningServices;
      try {
        services = await startServices(config, names, {
          signal,
          processEnv: context.env,
          secrets: secretValues(context.environment, context.env, context.secretNames),
          onState: (state) => announce(state, io),
        });
      } catch (error) {
        await stop();
        if (!(error instanceof ServiceStartError)) throw error;
        if (signal.aborted) return ExitCode.Interrupted;
        io.error(error.message);
        const log = displayPath(
          join(dirname(config.path), '.bluebook', 'logs', `${error.service}.log`),
          io.cwd,
        );
        const isMock = config.services.some((spec) => spec.name === error.service && spec.mock !== undefined);
        if (error.tail.length > 0)
          io.errorLines([
            io.stderrStyle.dim(
              isMock ? 'in its mock file:' : `last ${plural(error.tail.length, 'line')} of ${log}:`,
            ),
            ...error.tail.map((line) => `  ${io.stderrStyle.dim('│')} ${line}`),
          ]);
        return ExitCode.Invalid;
      }
      running.push(services);
      started.set(config.path, services.variables());
    }
    projects.set(file, {
      ...context,
      environment: { ...context.environment, services: started.get(config.path) },
    });
  }
  return {
    tails: () => running.flatMap((services) => services.tails()),
    stop,
  };
}

/** `▸ api ready on http://127.0.0.1:PORT (1.2 s)` on standard error, once per service. */
function announce(state: ServiceState, io: Io): void {
  const style = io.stderrStyle;
  if (state.status === 'ready')
    io.errorLines([
      `${style.dim('▸')} ${style.bold(state.name)} ready on ${state.url} ${style.dim(`(${seconds(state.readyMs ?? 0)})`)}`,
    ]);
  else if (state.status === 'reused')
    io.errorLines([`${style.dim('▸')} ${style.bold(state.name)} already running on ${state.url} (reused)`]);
  else if (
    state.status === 'failed' &&
    state.message &&
    state.pid !== undefined &&
    state.readyMs !== undefined
  )
    io.error(`service \`${state.name}\` ${state.message} during the run`);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The values of the config's secret variables that are known before the run (for the logs). */
