/**
 * The `bluebook` executable: parses the command line, runs a command, exits with its code.
 * Commands are loaded on demand so `--help`, `validate` and `run` each load only what they use
 * (start-up time matters in CI loops: see bench/cli-startup.bench.mjs).
 */
import { parseArgs, UsageError } from './args.js';
import { VALIDATE_WORKER_FLAG } from './commands.js';
import { ExitCode, type Io } from './io.js';
import { colorEnabled, createStyle } from './terminal.js';

// esbuild inlines just this field of the manifest into the bundle.
import { version as VERSION } from '../../package.json';

function processIo(noColor: boolean): Io {
  const stderrStyle = createStyle(
    colorEnabled({ isTTY: process.stderr.isTTY === true, env: process.env, noColorFlag: noColor }),
  );
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    version: VERSION,
    stderrStyle,
    error: (message) => void process.stderr.write(`${stderrStyle.red('bluebook:')} ${message}\n`),
    info: (message) => void process.stderr.write(`bluebook: ${message}\n`),
    errorLines: (lines) => void process.stderr.write(`${lines.join('\n')}\n`),
    onInterrupt(handler) {
      const listener = (): void => {
        if (handler()) process.exit(ExitCode.Interrupted);
      };
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bluebook: ${error.message}\nRun \`bluebook --help\` for usage.\n`);
    return ExitCode.Invalid;
  }
  const io = processIo(args.noColor);
  try {
    switch (args.command) {
      case 'version':
        process.stdout.write(`${VERSION}\n`);
        return ExitCode.Passed;
      case 'help': {
        const { helpText } = await import('./help.js');
        process.stdout.write(helpText(args.helpFor));
        // `bluebook` alone is a usage error; `bluebook --help` is not.
        return argv.length === 0 ? ExitCode.Invalid : ExitCode.Passed;
      }
      case 'validate': {
        const { validateCommand } = await import('./validate.js');
        return await validateCommand(args, io);
      }
      case 'run': {
        const { runCommand } = await import('./run.js');
        return await runCommand(args, io);
      }
      case 'mock': {
        if (args.record) {
          const { recordCommand } = await import('./record.js');
          return await recordCommand(args, io);
        }
        const { mockCommand } = await import('./mock.js');
        return await mockCommand(args, io);
      }
      case 'import': {
        const { importCommand } = await import('./import.js');
        return await importCommand(args, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`${error.message}\nRun \`bluebook --help\` for usage.`);
      return ExitCode.Invalid;
    }
    throw error;
  }
}

// A worker thread of `validate` runs this bundle too (validateParallel.ts): it validates its share.
// The flag is checked first so that commands never load node:worker_threads (~4 ms of start-up).
if (process.argv.includes(VALIDATE_WORKER_FLAG)) {
  void import('./validateParallel.js').then(({ workerMain }) => workerMain());
} else
  main(process.argv.slice(2)).then(
    (code) => {
      // Exit explicitly (keep-alive sockets must not hold the process), after output is flushed.
      process.stdout.write('', () => process.exit(code));
    },
    (error: unknown) => {
      process.stderr.write(
        `bluebook: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(ExitCode.Failed);
    },
  );
