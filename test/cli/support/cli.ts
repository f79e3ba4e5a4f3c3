/**
 * Runs the BUILT CLI (`dist/cli.js`) as a child process, as users and CI do. The bundle is
 * rebuilt first when any CLI or core source is newer than it (the same esbuild options as
 * scripts/build.mjs, CLI bundles only, so another adapter's half-written file cannot block us).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_FILES, QUICKJS_WASM } from '../../../scripts/cli-bundle.cjs';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let copy: string | undefined;

/**
 * Builds the CLI bundles when stale and returns a private copy of `cli.js` (with `cli-main.js`
 * beside it): a concurrent `npm run build` (which empties dist/) must not pull the bundle from
 * under a running test.
 */
export function ensureBuilt(): string {
  if (copy) return copy;
  let bundleTime = 0;
  try {
    bundleTime = Math.min(...CLI_FILES.map((file: string) => statSync(join(ROOT, 'dist', file)).mtimeMs));
  } catch {
    // not built yet
  }
  const sources = Math.max(newestSource(join(ROOT, 'cli', 'src')), newestSource(join(ROOT, 'core', 'src')));
  if (bundleTime < sources) {
    // esbuild plugins (the vendor split) run only in its async API: build in a child process.
    const built = spawnSync(
      process.execPath,
      [
        '-e',
        "const { cliBuilds } = require('./scripts/cli-bundle.cjs'); Promise.all(cliBuilds().map((options) => require('esbuild').build(options))).catch(() => process.exit(1));",
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (built.status !== 0) throw new Error('building the CLI bundles failed');
    copyFileSync(require.resolve(QUICKJS_WASM), join(ROOT, 'dist', 'quickjs.wasm'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-cli-bundle-'));
  for (const file of CLI_FILES) copyFileSync(join(ROOT, 'dist', file), join(dir, file));
  copy = join(dir, 'cli.js');
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return copy;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Starts the CLI; `done` resolves when it exits. Colour variables are cleared unless given. */
export function startCli(
  args: string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const cli = ensureBuilt();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Output with the run-to-run noise replaced: durations, ports, timestamps. */
export function normalize(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, 'N ms')
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/time="[\d.]+"/g, 'time="0"')
    .replace(/"version": "[^"]*"/g, '"version": "X"');
}
