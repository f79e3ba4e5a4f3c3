/**
 * Command-line parsing. Options are declared once in `OPTIONS` (a registry): the parser, the
 * "did you mean" suggestions and `--help` all read it, so they never disagree.
 */
// Direct imports keep `--help`/argument errors from loading the engine (see core.ts).
import { closest, editDistance } from '../../core/src/suggest.js';
import { parseDuration } from '../../core/src/duration.js';
import { compileRegex, type UserRegex } from '../../core/src/regex.js';
import { REPORTER_NAMES, type ReporterName } from './reporters/names.js';

import { COMMANDS, type Command } from './commands.js';

export { COMMANDS, type Command };

/** A bad command line: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

export interface ReporterSpec {
  name: ReporterName;
  /** Absent: standard output. */
  file?: string;
}

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export interface CliArgs {
  command: Command | 'help' | 'version';
  /** The command `--help` was asked about, if any. */
  helpFor?: Command;
  paths: string[];
  env?: string;
  vars: Record<string, string>;
  grep?: UserRegex;
  tags: string[];
  excludeTags: string[];
  reporters: ReporterSpec[];
  jobs: number;
  shard?: Shard;
  bail: boolean;
  /** `-u` / `--update-snapshots`: rewrite the snapshots of the tests that run. */
  updateSnapshots?: boolean;
  /** `--ci`: a missing snapshot fails instead of being recorded (also `CI=true`). */
  ci?: boolean;
  /** `--no-services`: do not start the config's `services`. */
  noServices?: boolean;
  timeoutMs?: number;
  noColor: boolean;
  verbose: boolean;
  /** `bluebook mock --port N`. */
  port?: number;
  /** `bluebook mock --record --target URL --out FILE`: a recording proxy instead of mock files. */
  record?: boolean;
  target?: string;
  out?: string;
  /** `bluebook import --force`: overwrite existing suite files. */
  force?: boolean;
}

interface OptionSpec {
  long: string;
  short?: string;
  /** Placeholder of the value; absent for a flag. */
  value?: string;
  description: string;
  commands: readonly Command[];
  apply(args: CliArgs, value: string): void;
}

const BOTH: readonly Command[] = ['run', 'validate'];
/** Options every command takes. */
const ALL: readonly Command[] = COMMANDS;

/** Every option, in `--help` order. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    long: 'env',
    short: 'e',
    value: 'NAME',
    description: 'environment from bluebook.config.yaml (default: its defaultEnvironment)',
    commands: ['run'],
    apply: (args, value) => (args.env = value),
  },
  {
    long: 'var',
    value: 'NAME=VALUE',
    description: 'set a variable, highest precedence; repeatable (validate: declares NAME as defined)',
    commands: BOTH,
    apply: (args, value) => {
      const match = /^([A-Za-z_][\w-]*)=([\s\S]*)$/.exec(value);
      // Never echo the argument: without `=` the whole thing may be a pasted secret.
      if (!match) {
        const got = value.includes('=')
          ? ` (got the name "${value.slice(0, value.indexOf('='))}")`
          : ' (got no "=")';
        throw new UsageError(`--var expects NAME=VALUE with NAME a variable name${got}`);
      }
      args.vars[match[1]] = match[2];
    },
  },
  {
    long: 'grep',
    short: 'g',
    value: 'PATTERN',
    description: 'only tests whose name or id matches (a case-insensitive regular expression, RE2 syntax)',
    commands: ['run'],
    apply: (args, value) => {
      try {
        args.grep = compileRegex(value, 'i');
      } catch (error) {
        throw new UsageError(`--grep: ${(error as Error).message}`);
      }
    },
  },
  {
    long: 'tag',
    short: 't',
    value: 'TAG',
    description: 'only tests with this tag; repeatable (any of them)',
    commands: ['run'],
    apply: (args, value) => args.tags.push(value),
  },
  {
    long: 'exclude-tag',
    value: 'TAG',
    description: 'leave out tests with this tag (not run, not reported); repeatable; wins over --tag',
    commands: ['run'],
    apply: (args, value) => args.excludeTags.push(value),
  },
  {
    long: 'reporter',
    short: 'r',
    value: 'NAME[:FILE]',
    description: `${REPORTER_NAMES.join(', ')}; repeatable; FILE writes the report there`,
    commands: BOTH,
    apply: (args, value) => args.reporters.push(parseReporter(value)),
  },
  {
    long: 'jobs',
    short: 'j',
    value: 'N',
    description: 'suite files run in parallel (default 1)',
    commands: ['run'],
    apply: (args, value) => {
      if (!/^\d+$/.test(value) || Number(value) < 1)
        throw new UsageError(`--jobs expects a positive integer, got "${value}"`);
      args.jobs = Number(value);
    },
  },
  {
    long: 'shard',
    value: 'I/N',
    description: 'run the I-th of N deterministic slices of the suite files (CI machines)',
    commands: ['run'],
    apply: (args, value) => (args.shard = parseShard(value)),
  },
  {
    long: 'bail',
    description: 'stop starting tests and files after the first failure',
    commands: ['run'],
    apply: (args) => (args.bail = true),
  },
  {
    long: 'update-snapshots',
    short: 'u',
    description: 'rewrite the snapshots (`expect.snapshot`) of the tests that run',
    commands: ['run'],
    apply: (args) => (args.updateSnapshots = true),
  },
  {
    long: 'ci',
    description: 'a missing snapshot fails instead of being recorded (also when CI=true)',
    commands: ['run'],
    apply: (args) => (args.ci = true),
  },
  {
    long: 'no-services',
    description: "do not start bluebook.config.yaml's services (the system is already running)",
    commands: ['run'],
    apply: (args) => (args.noServices = true),
  },
  {
    long: 'timeout',
    value: 'DURATION',
    description: 'default request timeout, e.g. 500ms, 10s (default 30s)',
    commands: ['run'],
    apply: (args, value) => {
      const ms = parseDuration(/^\d+(\.\d+)?$/.test(value) ? Number(value) : value);
      if (ms === undefined || ms <= 0)
        throw new UsageError(`--timeout expects a duration such as 500ms or 10s, got "${value}"`);
      args.timeoutMs = ms;
    },
  },
  {
    long: 'verbose',
    description: "a failed step's response in full: every header and the whole body",
    commands: ['run'],
    apply: (args) => (args.verbose = true),
  },
  {
    long: 'port',
    short: 'p',
    value: 'N',
    description: "port of the mock (one file only; default: the file's `port`, else a free port)",
    commands: ['mock'],
    apply: (args, value) => {
      if (!/^\d+$/.test(value) || Number(value) > 65535)
        throw new UsageError(`--port expects a port number from 0 to 65535, got "${value}"`);
      args.port = Number(value);
    },
  },
  {
    long: 'record',
    description: 'proxy to --target and write what it saw as routes to --out (secrets redacted)',
    commands: ['mock'],
    apply: (args) => (args.record = true),
  },
  {
    long: 'target',
    value: 'URL',
    description: 'with --record: the service to proxy to, e.g. http://localhost:8080',
    commands: ['mock'],
    apply: (args, value) => {
      // Never echo the argument: it may hold a password (`http://user:secret@host`).
      if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value))
        throw new UsageError(
          '--target expects an http:// or https:// URL, for example http://localhost:8080',
        );
      args.target = value;
    },
  },
  {
    long: 'out',
    value: 'FILE',
    description: 'with --record: the *.mock.yaml file to write (rewritten after each request)',
    commands: ['mock'],
    apply: (args, value) => (args.out = value),
  },
  {
    long: 'out',
    value: 'DIR',
    description: 'the folder the imported suites are written to (default: the current folder)',
    commands: ['import'],
    apply: (args, value) => (args.out = value),
  },
  {
    long: 'force',
    description: 'overwrite suite files that already exist',
    commands: ['import'],
    apply: (args) => (args.force = true),
  },
  {
    long: 'no-color',
    description: 'no colours (also: NO_COLOR=1); FORCE_COLOR=1 forces them',
    commands: ALL,
    apply: (args) => (args.noColor = true),
  },
  {
    long: 'help',
    short: 'h',
    description: 'show this help',
    commands: ALL,
    apply: (args) => {
      if ((COMMANDS as readonly string[]).includes(args.command)) args.helpFor = args.command as Command;
      args.command = 'help';
    },
  },
  {
    long: 'version',
    short: 'v',
    description: 'print the version',
    commands: ALL,
    apply: (args) => (args.command = 'version'),
  },
];

export function parseReporter(value: string): ReporterSpec {
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  const file = colon === -1 ? undefined : value.slice(colon + 1);
  if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
    const suggestion = closest(name, REPORTER_NAMES);
    throw new UsageError(
      `unknown reporter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (reporters: ${REPORTER_NAMES.join(', ')})`,
    );
  }
  if (file === '') throw new UsageError(`--reporter ${name}: expected a file after ":"`);
  return { name: name as ReporterName, ...(file !== undefined ? { file } : {}) };
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard expects I/N with 1 ≤ I ≤ N, for example 2/4; got "${value}"`);
  }
  return { index, total };
}

/** Parses `argv` (without `node` and the script). Throws `UsageError` on a bad command line. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: 'help',
    paths: [],
    vars: {},
    tags: [],
    excludeTags: [],
    reporters: [],
    jobs: 1,
    bail: false,
    noColor: false,
    verbose: false,
  };
  let command: Command | undefined;
  let onlyPaths = false;
  const pending: string[] = [...argv];
  while (pending.length > 0) {
    const token = pending.shift() as string;
    if (onlyPaths || token === '-' || !token.startsWith('-')) {
      if (command === undefined && args.command === 'help' && args.helpFor === undefined) {
        if (!(COMMANDS as readonly string[]).includes(token)) {
          // Commands are few and short: a transposition (`rnu`) is still an obvious typo.
          const suggestion = COMMANDS.find(
            (name) => editDistance(token, name) <= 2 || name.startsWith(token),
          );
          throw new UsageError(
            `unknown command "${token}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          );
        }
        command = token as Command;
        args.command = token as Command;
      } else args.paths.push(token);
      continue;
    }
    if (token === '--') {
      onlyPaths = true;
      continue;
    }
    const { spec, inlineValue, shown } = findOption(token, command);
    let value = inlineValue;
    if (spec.value === undefined) {
      if (value !== undefined) throw new UsageError(`${shown} takes no value`);
    } else if (value === undefined) {
      if (pending.length === 0) throw new UsageError(`${shown} expects ${spec.value}`);
      value = pending.shift() as string;
    }
    spec.apply(args, value ?? '');
  }
  if (command === undefined && args.command !== 'version') args.command = 'help';
  return args;
}

function findOption(
  token: string,
  command: Command | undefined,
): { spec: OptionSpec; inlineValue?: string; shown: string } {
  let name: string;
  let inlineValue: string | undefined;
  let spec: OptionSpec | undefined;
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    inlineValue = eq === -1 ? undefined : token.slice(eq + 1);
    spec =
      OPTIONS.find(
        (option) => option.long === name && command !== undefined && option.commands.includes(command),
      ) ?? OPTIONS.find((option) => option.long === name);
  } else {
    // `-j4` and `-j 4` both work.
    name = token.slice(1, 2);
    inlineValue = token.length > 2 ? token.slice(2) : undefined;
    spec = OPTIONS.find((option) => option.short === name);
  }
  const shown = token.startsWith('--') ? `--${name}` : `-${name}`;
  const available = OPTIONS.filter((option) => command === undefined || option.commands.includes(command));
  if (!spec || (command !== undefined && !spec.commands.includes(command))) {
    const suggestion = closest(
      name,
      available.flatMap((option) => [option.long]),
    );
    const where = command ? ` for "bluebook ${command}"` : '';
    throw new UsageError(
      `unknown option ${shown}${where}${suggestion ? `; did you mean --${suggestion}?` : ''}`,
    );
  }
  return { spec, inlineValue, shown };
}
